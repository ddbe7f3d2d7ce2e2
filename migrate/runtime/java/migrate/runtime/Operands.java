package migrate.runtime;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** The bytes of the operands of STRING, UNSTRING and INSPECT. */
final class Operands {
    private Operands() {
    }

    /**
     * Returns the bytes of an operand: an item's own bytes, a literal's ISO-8859-1 bytes,
     * or one byte for a figurative constant.
     */
    static byte[] bytes(Object operand) {
        if (operand instanceof Area) {
            return ((Area) operand).bytes();
        }
        if (operand instanceof Figurative) {
            return new byte[] {((Figurative) operand).fill()};
        }
        if (operand instanceof BigDecimal) {
            return ((BigDecimal) operand).toPlainString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(operand).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns the first index of {@code pattern} in {@code data} within [from, to), or -1. */
    static int indexOf(byte[] data, byte[] pattern, int from, int to) {
        for (int i = from; i + pattern.length <= to; i++) {
            if (matchesAt(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns whether {@code pattern} occurs in {@code data} at {@code at}. */
    static boolean matchesAt(byte[] data, byte[] pattern, int at) {
        if (pattern.length == 0 || at + pattern.length > data.length) {
            return false;
        }
        for (int k = 0; k < pattern.length; k++) {
            if (data[at + k] != pattern[k]) {
                return false;
            }
        }
        return true;
    }
}
