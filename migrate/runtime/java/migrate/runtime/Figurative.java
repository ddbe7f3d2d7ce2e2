package migrate.runtime;

/** The figurative constants, used as MOVE sources, comparison operands and DISPLAY items. */
public enum Figurative {
    /** SPACE, SPACES: the byte 0x20. */
    SPACE((byte) ' '),
    /** ZERO, ZEROS, ZEROES: the value zero, or the byte '0' for alphanumeric items. */
    ZERO((byte) '0'),
    /** HIGH-VALUE, HIGH-VALUES: the byte 0xFF. */
    HIGH_VALUE((byte) 0xFF),
    /** LOW-VALUE, LOW-VALUES: the byte 0x00. */
    LOW_VALUE((byte) 0x00),
    /** QUOTE, QUOTES: the byte '"'. */
    QUOTE((byte) '"');

    private final byte fill;

    Figurative(byte fill) {
        this.fill = fill;
    }

    /** Returns the byte that fills an alphanumeric item given this constant. */
    public byte fill() {
        return fill;
    }
}
