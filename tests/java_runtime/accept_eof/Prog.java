package cases.accept_eof;

import java.math.BigDecimal;
import migrate.runtime.*;

/** ACCEPT from standard input (empty from the start), the clock and the environment. */
public final class Prog {
    private static final AlphaField L1 = new AlphaField(Area.allocate(5), 0, 5);
    private static final NumField N1 = NumField.display(Area.allocate(4), 0, 4, 0, false);
    private static final NumField S1 = NumField.display(Area.allocate(4), 0, 4, 1, true);
    private static final NumField D6 = NumField.display(Area.allocate(6), 0, 6, 0, false);
    private static final NumField D8 = NumField.display(Area.allocate(8), 0, 8, 0, false);
    private static final NumField DY = NumField.display(Area.allocate(5), 0, 5, 0, false);
    private static final NumField DY7 = NumField.display(Area.allocate(7), 0, 7, 0, false);
    private static final NumField TM = NumField.display(Area.allocate(8), 0, 8, 0, false);
    private static final NumField DW = NumField.display(Area.allocate(1), 0, 1, 0, false);
    private static final AlphaField XD = new AlphaField(Area.allocate(10), 0, 10);
    private static final AlphaField CDT = new AlphaField(Area.allocate(21), 0, 21);
    private static final AlphaField EV = new AlphaField(Area.allocate(10), 0, 10);

    static {
        Move.move("INIT", L1);
        Move.move(1, N1);
        Move.move(BigDecimal.ONE, S1);
        for (NumField f : new NumField[] {D6, D8, DY, DY7, TM, DW}) {
            f.initialize();
        }
        XD.initialize();
        CDT.initialize();
        EV.initialize();
    }

    public static void call() {
        Display.noAdvancing("PROMPT");
        Accept.line(L1);
        Display.line("[", L1, "]");
        Accept.line(N1);
        Display.line("[", N1, "]");
        Accept.line(S1);
        Display.line("[", S1, "]");
        Accept.line(L1);
        Display.line("[", L1, "]");
        Accept.line(L1);
        Display.line("[", L1, "]");
        Accept.line(N1);
        Display.line("[", N1, "]");
        Accept.date(D6);
        Display.line(D6);
        Accept.dateYyyymmdd(D8);
        Display.line(D8);
        Accept.day(DY);
        Display.line(DY);
        Accept.dayYyyyddd(DY7);
        Display.line(DY7);
        Accept.time(TM);
        Display.line(TM);
        Accept.dayOfWeek(DW);
        Display.line(DW);
        Accept.date(XD);
        Display.line("[", XD, "]");
        Move.move(Functions.currentDate(), CDT);
        Display.line(CDT);
        Accept.environment(EV, "MYVAR");
        Display.line("[", EV, "]");
        Accept.environment(EV, "NOVAR");
        Display.line("[", EV, "]");
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
