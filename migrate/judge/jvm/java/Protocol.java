import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The framing of the server's protocol: one JSON object per line, in UTF-8, each way. Byte
 * strings (stdin, stdout, stderr) travel as base64 text.
 */
final class Protocol {
    private final InputStream in;
    private final OutputStream out;

    Protocol(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Reads the next request line, or returns null at end of input. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Writes one response line and flushes it. */
    synchronized void write(Map<String, Object> message) throws IOException {
        out.write(Json.write(message).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }

    /** Returns the string field {@code key} of a request; fails when it is missing. */
    static String string(Map<String, Object> request, String key) {
        Object value = request.get(key);
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("field '" + key + "' must be a string");
        }
        return (String) value;
    }

    /** Returns the list field {@code key} of a request; fails when it is missing. */
    static List<?> list(Map<String, Object> request, String key) {
        Object value = request.get(key);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("field '" + key + "' must be a list");
        }
        return (List<?>) value;
    }

    /** Returns the list field {@code key} of a request, or an empty list when it is absent. */
    static List<?> listOrEmpty(Map<String, Object> request, String key) {
        return request.get(key) == null ? List.of() : list(request, key);
    }

    /** Returns the number field {@code key} of a request, or {@code otherwise}. */
    static double number(Map<String, Object> request, String key, double otherwise) {
        Object value = request.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("field '" + key + "' must be a number");
        }
        return ((Number) value).doubleValue();
    }
}
