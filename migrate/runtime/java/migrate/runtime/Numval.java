package migrate.runtime;

import java.math.BigDecimal;

/** The text rules of FUNCTION NUMVAL and NUMVAL-C. */
final class Numval {
    private Numval() {
    }

    /** Parses {@code text}; returns 0 when it is not a valid NUMVAL argument. */
    static BigDecimal parse(String text, boolean currency) {
        String s = text.trim();
        boolean negative = false;
        String upper = s.toUpperCase();
        if (upper.endsWith("CR") || upper.endsWith("DB")) {
            // GnuCOBOL 3.1.2 accepts a trailing CR or DB but keeps the value positive.
            s = s.substring(0, s.length() - 2).trim();
        } else if (s.endsWith("-") || s.endsWith("+")) {
            negative = s.endsWith("-");
            s = s.substring(0, s.length() - 1).trim();
        } else if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1).trim();
        }
        if (currency) {
            s = s.replace("$", "").replace(",", "").trim();
        }
        if (s.isEmpty() || !s.matches("[0-9]*\\.?[0-9]*") || s.equals(".")) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = new BigDecimal(s.startsWith(".") ? "0" + s : s);
        return negative ? value.negate() : value;
    }
}
