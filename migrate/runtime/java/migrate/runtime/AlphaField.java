package migrate.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An elementary alphanumeric (PIC X) or alphabetic (PIC A) item. */
public final class AlphaField extends Area {
    private final boolean justifiedRight;

    /** Creates a PIC X({@code length}) item at {@code offset} inside {@code base}. */
    public AlphaField(Area base, int offset, int length) {
        this(base.buf, base.off + offset, length, new int[0], false);
    }

    /** Creates a PIC X({@code length}) item over {@code buf} from {@code offset}. */
    public AlphaField(byte[] buf, int offset, int length) {
        this(buf, offset, length, new int[0], false);
    }

    private AlphaField(byte[] buf, int offset, int length, int[] strides, boolean right) {
        super(buf, offset, length, strides);
        this.justifiedRight = right;
    }

    /** Returns this item with the JUSTIFIED RIGHT clause. */
    public AlphaField justifiedRight() {
        return new AlphaField(buf, off, len, strides(), true);
    }

    /** Returns whether the item has the JUSTIFIED RIGHT clause. */
    public boolean isJustifiedRight() {
        return justifiedRight;
    }

    /** Returns a view of this item repeated every {@code strides[k]} bytes (OCCURS). */
    @Override
    public AlphaField occurs(int... strides) {
        return new AlphaField(buf, off, len, strides.clone(), justifiedRight);
    }

    /** Returns the occurrence at the 1-based subscripts, outermost first. */
    @Override
    public AlphaField at(int... subscripts) {
        return new AlphaField(buf, offsetAt(subscripts), len, new int[0], justifiedRight);
    }

    /** Returns {@link Category#ALPHANUMERIC}. */
    @Override
    public Category category() {
        return Category.ALPHANUMERIC;
    }

    /** Moves the ISO-8859-1 bytes of {@code value} here with alphanumeric MOVE rules. */
    public void set(String value) {
        setAlphanumeric(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Moves {@code src} here: left-justified (or right with JUSTIFIED), space padded. */
    public void setAlphanumeric(byte[] src) {
        int n = Math.min(src.length, len);
        if (justifiedRight) {
            int pad = len - n;
            Arrays.fill(buf, off, off + pad, (byte) ' ');
            System.arraycopy(src, src.length - n, buf, off + pad, n);
        } else {
            System.arraycopy(src, 0, buf, off, n);
            Arrays.fill(buf, off + n, off + len, (byte) ' ');
        }
    }

    /** Sets the item to its INITIALIZE value, spaces. */
    public void initialize() {
        fill((byte) ' ');
    }
}
