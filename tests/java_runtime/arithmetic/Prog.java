package cases.arithmetic;

import java.math.BigDecimal;
import migrate.runtime.*;

/** COMPUTE, ADD, SUBTRACT, MULTIPLY and DIVIDE with ROUNDED, truncation and size errors. */
public final class Prog {
    private static NumField display(int digits, int scale, boolean signed, String value) {
        NumField f = NumField.display(Area.allocate(digits), 0, digits, scale, signed);
        Move.move(new BigDecimal(value), f);
        return f;
    }

    private static final NumField A = display(3, 0, false, "10");
    private static final NumField B = display(3, 0, false, "3");
    private static final NumField C = display(3, 0, false, "3");
    private static final NumField Z = display(3, 0, false, "0");
    private static final NumField X = display(5, 2, false, "0");
    private static final NumField X0 = display(3, 0, false, "0");
    private static final NumField X4 = display(9, 8, false, "0");
    private static final NumField Y = display(5, 2, true, "1");
    private static final NumField W = display(2, 0, false, "5");
    private static final NumField Q = display(3, 0, false, "0");
    private static final NumField R = display(4, 1, false, "0");
    private static final NumField RS = display(4, 1, true, "0");
    private static final NumField N = display(3, 0, true, "-11");
    private static final NumField ONE = display(1, 0, false, "1");
    private static final NumField T3 = display(3, 2, false, "3");
    private static final NumField P22 = display(22, 0, false, "1000000000000000000000");
    private static final NumField BIGX = display(36, 18, false, "0");
    private static final NumField PK = NumField.packed(Area.allocate(4), 0, 7, 2, true);
    private static final NumField BN = NumField.binary(Area.allocate(2), 0, 4, 0, true);
    private static final EditedField ED = new EditedField(Area.allocate(7), 0, "ZZ9.99-");
    private static final NumField SM = display(4, 2, false, "0");
    private static final NumField V = display(3, 2, false, "0.09");
    private static final NumField H = display(2, 1, false, "0.5");
    private static final NumField M1 = display(1, 0, true, "-1");

    static {
        Move.move(100, PK);
        Move.move(9000, BN);
        ED.initialize();
    }

    private static BigDecimal n(String literal) {
        return new BigDecimal(literal);
    }

    private static void line1() {
        BigDecimal aOverBTimesC = Arith.multiply(Arith.divide(A.get(), B.get()), C.get());
        Arith.store(X, aOverBTimesC, true, false);
        Display.line("R1 ", X);
        Arith.store(X, aOverBTimesC, false, false);
        Display.line("R2 ", X);
        Arith.store(X0, aOverBTimesC, true, false);
        Display.line("R3 ", X0);
        Arith.store(X4, Arith.divide(Arith.divide(A.get(), B.get()), C.get()), false, false);
        Display.line("R4 ", X4);
        Arith.store(BIGX, Arith.multiply(Arith.divide(ONE.get(), B.get()), P22.get()), false, false);
        Display.line("R5 ", BIGX);
        Arith.store(BIGX, Arith.multiply(Arith.divide(ONE.get(), T3.get()), P22.get()), false, false);
        Display.line("R6 ", BIGX);
        Arith.store(BIGX, Arith.multiply(Arith.divide(n("2"), n("3")), n("3")), false, false);
        Display.line("R7 ", BIGX);
        Arith.store(X, n("2.555"), true, false);
        Display.line("R8 ", X);
        Arith.store(Y, n("-2.555"), true, false);
        Display.line("R9 ", Y);
        Arith.store(Y, n("-2.554"), true, false);
        Display.line("R10 ", Y);
        Move.move(1, Y);
        Arith.store(Y, Arith.divide(A.get(), Z.get()), false, false);
        Display.line("R11 ", Y);
        if (Arith.store(Y, Arith.divide(A.get(), Z.get()), false, true)) {
            Display.line("SE12");
        }
        Display.line("R12 ", Y);
    }

    private static void line2() {
        Arith.store(W, Arith.add(n("99"), n("1")), false, false);
        Display.line("R13 ", W);
        Move.move(5, W);
        if (Arith.store(W, Arith.add(n("99"), n("1")), false, true)) {
            Display.line("SE14");
        } else {
            Display.line("NSE14");
        }
        Display.line("R14 ", W);
        Move.move(5, W);
        BigDecimal hundred = Arith.add(n("99"), n("1"));
        if (Arith.store(W, hundred, false, true) | Arith.store(X0, hundred, false, true)) {
            Display.line("SE15");
        }
        Display.line("R15 ", W, " ", X0);
        Move.move(5, W);
        boolean error = Arith.store(W, Arith.add(W.get(), n("96")), false, true);
        error |= Arith.store(X0, Arith.add(X0.get(), n("96")), false, true);
        if (error) {
            Display.line("SE16");
        }
        Display.line("R16 ", W, " ", X0);
        Move.move(5, W);
        Arith.store(W, Arith.add(W.get(), n("96")), false, false);
        Arith.store(X0, Arith.add(X0.get(), n("96")), false, false);
        Display.line("R17 ", W, " ", X0);
    }

