package cases.call_recursive;

import migrate.runtime.*;

/** R2, which calls R1 back: a recursive CALL, fatal in GnuCOBOL. */
public final class R2 {
    public static final String PROGRAM_ID = "R2";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame(PROGRAM_ID);

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            Display.line("R2");
            Programs.call("cases.call_recursive", "R1");
        } finally {
            RunUnit.leave(FRAME);
        }
    }
}
