package migrate.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of COBOL storage: {@code len} bytes of {@code buf} starting at {@code off}.
 *
 * <p>A plain {@code Area} is a group item (or a whole record or WORKING-STORAGE). The
 * elementary items {@link AlphaField}, {@link NumField} and {@link EditedField} extend it,
 * so every item can be passed BY REFERENCE, redefined, or moved as a group. An item in an
 * OCCURS table is declared once with the strides of its enclosing tables and positioned
 * with {@link #at(int...)}; bytes map to characters as ISO-8859-1.
 */
public class Area {
    /** The storage that this view shares with every other view of the same record. */
    public final byte[] buf;
    /** The offset of the first byte of this item in {@link #buf}. */
    public final int off;
    /** The length of this item in bytes. */
    public final int len;
    /** Bytes between consecutive occurrences, outermost table first; empty outside tables. */
    protected final int[] strides;

    /** Creates a view of {@code length} bytes of {@code buf} from {@code offset}. */
    public Area(byte[] buf, int offset, int length) {
        this(buf, offset, length, new int[0]);
    }

    /** Creates a view of {@code length} bytes at {@code offset} inside {@code base}. */
    public Area(Area base, int offset, int length) {
        this(base.buf, base.off + offset, length, new int[0]);
    }

    /** Creates a view with table strides, for the subclasses' {@code occurs} and {@code at}. */
    protected Area(byte[] buf, int offset, int length, int[] strides) {
        this.buf = buf;
        this.off = offset;
        this.len = length;
        this.strides = strides;
    }

    /** Allocates new storage of {@code length} bytes, filled with spaces. */
    public static Area allocate(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) ' ');
        return new Area(bytes, 0, length);
    }

    /**
     * Returns new storage holding the bytes of an alphanumeric literal (CALL ... BY CONTENT
     * 'ABC').
     */
    public static AlphaField literal(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return new AlphaField(bytes, 0, bytes.length);
    }

    /**
     * Returns new storage holding a numeric literal as GnuCOBOL passes it BY CONTENT: USAGE
     * DISPLAY with the literal's digits and decimals, signed only when negative.
     */
    public static NumField literal(BigDecimal value) {
        BigDecimal exact = value.scale() < 0 ? value.setScale(0) : value;
        int scale = exact.scale();
        int digits = Math.max(exact.precision(), scale);
        NumField field = new NumField(allocate(digits), 0, digits, scale, value.signum() < 0,
                Usage.DISPLAY, SignPosition.TRAILING);
        field.set(exact);
        return field;
    }

    /** Returns a view of this item repeated every {@code strides[k]} bytes (OCCURS). */
    public Area occurs(int... strides) {
        return new Area(buf, off, len, strides.clone());
    }

    /** Returns the occurrence at the 1-based subscripts, outermost first (OCCURS). */
    public Area at(int... subscripts) {
        return new Area(buf, offsetAt(subscripts), len);
    }

    /** Computes the offset of the occurrence at the 1-based {@code subscripts}. */
    protected final int offsetAt(int... subscripts) {
        if (subscripts.length != strides.length) {
            throw new IllegalArgumentException(
                    "expected " + strides.length + " subscripts, got " + subscripts.length);
        }
        int at = off;
        for (int k = 0; k < subscripts.length; k++) {
            at += (subscripts[k] - 1) * strides[k];
        }
        return at;
    }

    /** Returns the table strides of this item, outermost first. */
    protected final int[] strides() {
        return strides;
    }

    /** Returns a view of {@code length} bytes at 0-based {@code offset} inside this item. */
    public Area sub(int offset, int length) {
        return new Area(buf, off + offset, length);
    }

    /** Returns the reference modification {@code item(start:length)}, 1-based, as alphanumeric. */
    public AlphaField refMod(int start, int length) {
        return new AlphaField(buf, off + start - 1, length);
    }

    /** Returns the reference modification {@code item(start:)}, to the end of the item. */
    public AlphaField refMod(int start) {
        return new AlphaField(buf, off + start - 1, len - start + 1);
    }

    /** Returns the category of this item; a plain Area is a group. */
    public Category category() {
        return Category.GROUP;
    }

    /** Returns a copy of this item's bytes in new storage, for CALL ... BY CONTENT. */
    public Area copy() {
        return new Area(Arrays.copyOfRange(buf, off, off + len), 0, len);
    }

    /** Returns this item's bytes as a new array. */
    public byte[] bytes() {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    /** Returns this item's bytes as an ISO-8859-1 string. */
    public String text() {
        return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Fills every byte of this item with {@code value}. */
    public void fill(byte value) {
        Arrays.fill(buf, off, off + len, value);
    }

    /** Copies {@code src} into this item, left-justified and padded with spaces (group MOVE). */
    public void setBytes(byte[] src) {
        int n = Math.min(src.length, len);
        System.arraycopy(src, 0, buf, off, n);
        Arrays.fill(buf, off + n, off + len, (byte) ' ');
    }

    /** Returns the bytes DISPLAY writes for this item; a group shows its raw bytes. */
    public byte[] displayBytes() {
        return bytes();
    }

    /** Returns the item's text, for debugging. */
    @Override
    public String toString() {
        return text();
    }
}
