package cases.call_dynamic;

import migrate.runtime.*;

/** A subprogram that sets RETURN-CODE and ends with EXIT PROGRAM. */
public final class C4 {
    public static final String PROGRAM_ID = "C4";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            Display.line("IN C4 ", RunUnit.returnCodeItem());
            RunUnit.returnCode = 9;
            throw Goback.INSTANCE;
        } catch (Goback signal) {
            return;
        } finally {
            RunUnit.leave(FRAME);
        }
    }
}
