package cases.move_categories;

import java.math.BigDecimal;
import migrate.runtime.*;

/** MOVE between every pair of categories, with truncation, justification and figuratives. */
public final class Prog {
    private static final AlphaField X3 = new AlphaField(Area.allocate(3), 0, 3);
    private static final AlphaField X6 = new AlphaField(Area.allocate(6), 0, 6);
    private static final AlphaField XJ = new AlphaField(Area.allocate(6), 0, 6).justifiedRight();
    private static final NumField N3 = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final NumField S5 = NumField.display(Area.allocate(5), 0, 5, 0, true);
    private static final NumField N52 = NumField.display(Area.allocate(7), 0, 7, 2, false);
    private static final NumField S52 = NumField.display(Area.allocate(5), 0, 5, 2, true);
    private static final NumField P52 = NumField.packed(Area.allocate(4), 0, 7, 2, true);
    private static final NumField B4 = NumField.binary(Area.allocate(2), 0, 4, 0, true);
    private static final NumField U4 = NumField.binary(Area.allocate(2), 0, 4, 0, false);
    private static final NumField C1 = NumField.comp5(Area.allocate(1), 0, 2, 0, false);
    private static final EditedField E1 = new EditedField(Area.allocate(10), 0, "ZZ,ZZ9.99-");
    private static final EditedField E2 = new EditedField(Area.allocate(3), 0, "ZZ9");
    private static final EditedField E3 = new EditedField(Area.allocate(5), 0, "-(4)9");
    private static final AlphaEditedField A1 = new AlphaEditedField(Area.allocate(5), 0, "XXBXX");
    private static final AlphaEditedField A2 =
            new AlphaEditedField(Area.allocate(6), 0, "X(3)/X(2)");
    private static final Area G1 = Area.allocate(4);
    private static final AlphaField G1A = new AlphaField(G1, 0, 2);
    private static final NumField G1B = NumField.display(G1, 2, 2, 0, false);
    private static final Area G2 = Area.allocate(3);
    private static final NumField G2A = NumField.display(G2, 0, 3, 0, false);

    static {
        for (Area item : new Area[] {X3, X6, XJ, G1A}) {
            ((AlphaField) item).initialize();
        }
        for (NumField item : new NumField[] {N3, S5, N52, S52, P52, B4, U4, C1, G1B, G2A}) {
            item.initialize();
        }
        E1.initialize();
        E2.initialize();
        E3.initialize();
        A1.initialize();
        A2.initialize();
    }

    private static BigDecimal n(String literal) {
        return new BigDecimal(literal);
    }

    private static void show(String label, Object... items) {
        Object[] line = new Object[items.length + 2];
        line[0] = label + " [";
        System.arraycopy(items, 0, line, 1, items.length);
        line[line.length - 1] = "]";
        Display.line(line);
    }

    public static void call() {
        Move.move("ABCDEFG", X3); show("1", X3);
        Move.move("AB", X6); show("2", X6);
        Move.move("AB", XJ); show("3", XJ);
        Move.move("ABCDEFGH", XJ); show("4", XJ);
        Move.move(12345, N3); show("5", N3);
        Move.move(n("-12.345"), S52); show("6", S52);
        Move.move(n("-12.345"), N52); show("7", N52);
        Move.move(n("98765.4321"), S52); show("8", S52);
        Move.move(S52, P52); show("9", P52);
        Move.move(P52, B4); show("10", B4);
        Move.move(-7, S5); Move.move(S5, X6); show("11", X6);
        Move.move(S5, X3); show("12", X3);
        Move.move(1234567, S5); Move.move(S5, X3); show("13", X3);
        Move.move(B4, X6); show("14", B4, "][", X6);
        Move.move(P52, E1); show("15", E1);
        Move.move(123456, B4); show("16", B4);
        Move.move(-12345, U4); show("17", U4);
        Move.move(300, C1); show("18", C1);
        Move.move("1A2", X6); Move.move(X6, N3); show("19", N3);
        Move.move("123ABC", X6); Move.move(X6, N3); show("20", N3);
        Move.move(" -1.5 ", X6); Move.move(X6, S52); show("21", S52);
        Move.move("1 2 3", X6); Move.move(X6, N3); show("22", N3);
        Move.move("1.2.3", X6); Move.move(X6, S52); show("23", S52);
        Move.move("12345", X6); Move.move(X6, S52); show("24", S52);
        Move.move(".5", X6); Move.move(X6, S52); show("25", S52);
        Move.move("+7", X6); Move.move(X6, S52); show("26", S52);
        Move.move("12", X3); Move.move(X3, P52); show("27", P52);
        Move.move("XY12", G1); show("28", G1, "][", G1B);
        Move.move(G1, G2); show("29", G2);
        Move.move(5, G2); show("30", G2);
        Move.move(G1, X6); show("31", X6);
        Move.move(Figurative.ZERO, X3); show("32", X3);
        Move.move(Figurative.ZERO, G1); show("33", G1);
        Move.all("AB", X6); show("34", X6);
        Move.all("9", N3); show("35", N3);
        Move.all("7", N52); show("36", N52);
        Move.move(Figurative.HIGH_VALUE, X3); show("37", X3);
        Move.move(123, X6); show("38", X6);
        Move.move(-123, X6); show("39", X6);
        Move.move("007", X6); show("40", X6);
        Move.move(123, XJ); show("41", XJ);
        Move.move(E1, N52); show("42", N52);
        Move.move(E1, X6); show("43", X6);
        Move.move(n("-1234.5"), E1);
        Move.move(E1, E2); show("44", E2);
        Move.move(E1, E3); show("45", E3);
        Move.move(E1, S52); show("46", S52);
        Move.move("12", X3); Move.move(X3, E2); show("47", E2);
        Move.move("1A2", X3); Move.move(X3, E2); show("48", E2);
        Move.move("ABCD", A1); show("49", A1);
        Move.move("ABCDEFG", A2); show("50", A2);
        Move.move("AB", A2); show("51", A2);
        Move.move(123, A1); show("52", A1);
        Move.move(A2, X6); show("53", X6);
        Move.move(N3, A1); show("54", A1);
        Move.move(Figurative.QUOTE, X3); show("55", X3);
        Move.move(Figurative.SPACE, G1); show("56", G1);
        Move.move(Figurative.LOW_VALUE, X3); show("57", X3);
        Move.move(Figurative.ZERO, E1); show("58", E1);
        Move.move(-1000, S52); show("59", S52);
        Move.all("X", E2); show("60", E2);
        Move.move(Figurative.HIGH_VALUE, N3); show("61", N3);
        Move.move(S52, S52); show("62", S52);
        Move.move(X6.refMod(2, 3), X3); show("63", X3);
        Move.move("Q", X6.refMod(6)); show("64", X6);
        G1A.initialize();
        G1B.initialize();
        A1.initialize();
        E1.initialize();
        show("65", G1, "][", A1, "][", E1);
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
