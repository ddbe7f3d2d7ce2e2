package migrate.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Intrinsic functions. Alphanumeric functions return {@link String}, numeric ones
 * {@link BigDecimal}, so their results go straight to {@link Move}, {@link Compare} and
 * {@link Arith}. Alphanumeric arguments are {@link Area} (its bytes) or {@link String}.
 *
 * <p>DISPLAY writes a BigDecimal as its plain digits, which is how GnuCOBOL 3.1.2 shows
 * LENGTH, DATE-OF-INTEGER and MAX or MIN of literals. It shows MOD, REM, INTEGER,
 * INTEGER-PART, ORD, INTEGER-OF-DATE and NUMVAL results padded to 9 digits; pass those
 * through {@link #displayText(BigDecimal)} first.
 */
public final class Functions {
    /** Day 0 of INTEGER-OF-DATE: day 1 is 1 January 1601. */
    private static final LocalDate EPOCH = LocalDate.of(1600, 12, 31);

    private Functions() {
    }

    private static String text(Object arg) {
        if (arg instanceof Area) {
            return ((Area) arg).text();
        }
        return String.valueOf(arg);
    }

    /** Returns FUNCTION CURRENT-DATE. */
    public static String currentDate() {
        return Clock.currentDate();
    }

    /** Returns FUNCTION UPPER-CASE(arg); only the letters a to z change. */
    public static String upperCase(Object arg) {
        char[] chars = text(arg).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] -= 32;
            }
        }
        return new String(chars);
    }

    /** Returns FUNCTION LOWER-CASE(arg); only the letters A to Z change. */
    public static String lowerCase(Object arg) {
        char[] chars = text(arg).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 32;
            }
        }
        return new String(chars);
    }

    /** Returns FUNCTION REVERSE(arg). */
    public static String reverse(Object arg) {
        return new StringBuilder(text(arg)).reverse().toString();
    }

    /** Returns FUNCTION TRIM(arg): leading and trailing spaces removed. */
    public static String trim(Object arg) {
        return trimTrailing(trimLeading(arg));
    }

    /** Returns FUNCTION TRIM(arg LEADING). */
    public static String trimLeading(Object arg) {
        String s = text(arg);
        int start = 0;
        while (start < s.length() && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start);
    }

    /** Returns FUNCTION TRIM(arg TRAILING). */
    public static String trimTrailing(Object arg) {
        String s = text(arg);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Returns FUNCTION CONCATENATE(args...): the texts joined. */
    public static String concatenate(Object... args) {
        StringBuilder out = new StringBuilder();
        for (Object arg : args) {
            out.append(text(arg));
        }
        return out.toString();
    }

    /** Returns FUNCTION LENGTH(arg): the length in bytes of an item or literal. */
    public static BigDecimal length(Object arg) {
        int n = arg instanceof Area ? ((Area) arg).len
                : text(arg).getBytes(StandardCharsets.ISO_8859_1).length;
        return BigDecimal.valueOf(n);
    }

    /**
     * Returns FUNCTION NUMVAL(arg): spaces, an optional leading or trailing + or -, digits
     * and one decimal point. A trailing CR or DB is accepted and, as in GnuCOBOL 3.1.2,
     * leaves the value positive. Any other text gives 0.
     */
    public static BigDecimal numval(Object arg) {
        return Numval.parse(text(arg), false);
    }

    /** Returns FUNCTION NUMVAL-C(arg): as NUMVAL, also skipping a $ and commas. */
    public static BigDecimal numvalC(Object arg) {
        return Numval.parse(text(arg), true);
    }

    /** Returns FUNCTION MOD(a, b): a - b * FUNCTION INTEGER(a / b), or null when b is 0. */
    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return null;
        }
        BigDecimal quotient = a.divide(b, 0, RoundingMode.FLOOR);
        return a.subtract(b.multiply(quotient));
    }

    /** Returns FUNCTION REM(a, b): a - b * FUNCTION INTEGER-PART(a / b), or null when b is 0. */
    public static BigDecimal rem(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return null;
        }
        BigDecimal quotient = a.divide(b, 0, RoundingMode.DOWN);
        return a.subtract(b.multiply(quotient));
    }

    /** Returns FUNCTION INTEGER(a): the greatest integer not above a. */
    public static BigDecimal integer(BigDecimal a) {
        return a.setScale(0, RoundingMode.FLOOR);
    }

    /** Returns FUNCTION INTEGER-PART(a): a truncated toward zero. */
    public static BigDecimal integerPart(BigDecimal a) {
        return a.setScale(0, RoundingMode.DOWN);
    }

    /** Returns FUNCTION ABS(a). */
    public static BigDecimal abs(BigDecimal a) {
        return a.abs();
    }

    /** Returns FUNCTION MAX(values...), the first of equal maxima. */
    public static BigDecimal max(BigDecimal... values) {
        BigDecimal best = values[0];
        for (BigDecimal v : values) {
            if (v.compareTo(best) > 0) {
                best = v;
            }
        }
        return best;
    }

    /** Returns FUNCTION MIN(values...), the first of equal minima. */
    public static BigDecimal min(BigDecimal... values) {
        BigDecimal best = values[0];
        for (BigDecimal v : values) {
            if (v.compareTo(best) < 0) {
                best = v;
            }
        }
        return best;
    }

    /** Returns FUNCTION SUM(values...). */
    public static BigDecimal sum(BigDecimal... values) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            total = total.add(v);
        }
        return total;
    }

    /** Returns FUNCTION SQRT(a) to 96 significant digits, or null for a negative a. */
    public static BigDecimal sqrt(BigDecimal a) {
        if (a.signum() < 0) {
            return null;
        }
        return a.sqrt(new MathContext(96, RoundingMode.DOWN));
    }

    /** Returns FUNCTION INTEGER-OF-DATE(yyyymmdd): days since 31 December 1600. */
    public static BigDecimal integerOfDate(BigDecimal yyyymmdd) {
        int v = yyyymmdd.intValue();
        LocalDate date = LocalDate.of(v / 10000, v / 100 % 100, v % 100);
        return BigDecimal.valueOf(date.toEpochDay() - EPOCH.toEpochDay());
    }

    /** Returns FUNCTION DATE-OF-INTEGER(days): YYYYMMDD. */
    public static BigDecimal dateOfInteger(BigDecimal days) {
        LocalDate date = EPOCH.plusDays(days.longValue());
        return BigDecimal.valueOf(date.getYear() * 10000L + date.getMonthValue() * 100
                + date.getDayOfMonth());
    }

    /** Returns FUNCTION INTEGER-OF-DAY(yyyyddd): days since 31 December 1600. */
    public static BigDecimal integerOfDay(BigDecimal yyyyddd) {
        int v = yyyyddd.intValue();
        LocalDate date = LocalDate.ofYearDay(v / 1000, v % 1000);
        return BigDecimal.valueOf(date.toEpochDay() - EPOCH.toEpochDay());
    }

    /** Returns FUNCTION DAY-OF-INTEGER(days): YYYYDDD. */
    public static BigDecimal dayOfInteger(BigDecimal days) {
        LocalDate date = EPOCH.plusDays(days.longValue());
        return BigDecimal.valueOf(date.getYear() * 1000L + date.getDayOfYear());
    }

    /** Returns FUNCTION ORD(arg): the 1-based ordinal of the first character. */
    public static BigDecimal ord(Object arg) {
        byte[] bytes = text(arg).getBytes(StandardCharsets.ISO_8859_1);
        return BigDecimal.valueOf((bytes.length == 0 ? ' ' : bytes[0] & 0xFF) + 1);
    }

    /** Returns FUNCTION CHAR(n): the character of 1-based ordinal n. */
    public static String charOf(BigDecimal n) {
        return String.valueOf((char) ((n.intValue() - 1) & 0xFF));
    }

    /**
     * Returns the text DISPLAY writes for a MOD, REM, INTEGER, INTEGER-PART, ORD,
     * INTEGER-OF-DATE or NUMVAL result: at least 9 digits with the point in place, and a
     * minus sign only when negative ("000000001", "-000000008", "00000012.5").
     */
    public static String displayText(BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        String digits = v.unscaledValue().abs().toString();
        if (digits.length() < 9) {
            digits = "0".repeat(9 - digits.length()) + digits;
        }
        int point = digits.length() - v.scale();
        String body = v.scale() > 0 ? digits.substring(0, point) + "." + digits.substring(point)
                : digits;
        return v.signum() < 0 ? "-" + body : body;
    }
}
