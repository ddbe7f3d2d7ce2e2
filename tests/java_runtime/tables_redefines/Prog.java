package cases.tables_redefines;

import java.math.BigDecimal;
import migrate.runtime.*;

/** Nested OCCURS tables (three levels), REDEFINES, INITIALIZE and group moves of rows. */
public final class Prog {
    private static final Area WS_TABLE = Area.allocate(54);
    private static final Area WS_REGION = new Area(WS_TABLE, 0, 27).occurs(27);
    private static final AlphaField WS_REG_NAME = new AlphaField(WS_TABLE, 0, 3).occurs(27);
    private static final Area WS_STORE = new Area(WS_TABLE, 3, 8).occurs(27, 8);
    private static final NumField WS_STORE_ID =
            NumField.display(WS_TABLE, 3, 2, 0, false).occurs(27, 8);
    private static final NumField WS_DAY_AMT =
            NumField.packed(WS_TABLE, 5, 4, 1, true).occurs(27, 8, 3);
    private static final NumField WS_DATE = NumField.display(Area.allocate(8), 0, 8, 0, false);
    private static final Area WS_DATE_R = new Area(WS_DATE, 0, 8);
    private static final NumField WS_YEAR = NumField.display(WS_DATE_R, 0, 4, 0, false);
    private static final NumField WS_MONTH = NumField.display(WS_DATE_R, 4, 2, 0, false);
    private static final NumField WS_DAY = NumField.display(WS_DATE_R, 6, 2, 0, false);
    private static final NumField WS_PACKED = NumField.packed(Area.allocate(3), 0, 5, 0, true);
    private static final AlphaField WS_PACKED_X = new AlphaField(WS_PACKED, 0, 3);
    private static final NumField I = NumField.display(Area.allocate(1), 0, 1, 0, false);
    private static final NumField J = NumField.display(Area.allocate(1), 0, 1, 0, false);
    private static final NumField K = NumField.display(Area.allocate(1), 0, 1, 0, false);
    private static final NumField WS_SUM = NumField.display(Area.allocate(6), 0, 6, 1, true);
    private static final Area WS_COPY = Area.allocate(21);
    private static final AlphaField WS_COPY_NAME = new AlphaField(WS_COPY, 0, 3);
    private static final Area WS_COPY_STORE = new Area(WS_COPY, 3, 6).occurs(6);

    static {
        Move.move(20200115, WS_DATE);
        Move.move(-12345, WS_PACKED);
        I.initialize();
        J.initialize();
        K.initialize();
        WS_SUM.initialize();
    }

    private static void initializeTable() {
        for (int i = 1; i <= 2; i++) {
            WS_REG_NAME.at(i).initialize();
            for (int j = 1; j <= 3; j++) {
                WS_STORE_ID.at(i, j).initialize();
                for (int k = 1; k <= 2; k++) {
                    WS_DAY_AMT.at(i, j, k).initialize();
                }
            }
        }
    }

    private static BigDecimal n(long value) {
        return BigDecimal.valueOf(value);
    }

    private static void increment(NumField counter) {
        Arith.store(counter, Arith.add(counter.get(), BigDecimal.ONE), false, false);
    }

    private static void fill() {
        for (Move.move(1, I); Compare.compare(I, n(2)) <= 0; increment(I)) {
            Move.move("R", WS_REG_NAME.at(I.intValue()));
            Move.move(I, WS_REG_NAME.at(I.intValue()).refMod(2, 1));
            for (Move.move(1, J); Compare.compare(J, n(3)) <= 0; increment(J)) {
                BigDecimal id = Arith.add(Arith.multiply(I.get(), n(10)), J.get());
                Arith.store(WS_STORE_ID.at(I.intValue(), J.intValue()), id, false, false);
                for (Move.move(1, K); Compare.compare(K, n(2)) <= 0; increment(K)) {
                    BigDecimal amount = Arith.subtract(
                            Arith.add(I.get(), Arith.divide(J.get(), n(2))), K.get());
                    NumField target = WS_DAY_AMT.at(I.intValue(), J.intValue(), K.intValue());
                    Arith.store(target, amount, false, false);
                }
            }
        }
    }

    private static void report() {
        for (Move.move(1, I); Compare.compare(I, n(2)) <= 0; increment(I)) {
            for (Move.move(1, J); Compare.compare(J, n(3)) <= 0; increment(J)) {
                int i = I.intValue();
                int j = J.intValue();
                Display.line(WS_REG_NAME.at(i), " ", WS_STORE_ID.at(i, j), " ",
                        WS_DAY_AMT.at(i, j, 1), " ", WS_DAY_AMT.at(i, j, 2));
                BigDecimal both = Arith.add(WS_DAY_AMT.at(i, j, 1).get(), WS_DAY_AMT.at(i, j, 2).get());
                Arith.store(WS_SUM, Arith.add(WS_SUM.get(), both), false, false);
            }
        }
        Display.line("SUM ", WS_SUM);
    }

    public static void call() {
        initializeTable();
        Display.line("[", WS_TABLE, "]");
        fill();
        report();
        Move.move(WS_REGION.at(2), WS_COPY);
        Display.line("COPY ", WS_COPY_NAME, " ", WS_COPY_STORE.at(3).refMod(1, 2));
        Move.move(WS_STORE.at(1, 2), WS_STORE.at(2, 3));
        Display.line("MOVED ", WS_STORE_ID.at(2, 3), " ", WS_DAY_AMT.at(2, 3, 2));
        Display.line(WS_YEAR, "/", WS_MONTH, "/", WS_DAY);
        Move.move(12, WS_MONTH);
        Display.line(WS_DATE);
        Display.line(Functions.length(WS_TABLE), " ", Functions.length(WS_REGION.at(1)));
        byte[] packed = {0x12, 0x34, 0x5D};
        if (Compare.compare(WS_PACKED_X, new String(packed, java.nio.charset.StandardCharsets.ISO_8859_1)) == 0) {
            Display.line("PACKED BYTES MATCH");
        }
        Move.move(Figurative.LOW_VALUE, WS_PACKED_X);
        Display.line(WS_PACKED);
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
