package migrate.runtime;

import java.math.BigDecimal;

/** An item that can receive an arithmetic result: a numeric or numeric-edited item. */
public interface NumericReceiver {
    /** Returns the number of digit positions of the PICTURE. */
    int digits();

    /** Returns the number of digits after the implied or actual decimal point. */
    int scale();

    /** Returns whether the item keeps a sign. */
    boolean signed();

    /** Stores {@code value} with MOVE rules: aligned on the point, truncated at both ends. */
    void set(BigDecimal value);
}
