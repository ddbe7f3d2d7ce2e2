package migrate.runtime;

/** Thrown by STOP RUN (and GOBACK in the main program) to end the run unit. */
public final class StopRun extends RuntimeException {
    /** Creates the signal; it carries no stack trace. */
    public StopRun() {
        super("STOP RUN", null, false, false);
    }
}
