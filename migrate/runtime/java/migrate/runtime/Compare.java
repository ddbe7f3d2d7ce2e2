package migrate.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Relation and class conditions as GnuCOBOL 3.1.2 evaluates them. Each {@code compare}
 * returns a negative number, zero or a positive number, as {@link Comparable#compareTo}.
 *
 * <p>Two numeric operands compare by value. Otherwise both compare as alphanumeric, the
 * shorter padded with spaces, byte by byte as unsigned values (the native collating
 * sequence). A numeric item then takes part as its digits without sign, a numeric-edited
 * item as its bytes, and a numeric literal as spelled: {@code X = 005} is
 * {@code compareNumericLiteral(x, "005")} and differs from {@code X = 5}.
 */
public final class Compare {
    private Compare() {
    }

    /** Compares two items. */
    public static int compare(Area a, Area b) {
        if (a.category() == Category.NUMERIC && b.category() == Category.NUMERIC) {
            return ((NumField) a).get().compareTo(((NumField) b).get());
        }
        return compareBytes(alphanumericBytes(a), alphanumericBytes(b));
    }

    /** Compares an item with an alphanumeric literal. */
    public static int compare(Area a, String literal) {
        return compareBytes(alphanumericBytes(a), literal.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Compares an item with a numeric value; a non-numeric item compares with its digits. */
    public static int compare(Area a, BigDecimal value) {
        if (a.category() == Category.NUMERIC) {
            return ((NumField) a).get().compareTo(value);
        }
        return compare(a, value.abs().toPlainString());
    }

    /** Compares an item with a numeric literal spelled {@code spelled}, such as "005" or "-1.5". */
    public static int compareNumericLiteral(Area a, String spelled) {
        if (a.category() == Category.NUMERIC) {
            return ((NumField) a).get().compareTo(new BigDecimal(spelled));
        }
        boolean signed = spelled.startsWith("+") || spelled.startsWith("-");
        return compare(a, signed ? spelled.substring(1) : spelled);
    }

    /** Compares two arithmetic values. */
    public static int compare(BigDecimal a, BigDecimal b) {
        return a.compareTo(b);
    }

    /**
     * Compares an item with a figurative constant (ZERO compares numerically for numeric
     * items).
     */
    public static int compare(Area a, Figurative constant) {
        if (constant == Figurative.ZERO && a.category() == Category.NUMERIC) {
            return ((NumField) a).get().signum();
        }
        byte[] mine = alphanumericBytes(a);
        byte[] filled = new byte[mine.length];
        java.util.Arrays.fill(filled, constant.fill());
        return compareBytes(mine, filled);
    }

    /**
     * Compares two operands of any kind: {@link Area}, {@link String}, {@link BigDecimal},
     * {@link Long}, {@link Integer} or {@link Figurative}.
     */
    public static int compare(Object a, Object b) {
        if (a instanceof Area) {
            return compareArea((Area) a, b);
        }
        if (b instanceof Area) {
            return -compareArea((Area) b, a);
        }
        if (isNumber(a) && isNumber(b)) {
            return toDecimal(a).compareTo(toDecimal(b));
        }
        return compareBytes(Display.bytesOf(a), Display.bytesOf(b));
    }

    private static int compareArea(Area a, Object b) {
        if (b instanceof Area) {
            return compare(a, (Area) b);
        }
        if (b instanceof String) {
            return compare(a, (String) b);
        }
        if (b instanceof Figurative) {
            return compare(a, (Figurative) b);
        }
        return compare(a, toDecimal(b));
    }

    private static boolean isNumber(Object o) {
        return o instanceof BigDecimal || o instanceof Long || o instanceof Integer;
    }

    private static BigDecimal toDecimal(Object o) {
        if (o instanceof BigDecimal) {
            return (BigDecimal) o;
        }
        if (o instanceof Long || o instanceof Integer) {
            return BigDecimal.valueOf(((Number) o).longValue());
        }
        throw new IllegalArgumentException("not a numeric operand: " + o);
    }

    /** Compares an item with ALL {@code literal}, the literal repeated to the item's length. */
    public static int compareAll(Area a, String literal) {
        byte[] mine = alphanumericBytes(a);
        byte[] pattern = literal.getBytes(StandardCharsets.ISO_8859_1);
        byte[] filled = new byte[mine.length];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = pattern[i % pattern.length];
        }
        return compareBytes(mine, filled);
    }

    /** Returns the bytes an item takes part with in an alphanumeric comparison. */
    private static byte[] alphanumericBytes(Area a) {
        if (a.category() == Category.NUMERIC) {
            return Move.integerDigits((NumField) a);
        }
        return a.bytes();
    }

    /** Compares byte strings as unsigned values, padding the shorter with spaces. */
    static int compareBytes(byte[] a, byte[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = i < a.length ? a[i] & 0xFF : ' ';
            int y = i < b.length ? b[i] & 0xFF : ' ';
            if (x != y) {
                return x - y;
            }
        }
        return 0;
    }

    /** Tests the class condition NUMERIC. */
    public static boolean isNumeric(Area a) {
        if (a instanceof NumField) {
            return ((NumField) a).isValid();
        }
        if (a.len == 0) {
            return false;
        }
        for (int i = 0; i < a.len; i++) {
            byte b = a.buf[a.off + i];
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** Tests the class condition ALPHABETIC: letters and spaces only. */
    public static boolean isAlphabetic(Area a) {
        return onlyLettersAndSpaces(a, true, true);
    }

    /** Tests the class condition ALPHABETIC-LOWER: lower-case letters and spaces only. */
    public static boolean isAlphabeticLower(Area a) {
        return onlyLettersAndSpaces(a, false, true);
    }

    /** Tests the class condition ALPHABETIC-UPPER: upper-case letters and spaces only. */
    public static boolean isAlphabeticUpper(Area a) {
        return onlyLettersAndSpaces(a, true, false);
    }

    private static boolean onlyLettersAndSpaces(Area a, boolean upper, boolean lower) {
        for (int i = 0; i < a.len; i++) {
            byte b = a.buf[a.off + i];
            boolean isUpper = upper && b >= 'A' && b <= 'Z';
            boolean isLower = lower && b >= 'a' && b <= 'z';
            boolean ok = b == ' ' || isUpper || isLower;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
