package migrate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A parsed numeric-edited PICTURE string, which formats values as GnuCOBOL 3.1.2 does.
 *
 * <p>Zero suppression (Z, *, or a floating +, - or $ string) ends at the first nonzero
 * digit or the first 9; a comma or B met before that becomes the fill character. The
 * floating symbol lands just left of the first shown digit. A value whose digits are all
 * suppressed blanks the whole item (with *, fills it with * except the point).
 */
final class EditedPicture {
    private enum Kind { DIGIT, SUPPRESS, INSERT, POINT, SIGN, CREDIT, CURRENCY }

    private final char[] symbols;
    private final Kind[] kinds;
    /** For each position, how many symbols of its run of equal symbols start there. */
    private final int[] runRemaining;
    /** The source digits before the point that the edit reads, counted as libcob does. */
    private final int integerPositions;
    private final int digits;
    private final int scale;
    private final boolean signed;

    private EditedPicture(char[] symbols, Kind[] kinds, int integerPositions, int digits,
            int scale) {
        this.symbols = symbols;
        this.kinds = kinds;
        this.integerPositions = integerPositions;
        this.digits = digits;
        this.scale = scale;
        this.runRemaining = new int[symbols.length];
        for (int i = symbols.length - 1; i >= 0; i--) {
            boolean same = i + 1 < symbols.length && symbols[i + 1] == symbols[i];
            runRemaining[i] = same ? runRemaining[i + 1] + 1 : 1;
        }
        boolean hasSign = false;
        for (Kind kind : kinds) {
            hasSign |= kind == Kind.SIGN || kind == Kind.CREDIT;
        }
        this.signed = hasSign;
    }

