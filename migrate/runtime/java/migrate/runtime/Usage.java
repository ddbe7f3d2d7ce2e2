package migrate.runtime;

/** The USAGE of a numeric item, which decides how its value is encoded in bytes. */
public enum Usage {
    /** USAGE DISPLAY: zoned decimal, one digit per byte. */
    DISPLAY,
    /** COMP, COMP-4 or BINARY: big-endian two's complement, truncated to the PIC digits. */
    BINARY,
    /** COMP-5: big-endian two's complement, limited by the byte size, not the PIC digits. */
    COMP_5,
    /** COMP-3 or PACKED-DECIMAL: two digits per byte and a sign nibble. */
    PACKED
}
