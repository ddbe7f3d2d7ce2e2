package cases.functions;

import java.math.BigDecimal;
import migrate.runtime.*;

/** Intrinsic functions, displayed directly and used in COMPUTE, MOVE and IF. */
public final class Prog {
    private static final AlphaField X = new AlphaField(Area.allocate(10), 0, 10);
    private static final NumField N = NumField.display(Area.allocate(5), 0, 5, 2, true);
    private static final NumField M = NumField.display(Area.allocate(3), 0, 3, 0, false);
    private static final NumField D = NumField.display(Area.allocate(8), 0, 8, 0, false);
    private static final NumField R = NumField.display(Area.allocate(7), 0, 7, 2, true);
    private static final NumField Q = NumField.display(Area.allocate(11), 0, 11, 10, false);
    private static final AlphaField T = new AlphaField(Area.allocate(12), 0, 12);

    static {
        Move.move("  ab Cd ", X);
        Move.move(new BigDecimal("-7.5"), N);
        Move.move(7, M);
        Move.move(20200115, D);
        R.initialize();
        Q.initialize();
        T.initialize();
    }

    private static BigDecimal n(String literal) {
        return new BigDecimal(literal);
    }

    private static void show(Object value) {
        Display.line("[", value, "]");
    }

    public static void call() {
        show(Functions.displayText(Functions.mod(n("7"), n("3"))));
        show(Functions.displayText(Functions.mod(n("-7"), n("3"))));
        show(Functions.displayText(Functions.rem(n("-7"), n("3"))));
        show(Functions.displayText(Functions.mod(M.get(), n("3"))));
        show(Functions.displayText(Functions.integer(N.get())));
        show(Functions.displayText(Functions.integerPart(N.get())));
        show(Functions.length(X));
        show(Functions.displayText(Functions.numval(" 12.5 ")));
        show(Functions.displayText(Functions.numval("-3")));
        show(Functions.max(n("1"), n("5"), n("3")));
        show(Functions.upperCase(X));
        show(Functions.lowerCase(X));
        show(Functions.trim(X));
        show(Functions.trimLeading(X));
        show(Functions.trimTrailing(X));
        show(Functions.reverse(X));
        show(Functions.displayText(Functions.integerOfDate(D.get())));
        show(Functions.dateOfInteger(n("153051")));
        show(Functions.displayText(Functions.ord("A")));
        show(Functions.charOf(n("66")));
        show(Functions.currentDate().substring(0, 8));
        show(Functions.displayText(Functions.numval(X)));
        Arith.store(R, Arith.add(Functions.mod(M.get(), n("3")), Functions.numval("2.25")),
                false, false);
        show(R);
        Arith.store(R, Arith.multiply(Functions.abs(N.get()), n("2")), false, false);
        show(R);
        Arith.store(R, Functions.max(N.get(), M.get(), n("2.5")), false, false);
        show(R);
        Arith.store(R, Functions.min(N.get(), M.get(), n("2.5")), false, false);
        show(R);
        Arith.store(Q, Functions.sqrt(n("2")), false, false);
        show(Q);
        Arith.store(R, Functions.numval("12.5-"), false, false);
        show(R);
        Arith.store(R, Functions.numvalC("-$1,234.5"), false, false);
        show(R);
        Arith.store(R, Functions.integer(n("-2.5")), false, false);
        show(R);
        Move.move(Functions.upperCase(X), T);
        show(T);
        Move.move(Functions.concatenate("A", X, "B"), T);
        show(T);
        Move.move(Functions.trim(X), T);
        show(T);
        if (Compare.compare(Area.literal(Functions.upperCase(X)), "  AB CD") == 0) {
            Display.line("EQUAL");
        }
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
