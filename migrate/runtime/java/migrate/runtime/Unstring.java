package migrate.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The UNSTRING statement, built phrase by phrase:
 * {@code new Unstring(src).delimitedBy(",", false).into(a).into(b, delim, count).run()};
 * {@link #run()} returns true on overflow (ON OVERFLOW).
 *
 * <p>Each receiver gets the characters up to the next delimiter (the earliest match, the
 * first listed delimiter winning a tie), moved with MOVE rules; an empty field moves
 * spaces. Without DELIMITED BY each receiver takes as many characters as it is long. It
 * is an overflow when the pointer starts outside the source or characters remain after
 * the last receiver.
 */
public final class Unstring {
    private final Area source;
    private final List<Object> delimiters = new ArrayList<>();
    private final List<Boolean> allFlags = new ArrayList<>();
    private final List<Area[]> receivers = new ArrayList<>();
    private NumField pointer;
    private NumField tally;

    /** Starts an UNSTRING statement of {@code source}. */
    public Unstring(Area source) {
        this.source = source;
    }

    /**
     * Adds a delimiter ({@link Area}, {@link String} or {@link Figurative}), ALL when {@code
     * all}.
     */
    public Unstring delimitedBy(Object delimiter, boolean all) {
        delimiters.add(delimiter);
        allFlags.add(all);
        return this;
    }

    /** Adds a receiving item and returns this statement. */
    public Unstring into(Area target) {
        return into(target, null, null);
    }

    /** Adds a receiving item with its DELIMITER IN and COUNT IN items (each may be null). */
    public Unstring into(Area target, Area delimiterIn, NumField countIn) {
        receivers.add(new Area[] {target, delimiterIn, countIn});
        return this;
    }

    /** Sets the WITH POINTER item and returns this statement. */
    public Unstring pointer(NumField pointer) {
        this.pointer = pointer;
        return this;
    }

    /** Sets the TALLYING IN item and returns this statement. */
    public Unstring tallying(NumField counter) {
        this.tally = counter;
        return this;
    }

    /** Runs the statement and returns true on overflow. */
    public boolean run() {
        byte[] data = source.bytes();
        int offset = pointer == null ? 0 : pointer.intValue() - 1;
        if (offset < 0 || offset >= data.length) {
            return true;
        }
        byte[][] patterns = new byte[delimiters.size()][];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = Operands.bytes(delimiters.get(i));
        }
        int count = 0;
        for (Area[] receiver : receivers) {
            if (offset >= data.length) {
                break;
            }
            offset = fill(receiver, data, offset, patterns);
            count++;
        }
        if (tally != null) {
            tally.set(tally.get().add(java.math.BigDecimal.valueOf(count)));
        }
        if (pointer != null) {
            pointer.set(offset + 1);
        }
        return offset < data.length;
    }

    /** Moves the next field to one receiver and returns the offset after its delimiter. */
    private int fill(Area[] receiver, byte[] data, int offset, byte[][] patterns) {
        int size;
        int next;
        byte[] matched = null;
        if (patterns.length == 0) {
            size = Math.min(receiverLength(receiver[0]), data.length - offset);
            next = offset + size;
        } else {
            int at = offset;
            int matchedIndex = -1;
            search:
            for (; at < data.length; at++) {
                for (int i = 0; i < patterns.length; i++) {
                    if (Operands.matchesAt(data, patterns[i], at)) {
                        matchedIndex = i;
                        break search;
                    }
                }
            }
            if (matchedIndex < 0) {
                size = data.length - offset;
                next = data.length;
            } else {
                size = at - offset;
                matched = patterns[matchedIndex];
                next = at + matched.length;
                while (allFlags.get(matchedIndex) && Operands.matchesAt(data, matched, next)) {
                    next += matched.length;
                }
            }
        }
        byte[] field = java.util.Arrays.copyOfRange(data, offset, offset + size);
        Move.alphanumeric(size == 0 ? new byte[] {' '} : field, receiver[0]);
        if (receiver[1] != null) {
            Move.alphanumeric(matched == null ? new byte[] {' '} : matched, receiver[1]);
        }
        if (receiver[2] != null) {
            ((NumField) receiver[2]).set(size);
        }
        return next;
    }

    private static int receiverLength(Area receiver) {
        if (receiver instanceof NumField) {
            NumField number = (NumField) receiver;
            return number.usage() == Usage.DISPLAY ? number.digits() : number.len;
        }
        return receiver.len;
    }
}
