package cases.package_example;

import java.math.BigDecimal;
import migrate.runtime.*;

public final class Prog {
    public static final String PROGRAM_ID = "SUMSALES";

    // FILE SECTION: one record area per FD, shared by its 01 records.
    private static final Area saleRec = Area.allocate(11);
    private static final AlphaField saleId = new AlphaField(saleRec, 0, 4);
    private static final NumField saleAmt = NumField.display(saleRec, 4, 7, 2, false);

    // WORKING-STORAGE: one Area per 01 item, items at their offsets inside it.
    private static final AlphaField wsFs = new AlphaField(Area.allocate(2), 0, 2);
    private static final Area wsTotals = Area.allocate(48);
    private static final NumField wsSum = NumField.packed(wsTotals, 0, 9, 2, true);
    private static final NumField wsAvg = NumField.display(wsTotals, 5, 7, 2, false);
    private static final NumField wsMonth =
            NumField.display(wsTotals, 12, 3, 0, false).occurs(3);
    private static final AlphaField wsEof = new AlphaField(Area.allocate(1), 0, 1);
    private static final Level88 atEof = new Level88(wsEof, "Y");

    private static final SeqFile sales = new SeqFile("SALESIN", saleRec, true).status(wsFs);

    static {
        // Every elementary item gets its VALUE, or GnuCOBOL's default by category.
        saleId.initialize();
        saleAmt.initialize();
        wsFs.initialize();
        Move.move(BigDecimal.ZERO, wsSum);
        wsAvg.initialize();
        for (int i = 1; i <= 12; i++) {
            wsMonth.at(i).initialize();
        }
        Move.move("N", wsEof);
    }

    private static final RunUnit.Frame FRAME = new RunUnit.Frame(PROGRAM_ID);

    public static void call() {
        RunUnit.enter(FRAME);
        try {
            procedure();
        } catch (Goback signal) {
            // GOBACK or EXIT PROGRAM from any paragraph returns to the caller.
        } finally {
            RunUnit.leave(FRAME);
        }
    }

    private static void procedure() {
        sales.openInput();
        while (!atEof.test()) {
            if (!sales.read()) {
                atEof.set();
            } else {
                BigDecimal sum = Arith.add(wsSum.get(), saleAmt.get());
                Arith.store(wsSum, sum, false, false);
            }
        }
        sales.close();
        Move.move(7, wsMonth.at(3));
        BigDecimal average = Arith.divide(wsSum.get(), BigDecimal.valueOf(3));
        if (Arith.store(wsAvg, average, true, true)) {
            Display.line("OVERFLOW");
        }
        Display.line("TOTAL ", wsSum, " AVG ", wsAvg);
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
