package migrate.runtime;

import java.math.BigDecimal;

/**
 * A level-88 condition name over an item.
 *
 * <p>Values are {@link String}, {@link BigDecimal}, {@link Long}, {@link Integer} or
 * {@link Figurative}, and {@link #range} for a THRU range:
 * {@code new Level88(wsCode, "A", "B", Level88.range("X", "Z"))}. Each value is compared
 * with {@link Compare#compare(Object, Object)}.
 */
public final class Level88 {
    private final Area item;
    private final Object[] values;

    /** Creates a condition that is true when {@code item} equals one of {@code values}. */
    public Level88(Area item, Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a level-88 condition needs at least one value");
        }
        this.item = item;
        this.values = values.clone();
    }

    /** A THRU range of values, low and high included. */
    public static final class Range {
        final Object low;
        final Object high;

        Range(Object low, Object high) {
            this.low = low;
            this.high = high;
        }
    }

    /** Returns the range {@code low THRU high}. */
    public static Range range(Object low, Object high) {
        return new Range(low, high);
    }

    /** Returns the condition over the occurrence of the item at the 1-based subscripts. */
    public Level88 at(int... subscripts) {
        return new Level88(item.at(subscripts), values);
    }

    /** Tests the condition. */
    public boolean test() {
        for (Object value : values) {
            if (value instanceof Range) {
                Range range = (Range) value;
                boolean inRange = Compare.compare(item, range.low) >= 0
                        && Compare.compare(item, range.high) <= 0;
                if (inRange) {
                    return true;
                }
            } else if (Compare.compare(item, value) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code SET condition TO TRUE}: moves the first value (or a range's low end) to the
     * item.
     */
    public void set() {
        Object first = values[0] instanceof Range ? ((Range) values[0]).low : values[0];
        if (first instanceof String) {
            Move.move((String) first, item);
        } else if (first instanceof Figurative) {
            Move.move((Figurative) first, item);
        } else if (first instanceof BigDecimal) {
            Move.move((BigDecimal) first, item);
        } else {
            Move.move(((Number) first).longValue(), item);
        }
    }
}
