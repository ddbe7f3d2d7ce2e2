import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * The {@code run} request: runs a class's {@code main} in this JVM as if it were a new
 * process, one run at a time.
 *
 * <p>Each run gets a fresh class loader whose parent is the platform class loader, so the
 * program and the runtime library are loaded again and their static state starts anew. The
 * program runs in a thread named {@code main} of a thread group of its own, with the stack
 * size the server was given. System.out, System.err and System.in, the default time zone
 * and {@code java.io.tmpdir} are set for the run and restored after it, because they are
 * global to the JVM.
 */
final class Runner {
    // Time a program has to end after it asked to exit or was interrupted at its timeout.
    private static final long GRACE_MILLIS = 2000;
    private static final long TIMEOUT_EXIT_CODE = -9;
    // Bytes of stdout and of stderr kept by default: the sandbox's file size limit.
    private static final double OUTPUT_LIMIT = 64.0 * 1024 * 1024;

    private final RunGuard guard;
    private final long stackSize;
    private final TimeZone serverZone = TimeZone.getDefault();
    private final String serverTmpdir = System.getProperty("java.io.tmpdir");
    private int runs;

    Runner(RunGuard guard, long stackSize) {
        this.guard = guard;
        this.stackSize = stackSize;
    }

    /**
     * Handles one run request and returns its response fields. The field {@code restart}
     * is true when the run left threads behind, so that the server must exit after it
     * responds and be started again.
     */
    Map<String, Object> run(Map<String, Object> request) throws Exception {
        String mainClass = Protocol.string(request, "main");
        File directory = new File(Protocol.string(request, "cwd"));
        if (!directory.isAbsolute() || !directory.isDirectory()) {
            throw new IllegalArgumentException(
                    "cwd must be an existing absolute folder: " + directory);
        }
        Map<String, String> env = stringMap(request.get("env"));
        byte[] stdin = Base64.getDecoder().decode(Protocol.string(request, "stdin"));
        long timeoutMillis = (long) (Protocol.number(request, "timeout", 60.0) * 1000);
        long outputLimit = (long) Protocol.number(request, "output_limit", OUTPUT_LIMIT);
        List<String> args = new ArrayList<>();
        for (Object arg : Protocol.listOrEmpty(request, "args")) {
            args.add((String) arg);
        }

        runs++;
        ThreadGroup group = new ThreadGroup("run-" + runs);
        // A daemon group is destroyed with its last thread, so groups do not pile up.
        group.setDaemon(true);
        RunContext run = new RunContext(group, directory, outputLimit);
        URLClassLoader loader = new URLClassLoader("run-" + runs,
                urls(Protocol.list(request, "classpath")), ClassLoader.getPlatformClassLoader());
        long started = System.nanoTime();
        Map<String, Object> response = new LinkedHashMap<>();
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        try {
            response.put("bridge", RuntimeBridge.connect(loader, run, env, stdin, guard));
            System.setOut(new PrintStream(run.stdout, true, StandardCharsets.ISO_8859_1));
            System.setErr(new PrintStream(run.stderr, true, StandardCharsets.ISO_8859_1));
            System.setIn(new ByteArrayInputStream(stdin));
            applyZone(env.get("TZ"));
            System.setProperty("java.io.tmpdir", directory.getPath());
            if (guard != null) {
                guard.watch(run);
            }
            Outcome outcome = execute(run, loader, mainClass, args, timeoutMillis);
            response.put("exit", outcome.exitCode);
            response.put("timed_out", outcome.timedOut);
            response.put("restart", group.activeCount() > 0);
        } finally {
            if (guard != null) {
                guard.watch(null);
            }
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
            TimeZone.setDefault(serverZone);
            System.setProperty("java.io.tmpdir", serverTmpdir);
        }
        if (!Boolean.TRUE.equals(response.get("restart"))) {
            loader.close();
        }
        response.put("stdout", Base64.getEncoder().encodeToString(run.stdout.toByteArray()));
        response.put("stderr", Base64.getEncoder().encodeToString(run.stderr.toByteArray()));
        response.put("elapsed", (System.nanoTime() - started) / 1e9);
        return response;
    }

    private static final class Outcome {
        final long exitCode;
        final boolean timedOut;

        Outcome(long exitCode, boolean timedOut) {
            this.exitCode = exitCode;
            this.timedOut = timedOut;
        }
    }

    private Outcome execute(RunContext run, ClassLoader loader, String mainClass,
            List<String> args, long timeoutMillis) throws InterruptedException {
        long[] exitCode = {0};
        Runnable body = () -> exitCode[0] = invokeMain(run, loader, mainClass, args);
        Thread thread = new Thread(run.group, body, "main", stackSize);
        thread.setContextClassLoader(loader);
        thread.setDaemon(true);
        thread.start();
        thread.join(Math.max(1, timeoutMillis));
        if (thread.isAlive() && run.exitStatus() != null) {
            // The program asked to exit but caught the request; a JVM would have ended.
            thread.join(GRACE_MILLIS);
        }
        if (thread.isAlive() && run.exitStatus() == null) {
            run.freeze();
            thread.interrupt();
            thread.join(GRACE_MILLIS);
            return new Outcome(TIMEOUT_EXIT_CODE, true);
        }
        Integer status = run.exitStatus();
        // A process's exit status is the low eight bits of the value passed to exit.
        return new Outcome(status != null ? status & 0xFF : exitCode[0], false);
    }

    /** Runs {@code main} and returns the exit code a JVM would end with when it returns. */
    private static long invokeMain(RunContext run, ClassLoader loader, String mainClass,
            List<String> args) {
        Method main;
        try {
            main = Class.forName(mainClass, false, loader).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            System.err.println("Error: Could not find or load main class " + mainClass);
            System.err.println("Caused by: " + e);
            return 1;
        } catch (NoSuchMethodException e) {
            System.err.println("Error: Main method not found in class " + mainClass
                    + ", please define the main method as:");
            System.err.println("   public static void main(String[] args)");
            System.err.println("or a JavaFX application class must extend "
                    + "javafx.application.Application");
            return 1;
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            System.err.println("Error: Main method is not static in class " + mainClass
                    + ", please define the main method as:");
            System.err.println("   public static void main(String[] args)");
            return 1;
        }
        try {
            main.invoke(null, (Object) args.toArray(new String[0]));
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ExitRequest || run.exitStatus() != null) {
                return 0;
            }
            System.err.print("Exception in thread \"main\" ");
            cause.printStackTrace();
            return 1;
        } catch (ExitRequest e) {
            return 0;
        } catch (IllegalAccessException e) {
            System.err.println("Error: Main method not public in class " + mainClass);
            return 1;
        }
    }

    private static void applyZone(String zone) {
        if (zone != null && !zone.isEmpty()) {
            // NOTE: a JVM reads TZ at start with the C library's rules; this takes only the
            // zone ids and "GMT+hh:mm" forms of TimeZone, and takes GMT for others.
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
        }
    }

    private static URL[] urls(List<?> classpath) throws IOException {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = new File((String) classpath.get(i)).toURI().toURL();
        }
        return urls;
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
        }
        return result;
    }
}
