package migrate.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * The ACCEPT statement: a line from standard input, or the date and time from
 * {@link Clock}.
 *
 * <p>A line moves to the target as an alphanumeric value, so a numeric target reads it as
 * a number. At end of input the target gets spaces, as in GnuCOBOL 3.1.2. A date or time
 * moves as an unsigned integer of its digits.
 */
public final class Accept {
    private static final InputStream IN = Host.in;

    private Accept() {
    }

    /** Runs {@code ACCEPT target}: reads one line of standard input into the target. */
    public static void line(Area target) {
        Display.flush();
        byte[] line = readLine();
        Move.alphanumeric(line == null || line.length == 0 ? new byte[] {' '} : line, target);
    }

    /** Reads one line without its line feed, or returns null at end of input. */
    private static byte[] readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b = IN.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                line.write(b);
                b = IN.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toByteArray();
    }

    private static void moveDigits(long value, int digits, Area target) {
        NumField number = NumField.display(Area.allocate(digits), 0, digits, 0, false);
        number.set(BigDecimal.valueOf(value));
        Move.move(number, target);
    }

    /** Runs {@code ACCEPT target FROM DATE}: YYMMDD. */
    public static void date(Area target) {
        LocalDateTime t = Clock.now();
        long yymmdd = (t.getYear() % 100) * 10000L + t.getMonthValue() * 100 + t.getDayOfMonth();
        moveDigits(yymmdd, 6, target);
    }

    /** Runs {@code ACCEPT target FROM DATE YYYYMMDD}. */
    public static void dateYyyymmdd(Area target) {
        LocalDateTime t = Clock.now();
        moveDigits(t.getYear() * 10000L + t.getMonthValue() * 100 + t.getDayOfMonth(), 8, target);
    }

    /** Runs {@code ACCEPT target FROM DAY}: YYDDD. */
    public static void day(Area target) {
        LocalDateTime t = Clock.now();
        moveDigits((t.getYear() % 100) * 1000L + t.getDayOfYear(), 5, target);
    }

    /** Runs {@code ACCEPT target FROM DAY YYYYDDD}. */
    public static void dayYyyyddd(Area target) {
        LocalDateTime t = Clock.now();
        moveDigits(t.getYear() * 1000L + t.getDayOfYear(), 7, target);
    }

    /** Runs {@code ACCEPT target FROM DAY-OF-WEEK}: 1 for Monday to 7 for Sunday. */
    public static void dayOfWeek(Area target) {
        moveDigits(Clock.now().getDayOfWeek().getValue(), 1, target);
    }

    /** Runs {@code ACCEPT target FROM TIME}: HHMMSShh. */
    public static void time(Area target) {
        LocalDateTime t = Clock.now();
        long hhmmss = t.getHour() * 10000L + t.getMinute() * 100 + t.getSecond();
        moveDigits(hhmmss * 100 + Clock.hundredths(t), 8, target);
    }

    /** Runs {@code ACCEPT target FROM ENVIRONMENT name}: the variable's value, or spaces. */
    public static void environment(Area target, String name) {
        String value = Host.getenv(name.trim());
        moveText(value == null ? "" : value, target);
    }

    /** Moves {@code text} as alphanumeric; empty text moves a space, as libcob does. */
    private static void moveText(String text, Area target) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        Move.alphanumeric(bytes.length == 0 ? new byte[] {' '} : bytes, target);
    }

    /** Runs {@code ACCEPT target FROM COMMAND-LINE}: the program arguments joined by spaces. */
    public static void commandLine(Area target) {
        String joined = String.join(" ", RunUnit.arguments());
        moveText(joined, target);
    }
}
