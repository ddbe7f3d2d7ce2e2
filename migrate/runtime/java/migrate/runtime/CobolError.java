package migrate.runtime;

/**
 * A runtime error that ends the run unit as GnuCOBOL's libcob does: the message goes to
 * standard error and the process exits with {@link #exitCode()}.
 */
public class CobolError extends RuntimeException {
    private final int exitCode;

    /** Creates an error with the libcob message text and the process exit code. */
    public CobolError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Returns the exit code of the process that this error ends. */
    public int exitCode() {
        return exitCode;
    }
}
