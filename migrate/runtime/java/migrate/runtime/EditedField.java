package migrate.runtime;

import java.math.BigDecimal;

/**
 * A numeric-edited item, such as PIC ZZ,ZZ9.99- or PIC $$$,$$9.99CR.
 *
 * <p>The PICTURE may be written with repetition counts ("Z(4)9.99") or spelled out. A MOVE
 * or an arithmetic statement stores a value, which the picture formats into the bytes. A
 * MOVE from the item de-edits it back to a number.
 */
public final class EditedField extends Area implements NumericReceiver {
    private final EditedPicture picture;
    private final boolean blankWhenZero;

    /** Creates a numeric-edited item with {@code picture} at {@code offset} inside {@code base}. */
    public EditedField(Area base, int offset, String picture) {
        this(base.buf, base.off + offset, EditedPicture.parse(picture), false, new int[0]);
    }

    private EditedField(byte[] buf, int offset, EditedPicture picture, boolean blankWhenZero,
            int[] strides) {
        super(buf, offset, picture.length(), strides);
        this.picture = picture;
        this.blankWhenZero = blankWhenZero;
    }

    /** Returns this item with the BLANK WHEN ZERO clause. */
    public EditedField blankWhenZero() {
        return new EditedField(buf, off, picture, true, strides());
    }

    /** Returns a view of this item repeated every {@code strides[k]} bytes (OCCURS). */
    @Override
    public EditedField occurs(int... strides) {
        return new EditedField(buf, off, picture, blankWhenZero, strides.clone());
    }

    /** Returns the occurrence at the 1-based subscripts, outermost first. */
    @Override
    public EditedField at(int... subscripts) {
        return new EditedField(buf, offsetAt(subscripts), picture, blankWhenZero, new int[0]);
    }

    /** Returns {@link Category#NUMERIC_EDITED}. */
    @Override
    public Category category() {
        return Category.NUMERIC_EDITED;
    }

    /** Returns the number of digit positions of the picture. */
    @Override
    public int digits() {
        return picture.digits();
    }

    /** Returns the number of digit positions after the decimal point. */
    @Override
    public int scale() {
        return picture.scale();
    }

    /** Returns whether the picture has a sign, CR or DB symbol. */
    @Override
    public boolean signed() {
        return picture.signed();
    }

    /** Formats {@code value}, truncated to the picture, into the item's bytes. */
    @Override
    public void set(BigDecimal value) {
        byte[] out = picture.format(value, blankWhenZero);
        System.arraycopy(out, 0, buf, off, len);
    }

    /** Edits the raw digit bytes of a DISPLAY item, {@code integerCount} before the point. */
    void setDigits(byte[] digits, int integerCount, boolean negative) {
        byte[] out = picture.format(digits, integerCount, negative, blankWhenZero);
        System.arraycopy(out, 0, buf, off, len);
    }

    /** De-edits the item's bytes back to a number, as a MOVE from this item does. */
    public BigDecimal get() {
        return picture.deEdit(text());
    }

    /** Sets the item to its INITIALIZE value, zero formatted by the picture. */
    public void initialize() {
        set(BigDecimal.ZERO);
    }
}
