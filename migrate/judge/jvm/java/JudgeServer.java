import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JVM that stays up to compile and run translated Java for the judge, one request at a
 * time, so that the judge does not start javac and java for every slice and job step.
 *
 * <p>Usage: {@code java -Djava.security.manager=allow -cp CLASSES JudgeServer
 * [--in-fd N --out-fd M] [--stack-size BYTES]}. Requests are read from file descriptor N
 * (default: standard input) and responses written to M (default: standard output), one
 * JSON object per line. With descriptors other than 0 and 1, a program that writes to the
 * process's own standard output cannot corrupt the protocol.
 *
 * <p>Every request is an object with an {@code id} and an {@code op}: {@code ping},
 * {@code compile}, {@code run} or {@code shutdown}. The server first responds with
 * {@code {"id": N, "accepted": true}} when it has read the request, then
 * {@code {"id": N, "ok": true, ...fields}} or {@code {"id": N, "ok": false, "error": text}}.
 * A response with {@code "restart": true} is the last one: the server exits after it, because
 * a run timed out without ending or left threads behind.
 */
public final class JudgeServer {
    private static final long DEFAULT_STACK = 16L << 20;

    private final Protocol protocol;
    private final Compiler compiler = new Compiler();
    private final RunGuard guard;
    private final Runner runner;

    private JudgeServer(Protocol protocol, RunGuard guard, long stackSize) {
        this.protocol = protocol;
        this.guard = guard;
        this.runner = new Runner(guard, stackSize);
    }

    /** Starts the server; it returns when its input ends or a shutdown request comes. */
    public static void main(String[] args) throws IOException {
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        long stackSize = DEFAULT_STACK;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--in-fd":
                    in = new FileInputStream("/proc/self/fd/" + Integer.parseInt(args[i + 1]));
                    break;
                case "--out-fd":
                    out = new FileOutputStream("/proc/self/fd/" + Integer.parseInt(args[i + 1]));
                    break;
                case "--stack-size":
                    stackSize = Long.parseLong(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Protocol protocol = new Protocol(new BufferedInputStream(in, 1 << 16),
                new BufferedOutputStream(out, 1 << 16));
        new JudgeServer(protocol, RunGuard.install(), stackSize).serve();
    }

    private void serve() throws IOException {
        while (true) {
            String line = protocol.readLine();
            if (line == null) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> response = handle(line);
            protocol.write(response);
            if (Boolean.TRUE.equals(response.get("restart"))
                    || Boolean.TRUE.equals(response.get("shutdown"))) {
                // Threads of a run may still be running; halt skips waiting for them.
                Runtime.getRuntime().halt(0);
            }
        }
    }

    private Map<String, Object> handle(String line) throws IOException {
        Object id = null;
        Map<String, Object> response = new LinkedHashMap<>();
        try {
            Map<String, Object> request = request(line);
            id = request.get("id");
            Map<String, Object> accepted = new LinkedHashMap<>();
            accepted.put("id", id);
            accepted.put("accepted", true);
            protocol.write(accepted);
            response.put("id", id);
            response.put("ok", true);
            response.putAll(dispatch(Protocol.string(request, "op"), request));
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            response.clear();
            response.put("id", id);
            response.put("ok", false);
            response.put("error", e.toString());
            // After a failure of the JVM itself, a new server is safer than this one.
            response.put("restart", e instanceof Error);
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(String line) {
        Object value = Json.parse(line);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("a request must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private Map<String, Object> dispatch(String op, Map<String, Object> request) throws Exception {
        switch (op) {
            case "ping":
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("pid", ProcessHandle.current().pid());
                pong.put("java", Runtime.version().toString());
                pong.put("guard", guard != null);
                return pong;
            case "compile":
                return compiler.compile(request);
            case "run":
                return runner.run(request);
            case "shutdown":
                return Map.of("shutdown", true);
            default:
                throw new IllegalArgumentException("unknown op '" + op
                        + "'; expected ping, compile, run or shutdown");
        }
    }
}
