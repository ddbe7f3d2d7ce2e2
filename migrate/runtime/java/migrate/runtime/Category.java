package migrate.runtime;

/** The COBOL category of a data item, which decides MOVE and comparison rules. */
public enum Category {
    /** A group item: its bytes are moved and compared as alphanumeric. */
    GROUP,
    /** PIC X or PIC A, an elementary alphanumeric or alphabetic item. */
    ALPHANUMERIC,
    /** PIC X with B, 0 or / insertion characters. */
    ALPHANUMERIC_EDITED,
    /** PIC 9 in any usage. */
    NUMERIC,
    /** PIC with Z, *, comma, point, sign, CR, DB or currency editing. */
    NUMERIC_EDITED
}
