package cases.call_dynamic;

import java.math.BigDecimal;
import migrate.runtime.*;

/** A subprogram with LINKAGE items and WORKING-STORAGE kept between calls. */
public final class C2 {
    public static final String PROGRAM_ID = "C2";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();
    private static final NumField CNT = NumField.display(Area.allocate(1), 0, 1, 0, false);

    static {
        CNT.initialize();
    }

    public static void call(Area p1, Area p2) {
        RunUnit.enter(FRAME);
        try {
            AlphaField l1 = new AlphaField(p1, 0, 4);
            NumField l2 = NumField.display(p2, 0, 3, 0, false);
            Arith.store(CNT, Arith.add(CNT.get(), BigDecimal.ONE), false, false);
            Display.line("IN C2 ", RunUnit.returnCodeItem(), " ", CNT, " ", l1, " ", l2);
            Move.move("WXYZ", l1);
            Arith.store(l2, Arith.add(l2.get(), BigDecimal.ONE), false, false);
            if (Compare.compare(CNT, BigDecimal.valueOf(2)) == 0) {
                RunUnit.returnCode = 7;
            }
        } finally {
            RunUnit.leave(FRAME);
        }
    }
}
