package cases.bank_moneyfmt;

import java.math.BigDecimal;
import migrate.runtime.*;

/** MONEYFMT of the sample bank estate, written by hand against the runtime. */
public final class Moneyfmt {
    public static final String PROGRAM_ID = "MONEYFMT";
    private static final RunUnit.Frame FRAME = new RunUnit.Frame();
    private static final EditedField WS_EDITED =
            new EditedField(Area.allocate(18), 0, "ZZ,ZZZ,ZZZ,ZZ9.99-");
    private static final AlphaField WS_EDIT_CH = new AlphaField(WS_EDITED, 0, 1).occurs(1);
    private static final EditedField WS_PROTECTED =
            new EditedField(Area.allocate(17), 0, "ZZ,ZZZ,ZZZ,ZZ9.99");
    private static final NumField WS_ABS_AMOUNT =
            NumField.display(Area.allocate(13), 0, 13, 2, false);
    private static final Area WS_COUNTERS = Area.allocate(4);
    private static final NumField WS_LEAD_SPACES = NumField.binary(WS_COUNTERS, 0, 2, 0, false);
    private static final NumField WS_START = NumField.binary(WS_COUNTERS, 1, 2, 0, false);
    private static final NumField WS_POS = NumField.binary(WS_COUNTERS, 2, 2, 0, false);
    private static final NumField WS_PTR = NumField.binary(WS_COUNTERS, 3, 2, 0, false);

    static {
        WS_EDITED.initialize();
        WS_PROTECTED.initialize();
        WS_ABS_AMOUNT.initialize();
        for (NumField counter : new NumField[] {WS_LEAD_SPACES, WS_START, WS_POS, WS_PTR}) {
            counter.initialize();
        }
    }

    /** The LINKAGE items over the caller's MONY-PARM. */
    private static final class Linkage {
        final NumField mfAmount;
        final AlphaField mfStyle;
        final Level88 mfStyleEdited;
        final Level88 mfStyleLeft;
        final Level88 mfStyleProtect;
        final AlphaField mfText;
        final NumField mfLength;
        final NumField mfRc;
        final Level88 mfBadStyle;

        Linkage(Area monyParm) {
            mfAmount = NumField.display(monyParm, 0, 13, 2, true);
            mfStyle = new AlphaField(monyParm, 13, 1);
            mfStyleEdited = new Level88(mfStyle, "E");
            mfStyleLeft = new Level88(mfStyle, "L");
            mfStyleProtect = new Level88(mfStyle, "P");
            mfText = new AlphaField(monyParm, 14, 24);
            mfLength = NumField.display(monyParm, 38, 2, 0, false);
            mfRc = NumField.display(monyParm, 40, 1, 0, false);
            mfBadStyle = new Level88(mfRc, BigDecimal.valueOf(8));
        }
    }

    public static void call(Area monyParm) {
        RunUnit.enter(FRAME);
        try {
            main(new Linkage(monyParm));
        } catch (Goback signal) {
            return;
        } finally {
            RunUnit.leave(FRAME);
        }
    }

    private static void main(Linkage lk) {
        Move.move(Figurative.SPACE, lk.mfText);
        Move.move(Figurative.ZERO, lk.mfLength);
        Move.move(Figurative.ZERO, lk.mfRc);
        if (lk.mfStyleEdited.test()) {
            Move.move(lk.mfAmount, WS_EDITED);
            Move.move(WS_EDITED, lk.mfText);
            Move.move(18, lk.mfLength);
        } else if (lk.mfStyleLeft.test()) {
            leftJustify(lk);
        } else if (lk.mfStyleProtect.test()) {
            checkProtect(lk);
        } else {
            lk.mfBadStyle.set();
            Move.move("STYLE?", lk.mfText);
            Move.move(6, lk.mfLength);
        }
        throw Goback.INSTANCE;
    }

    private static void leftJustify(Linkage lk) {
        Move.move(lk.mfAmount, WS_EDITED);
        Move.move(Figurative.ZERO, WS_LEAD_SPACES);
        new Inspect(WS_EDITED).tallyLeading(WS_LEAD_SPACES, " ").run();
        Move.move(1, WS_PTR);
        new StringInto(lk.mfText).pointer(WS_PTR).add("USD ", null).run();
        Arith.store(WS_START, Arith.add(BigDecimal.ONE, WS_LEAD_SPACES.get()), false, false);
        Move.move(WS_START, WS_POS);
        while (Compare.compare(WS_POS, BigDecimal.valueOf(18)) <= 0) {
            if (Compare.compare(WS_EDIT_CH.at(WS_POS.intValue()), Figurative.SPACE) != 0) {
                new StringInto(lk.mfText).pointer(WS_PTR)
                        .add(WS_EDIT_CH.at(WS_POS.intValue()), null).run();
            }
            Arith.store(WS_POS, Arith.add(WS_POS.get(), BigDecimal.ONE), false, false);
        }
        Arith.store(lk.mfLength, Arith.subtract(WS_PTR.get(), BigDecimal.ONE), false, false);
    }

    private static void checkProtect(Linkage lk) {
        Move.move(lk.mfAmount, WS_ABS_AMOUNT);
        Move.move(WS_ABS_AMOUNT, WS_PROTECTED);
        new Inspect(WS_PROTECTED).replaceAll(" ", "*").run();
        Move.move(WS_PROTECTED, lk.mfText);
        Move.move(17, lk.mfLength);
    }
}
