package migrate.runtime;

/**
 * Thrown by GOBACK or EXIT PROGRAM deep inside a program's paragraphs, to be caught by the
 * program's own {@code call} method, which then returns to its caller.
 */
public final class Goback extends RuntimeException {
    /** The shared instance; the signal carries no state. */
    public static final Goback INSTANCE = new Goback();

    private Goback() {
        super("GOBACK", null, false, false);
    }
}
