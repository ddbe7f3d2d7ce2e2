package cases.conditions;

import java.math.BigDecimal;
import migrate.runtime.*;

/** Relation, class and sign conditions, and level-88 condition names. */
public final class Prog {
    private static final NumField N3 = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final NumField S3 = NumField.display(Area.allocate(3), 0, 3, 0, true);
    private static final NumField P3 = NumField.packed(Area.allocate(2), 0, 3, 0, true);
    private static final AlphaField X3 = new AlphaField(Area.allocate(3), 0, 3);
    private static final AlphaField X5 = new AlphaField(Area.allocate(5), 0, 5);
    private static final Area G = Area.allocate(2);
    private static final NumField GA = NumField.display(G, 0, 2, 0, false);
    private static final EditedField E1 = new EditedField(Area.allocate(3), 0, "ZZ9");
    private static final AlphaField CODE1 = new AlphaField(Area.allocate(1), 0, 1);
    private static final Level88 IS_VOWEL = new Level88(CODE1, "A", "E", "I", "O", "U");
    private static final Level88 IS_LATE = new Level88(CODE1, Level88.range("X", "Z"));
    private static final Level88 IS_BLANK = new Level88(CODE1, Figurative.SPACE);
    private static final NumField AMT = NumField.display(Area.allocate(4), 0, 4, 1, true);
    private static final Level88 AMT_ZERO = new Level88(AMT, Figurative.ZERO);
    private static final Level88 AMT_SMALL =
            new Level88(AMT, Level88.range(new BigDecimal("0.1"), new BigDecimal("9.9")));
    private static final Level88 AMT_BIG = new Level88(AMT,
            Level88.range(new BigDecimal("10"), new BigDecimal("999.9")), new BigDecimal("-50"));
    private static final Area FLAGS = Area.allocate(3);
    private static final AlphaField FLAG = new AlphaField(FLAGS, 0, 1).occurs(1);
    private static final Level88 FLAG_ON = new Level88(FLAG, "Y");
    private static final Level88 FLAG_OFF = new Level88(FLAG, "N", " ");
    private static final NumField I = NumField.display(Area.allocate(1), 0, 1, 0, false);

    static {
        Move.move(5, N3);
        Move.move(-5, S3);
        Move.move(5, P3);
        Move.move("005", X3);
        Move.move("AB", X5);
        Move.move(12, GA);
        Move.move(5, E1);
        Move.move("A", CODE1);
        Move.move(0, AMT);
        FLAGS.fill((byte) ' ');
        I.initialize();
    }

    private static void check(String label, boolean condition) {
        Display.line((condition ? "T" : "F") + label);
    }

    private static void relations() {
        check("1", Compare.compare(N3, "005") == 0);
        check("2", Compare.compare(N3, "5") == 0);
        check("3", Compare.compare(N3, "5") < 0);
        check("4", Compare.compare(N3, X3) == 0);
        check("5", Compare.compare(S3, "005") == 0);
        check("6", Compare.compare(P3, "005") == 0);
        check("7", Compare.compare(X5, "AB") == 0);
        check("8", Compare.compare(X5, "AA   Z") > 0);
        check("9", Compare.compare(G, "12") == 0);
        check("10", Compare.compareNumericLiteral(G, "12") == 0);
        check("11", Compare.compare(N3, Figurative.ZERO) == 0);
        check("12", Compare.compare(X5, Figurative.SPACE) == 0);
        check("13", Compare.compare(X5, Figurative.LOW_VALUE) > 0);
        check("14", Compare.compare(E1, "  5") == 0);
        check("15", Compare.compareNumericLiteral(E1, "5") == 0);
        check("16", Compare.compare(S3, N3) < 0);
        check("17", Compare.compareNumericLiteral(X3, "5") == 0);
        check("18", Compare.compareNumericLiteral(X3, "005") == 0);
        Move.move("ABAB", X5);
        check("19", Compare.compareAll(X5, "AB") == 0);
        Move.move("ABABA", X5);
        check("20", Compare.compareAll(X5, "AB") == 0);
        check("21", Compare.compare(S3, new BigDecimal("-5")) == 0);
        check("22", S3.get().signum() < 0);
    }

    private static void classes() {
        check("23", Compare.isNumeric(X3));
        check("24", Compare.isAlphabetic(X5));
        Move.move("AB CD", X5);
        check("25", Compare.isAlphabetic(X5));
        check("26", Compare.isAlphabeticUpper(X5));
        check("27", Compare.isAlphabeticLower(X5));
        Move.move(" 12", X3);
        check("28", Compare.isNumeric(X3));
        Move.move("12 ", G);
        check("29", Compare.isNumeric(GA));
        check("30", Compare.isNumeric(S3));
        check("31", Compare.compare(X3, Figurative.ZERO) == 0);
        Move.move("000", X3);
        check("32", Compare.compare(X3, Figurative.ZERO) == 0);
    }

    private static void conditionNames() {
        check("33", IS_VOWEL.test());
        Move.move("Y", CODE1);
        check("34", IS_VOWEL.test());
        check("35", IS_LATE.test());
        IS_BLANK.set();
        Display.line("[", CODE1, "]");
        check("36", IS_BLANK.test());
        IS_VOWEL.set();
        Display.line("[", CODE1, "]");
        check("37", AMT_ZERO.test());
        Move.move(new BigDecimal("5.5"), AMT);
        check("38", AMT_SMALL.test());
        Move.move(-50, AMT);
        check("39", AMT_BIG.test());
        AMT_BIG.set();
        Display.line("[", AMT, "]");
        AMT_SMALL.set();
        Display.line("[", AMT, "]");
        Move.move("NYX", FLAGS);
        for (Move.move(1, I); Compare.compare(I, BigDecimal.valueOf(3)) <= 0;
                Arith.store(I, Arith.add(I.get(), BigDecimal.ONE), false, false)) {
            if (FLAG_ON.at(I.intValue()).test()) {
                Display.line(I, " ON");
            }
            if (FLAG_OFF.at(I.intValue()).test()) {
                Display.line(I, " OFF");
            }
        }
        FLAG_OFF.at(2).set();
        Display.line("[", FLAGS, "]");
    }

    public static void call() {
        relations();
        classes();
        conditionNames();
        check("40", Compare.compare(N3, BigDecimal.valueOf(4)) > 0
                && Compare.compare(N3, BigDecimal.valueOf(6)) < 0);
        check("41", !(Compare.compare(N3, BigDecimal.valueOf(5)) == 0
                || Compare.compare(S3, BigDecimal.ONE) == 0));
        check("42", N3.get().signum() > 0);
        check("43", Compare.compare(X5, X3) != 0);
        check("44", Compare.compare(X5, Figurative.HIGH_VALUE) > 0);
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