    /** Expands repetition counts, so "Z(3)9.9(2)" becomes "ZZZ9.99"; the result is upper case. */
    static String expand(String picture) {
        StringBuilder out = new StringBuilder();
        String upper = picture.toUpperCase();
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') {
                int close = upper.indexOf(')', i);
                int count = Integer.parseInt(upper.substring(i + 1, close).trim());
                char last = out.charAt(out.length() - 1);
                for (int k = 1; k < count; k++) {
                    out.append(last);
                }
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Parses {@code picture}, expanding repetition counts such as Z(4). */
    static EditedPicture parse(String picture) {
        String text = expand(picture);
        StringBuilder symbols = new StringBuilder();
        Kind[] kinds = new Kind[text.length()];
        int n = 0;
        int digitPositions = 0;
        int scale = 0;
        boolean afterPoint = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'V') {
                afterPoint = true;
                continue;
            }
            if (c == 'P') {
                // NOTE: scaling positions (P) are not supported; they are skipped.
                continue;
            }
            Kind kind = kindOf(c);
            if (kind == Kind.CREDIT) {
                kinds[n++] = Kind.CREDIT;
                symbols.append(c);
                c = text.charAt(++i);
            }
            if (kind == Kind.POINT) {
                afterPoint = true;
            }
            boolean digit = kind == Kind.DIGIT || kind == Kind.SUPPRESS
                    || (kind == Kind.SIGN || kind == Kind.CURRENCY) && isFloating(text, c);
            if (digit) {
                digitPositions++;
                scale += afterPoint ? 1 : 0;
            }
            kinds[n++] = kind;
            symbols.append(c);
        }
        int floatingSymbols = (int) text.chars().filter(c -> isFloating(text, (char) c)).count();
        int digits = digitPositions - (floatingSymbols > 0 ? 1 : 0);
        return new EditedPicture(symbols.toString().toCharArray(), Arrays.copyOf(kinds, n),
                integerPositions(text), digits, scale);
    }

    private static Kind kindOf(char c) {
        switch (c) {
            case '9':
                return Kind.DIGIT;
            case 'Z':
            case '*':
                return Kind.SUPPRESS;
            case '.':
                return Kind.POINT;
            case '+':
            case '-':
                return Kind.SIGN;
            case '$':
                return Kind.CURRENCY;
            case 'C':
            case 'D':
                return Kind.CREDIT;
            default:
                return Kind.INSERT;
        }
    }

    private static boolean isFloating(String text, char c) {
        boolean candidate = c == '+' || c == '-' || c == '$';
        return candidate && text.chars().filter(x -> x == c).count() >= 2;
    }

    /** Counts digit, sign and currency positions before the point the way libcob does. */
    private static int integerPositions(String text) {
        int count = 0;
        boolean countSign = true;
        boolean countCurrency = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '9' || c == 'Z' || c == '*') {
                count++;
                countSign = false;
                countCurrency = false;
            } else if (countCurrency && c == '$') {
                count++;
            } else if (countSign && (c == '+' || c == '-')) {
                count++;
            } else if (c == 'V' || c == '.') {
                break;
            }
        }
        return count;
    }

    /** Returns the length of the item in bytes. */
    int length() {
        return symbols.length;
    }

    /** Returns the number of digit positions. */
    int digits() {
        return digits;
    }

    /** Returns the number of digit positions after the decimal point. */
    int scale() {
        return scale;
    }

    /** Returns whether the picture shows a sign. */
    boolean signed() {
        return signed;
    }

    /** Formats {@code value} into the picture's bytes, as a MOVE of that value does. */
    byte[] format(BigDecimal value, boolean blankWhenZero) {
        BigDecimal magnitude = value.abs();
        if (magnitude.scale() < 0) {
            magnitude = magnitude.setScale(0);
        }
        byte[] digits;
        if (magnitude.precision() <= 18) {
            long unscaled = magnitude.scaleByPowerOfTen(magnitude.scale()).longValue();
            digits = Long.toString(unscaled).getBytes(StandardCharsets.ISO_8859_1);
        } else {
            digits = magnitude.unscaledValue().toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        int integerCount = digits.length - magnitude.scale();
        if (integerCount < 0) {
            byte[] padded = new byte[magnitude.scale()];
            Arrays.fill(padded, (byte) '0');
            System.arraycopy(digits, 0, padded, -integerCount, digits.length);
            digits = padded;
            integerCount = 0;
        }
        return format(digits, integerCount, value.signum() < 0, blankWhenZero);
    }

    /**
     * Formats digit bytes whose first {@code integerCount} are before the decimal point,
     * each byte taken as it is (the raw bytes of a DISPLAY item).
     */
    byte[] format(byte[] digits, int integerCount, boolean negative, boolean blankWhenZero) {
        return new Formatter(this, digits, integerCount, negative).run(blankWhenZero);
    }

    /**
     * One edit of a value, following libcob's {@code cob_move_display_to_edited}: every
     * digit position, and every +, - and $ (even a fixed one), takes the next source
     * digit, starting that many integer places left of the point. So a trailing sign reads
     * the digit after the last decimal place, and a nonzero digit there counts as nonzero.
     */
    private static final class Formatter {
        private final EditedPicture pic;
        private final byte[] digits;
        private final int integerCount;
        private final boolean negative;
        private final char[] out;
        private int next;
        private boolean isZero = true;
        private boolean suppress = true;
        private boolean trailing;
        private char pad = ' ';
        private char signSymbol;
        private char currencySymbol;
        private boolean signFirst;
        private boolean floatingInsertion;
        private int lastFixedPos = -1;
        private char lastFixedChar;
        private int decimalPoint = -1;
        private int end;
        private boolean hasB;

        Formatter(EditedPicture pic, byte[] digits, int integerCount, boolean negative) {
            this.pic = pic;
            this.digits = digits;
            this.integerCount = integerCount;
            this.negative = negative;
            this.out = new char[pic.symbols.length];
            this.end = out.length;
            this.next = -pic.integerPositions;
        }

        /** Returns the source digit at the next position and moves past it. */
        private char take() {
            int index = integerCount + next++;
            return index >= 0 && index < digits.length ? (char) (digits[index] & 0xFF) : '0';
        }

        private char takeDigit() {
            char x = take();
            if (x != '0') {
                isZero = false;
            }
            return x;
        }

        byte[] run(boolean blankWhenZero) {
            for (int i = 0; i < out.length; i++) {
                i = place(i);
            }
            if (signSymbol != 0) {
                signSymbol = signFor(signSymbol);
            }
            if (suppress || (isZero && blankWhenZero)) {
                blankAll(blankWhenZero);
                return toBytes(out);
            }
            fillDecimals();
            placeFloating();
            replaceB();
            return toBytes(out);
        }

        /** Returns what a sign symbol shows: '-' for a nonzero negative value, else + or space. */
        private char signFor(char symbol) {
            if (negative && !isZero) {
                return '-';
            }
            return symbol == '+' ? '+' : ' ';
        }

        /** Blanks the item when every digit was suppressed (with * fill: all * but the point). */
        private void blankAll(boolean blankWhenZero) {
            boolean stars = pad == '*' && !blankWhenZero;
            for (int i = 0; i < out.length; i++) {
                if (!stars) {
                    out[i] = ' ';
                } else if (out[i] != '.') {
                    out[i] = '*';
                }
            }
        }

        /** Fills output position {@code i} and returns the last position it used. */
        private int place(int i) {
            char c = pic.symbols[i];
            switch (pic.kinds[i]) {
                case DIGIT:
                    out[i] = takeDigit();
                    suppress = false;
                    trailing = true;
                    return i;
                case SUPPRESS:
                    char x = takeDigit();
                    if (x != '0') {
                        suppress = false;
                    }
                    trailing = true;
                    pad = c == '*' ? '*' : ' ';
                    out[i] = suppress ? pad : x;
                    return i;
                case POINT:
                    out[i] = '.';
                    decimalPoint = i;
                    return i;
                case CREDIT:
                    end = i;
                    boolean shown = negative && !isZero;
                    out[i] = shown ? c : ' ';
                    out[i + 1] = shown ? pic.symbols[i + 1] : ' ';
                    return i + 1;
                case INSERT:
                    placeInsertion(i, c);
                    return i;
                default:
                    placeSignOrCurrency(i, c);
                    return i;
            }
        }

        private void placeInsertion(int i, char c) {
            if (c == ',') {
                out[i] = suppress ? pad : c;
            } else if (c == 'B') {
                out[i] = suppress ? pad : 'B';
                hasB |= !suppress;
            } else {
                out[i] = c;
            }
        }

        private void placeSignOrCurrency(int i, char c) {
            char x = takeDigit();
            if (x != '0') {
                suppress = false;
            }
            boolean isCurrency = c == '$';
            if (trailing) {
                out[i] = isCurrency ? '$' : signFor(c);
                end--;
            } else if (i == 0 || suppress) {
                out[i] = pad;
                if (isCurrency) {
                    currencySymbol = '$';
                } else {
                    signSymbol = c;
                    signFirst |= currencySymbol == 0;
                }
            } else {
                out[i] = x;
            }
            if (pic.runRemaining[i] > 1 || lastFixedChar == c) {
                floatingInsertion = true;
            } else if (!trailing) {
                if (lastFixedPos >= 0) {
                    out[lastFixedPos] = lastFixedChar;
                }
                lastFixedPos = i;
                lastFixedChar = c;
            }
        }

        private void fillDecimals() {
            if (decimalPoint < 0) {
                return;
            }
            for (int i = decimalPoint + 1; i < end; i++) {
                if ("0123456789,.+-/B".indexOf(out[i]) < 0) {
                    out[i] = '0';
                }
            }
        }

        private void placeFloating() {
            if (signSymbol == 0 && currencySymbol == 0) {
                return;
            }
            if (!floatingInsertion) {
                if (lastFixedPos >= 0) {
                    out[lastFixedPos] = lastFixedChar == '$' ? currencySymbol : signSymbol;
                }
                return;
            }
            int at = end - 1;
            while (at > 0 && out[at] != ' ') {
                at--;
            }
            if (signSymbol != 0 && currencySymbol != 0) {
                out[at] = signFirst ? currencySymbol : signSymbol;
            } else {
                out[at] = signSymbol != 0 ? signSymbol : currencySymbol;
            }
        }

        private void replaceB() {
            if (!hasB) {
                return;
            }
            boolean leading = true;
            for (int i = 0; i < end; i++) {
                if (out[i] == 'B') {
                    out[i] = leading ? pad : ' ';
                } else {
                    leading = false;
                }
            }
        }
    }

    private static byte[] toBytes(char[] out) {
        byte[] bytes = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            bytes[i] = (byte) out[i];
        }
        return bytes;
    }

    /** Reads an edited text back into a number: its digits, its point and a '-' or CR sign. */
    BigDecimal deEdit(String text) {
        StringBuilder found = new StringBuilder();
        boolean point = false;
        boolean negative = false;
        int shownScale = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                found.append(c);
                if (point) {
                    shownScale++;
                }
            } else if (c == '.') {
                point = true;
            } else if (c == '-' || c == 'C') {
                negative = true;
            }
        }
        if (found.length() == 0) {
            return BigDecimal.ZERO;
        }
        int valueScale = point ? shownScale : scale;
        BigDecimal value = new BigDecimal(new BigInteger(found.toString()), valueScale);
        return negative ? value.negate() : value;
    }
}
