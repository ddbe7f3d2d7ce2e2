package migrate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Arithmetic as GnuCOBOL 3.1.2 computes it: exact sums and products, and quotients
 * truncated to 38 decimal places beyond the dividend's scale minus the divisor's (beyond
 * 0 when that difference is negative), as libcob's {@code cob_decimal_div} does. Results
 * are stored with truncation or ROUNDED (half away from zero) and the ON SIZE ERROR check.
 *
 * <p>A division by zero returns {@code null}, which every operation here passes on, and
 * {@link #store} treats as a size error that leaves the target unchanged, with or without
 * ON SIZE ERROR. So {@code COMPUTE X ROUNDED = A / B * C ON SIZE ERROR ...} becomes
 * <pre>{@code
 * BigDecimal value = Arith.multiply(Arith.divide(a.get(), b.get()), c.get());
 * if (Arith.store(x, value, true, true)) { ... }
 * }</pre>
 */
public final class Arith {
    private static final int DIVISION_DIGITS = 38;

    private Arith() {
    }

    /** Returns {@code a + b}, or null when either is null. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b);
    }

    /** Returns {@code a - b}, or null when either is null. */
    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b);
    }

    /** Returns {@code a * b}, or null when either is null. */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.multiply(b);
    }

    /** Returns {@code a / b} with GnuCOBOL's intermediate precision, or null when b is zero. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        if (a.signum() == 0) {
            return BigDecimal.ZERO;
        }
        int scale = a.scale() - b.scale();
        int shift = DIVISION_DIGITS + (scale < 0 ? -scale : 0);
        BigInteger dividend = a.unscaledValue().multiply(NumCodec.power(shift));
        // BigInteger.divide truncates toward zero, as mpz_tdiv_q does.
        return new BigDecimal(dividend.divide(b.unscaledValue()), scale + shift);
    }

    /**
     * Returns {@code a ** b}, or null when the result is undefined (a negative base with a
     * fractional exponent, or zero to a negative power). An integer exponent is exact (a
     * negative one divides 1 by the power, as {@link #divide} does), an exponent ending in
     * .5 uses an exact square root, and any other goes through {@code double}.
     */
    public static BigDecimal power(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        BigDecimal exponent = b.stripTrailingZeros();
        if (exponent.scale() <= 0 && exponent.abs().compareTo(BigDecimal.valueOf(9999)) <= 0) {
            int n = exponent.intValueExact();
            return n >= 0 ? a.pow(n) : divide(BigDecimal.ONE, a.pow(-n));
        }
        if (a.signum() < 0) {
            return null;
        }
        BigDecimal twice = exponent.multiply(BigDecimal.valueOf(2));
        if (twice.stripTrailingZeros().scale() <= 0 && exponent.signum() > 0
                && exponent.compareTo(BigDecimal.valueOf(9999)) <= 0) {
            int whole = exponent.intValue();
            BigDecimal root = a.sqrt(new MathContext(60, RoundingMode.HALF_EVEN));
            return a.pow(whole).multiply(root).round(new MathContext(40, RoundingMode.HALF_EVEN));
        }
        // NOTE: libcob computes other powers in multiple precision; a double agrees to
        // about 15 significant digits.
        double result = Math.pow(a.doubleValue(), b.doubleValue());
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            return null;
        }
        return new BigDecimal(Double.toString(result));
    }

    /** Returns {@code -a}, or null when a is null. */
    public static BigDecimal negate(BigDecimal a) {
        return a == null ? null : a.negate();
    }

    /** Returns the numeric value of a numeric or numeric-edited item. */
    public static BigDecimal value(Area item) {
        if (item instanceof NumField) {
            return ((NumField) item).get();
        }
        if (item instanceof EditedField) {
            return ((EditedField) item).get();
        }
        throw new IllegalArgumentException("not a numeric item: " + item.category());
    }

    /**
     * Stores an arithmetic result in {@code target} and returns whether a size error occurred.
     *
     * <p>With {@code onSizeError} (the statement has ON SIZE ERROR or NOT ON SIZE ERROR) a
     * result too large for the target leaves the target unchanged; without it the
     * high-order digits are truncated. A null result (division by zero) always leaves the
     * target unchanged.
     */
    public static boolean store(NumericReceiver target, BigDecimal value, boolean rounded,
            boolean onSizeError) {
        if (value == null) {
            return true;
        }
        RoundingMode mode = rounded ? RoundingMode.HALF_UP : RoundingMode.DOWN;
        BigDecimal scaled = value.setScale(target.scale(), mode);
        boolean overflow = overflows(target, scaled);
        if (overflow && onSizeError) {
            return true;
        }
        target.set(scaled);
        return overflow;
    }

    private static boolean overflows(NumericReceiver target, BigDecimal scaled) {
        if (target instanceof NumField && ((NumField) target).usage() == Usage.COMP_5) {
            NumField f = (NumField) target;
            int bits = f.len * 8 - (f.signed() ? 1 : 0);
            return scaled.unscaledValue().abs().bitLength() > bits;
        }
        // The precision of a nonzero value is the number of digits of its unscaled value.
        return scaled.signum() != 0 && scaled.precision() > target.digits();
    }

    /**
     * Runs {@code DIVIDE dividend BY divisor GIVING quotient [REMAINDER remainder]} (or
     * {@code DIVIDE divisor INTO dividend GIVING ...}) and returns whether a size error occurred.
     * Pass a null {@code remainder} when there is no REMAINDER phrase. The remainder is the
     * dividend minus the product of the divisor and the quotient truncated to the quotient
     * item's decimals, even when the quotient is ROUNDED.
     */
    public static boolean divide(BigDecimal dividend, BigDecimal divisor, NumericReceiver quotient,
            boolean rounded, NumericReceiver remainder, boolean onSizeError) {
        BigDecimal exact = divide(dividend, divisor);
        if (exact == null) {
            return true;
        }
        if (store(quotient, exact, rounded, onSizeError) && onSizeError) {
            return true;
        }
        if (remainder == null) {
            return false;
        }
        BigDecimal truncated = exact.setScale(quotient.scale(), RoundingMode.DOWN);
        BigDecimal rest = dividend.subtract(truncated.multiply(divisor));
        return store(remainder, rest, false, onSizeError);
    }
}
