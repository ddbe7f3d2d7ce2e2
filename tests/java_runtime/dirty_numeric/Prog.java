package cases.dirty_numeric;

import java.math.BigDecimal;
import migrate.runtime.*;

/** USAGE DISPLAY numbers holding spaces, as a short input record leaves them. */
public final class Prog {
    private static final NumField N5 = NumField.display(Area.allocate(5), 0, 5, 0, true);
    private static final NumField S3 = NumField.display(Area.allocate(3), 0, 3, 0, true);
    private static final Area G = Area.allocate(7);
    private static final NumField A1 = NumField.display(G, 0, 7, 2, false);
    private static final Area H = Area.allocate(3);
    private static final NumField B1 = NumField.display(H, 0, 3, 0, true);
    private static final NumField T = NumField.packed(Area.allocate(5), 0, 9, 2, true);
    private static final NumField U = NumField.display(Area.allocate(9), 0, 9, 2, false);
    private static final EditedField E = new EditedField(Area.allocate(7), 0, "ZZZ9.99");
    private static final EditedField E2 = new EditedField(Area.allocate(9), 0, "ZZZZ9.99-");
    private static final NumField Z5 = NumField.display(Area.allocate(5), 0, 5, 0, false);
    private static final NumField P = NumField.packed(Area.allocate(4), 0, 7, 2, true);
    private static final NumField B = NumField.binary(Area.allocate(4), 0, 7, 2, true);
    private static final AlphaField X = new AlphaField(Area.allocate(7), 0, 7);
    private static final NumField N = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final NumField M = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final NumField S = NumField.display(Area.allocate(7), 0, 7, 2, true);

    static {
        Move.move(-1000, N5);
        for (NumField f : new NumField[] {S3, A1, B1, T, U, Z5, P, B, N, M, S}) {
            f.initialize();
        }
        E.initialize();
        E2.initialize();
        X.initialize();
    }

    private static void show(String label, Area item) {
        Display.line(label + " [", item, "]");
    }

    public static void call() {
        Move.move(N5, S3);
        show("1", S3);
        Move.move("001050 ", G);
        Arith.store(T, Arith.add(T.get(), A1.get()), false, false);
        show("2", T);
        Arith.store(U, Arith.multiply(A1.get(), BigDecimal.ONE), false, false);
        show("3", U);
        Move.move(A1, U);
        show("4", U);
        Move.move(A1, E);
        show("5", E);
        Move.move(A1, E2);
        show("6", E2);
        Display.line(Compare.compare(A1, new BigDecimal("104.9")) > 0 ? "7 GT" : "7 LE");
        Move.move(A1, P);
        show("8", P);
        Move.move(A1, B);
        show("9", B);
        Move.move(A1, S);
        show("10", S);
        Move.move("  12   ", G);
        Arith.store(T, Arith.add(T.get(), A1.get()), false, false);
        show("11", T);
        Move.move(A1, Z5);
        show("12", Z5);
        Move.move(A1, E);
        show("13", E);
        Move.move("12 ", H);
        Arith.store(T, Arith.add(T.get(), B1.get()), false, false);
        show("14", T);
        Move.move(B1, S3);
        show("15", S3);
        Move.move(B1, S);
        show("16", S);
        Move.move(" 1 ", X);
        Move.move(X.refMod(1, 3), N);
        Move.move(N, M);
        show("17", M);
        Arith.store(N, Arith.add(N.get(), BigDecimal.ONE), false, false);
        show("18", N);
        Move.move("  7", G);
        Move.move(A1, S);
        show("19", S);
        show("20", A1);
        Move.move(Figurative.SPACE, G);
        Arith.store(U, Arith.add(A1.get(), BigDecimal.ONE), false, false);
        show("21", U);
        boolean zero = Compare.compare(A1, Figurative.ZERO) == 0;
        Display.line(zero ? "22 ZERO" : "22 NOT ZERO");
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
