package migrate.runtime;

/**
 * An alphanumeric-edited item: PIC X, A or 9 positions with the insertion characters
 * B (space), 0 and /, such as PIC XXBXX or PIC 99/99/99.
 */
public final class AlphaEditedField extends Area {
    private final String symbols;

    /**
     * Creates an alphanumeric-edited item with {@code picture} at {@code offset} inside {@code
     * base}.
     */
    public AlphaEditedField(Area base, int offset, String picture) {
        this(base.buf, base.off + offset, EditedPicture.expand(picture), new int[0]);
    }

    private AlphaEditedField(byte[] buf, int offset, String symbols, int[] strides) {
        super(buf, offset, symbols.length(), strides);
        this.symbols = symbols;
    }

    /** Returns a view of this item repeated every {@code strides[k]} bytes (OCCURS). */
    @Override
    public AlphaEditedField occurs(int... strides) {
        return new AlphaEditedField(buf, off, symbols, strides.clone());
    }

    /** Returns the occurrence at the 1-based subscripts, outermost first. */
    @Override
    public AlphaEditedField at(int... subscripts) {
        return new AlphaEditedField(buf, offsetAt(subscripts), symbols, new int[0]);
    }

    /** Returns {@link Category#ALPHANUMERIC_EDITED}. */
    @Override
    public Category category() {
        return Category.ALPHANUMERIC_EDITED;
    }

    /** Moves {@code src} here: each X, A or 9 position takes the next byte, or a space. */
    public void setAlphanumeric(byte[] src) {
        int from = 0;
        for (int i = 0; i < len; i++) {
            char symbol = symbols.charAt(i);
            byte out;
            if (symbol == 'B') {
                out = ' ';
            } else if (symbol == '0' || symbol == '/') {
                out = (byte) symbol;
            } else {
                out = from < src.length ? src[from++] : (byte) ' ';
            }
            buf[off + i] = out;
        }
    }

    /** Sets the item to its INITIALIZE value, spaces. */
    public void initialize() {
        fill((byte) ' ');
    }
}
