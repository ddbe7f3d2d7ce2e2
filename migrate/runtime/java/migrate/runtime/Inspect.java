package migrate.runtime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The INSPECT statement, built phrase by phrase and run with {@link #run()}.
 *
 * <p>{@code INSPECT s TALLYING n FOR ALL "A" BEFORE INITIAL "X" REPLACING LEADING "0" BY " "}
 * is {@code new Inspect(s).tallyAll(n, "A").before("X").replaceLeading("0", " ").run()}.
 * {@link #before} and {@link #after} apply to the phrase added last. Operands are
 * {@link Area}, {@link String} or {@link Figurative}; a figurative replacement is repeated
 * to the pattern's length.
 *
 * <p>As in libcob, the phrases run one after another, each over its own BEFORE/AFTER
 * region of the original value: a phrase counts or replaces only characters that no
 * earlier phrase has matched, and replacements take effect when the statement ends.
 */
public final class Inspect {
    private enum Kind { ALL, LEADING, FIRST, CHARACTERS, CONVERTING }

    private static final class Phrase {
        final Kind kind;
        final NumField counter;
        final Object pattern;
        final Object replacement;
        final List<Object[]> limits = new ArrayList<>();

        Phrase(Kind kind, NumField counter, Object pattern, Object replacement) {
            this.kind = kind;
            this.counter = counter;
            this.pattern = pattern;
            this.replacement = replacement;
        }
    }

    private final Area subject;
    private final List<Phrase> tallying = new ArrayList<>();
    private final List<Phrase> replacing = new ArrayList<>();
    private Phrase last;

    /** Starts an INSPECT statement of {@code subject}. */
    public Inspect(Area subject) {
        this.subject = subject;
    }

    private Inspect addTally(Kind kind, NumField counter, Object pattern) {
        last = new Phrase(kind, counter, pattern, null);
        tallying.add(last);
        return this;
    }

    private Inspect addReplace(Kind kind, Object pattern, Object replacement) {
        last = new Phrase(kind, null, pattern, replacement);
        replacing.add(last);
        return this;
    }

    /** Adds TALLYING counter FOR ALL pattern. */
    public Inspect tallyAll(NumField counter, Object pattern) {
        return addTally(Kind.ALL, counter, pattern);
    }

    /** Adds TALLYING counter FOR LEADING pattern. */
    public Inspect tallyLeading(NumField counter, Object pattern) {
        return addTally(Kind.LEADING, counter, pattern);
    }

    /** Adds TALLYING counter FOR CHARACTERS. */
    public Inspect tallyCharacters(NumField counter) {
        return addTally(Kind.CHARACTERS, counter, null);
    }

    /** Adds REPLACING ALL pattern BY replacement. */
    public Inspect replaceAll(Object pattern, Object replacement) {
        return addReplace(Kind.ALL, pattern, replacement);
    }

    /** Adds REPLACING LEADING pattern BY replacement. */
    public Inspect replaceLeading(Object pattern, Object replacement) {
        return addReplace(Kind.LEADING, pattern, replacement);
    }

    /** Adds REPLACING FIRST pattern BY replacement. */
    public Inspect replaceFirst(Object pattern, Object replacement) {
        return addReplace(Kind.FIRST, pattern, replacement);
    }

    /** Adds REPLACING CHARACTERS BY replacement (one character). */
    public Inspect replaceCharacters(Object replacement) {
        return addReplace(Kind.CHARACTERS, null, replacement);
    }

    /** Adds CONVERTING from TO to. */
    public Inspect convert(Object from, Object to) {
        return addReplace(Kind.CONVERTING, from, to);
    }

    /**
     * Limits the last phrase to the characters before the first {@code delimiter} (BEFORE
     * INITIAL).
     */
    public Inspect before(Object delimiter) {
        last.limits.add(new Object[] {Boolean.TRUE, delimiter});
        return this;
    }

    /**
     * Limits the last phrase to the characters after the first {@code delimiter} (AFTER
     * INITIAL).
     */
    public Inspect after(Object delimiter) {
        last.limits.add(new Object[] {Boolean.FALSE, delimiter});
        return this;
    }

    /** Runs the tallying phrases, then the replacing or converting phrases. */
    public void run() {
        byte[] data = subject.bytes();
        if (!tallying.isEmpty()) {
            boolean[] used = new boolean[data.length];
            for (Phrase phrase : tallying) {
                int n = scan(phrase, data, used, null);
                if (n > 0) {
                    NumField counter = phrase.counter;
                    counter.set(counter.get().add(BigDecimal.valueOf(n)));
                }
            }
        }
        if (!replacing.isEmpty()) {
            boolean[] used = new boolean[data.length];
            byte[] result = data.clone();
            for (Phrase phrase : replacing) {
                if (phrase.kind == Kind.CONVERTING) {
                    convert(phrase, data, result);
                } else {
                    scan(phrase, data, used, result);
                }
            }
            System.arraycopy(result, 0, subject.buf, subject.off, data.length);
        }
    }

    /** Returns the [start, end) region of a phrase after its BEFORE and AFTER limits. */
    private static int[] region(Phrase phrase, byte[] data) {
        int start = 0;
        int end = data.length;
        for (Object[] limit : phrase.limits) {
            byte[] delimiter = Operands.bytes(limit[1]);
            int found = Operands.indexOf(data, delimiter, start, end);
            if ((Boolean) limit[0]) {
                if (found >= 0) {
                    end = found;
                }
            } else {
                start = found >= 0 ? found + delimiter.length : end;
            }
        }
        return new int[] {start, end};
    }

    /** Matches one phrase, marking what it matches; replaces into {@code result} if given. */
    private static int scan(Phrase phrase, byte[] data, boolean[] used, byte[] result) {
        int[] bounds = region(phrase, data);
        int start = bounds[0];
        int end = bounds[1];
        if (phrase.kind == Kind.CHARACTERS) {
            byte with = result == null ? 0 : Operands.bytes(phrase.replacement)[0];
            int n = 0;
            for (int i = start; i < end; i++) {
                if (!used[i]) {
                    used[i] = true;
                    n++;
                    if (result != null) {
                        result[i] = with;
                    }
                }
            }
            return n;
        }
        byte[] pattern = Operands.bytes(phrase.pattern);
        byte[] with = result == null ? null : replacementFor(phrase.replacement, pattern.length);
        if (with != null && with.length != pattern.length) {
            // libcob raises EC-RANGE-INSPECT-SIZE and leaves the phrase out.
            return 0;
        }
        int n = 0;
        for (int i = start; i + pattern.length <= end; i++) {
            if (!matches(data, pattern, i)) {
                if (phrase.kind == Kind.LEADING) {
                    break;
                }
                continue;
            }
            if (isFree(used, i, pattern.length)) {
                Arrays.fill(used, i, i + pattern.length, true);
                if (result != null) {
                    System.arraycopy(with, 0, result, i, with.length);
                }
                n++;
                if (phrase.kind == Kind.FIRST) {
                    break;
                }
                i += pattern.length - 1;
            }
        }
        return n;
    }

    private static byte[] replacementFor(Object replacement, int length) {
        byte[] bytes = Operands.bytes(replacement);
        if (replacement instanceof Figurative && bytes.length != length) {
            byte[] repeated = new byte[length];
            Arrays.fill(repeated, bytes[0]);
            return repeated;
        }
        return bytes;
    }

    private static boolean matches(byte[] data, byte[] pattern, int at) {
        return Operands.matchesAt(data, pattern, at);
    }

    private static boolean isFree(boolean[] used, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (used[k]) {
                return false;
            }
        }
        return true;
    }

    private static void convert(Phrase phrase, byte[] data, byte[] result) {
        byte[] from = Operands.bytes(phrase.pattern);
        byte[] to = replacementFor(phrase.replacement, from.length);
        int[] bounds = region(phrase, data);
        for (int i = bounds[0]; i < bounds[1]; i++) {
            for (int k = 0; k < from.length; k++) {
                if (data[i] == from[k]) {
                    result[i] = to[k];
                    break;
                }
            }
        }
    }
}