    private static void line3() {
        Arith.divide(A.get(), B.get(), Q, false, R, false);
        Display.line("R18 ", Q, " ", R);
        Move.move(11, A);
        Arith.divide(A.get(), B.get(), Q, true, R, false);
        Display.line("R19 ", Q, " ", R);
        Arith.divide(N.get(), B.get(), Q, false, RS, false);
        Display.line("R20 ", Q, " ", RS);
        Arith.divide(N.get(), B.get(), RS, false, Q, false);
        Display.line("R21 ", RS, " ", Q);
        Arith.divide(A.get(), B.get(), RS, true, R, false);
        Display.line("R22 ", RS, " ", R);
        Arith.divide(A.get(), B.get(), Q, false, R, false);
        Display.line("R23 ", Q, " ", R);
        Arith.store(A, Arith.divide(A.get(), n("3")), false, false);
        Display.line("R24 ", A);
        Move.move(10, A);
        if (Arith.divide(A.get(), Z.get(), Q, false, null, true)) {
            Display.line("SE25");
        }
        Display.line("R25 ", Q);
        Arith.store(A, Arith.multiply(n("2.5"), A.get()), false, false);
        Display.line("R26 ", A);
        Move.move(10, A);
        Arith.store(X, Arith.multiply(A.get(), n("2.5")), true, false);
        Display.line("R27 ", X);
        Arith.store(A, Arith.subtract(A.get(), n("20")), false, false);
        Display.line("R28 ", A);
        Move.move(10, A);
        Arith.store(Y, Arith.subtract(A.get(), n("20")), false, false);
        Display.line("R29 ", Y);
        BigDecimal three = Arith.add(n("1"), n("2"));
        Arith.store(A, Arith.subtract(A.get(), three), false, false);
        Arith.store(Y, Arith.subtract(Y.get(), three), false, false);
        Display.line("R30 ", A, " ", Y);
    }

    private static void line4() {
        Arith.store(X, Arith.power(n("2"), n("3")), false, false);
        Display.line("R31 ", X);
        Arith.store(X, Arith.power(n("2"), n("-1")), false, false);
        Display.line("R32 ", X);
        Arith.store(X4, Arith.power(n("2"), n("0.5")), false, false);
        Display.line("R33 ", X4);
        Arith.store(X, Arith.add(Arith.negate(A.get()), n("3")), false, false);
        Display.line("R34 ", X);
        Arith.store(X0, n("2.5"), true, false);
        Display.line("R35 ", X0);
        Arith.store(Y, n("-2.5"), true, false);
        Display.line("R36 ", Y);
        if (Arith.store(SM, n("99.996"), true, true)) {
            Display.line("SE37");
        }
        Display.line("R37 ", SM);
        Arith.store(SM, n("99.994"), true, false);
        Display.line("R38 ", SM);
        Arith.store(PK, Arith.add(PK.get(), n("0.005")), true, false);
        Display.line("R39 ", PK);
        Arith.store(PK, Arith.multiply(PK.get(), n("1000")), false, false);
        Display.line("R40 ", PK);
        if (Arith.store(BN, Arith.add(BN.get(), n("1000")), false, true)) {
            Display.line("SE41");
        }
        Display.line("R41 ", BN);
        Arith.store(BN, Arith.add(BN.get(), n("1000")), false, false);
        Display.line("R42 ", BN);
        Arith.store(ED, n("-12.345"), false, false);
        Display.line("R43 ", ED);
        Arith.store(ED, Arith.multiply(A.get(), n("1.005")), true, false);
        Display.line("R44 ", ED);
    }

    private static void line5() {
        Arith.store(X0, Arith.add(Arith.add(A.get(), B.get()), C.get()), false, false);
        Display.line("R45 ", X0);
        BigDecimal sum = Arith.add(A.get(), B.get());
        Arith.store(C, Arith.add(C.get(), sum), false, false);
        Arith.store(X0, Arith.add(X0.get(), sum), false, false);
        Display.line("R46 ", C, " ", X0);
        Arith.store(A, Arith.multiply(n("3"), A.get()), false, false);
        Arith.store(B, Arith.multiply(n("3"), B.get()), false, false);
        Display.line("R47 ", A, " ", B);
        BigDecimal value = Arith.divide(Arith.multiply(Arith.add(A.get(), B.get()),
                Arith.subtract(C.get(), n("1"))), n("4"));
        Arith.store(X, value, false, false);
        Display.line("R48 ", X);
        Arith.store(Y, Arith.power(n("0.09"), n("0.5")), false, false);
        Display.line("R49 ", Y);
        Arith.store(Y, Arith.power(V.get(), H.get()), false, false);
        Display.line("R50 ", Y);
        Arith.store(X4, Arith.power(B.get(), M1.get()), false, false);
        Display.line("R51 ", X4);
        Arith.store(X4, Arith.power(B.get(), H.get()), false, false);
        Display.line("R52 ", X4);
    }

    public static void call() {
        line1();
        line2();
        line3();
        line4();
        line5();
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
