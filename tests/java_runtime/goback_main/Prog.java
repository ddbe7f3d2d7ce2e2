package cases.goback_main;

import java.math.BigDecimal;
import migrate.runtime.*;

/** GOBACK from a performed paragraph of the main program ends the run with RETURN-CODE. */
public final class Prog {
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();
    private static final NumField I = NumField.display(Area.allocate(1), 0, 1, 0, false);

    static {
        I.initialize();
    }

    private static void stepPara() {
        Arith.store(I, Arith.add(I.get(), BigDecimal.ONE), false, false);
        Display.line("STEP ", I);
        if (Compare.compare(I, BigDecimal.valueOf(2)) == 0) {
            RunUnit.returnCode = 3;
            throw Goback.INSTANCE;
        }
    }

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            for (int n = 0; n < 3; n++) {
                stepPara();
            }
            Display.line("NOT REACHED");
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
