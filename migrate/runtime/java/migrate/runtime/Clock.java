package migrate.runtime;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The current date and time, frozen by the environment variable {@code COB_CURRENT_DATE}
 * (format {@code YYYY/MM/DD HH:MM:SS.hh}, as GnuCOBOL reads it) when it is set.
 */
public final class Clock {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Clock() {
    }

    /** Returns the current local date and time, or the frozen one. */
    public static LocalDateTime now() {
        String frozen = Host.getenv("COB_CURRENT_DATE");
        if (frozen != null) {
            LocalDateTime parsed = parse(frozen);
            if (parsed != null) {
                return parsed;
            }
        }
        return LocalDateTime.now();
    }

    /** Reads the digits of {@code YYYY/MM/DD HH:MM:SS.hh}; a missing time part is zero. */
    static LocalDateTime parse(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 8) {
            return null;
        }
        digits = (digits + "0".repeat(16)).substring(0, 16);
        try {
            return LocalDateTime.of(
                    Integer.parseInt(digits.substring(0, 4)),
                    Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)),
                    Integer.parseInt(digits.substring(8, 10)),
                    Integer.parseInt(digits.substring(10, 12)),
                    Integer.parseInt(digits.substring(12, 14)),
                    Integer.parseInt(digits.substring(14, 16)) * 10_000_000);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Returns the hundredths of a second of {@code time}. */
    static int hundredths(LocalDateTime time) {
        return time.getNano() / 10_000_000;
    }

    /** Returns FUNCTION CURRENT-DATE: 21 characters, YYYYMMDDHHMMSShh and the UTC offset. */
    public static String currentDate() {
        LocalDateTime time = now();
        ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(time);
        int minutes = offset.getTotalSeconds() / 60;
        char sign = minutes < 0 ? '-' : '+';
        int absolute = Math.abs(minutes);
        return String.format("%s%02d%c%02d%02d", STAMP.format(time), hundredths(time), sign,
                absolute / 60, absolute % 60);
    }
}
