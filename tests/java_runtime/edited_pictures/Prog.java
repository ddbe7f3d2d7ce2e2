package cases.edited_pictures;

import java.math.BigDecimal;
import migrate.runtime.*;

/** Numeric-edited pictures, each given positive, negative, zero and oversized values. */
public final class Prog {
    private static final String[] PICTURES = {
            "ZZZ9",
            "ZZ,ZZ9.99",
            "ZZ,ZZ9.99-",
            "-ZZZ9.99",
            "+ZZZ9.99",
            "ZZZ9.99+",
            "ZZZ9.99CR",
            "ZZZ9.99DB",
            "$$$,$$9.99",
            "$ZZ,ZZ9.99",
            "----9.99",
            "++++9.99",
            "***,**9.99",
            "$***,**9.99-",
            "9(5)",
            "99/99/99",
            "999B999",
            "9990.99",
            "ZZZ.ZZ",
            "ZZZZ",
            "-----",
            "$$$$$",
            "****",
            "-9(4).99",
            "Z(4)9.9(3)",
            "---,--9.99",
            "+++,++9",
            "ZZZ,ZZZ.ZZ",
            "9.99-",
            "$$,$$$.99",
            "**,***.**",
            "Z,ZZ9B-",
            "00099"};
    private static final String[] VALUES = {"0", "1234.56", "-1234.56", "0.05", "-0.05", "7", "-7", "123456.78", "-0.5", "99999.99"};

    public static void call() {
        Area ws = Area.allocate(20);
        NumField src = NumField.display(ws, 0, 9, 2, true);
        for (String value : VALUES) {
            Move.move(new BigDecimal(value), src);
            for (int i = 0; i < PICTURES.length; i++) {
                EditedField edited = new EditedField(Area.allocate(20), 0, PICTURES[i]);
                Move.move(src, edited);
                String label = String.format("%02d %-14s[", i + 1, PICTURES[i]);
                Display.line(label, edited, "]");
            }
            EditedField blank = new EditedField(Area.allocate(7), 0, "ZZZ9.99").blankWhenZero();
            Move.move(src, blank);
            Display.line("BZ ZZZ9.99 BWZ   [", blank, "]");
        }
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
