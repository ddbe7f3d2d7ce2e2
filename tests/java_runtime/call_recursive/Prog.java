package cases.call_recursive;

import migrate.runtime.*;

/** Runs R1 as the main program. */
public final class Prog {
    public static void main(String[] args) {
        RunUnit.runMain(args, R1::call);
    }
}
