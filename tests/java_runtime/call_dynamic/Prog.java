package cases.call_dynamic;

import migrate.runtime.*;

/** Dynamic CALL BY REFERENCE and BY CONTENT, RETURN-CODE per program, ON EXCEPTION. */
public final class Prog {
    static final String PACKAGE = "cases.call_dynamic";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();
    private static final AlphaField PNAME = new AlphaField(Area.allocate(8), 0, 8);
    private static final AlphaField ARG1 = new AlphaField(Area.allocate(4), 0, 4);
    private static final NumField ARG2 = NumField.display(Area.allocate(3), 0, 3, 0, false);

    static {
        Move.move("C2", PNAME);
        Move.move("ABCD", ARG1);
        Move.move(7, ARG2);
    }

    static void body() {
        RunUnit.returnCode = 5;
        Programs.call(PACKAGE, PNAME, ARG1, ARG2);
        Display.line("RC AFTER C2 ", RunUnit.returnCodeItem(), " ", ARG1, " ", ARG2);
        Programs.call(PACKAGE, PNAME, ARG1.copy(), ARG2);
        Display.line("RC AFTER C2 ", RunUnit.returnCodeItem(), " ", ARG1, " ", ARG2);
        RunUnit.returnCode = 6;
        Programs.call(PACKAGE, "C4");
        Display.line("RC AFTER C4 ", RunUnit.returnCodeItem());
        RunUnit.returnCode = 8;
        Programs.call(PACKAGE, "C4");
        Display.line("RC AFTER C4 ", RunUnit.returnCodeItem());
        Move.move("NOPE", PNAME);
        try {
            Programs.call(PACKAGE, PNAME);
        } catch (ProgramNotFound e) {
            Display.line("NOT FOUND");
        }
        Display.line("RC ", RunUnit.returnCodeItem());
        Programs.call(PACKAGE, "C5");
        Display.line("NOT REACHED");
        throw RunUnit.stopRun();
    }

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            body();
        } catch (Goback signal) {
            return;
        } finally {
            RunUnit.leave(FRAME);
        }
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
