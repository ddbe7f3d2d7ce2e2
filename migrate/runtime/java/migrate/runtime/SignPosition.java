package migrate.runtime;

/** The position of the sign of a signed USAGE DISPLAY item (the SIGN clause). */
public enum SignPosition {
    /** The default: the sign is folded into the zone of the last digit. */
    TRAILING,
    /** SIGN LEADING: the sign is folded into the zone of the first digit. */
    LEADING,
    /** SIGN TRAILING SEPARATE: a '+' or '-' byte after the digits. */
    TRAILING_SEPARATE,
    /** SIGN LEADING SEPARATE: a '+' or '-' byte before the digits. */
    LEADING_SEPARATE
}
