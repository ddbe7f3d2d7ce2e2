package migrate.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The STRING statement, built phrase by phrase:
 * {@code new StringInto(target).pointer(p).add(a, " ").add(b, null).run()} is
 * {@code STRING a DELIMITED BY " " b DELIMITED BY SIZE INTO target WITH POINTER p};
 * {@link #run()} returns true on overflow (ON OVERFLOW).
 *
 * <p>Sources and delimiters are {@link Area}, {@link String} or {@link Figurative} (one
 * character); a null delimiter is DELIMITED BY SIZE. Only the target positions written
 * change. The pointer starts at 1 without a POINTER phrase; a pointer outside the target
 * is an overflow before anything moves.
 */
public final class StringInto {
    private final Area target;
    private final List<Object[]> sources = new ArrayList<>();
    private NumField pointer;

    /** Starts a STRING statement into {@code target}. */
    public StringInto(Area target) {
        this.target = target;
    }

    /** Sets the WITH POINTER item and returns this statement. */
    public StringInto pointer(NumField pointer) {
        this.pointer = pointer;
        return this;
    }

    /** Adds a source with its delimiter (null for SIZE) and returns this statement. */
    public StringInto add(Object source, Object delimiter) {
        sources.add(new Object[] {source, delimiter});
        return this;
    }

    /** Runs the statement and returns true when the target overflowed. */
    public boolean run() {
        int offset = pointer == null ? 0 : pointer.intValue() - 1;
        if (offset < 0 || offset >= target.len) {
            return true;
        }
        boolean overflow = false;
        for (Object[] phrase : sources) {
            byte[] data = Operands.bytes(phrase[0]);
            int size = data.length;
            if (phrase[1] != null) {
                int found = Operands.indexOf(data, Operands.bytes(phrase[1]), 0, data.length);
                if (found >= 0) {
                    size = found;
                }
            }
            int room = target.len - offset;
            int n = Math.min(size, room);
            System.arraycopy(data, 0, target.buf, target.off + offset, n);
            offset += n;
            if (size > room) {
                overflow = true;
                break;
            }
        }
        if (pointer != null) {
            pointer.set(offset + 1);
        }
        return overflow;
    }
}
