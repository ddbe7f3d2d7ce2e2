package cases.display_formats;

import java.math.BigDecimal;
import migrate.runtime.*;

/** DISPLAY of every USAGE, sign position and literal kind. */
public final class Prog {
    private static final Area WS = Area.allocate(200);
    private static int at = 0;

    private static NumField num(NumField field, String value) {
        at += field.len;
        Move.move(new BigDecimal(value), field);
        return field;
    }

    private static final NumField A1 = num(NumField.display(WS, at, 3, 0, false), "5");
    private static final NumField A2 = num(NumField.display(WS, at, 3, 0, true), "-5");
    private static final NumField A3 = num(NumField.display(WS, at, 3, 0, true), "5");
    private static final NumField A4 = num(NumField.display(WS, at, 5, 2, false), "5.25");
    private static final NumField A5 = num(NumField.display(WS, at, 5, 2, true), "-5.25");
    private static final NumField A6 = num(NumField.display(WS, at, 2, 2, false), ".25");
    private static final NumField B1 = num(NumField.binary(WS, at, 2, 0, false), "5");
    private static final NumField B2 = num(NumField.binary(WS, at, 4, 0, true), "-5");
    private static final NumField B3 = num(NumField.binary(WS, at, 9, 0, false), "123");
    private static final NumField B4 = num(NumField.binary(WS, at, 18, 0, true), "-123");
    private static final NumField B5 = num(NumField.binary(WS, at, 7, 2, true), "-1.5");
    private static final NumField B6 = num(NumField.comp5(WS, at, 4, 0, false), "7");
    private static final NumField C1 = num(NumField.comp5(WS, at, 2, 0, false), "7");
    private static final NumField C2 = num(NumField.comp5(WS, at, 2, 0, true), "-7");
    private static final NumField C3 = num(NumField.comp5(WS, at, 9, 0, true), "-7");
    private static final NumField C4 = num(NumField.comp5(WS, at, 10, 0, false), "7");
    private static final NumField C5 = num(NumField.comp5(WS, at, 4, 1, true), "-7.5");
    private static final NumField C6 = num(NumField.binary(WS, at, 4, 0, true), "1234");
    private static final NumField P1 = num(NumField.packed(WS, at, 3, 0, false), "5");
    private static final NumField P2 = num(NumField.packed(WS, at, 4, 0, true), "-5");
    private static final NumField P3 = num(NumField.packed(WS, at, 7, 2, true), "12.5");
    private static final NumField P4 = num(NumField.packed(WS, at, 3, 0, true), "0");
    private static final NumField S1 =
            num(NumField.display(WS, at, 3, 0, SignPosition.LEADING_SEPARATE), "-5");
    private static final NumField S2 =
            num(NumField.display(WS, at, 3, 0, SignPosition.TRAILING_SEPARATE), "5");
    private static final NumField S3 =
            num(NumField.display(WS, at, 3, 0, SignPosition.LEADING), "-5");
    private static final NumField S4 =
            num(NumField.display(WS, at, 4, 1, SignPosition.TRAILING_SEPARATE), "-5");
    private static final NumField Q1 = num(NumField.display(WS, at, 21, 20, true), "-1.5");
    private static final NumField Q2 =
            num(NumField.display(WS, at, 25, 0, false), "1234567890123456789012345");
    private static final NumField Q3 =
            num(NumField.packed(WS, at, 20, 0, true), "-98765432109876543210");
    private static final Area G1 = Area.allocate(7);
    private static final AlphaField G1A = new AlphaField(G1, 0, 3);
    private static final NumField G1B = NumField.display(G1, 3, 2, 0, false);
    private static final NumField G1C = NumField.packed(G1, 5, 2, 0, true);
    private static final AlphaField X1 = new AlphaField(Area.allocate(5), 0, 5);

    static {
        Move.move("AB", G1A);
        Move.move(7, G1B);
        Move.move(-1, G1C);
        Move.move("HI", X1);
    }

    public static void call() {
        Display.line("[", A1, "][", A2, "][", A3, "][", A4, "][", A5, "][", A6, "]");
        Display.line("[", B1, "][", B2, "][", B3, "][", B4, "][", B5, "][", B6, "]");
        Display.line("[", C1, "][", C2, "][", C3, "][", C4, "][", C5, "][", C6, "]");
        Display.line("[", P1, "][", P2, "][", P3, "][", P4, "]");
        Display.line("[", S1, "][", S2, "][", S3, "][", S4, "]");
        Display.line("[", Q1, "][", Q2, "][", Q3, "]");
        Display.line("[", G1, "][", X1, "]");
        Display.line(123, " ", new BigDecimal("-1.5"), " ", new BigDecimal("0.50"), " ", "+7");
        Display.line(Figurative.ZERO, Figurative.SPACE, "|", Figurative.QUOTE,
                Figurative.HIGH_VALUE, Figurative.LOW_VALUE, "|");
        Display.line("*", "|", Figurative.ZERO);
        Display.noAdvancing("A");
        Display.line("B");
        Display.line("RC ", RunUnit.returnCodeItem());
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
