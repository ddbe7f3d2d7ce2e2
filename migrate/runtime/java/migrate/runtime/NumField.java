package migrate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An elementary numeric item: PIC [S]9(n)[V9(m)] in USAGE DISPLAY, BINARY (COMP, COMP-4),
 * COMP-5 or PACKED-DECIMAL (COMP-3), encoded in its bytes as GnuCOBOL 3.1.2 encodes it.
 *
 * <p>{@code digits} counts every 9 of the PICTURE and {@code scale} the 9s after V, so
 * PIC S9(5)V99 is digits 7, scale 2. Binary sizes follow GnuCOBOL's default
 * {@code binary-size: 1-2-4-8}: 1-2 digits take 1 byte, 3-4 take 2, 5-9 take 4, 10-18 take 8.
 */
public final class NumField extends Area implements NumericReceiver {
    private final int digits;
    private final int scale;
    private final boolean signed;
    private final Usage usage;
    private final SignPosition sign;

    /**
     * Creates a numeric item at {@code offset} inside {@code base}; the length follows from the
     * PICTURE.
     */
    public NumField(Area base, int offset, int digits, int scale, boolean signed, Usage usage,
            SignPosition sign) {
        this(base.buf, base.off + offset, digits, scale, signed, usage, sign, new int[0]);
    }

    private NumField(byte[] buf, int offset, int digits, int scale, boolean signed, Usage usage,
            SignPosition sign, int[] strides) {
        super(buf, offset, byteLength(digits, signed, usage, sign), strides);
        this.digits = digits;
        this.scale = scale;
        this.signed = signed;
        this.usage = usage;
        this.sign = sign;
    }

    /** Creates a USAGE DISPLAY item, sign trailing embedded when {@code signed}. */
    public static NumField display(Area base, int offset, int digits, int scale, boolean signed) {
        return new NumField(base, offset, digits, scale, signed, Usage.DISPLAY,
                SignPosition.TRAILING);
    }

    /** Creates a signed USAGE DISPLAY item with a SIGN clause. */
    public static NumField display(Area base, int offset, int digits, int scale,
            SignPosition sign) {
        return new NumField(base, offset, digits, scale, true, Usage.DISPLAY, sign);
    }

    /** Creates a COMP, COMP-4 or BINARY item. */
    public static NumField binary(Area base, int offset, int digits, int scale, boolean signed) {
        return new NumField(base, offset, digits, scale, signed, Usage.BINARY,
                SignPosition.TRAILING);
    }

    /** Creates a COMP-5 item. */
    public static NumField comp5(Area base, int offset, int digits, int scale, boolean signed) {
        return new NumField(base, offset, digits, scale, signed, Usage.COMP_5,
                SignPosition.TRAILING);
    }

    /** Creates a COMP-3 or PACKED-DECIMAL item. */
    public static NumField packed(Area base, int offset, int digits, int scale, boolean signed) {
        return new NumField(base, offset, digits, scale, signed, Usage.PACKED,
                SignPosition.TRAILING);
    }

    /** Returns the number of bytes an item with this PICTURE and USAGE takes. */
    public static int byteLength(int digits, boolean signed, Usage usage, SignPosition sign) {
        switch (usage) {
            case DISPLAY:
                boolean separate = signed && (sign == SignPosition.LEADING_SEPARATE
                        || sign == SignPosition.TRAILING_SEPARATE);
                return digits + (separate ? 1 : 0);
            case PACKED:
                return digits / 2 + 1;
            default:
                if (digits <= 2) {
                    return 1;
                }
                if (digits <= 4) {
                    return 2;
                }
                return digits <= 9 ? 4 : 8;
        }
    }

    /** Returns a view of this item repeated every {@code strides[k]} bytes (OCCURS). */
    @Override
    public NumField occurs(int... strides) {
        return new NumField(buf, off, digits, scale, signed, usage, sign, strides.clone());
    }

    /** Returns the occurrence at the 1-based subscripts, outermost first. */
    @Override
    public NumField at(int... subscripts) {
        return new NumField(buf, offsetAt(subscripts), digits, scale, signed, usage, sign,
                new int[0]);
    }

    /** Returns {@link Category#NUMERIC}. */
    @Override
    public Category category() {
        return Category.NUMERIC;
    }

    /** Returns the number of digit positions of the PICTURE. */
    @Override
    public int digits() {
        return digits;
    }

    /** Returns the number of digits after the implied decimal point. */
    @Override
    public int scale() {
        return scale;
    }

    /** Returns whether the PICTURE has an S. */
    @Override
    public boolean signed() {
        return signed;
    }

    /** Returns the USAGE of the item. */
    public Usage usage() {
        return usage;
    }

    /** Returns the SIGN position of a signed DISPLAY item. */
    public SignPosition signPosition() {
        return sign;
    }

    /** Decodes the value of the item. */
    public BigDecimal get() {
        long unscaled = LongCodec.decode(this);
        if (unscaled != LongCodec.NOT_LONG) {
            return BigDecimal.valueOf(unscaled, scale);
        }
        return new BigDecimal(NumCodec.decode(this), scale);
    }

    /** Decodes the value as an int, dropping decimals, for subscripts and counters. */
    public int intValue() {
        return (int) longValue();
    }

    /** Decodes the value as a long, dropping decimals. */
    public long longValue() {
        long unscaled = LongCodec.decode(this);
        if (unscaled != LongCodec.NOT_LONG && scale == 0) {
            return unscaled;
        }
        return get().longValue();
    }

    /** Stores {@code value} with MOVE rules: aligned on the point, truncated at both ends. */
    @Override
    public void set(BigDecimal value) {
        BigDecimal scaled = value.setScale(scale, RoundingMode.DOWN);
        if (scaled.precision() <= 18) {
            LongCodec.encode(this, scaled.scaleByPowerOfTen(scale).longValue());
        } else {
            NumCodec.encode(this, scaled.unscaledValue());
        }
    }

    /** Stores the integer {@code value} with MOVE rules. */
    public void set(long value) {
        boolean fits = value > -1_000_000_000_000_000_000L && value < 1_000_000_000_000_000_000L;
        if (scale == 0 && fits) {
            LongCodec.encode(this, value);
        } else {
            set(BigDecimal.valueOf(value));
        }
    }

    /** Tests the class condition NUMERIC: valid digits and sign for the USAGE. */
    public boolean isValid() {
        return NumCodec.isValid(this);
    }

    /** Sets the item to its INITIALIZE value, zero. */
    public void initialize() {
        LongCodec.encode(this, 0);
    }

    /** Returns the bytes DISPLAY writes for this item, as GnuCOBOL formats them. */
    @Override
    public byte[] displayBytes() {
        return NumCodec.displayBytes(this);
    }
}
