package migrate.runtime;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes and decodes the bytes of numeric items in each USAGE, as GnuCOBOL 3.1.2 does.
 *
 * <p>A negative zoned digit has the zone 0x70 ('p' to 'y'); a packed item ends with the sign
 * nibble C (positive), D (negative) or F (unsigned); binary items are big-endian two's
 * complement.
 */
final class NumCodec {
    private static final BigInteger[] POWERS = new BigInteger[40];

    static {
        POWERS[0] = BigInteger.ONE;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1].multiply(BigInteger.TEN);
        }
    }

    private NumCodec() {
    }

    /** Returns 10 to the power {@code n}. */
    static BigInteger power(int n) {
        return n < POWERS.length ? POWERS[n] : BigInteger.TEN.pow(n);
    }

    /** Decodes the unscaled value of {@code f}. */
    static BigInteger decode(NumField f) {
        switch (f.usage()) {
            case DISPLAY:
                return f.digits() <= 18 ? decodeZoned(f) : decodeWide(f);
            case PACKED:
                return f.digits() <= 18 ? BigInteger.valueOf(decodePacked(f)) : decodeWide(f);
            default:
                return decodeBinary(f);
        }
    }

    static int zonedStart(NumField f) {
        return f.signed() && f.signPosition() == SignPosition.LEADING_SEPARATE ? 1 : 0;
    }

    /**
     * Decodes a USAGE DISPLAY item as libcob's {@code cob_decimal_set_display} does: leading
     * bytes whose low nibble is 0 (zeros, spaces, low-values) are skipped, and every other
     * byte counts as its code minus '0', so a space after the first digit counts as -16.
     * The sum is taken in unsigned 64-bit arithmetic, as libcob takes it.
     */
    private static BigInteger decodeZoned(NumField f) {
        byte[] d = rawDigits(f);
        int i = 0;
        while (i < d.length - 1 && (d[i] & 0x0F) == 0) {
            i++;
        }
        long value = 0;
        for (; i < d.length; i++) {
            value = value * 10 + ((d[i] & 0xFF) - '0');
        }
        BigInteger magnitude = BigInteger.valueOf(value);
        if (value < 0) {
            magnitude = magnitude.add(BigInteger.ONE.shiftLeft(64));
        }
        return isNegativeZoned(f) ? magnitude.negate() : magnitude;
    }

    /** Returns the digit bytes of a USAGE DISPLAY item with an embedded sign taken out. */
    static byte[] rawDigits(NumField f) {
        int start = f.off + zonedStart(f);
        int digits = f.digits();
        byte[] d = Arrays.copyOfRange(f.buf, start, start + digits);
        if (f.signed() && isNegativeZoned(f)) {
            if (f.signPosition() == SignPosition.TRAILING) {
                d[digits - 1] -= 0x40;
            } else if (f.signPosition() == SignPosition.LEADING) {
                d[0] -= 0x40;
            }
        }
        return d;
    }

    /** Writes digit bytes into a USAGE DISPLAY item and sets its sign. */
    static void writeZoned(NumField f, byte[] digits, boolean negative) {
        System.arraycopy(digits, 0, f.buf, f.off + zonedStart(f), f.digits());
        encodeZonedSign(f, negative);
    }

    /** Returns whether a USAGE DISPLAY item is negative by its sign byte. */
    static boolean isNegative(NumField f) {
        return isNegativeZoned(f);
    }

    static boolean isNegativeZoned(NumField f) {
        if (!f.signed()) {
            return false;
        }
        switch (f.signPosition()) {
            case LEADING_SEPARATE:
                return f.buf[f.off] == '-';
            case TRAILING_SEPARATE:
                return f.buf[f.off + f.len - 1] == '-';
            case LEADING:
                return (f.buf[f.off] & 0xF0) == 0x70;
            default:
                return (f.buf[f.off + f.len - 1] & 0xF0) == 0x70;
        }
    }

    private static long decodePacked(NumField f) {
        byte[] b = f.buf;
        long value = 0;
        int nibbles = f.len * 2 - 1;
        for (int i = 0; i < nibbles; i++) {
            int x = b[f.off + i / 2] & 0xFF;
            value = value * 10 + ((i % 2 == 0) ? x >> 4 : x & 0x0F);
        }
        int sign = b[f.off + f.len - 1] & 0x0F;
        return (sign == 0x0D || sign == 0x0B) ? -value : value;
    }

    /** Decodes a DISPLAY or packed item of more than 18 digits, by the same rules. */
    private static BigInteger decodeWide(NumField f) {
        BigInteger value = BigInteger.ZERO;
        boolean negative;
        if (f.usage() == Usage.DISPLAY) {
            byte[] d = rawDigits(f);
            int i = 0;
            while (i < d.length - 1 && (d[i] & 0x0F) == 0) {
                i++;
            }
            for (; i < d.length; i++) {
                int digit = (d[i] & 0xFF) - '0';
                value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(digit));
            }
            negative = isNegativeZoned(f);
        } else {
            for (int i = 0; i < f.len * 2 - 1; i++) {
                int x = f.buf[f.off + i / 2] & 0xFF;
                int nibble = (i % 2 == 0) ? x >> 4 : x & 0x0F;
                value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(nibble));
            }
            int sign = f.buf[f.off + f.len - 1] & 0x0F;
            negative = sign == 0x0D || sign == 0x0B;
        }
        return negative ? value.negate() : value;
    }

    private static BigInteger decodeBinary(NumField f) {
        byte[] raw = Arrays.copyOfRange(f.buf, f.off, f.off + f.len);
        return f.signed() ? new BigInteger(raw) : new BigInteger(1, raw);
    }

    /**
     * Encodes {@code unscaled} into {@code f}, truncated to its digits (COMP-5: to its bytes).
     * A value truncated to zero is stored as positive zero, as GnuCOBOL stores it.
     */
    static void encode(NumField f, BigInteger unscaled) {
        boolean negative = f.signed() && unscaled.signum() < 0;
        BigInteger magnitude = unscaled.abs();
        if (f.usage() == Usage.COMP_5) {
            encodeBinary(f, f.signed() ? unscaled : magnitude);
            return;
        }
        if (f.digits() <= 18) {
            long m = magnitude.bitLength() < 63
                    ? magnitude.longValue() % LONG_POWERS[f.digits()]
                    : magnitude.mod(power(f.digits())).longValue();
            encode(f, m, negative && m != 0);
        } else {
            BigInteger m = magnitude.mod(power(f.digits()));
            encodeWide(f, m, negative && m.signum() != 0);
        }
    }

    static final long[] LONG_POWERS = new long[19];

    static {
        LONG_POWERS[0] = 1;
        for (int i = 1; i < LONG_POWERS.length; i++) {
            LONG_POWERS[i] = LONG_POWERS[i - 1] * 10;
        }
    }

    /** Encodes the magnitude {@code m}, already within the digits, with its sign. */
    static void encode(NumField f, long m, boolean negative) {
        switch (f.usage()) {
            case DISPLAY:
                encodeZoned(f, m, negative);
                break;
            case PACKED:
                encodePacked(f, m, negative);
                break;
            default:
                writeBinary(f, negative ? -m : m);
                break;
        }
    }

    /** Encodes a DISPLAY or packed magnitude of more than 18 digits through its digit text. */
    private static void encodeWide(NumField f, BigInteger m, boolean negative) {
        String text = m.toString();
        String digits = "0".repeat(f.digits() - text.length()) + text;
        if (f.usage() == Usage.DISPLAY) {
            int start = f.off + zonedStart(f);
            for (int i = 0; i < digits.length(); i++) {
                f.buf[start + i] = (byte) digits.charAt(i);
            }
            encodeZonedSign(f, negative);
            return;
        }
        String nibbles = "0".repeat(f.len * 2 - 1 - digits.length()) + digits;
        int sign = signNibble(f, negative);
        for (int i = 0; i < f.len; i++) {
            int high = nibbles.charAt(2 * i) - '0';
            int low = 2 * i + 1 < nibbles.length() ? nibbles.charAt(2 * i + 1) - '0' : sign;
            f.buf[f.off + i] = (byte) (high << 4 | low);
        }
    }

    private static void encodeZoned(NumField f, long m, boolean negative) {
        byte[] b = f.buf;
        int start = f.off + zonedStart(f);
        for (int i = f.digits() - 1; i >= 0; i--) {
            b[start + i] = (byte) ('0' + (int) (m % 10));
            m /= 10;
        }
        encodeZonedSign(f, negative);
    }

    private static void encodeZonedSign(NumField f, boolean negative) {
        byte[] b = f.buf;
        if (!f.signed()) {
            return;
        }
        switch (f.signPosition()) {
            case LEADING_SEPARATE:
                b[f.off] = (byte) (negative ? '-' : '+');
                break;
            case TRAILING_SEPARATE:
                b[f.off + f.len - 1] = (byte) (negative ? '-' : '+');
                break;
            case LEADING:
                if (negative) {
                    b[f.off] += 0x40;
                }
                break;
            default:
                if (negative) {
                    b[f.off + f.len - 1] += 0x40;
                }
                break;
        }
    }

    private static void encodePacked(NumField f, long m, boolean negative) {
        byte[] b = f.buf;
        int sign = signNibble(f, negative);
        int last = f.off + f.len - 1;
        b[last] = (byte) ((int) (m % 10) << 4 | sign);
        m /= 10;
        for (int i = last - 1; i >= f.off; i--) {
            int low = (int) (m % 10);
            m /= 10;
            int high = (int) (m % 10);
            m /= 10;
            b[i] = (byte) (high << 4 | low);
        }
    }

    /** Returns the packed sign nibble: F unsigned, C positive, D negative. */
    private static int signNibble(NumField f, boolean negative) {
        if (!f.signed()) {
            return 0x0F;
        }
        return negative ? 0x0D : 0x0C;
    }

    /** Returns the digits DISPLAY shows for a COMP-5 item: as many as its bytes can hold. */
    private static int comp5Width(NumField f) {
        switch (f.len) {
            case 1:
                return 3;
            case 2:
                return 5;
            case 4:
                return 10;
            default:
                return 20;
        }
    }

    private static void encodeBinary(NumField f, BigInteger value) {
        if (value.bitLength() < 64) {
            writeBinary(f, value.longValue());
            return;
        }
        byte[] raw = value.toByteArray();
        byte pad = (byte) (value.signum() < 0 ? 0xFF : 0x00);
        for (int i = 0; i < f.len; i++) {
            int from = raw.length - f.len + i;
            f.buf[f.off + i] = from >= 0 ? raw[from] : pad;
        }
    }

    /** Writes the low {@code f.len} bytes of {@code value}, big-endian two's complement. */
    static void writeBinary(NumField f, long value) {
        long v = value;
        for (int i = f.len - 1; i >= 0; i--) {
            f.buf[f.off + i] = (byte) v;
            v >>= 8;
        }
    }

    /** Tests whether the bytes of {@code f} are valid digits and sign for its USAGE. */
    static boolean isValid(NumField f) {
        switch (f.usage()) {
            case DISPLAY:
                return isValidZoned(f);
            case PACKED:
                return isValidPacked(f);
            default:
                return true;
        }
    }

    private static boolean isValidZoned(NumField f) {
        int start = f.off + zonedStart(f);
        for (int i = 0; i < f.digits(); i++) {
            int b = f.buf[start + i] & 0xFF;
            boolean signByte = f.signed()
                    && ((f.signPosition() == SignPosition.TRAILING && i == f.digits() - 1)
                    || (f.signPosition() == SignPosition.LEADING && i == 0));
            boolean digit = b >= '0' && b <= '9';
            if (!digit && !(signByte && b >= 'p' && b <= 'y')) {
                return false;
            }
        }
        if (f.signed() && f.signPosition() == SignPosition.LEADING_SEPARATE) {
            return f.buf[f.off] == '+' || f.buf[f.off] == '-';
        }
        if (f.signed() && f.signPosition() == SignPosition.TRAILING_SEPARATE) {
            byte last = f.buf[f.off + f.len - 1];
            return last == '+' || last == '-';
        }
        return true;
    }

    private static boolean isValidPacked(NumField f) {
        int nibbles = f.len * 2 - 1;
        for (int i = 0; i < nibbles; i++) {
            int x = f.buf[f.off + i / 2] & 0xFF;
            if (((i % 2 == 0) ? x >> 4 : x & 0x0F) > 9) {
                return false;
            }
        }
        int sign = f.buf[f.off + f.len - 1] & 0x0F;
        return f.signed() ? sign == 0x0C || sign == 0x0D || sign == 0x0F : sign == 0x0F;
    }

    /** Formats {@code f} as DISPLAY writes it. */
    static byte[] displayBytes(NumField f) {
        if (f.usage() == Usage.DISPLAY) {
            return displayZoned(f);
        }
        BigInteger value = decode(f);
        int width = f.digits();
        int scale = f.scale();
        if (f.usage() == Usage.COMP_5) {
            // GnuCOBOL 3.1.2 shows COMP-5 with the digits its bytes can hold, unscaled.
            width = comp5Width(f);
            scale = 0;
        }
        String digits = value.abs().toString();
        if (digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        StringBuilder out = new StringBuilder();
        if (f.signed()) {
            out.append(value.signum() < 0 ? '-' : '+');
        }
        out.append(digits, 0, digits.length() - scale);
        if (scale > 0) {
            out.append('.').append(digits, digits.length() - scale, digits.length());
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Formats a USAGE DISPLAY item as libcob's DISPLAY does: it edits the item's bytes with
     * the picture {@code +9(i).9(d)} (the sign last for SIGN TRAILING SEPARATE, none when
     * unsigned). So digits are shown as they are, but spaces after the point show as 0.
     */
    private static byte[] displayZoned(NumField f) {
        int signCode = f.signed() ? 1 + f.signPosition().ordinal() : 0;
        int key = (f.digits() * 64 + f.scale()) * 8 + signCode;
        EditedPicture picture = DISPLAY_PICTURES.get(key);
        if (picture == null) {
            picture = EditedPicture.parse(displayPicture(f));
            DISPLAY_PICTURES.put(key, picture);
        }
        return picture.format(rawDigits(f), f.digits() - f.scale(), isNegativeZoned(f), false);
    }

    private static final Map<Integer, EditedPicture> DISPLAY_PICTURES = new ConcurrentHashMap<>();

    private static String displayPicture(NumField f) {
        boolean trailingSign = f.signPosition() == SignPosition.TRAILING_SEPARATE;
        StringBuilder picture = new StringBuilder();
        if (f.signed() && !trailingSign) {
            picture.append('+');
        }
        picture.append("9".repeat(f.digits() - f.scale()));
        if (f.scale() > 0) {
            picture.append('.').append("9".repeat(f.scale()));
        }
        if (f.signed() && trailingSign) {
            picture.append('+');
        }
        return picture.toString();
    }
}
