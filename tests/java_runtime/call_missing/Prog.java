package cases.call_missing;

import migrate.runtime.*;

/** A CALL of a missing program: handled with ON EXCEPTION, then fatal without it. */
public final class Prog {
    public static void call() {
        Display.line("BEFORE");
        try {
            Programs.call("cases.call_missing", "NOSUCHPG");
        } catch (ProgramNotFound e) {
            Display.line("HANDLED");
        }
        Programs.call("cases.call_missing", "NOSUCHPG");
        Display.line("NOT REACHED");
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
