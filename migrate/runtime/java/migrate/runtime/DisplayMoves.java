package migrate.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * MOVE from a USAGE DISPLAY numeric item, which libcob does digit by digit rather than by
 * value. The results differ from a MOVE of the value only when the sending item contains
 * bytes other than digits, such as the spaces of a short input record.
 */
final class DisplayMoves {
    private DisplayMoves() {
    }

    /**
     * Moves to another USAGE DISPLAY item: digits aligned on the decimal point, a space or
     * low-value copied as '0', any other byte as it is. Items with the same PICTURE and
     * SIGN clause are copied byte for byte, as cobc compiles that MOVE.
     */
    static void toDisplay(NumField src, NumField dst) {
        boolean sameLayout = src.digits() == dst.digits() && src.scale() == dst.scale()
                && src.signed() == dst.signed() && src.signPosition() == dst.signPosition();
        if (sameLayout) {
            System.arraycopy(src.buf, src.off, dst.buf, dst.off, dst.len);
            return;
        }
        byte[] out = aligned(src, dst.digits(), dst.scale());
        boolean nonzero = false;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == ' ' || out[i] == 0) {
                out[i] = '0';
            }
            nonzero |= out[i] != '0';
        }
        NumCodec.writeZoned(dst, out, NumCodec.isNegative(src) && nonzero);
    }

    /**
     * Returns the value a packed receiver gets: each byte counts by its low nibble, so
     * spaces count as zero.
     */
    static BigDecimal packedValue(NumField src) {
        BigInteger value = BigInteger.ZERO;
        for (byte b : NumCodec.rawDigits(src)) {
            value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(b & 0x0F));
        }
        BigDecimal result = new BigDecimal(value, src.scale());
        return NumCodec.isNegative(src) ? result.negate() : result;
    }

    /** Moves to a numeric-edited item, which edits the sending item's bytes as they are. */
    static void toEdited(NumField src, EditedField dst) {
        byte[] digits = NumCodec.rawDigits(src);
        dst.setDigits(digits, src.digits() - src.scale(), NumCodec.isNegative(src));
    }

    /** Returns the source digits placed in a receiver of {@code digits} and {@code scale}. */
    private static byte[] aligned(NumField src, int digits, int scale) {
        byte[] from = NumCodec.rawDigits(src);
        byte[] out = new byte[digits];
        Arrays.fill(out, (byte) '0');
        int shift = (src.digits() - src.scale()) - (digits - scale);
        for (int t = 0; t < digits; t++) {
            int s = shift + t;
            if (s >= 0 && s < from.length) {
                out[t] = from[s];
            }
        }
        return out;
    }
}
