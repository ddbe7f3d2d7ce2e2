package cases.call_dynamic;

import migrate.runtime.*;

/** A subprogram that ends the run unit with STOP RUN RETURNING 4. */
public final class C5 {
    public static final String PROGRAM_ID = "C5";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            Display.line("IN C5 ", RunUnit.returnCodeItem());
            throw RunUnit.stopRun(4);
        } finally {
            RunUnit.leave(FRAME);
        }
    }
}
