package migrate.runtime;

/** Thrown by a dynamic CALL of a program that does not exist; ON EXCEPTION catches it. */
public final class ProgramNotFound extends CobolError {
    /** Creates the error for {@code programName}, with libcob's message and exit code. */
    public ProgramNotFound(String programName) {
        super("module '" + programName + "' not found", 1);
    }
}
