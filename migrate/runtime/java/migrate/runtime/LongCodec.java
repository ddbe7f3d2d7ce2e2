package migrate.runtime;

/**
 * The fast paths of {@link NumCodec} for items of up to 18 digits, whose values fit a
 * {@code long}. Each method gives the same result as the BigInteger path, or reports
 * that the value needs it.
 */
final class LongCodec {
    /** Returned by {@link #decode} when the item's bytes need the BigInteger path. */
    static final long NOT_LONG = Long.MIN_VALUE;

    private LongCodec() {
    }

    /** Decodes the unscaled value of {@code f}, or returns {@link #NOT_LONG}. */
    static long decode(NumField f) {
        if (f.digits() > 18) {
            return NOT_LONG;
        }
        switch (f.usage()) {
            case DISPLAY:
                return decodeZoned(f);
            case PACKED:
                return decodePacked(f);
            default:
                return decodeBinary(f);
        }
    }

    private static long decodeZoned(NumField f) {
        byte[] b = f.buf;
        int start = f.off + NumCodec.zonedStart(f);
        int end = start + f.digits();
        boolean negative = NumCodec.isNegativeZoned(f);
        int signAt = -1;
        if (negative && f.signPosition() == SignPosition.TRAILING) {
            signAt = end - 1;
        } else if (negative && f.signPosition() == SignPosition.LEADING) {
            signAt = start;
        }
        int i = start;
        while (i < end - 1 && (b[i] & 0x0F) == 0) {
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            int c = b[i] & 0xFF;
            if (i == signAt) {
                c -= 0x40;
            }
            value = value * 10 + (c - '0');
        }
        if (value < 0) {
            // A wrapped sum of non-digit bytes; NumCodec reads it as unsigned 64-bit.
            return NOT_LONG;
        }
        return negative ? -value : value;
    }

    private static long decodePacked(NumField f) {
        byte[] b = f.buf;
        long value = 0;
        int last = f.off + f.len - 1;
        for (int i = f.off; i < last; i++) {
            int x = b[i] & 0xFF;
            value = value * 100 + (x >> 4) * 10 + (x & 0x0F);
        }
        int x = b[last] & 0xFF;
        value = value * 10 + (x >> 4);
        int sign = x & 0x0F;
        return (sign == 0x0D || sign == 0x0B) ? -value : value;
    }

    private static long decodeBinary(NumField f) {
        byte[] b = f.buf;
        long value = f.signed() && b[f.off] < 0 ? -1 : 0;
        for (int i = 0; i < f.len; i++) {
            value = (value << 8) | (b[f.off + i] & 0xFF);
        }
        if (!f.signed() && f.len == 8 && value < 0) {
            return NOT_LONG;
        }
        return value;
    }

    /** Encodes {@code unscaled}, whose magnitude is below 10^18, into {@code f}. */
    static void encode(NumField f, long unscaled) {
        boolean negative = f.signed() && unscaled < 0;
        long magnitude = Math.abs(unscaled);
        if (f.usage() == Usage.COMP_5) {
            NumCodec.writeBinary(f, f.signed() ? unscaled : magnitude);
            return;
        }
        long m = f.digits() <= 18 ? magnitude % NumCodec.LONG_POWERS[f.digits()] : magnitude;
        if (f.digits() > 18) {
            NumCodec.encode(f, java.math.BigInteger.valueOf(negative ? -m : m));
            return;
        }
        NumCodec.encode(f, m, negative && m != 0);
    }
}
