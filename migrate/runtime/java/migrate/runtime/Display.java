package migrate.runtime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The DISPLAY statement. Operands are {@link Area} items, {@link String} alphanumeric
 * literals, {@link BigDecimal}, {@link Long} or {@link Integer} numeric values, and
 * {@link Figurative} constants; they are written one after the other, with no separator,
 * as GnuCOBOL 3.1.2 writes them. Standard output is buffered until exit, ACCEPT or
 * {@link #flush}.
 *
 * <p>GnuCOBOL writes a numeric literal as it is spelled in the source ({@code +7},
 * {@code 0.50}); pass such a literal as its String to keep the spelling. A figurative
 * constant and {@code ALL "x"} are written as one character.
 */
public final class Display {
    private static final OutputStream OUT = new BufferedOutputStream(Host.out, 1 << 16);
    private static final OutputStream ERR = Host.err;

    private Display() {
    }

    /** Writes the operands and a newline to standard output. */
    public static void line(Object... items) {
        write(OUT, items, true);
    }

    /** Writes the operands to standard output without a newline (WITH NO ADVANCING). */
    public static void noAdvancing(Object... items) {
        write(OUT, items, false);
    }

    /** Writes the operands and a newline to standard error (UPON SYSERR). */
    public static void errorLine(Object... items) {
        write(ERR, items, true);
    }

    /** Returns the bytes DISPLAY writes for one operand. */
    public static byte[] bytesOf(Object item) {
        if (item instanceof Area) {
            return ((Area) item).displayBytes();
        }
        if (item instanceof Figurative) {
            return new byte[] {((Figurative) item).fill()};
        }
        if (item instanceof BigDecimal) {
            return ((BigDecimal) item).toPlainString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(item).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Flushes buffered standard output. */
    public static void flush() {
        try {
            OUT.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream stream, Object[] items, boolean newline) {
        try {
            for (Object item : items) {
                stream.write(bytesOf(item));
            }
            if (newline) {
                stream.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
