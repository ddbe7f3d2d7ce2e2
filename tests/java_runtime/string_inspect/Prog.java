package cases.string_inspect;

import migrate.runtime.*;

/** STRING, UNSTRING and INSPECT with pointers, overflow, delimiters and limits. */
public final class Prog {
    private static AlphaField alpha(int length, String value) {
        AlphaField field = new AlphaField(Area.allocate(length), 0, length);
        Move.move(value, field);
        return field;
    }

    private static NumField counter() {
        NumField field = NumField.display(Area.allocate(2), 0, 2, 0, false);
        field.initialize();
        return field;
    }

    private static final AlphaField FIRST_N = alpha(10, "JOHN");
    private static final AlphaField LAST_N = alpha(10, "SMITH");
    private static final AlphaField OUT1 = alpha(20, "");
    private static final AlphaField OUT2 = alpha(8, "");
    private static final NumField PTR = counter();
    private static final NumField NUM = NumField.display(Area.allocate(3), 0, 3, 0, true);
    private static final AlphaField CSV = alpha(30, "AB,CDE,,F;GH  IJ");
    private static final AlphaField F1 = alpha(4, "");
    private static final AlphaField F2 = alpha(4, "");
    private static final AlphaField F3 = alpha(4, "");
    private static final AlphaField F4 = alpha(4, "");
    private static final AlphaField D1 = alpha(2, "");
    private static final AlphaField D2 = alpha(2, "");
    private static final NumField C1 = counter();
    private static final NumField C2 = counter();
    private static final NumField TALLY_N = counter();
    private static final NumField N1 = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final AlphaField SUBJ = alpha(20, "");
    private static final NumField CNT1 = counter();
    private static final NumField CNT2 = counter();
    private static final NumField CNT3 = counter();

    static {
        Move.move(-12, NUM);
        N1.initialize();
    }

    private static void strings() {
        Move.all(".", OUT1);
        new StringInto(OUT1).add(FIRST_N, Figurative.SPACE).add(" ", null)
                .add(LAST_N, "  ").run();
        Display.line("1 [", OUT1, "]");
        Move.move(3, PTR);
        Move.move(Figurative.SPACE, OUT2);
        if (new StringInto(OUT2).pointer(PTR).add("ABCDEF", null).add("GHIJ", null).run()) {
            Display.line("2 OVERFLOW");
        } else {
            Display.line("2 NO OVERFLOW");
        }
        Display.line("2 [", OUT2, "] ", PTR);
        Move.move(0, PTR);
        if (new StringInto(OUT2).pointer(PTR).add("X", null).run()) {
            Display.line("3 OVERFLOW");
        }
        Display.line("3 [", OUT2, "] ", PTR);
        Move.move(Figurative.SPACE, OUT1);
        new StringInto(OUT1).add(NUM, null).add("/", null).add(FIRST_N, "H").run();
        Display.line("4 [", OUT1, "]");
    }

    private static void unstrings() {
        new Unstring(CSV).delimitedBy(",", false).delimitedBy(";", false)
                .delimitedBy(Figurative.SPACE, true)
                .into(F1, D1, C1).into(F2, D2, C2).into(F3).into(F4)
                .tallying(TALLY_N).run();
        Display.line("5 [", F1, "][", D1, "] ", C1, " [", F2, "][", D2, "] ", C2,
                " [", F3, "][", F4, "] ", TALLY_N);
        Move.move(1, PTR);
        if (new Unstring(CSV).delimitedBy(",", false).into(F1).into(F2).pointer(PTR).run()) {
            Display.line("6 OVERFLOW");
        }
        Display.line("6 [", F1, "][", F2, "] ", PTR);
        new Unstring(Area.literal("12/345/6")).delimitedBy("/", false)
                .into(N1).into(F1).into(C1).run();
        Display.line("7 ", N1, " [", F1, "] ", C1);
        new Unstring(Area.literal("ABCDEFGHIJ")).into(F1).into(F2).run();
        Display.line("8 [", F1, "][", F2, "]");
    }

    private static void tallies() {
        Move.move("AXBXXCXXX", SUBJ);
        for (NumField c : new NumField[] {CNT1, CNT2, CNT3}) {
            Move.move(0, c);
        }
        new Inspect(SUBJ).tallyAll(CNT1, "X").tallyLeading(CNT2, "A").tallyCharacters(CNT3).run();
        Display.line("9 ", CNT1, " ", CNT2, " ", CNT3);
        Move.move(0, CNT1);
        Move.move(0, CNT2);
        new Inspect(SUBJ).tallyAll(CNT1, "X").before("C").tallyCharacters(CNT2).after("C").run();
        Display.line("10 ", CNT1, " ", CNT2);
        Move.move(0, CNT1);
        new Inspect(SUBJ).tallyAll(CNT1, "XX").run();
        Display.line("11 ", CNT1);
    }

    private static void replacements() {
        new Inspect(SUBJ).replaceAll("X", "-").after("B").run();
        Display.line("12 [", SUBJ, "]");
        Move.move("000120300", SUBJ);
        new Inspect(SUBJ).replaceLeading("0", Figurative.SPACE).run();
        Display.line("13 [", SUBJ, "]");
        new Inspect(SUBJ).replaceFirst("0", "Z").run();
        Display.line("14 [", SUBJ, "]");
        new Inspect(SUBJ).replaceCharacters("*").before("3").run();
        Display.line("15 [", SUBJ, "]");
        Move.move("hello World", SUBJ);
        new Inspect(SUBJ).convert("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ").run();
        Display.line("16 [", SUBJ, "]");
        Move.move("A B C", SUBJ);
        new Inspect(SUBJ).replaceAll(Figurative.SPACE, Figurative.ZERO).run();
        Display.line("17 [", SUBJ, "]");
        Move.move(0, CNT1);
        new Inspect(SUBJ).tallyAll(CNT1, "0").replaceAll("0", "+").run();
        Display.line("18 ", CNT1, " [", SUBJ, "]");
        Move.move("ABABAB", SUBJ);
        new Inspect(SUBJ).replaceAll("AB", "X1").replaceAll("A", "Q").run();
        Display.line("19 [", SUBJ, "]");
        Move.move(0, CNT1);
        new Inspect(SUBJ).tallyAll(CNT1, Figurative.SPACE).run();
        Display.line("20 ", CNT1);
        Move.move("AAXAA", SUBJ);
        Move.move(0, CNT1);
        Move.move(0, CNT2);
        new Inspect(SUBJ).tallyLeading(CNT1, "A").tallyAll(CNT2, "A").run();
        Display.line("21 ", CNT1, " ", CNT2);
        Move.move(0, CNT1);
        new Inspect(SUBJ).tallyAll(CNT1, "A").after("Q").run();
        Display.line("22 ", CNT1);
    }

    public static void call() {
        strings();
        unstrings();
        tallies();
        replacements();
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
