package cases.bank_moneyfmt;

import java.math.BigDecimal;
import migrate.runtime.*;

/** TMONYFMT of the sample bank estate, the test driver of MONEYFMT, written by hand. */
public final class Prog {
    public static final String PROGRAM_ID = "TMONYFMT";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();
    private static final Area MONY_PARM = Area.allocate(41);
    private static final NumField MF_AMOUNT = NumField.display(MONY_PARM, 0, 13, 2, true);
    private static final AlphaField MF_STYLE = new AlphaField(MONY_PARM, 13, 1);
    private static final Level88 MF_STYLE_EDITED = new Level88(MF_STYLE, "E");
    private static final Level88 MF_STYLE_LEFT = new Level88(MF_STYLE, "L");
    private static final Level88 MF_STYLE_PROTECT = new Level88(MF_STYLE, "P");
    private static final AlphaField MF_TEXT = new AlphaField(MONY_PARM, 14, 24);
    private static final NumField MF_LENGTH = NumField.display(MONY_PARM, 38, 2, 0, false);
    private static final NumField MF_RC = NumField.display(MONY_PARM, 40, 1, 0, false);
    private static final NumField WS_AMOUNT = NumField.display(Area.allocate(13), 0, 13, 2, true);

    static {
        MF_AMOUNT.initialize();
        MF_STYLE.initialize();
        MF_TEXT.initialize();
        MF_LENGTH.initialize();
        MF_RC.initialize();
        Move.move(Figurative.ZERO, WS_AMOUNT);
    }

    private static void allStyles() {
        MF_STYLE_EDITED.set();
        format();
        MF_STYLE_LEFT.set();
        format();
        MF_STYLE_PROTECT.set();
        format();
    }

    private static void format() {
        Move.move(WS_AMOUNT, MF_AMOUNT);
        Moneyfmt.call(MONY_PARM);
        Display.line("TMONYFMT: ", MF_STYLE, " ", MF_AMOUNT, " [", MF_TEXT, "] LEN ", MF_LENGTH,
                " RC ", MF_RC);
    }

    private static void procedure() {
        String[] amounts = {"0", "0.01", "-0.01", "1234.5", "-1234.5", "-1000000",
            "99999999999.99", "-99999999999.99"};
        for (String amount : amounts) {
            Move.move(new BigDecimal(amount), WS_AMOUNT);
            allStyles();
        }
        Move.move("Q", MF_STYLE);
        format();
        throw RunUnit.stopRun();
    }

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            procedure();
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
