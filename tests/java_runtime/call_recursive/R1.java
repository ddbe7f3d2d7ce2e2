package cases.call_recursive;

import migrate.runtime.*;

/** The main program R1, which R2 calls back while R1 is still running. */
public final class R1 {
    public static final String PROGRAM_ID = "R1";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame(PROGRAM_ID);

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            Display.line("R1");
            Programs.call("cases.call_recursive", "R2");
            Display.line("BACK");
            throw RunUnit.stopRun();
        } finally {
            RunUnit.leave(FRAME);
        }
    }
}
