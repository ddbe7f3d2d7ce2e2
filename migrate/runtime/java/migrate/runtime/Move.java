package migrate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MOVE statement, by the categories of the sending and receiving items, as GnuCOBOL
 * 3.1.2 moves them.
 *
 * <p>A statement {@code MOVE A TO B C} becomes one call per receiving item. Numeric
 * literals are passed as {@link BigDecimal} (keeping the scale as written, so "12.50"
 * has scale 2) and alphanumeric literals as {@link String}. A numeric literal moved to an
 * alphanumeric item moves its digits as written without the sign ({@code MOVE 007 TO X}
 * gives "007"), so pass it as the String of its digits when it has leading zeros.
 */
public final class Move {
    private Move() {
    }

    /** Moves item {@code src} to item {@code dst} with the rules of their categories. */
    public static void move(Area src, Area dst) {
        Category from = src.category();
        Category to = dst.category();
        if (from == Category.GROUP || to == Category.GROUP) {
            dst.setBytes(src.bytes());
            return;
        }
        switch (from) {
            case NUMERIC:
                NumField number = (NumField) src;
                if (number.usage() == Usage.DISPLAY && moveDisplay(number, dst)) {
                    return;
                }
                if (isNumericReceiver(to)) {
                    ((NumericReceiver) dst).set(number.get());
                } else {
                    alphanumeric(integerDigits(number), dst);
                }
                return;
            case NUMERIC_EDITED:
                if (isNumericReceiver(to)) {
                    ((NumericReceiver) dst).set(((EditedField) src).get());
                } else {
                    alphanumeric(src.bytes(), dst);
                }
                return;
            default:
                alphanumeric(src.bytes(), dst);
        }
    }

    /** Moves a USAGE DISPLAY item where libcob moves its digits; returns false elsewhere. */
    private static boolean moveDisplay(NumField src, Area dst) {
        if (dst instanceof EditedField) {
            DisplayMoves.toEdited(src, (EditedField) dst);
            return true;
        }
        if (!(dst instanceof NumField)) {
            return false;
        }
        NumField target = (NumField) dst;
        if (target.usage() == Usage.DISPLAY) {
            DisplayMoves.toDisplay(src, target);
            return true;
        }
        if (target.usage() == Usage.PACKED) {
            target.set(DisplayMoves.packedValue(src));
            return true;
        }
        return false;
    }

    /** Moves an alphanumeric literal to {@code dst}. */
    public static void move(String literal, Area dst) {
        alphanumeric(literal.getBytes(StandardCharsets.ISO_8859_1), dst);
    }

    /** Moves a numeric literal (or an arithmetic result) to {@code dst}. */
    public static void move(BigDecimal value, Area dst) {
        Category to = dst.category();
        if (isNumericReceiver(to)) {
            ((NumericReceiver) dst).set(value);
        } else {
            String digits = value.abs().toPlainString();
            alphanumeric(digits.getBytes(StandardCharsets.ISO_8859_1), dst);
        }
    }

    /** Moves an integer numeric literal to {@code dst}. */
    public static void move(long value, Area dst) {
        move(BigDecimal.valueOf(value), dst);
    }

    /** Moves a figurative constant (SPACE, ZERO, HIGH-VALUE, LOW-VALUE, QUOTE) to {@code dst}. */
    public static void move(Figurative constant, Area dst) {
        if (constant == Figurative.ZERO && isNumericReceiver(dst.category())) {
            ((NumericReceiver) dst).set(BigDecimal.ZERO);
            return;
        }
        if (dst.category() == Category.ALPHANUMERIC_EDITED) {
            byte[] filled = new byte[dst.len];
            Arrays.fill(filled, constant.fill());
            ((AlphaEditedField) dst).setAlphanumeric(filled);
            return;
        }
        dst.fill(constant.fill());
    }

    /** Moves ALL {@code literal} to {@code dst}: the literal repeated to fill the item. */
    public static void all(String literal, Area dst) {
        // GnuCOBOL repeats the literal over 38 integer digits for a numeric receiver.
        int count = dst.category() == Category.NUMERIC ? 38 : dst.len;
        byte[] pattern = literal.getBytes(StandardCharsets.ISO_8859_1);
        byte[] filled = new byte[count];
        for (int i = 0; i < count; i++) {
            filled[i] = pattern[i % pattern.length];
        }
        if (dst.category() == Category.GROUP || dst.category() == Category.ALPHANUMERIC) {
            dst.setBytes(filled);
        } else {
            alphanumeric(filled, dst);
        }
    }

    /** Moves alphanumeric bytes {@code src} to an item of any category. */
    static void alphanumeric(byte[] src, Area dst) {
        switch (dst.category()) {
            case ALPHANUMERIC:
                ((AlphaField) dst).setAlphanumeric(src);
                break;
            case ALPHANUMERIC_EDITED:
                ((AlphaEditedField) dst).setAlphanumeric(src);
                break;
            case NUMERIC:
            case NUMERIC_EDITED:
                NumericReceiver receiver = (NumericReceiver) dst;
                receiver.set(parseAlphanumeric(src, receiver.digits(), receiver.scale()));
                break;
            default:
                dst.setBytes(src);
                break;
        }
    }

    private static boolean isNumericReceiver(Category category) {
        return category == Category.NUMERIC || category == Category.NUMERIC_EDITED;
    }

    /** Returns the digits a numeric item sends to an alphanumeric item, without sign or point. */
    static byte[] integerDigits(NumField number) {
        byte[] shown = number.displayBytes();
        byte[] digits = new byte[shown.length];
        int n = 0;
        for (byte b : shown) {
            if (b != '+' && b != '-' && b != '.') {
                digits[n++] = b;
            }
        }
        return Arrays.copyOf(digits, n);
    }

    /**
     * Reads alphanumeric bytes as a number for a receiver of {@code digits} and
     * {@code scale}, the way libcob moves alphanumeric to numeric: leading spaces, an
     * optional sign, then digits placed by the decimal point. Spaces and commas between
     * digits are skipped; any other byte, or a second point, met before the receiver is
     * full makes the value zero.
     */
    static BigDecimal parseAlphanumeric(byte[] src, int digits, int scale) {
        int i = 0;
        while (i < src.length && isSpace(src[i])) {
            i++;
        }
        boolean negative = false;
        if (i < src.length && (src[i] == '+' || src[i] == '-')) {
            negative = src[i] == '-';
            i++;
        }

        // Count the integer digits, then skip the ones the receiver has no room for.
        int before = 0;
        for (int p = i; p < src.length && src[p] != '.'; p++) {
            if (isDigit(src[p])) {
                before++;
            }
        }
        char[] out = new char[digits];
        Arrays.fill(out, '0');
        int at = 0;
        int integerSize = digits - scale;
        if (before < integerSize) {
            at = integerSize - before;
        } else {
            for (int skip = before - integerSize; skip > 0; skip--) {
                while (!isDigit(src[i])) {
                    i++;
                }
                i++;
            }
        }

        boolean point = false;
        for (; i < src.length && at < digits; i++) {
            byte b = src[i];
            if (isDigit(b)) {
                out[at++] = (char) b;
            } else if (b == '.' && !point) {
                point = true;
            } else if (b == '.' || !(isSpace(b) || b == ',')) {
                return BigDecimal.ZERO;
            }
        }

        BigDecimal value = new BigDecimal(new BigInteger(new String(out)), scale);
        return negative ? value.negate() : value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= 9 && b <= 13);
    }
}
