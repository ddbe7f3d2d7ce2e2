import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import sun.misc.Unsafe;

/**
 * Connects a run's fresh copy of the runtime library {@code migrate.runtime} to the run's
 * streams, environment, working folder and exit, in one of two ways.
 *
 * <p>In every case the JVM's environment variables are replaced for the run (runs are one
 * at a time), so that a program that calls {@code System.getenv} itself gets the run's.
 *
 * <p><b>Hook</b>: when the runtime has the class {@code migrate.runtime.Host}, the bridge
 * sets its public static fields {@code in}, {@code out}, {@code err}, {@code environment},
 * {@code directory} and {@code exit}, which the runtime reads in place of the process's.
 *
 * <p><b>Compatibility</b>, for a runtime without that class: the runtime writes DISPLAY to
 * file descriptor 1 and reads ACCEPT from descriptor 0 through static final fields of
 * {@code Display} and {@code Accept}, reads variables with {@code System.getenv}, and ends
 * the run with {@code Runtime.halt}. The bridge then replaces those fields with
 * {@code sun.misc.Unsafe}, makes relative {@code DD_} and {@code dd_} paths in the
 * environment absolute against the run's folder, and relies on {@link RunGuard} to catch
 * the halt. An ASSIGN name with no variable still opens relative to the server's own
 * folder, where the guard denies writes. A program that reads a {@code DD_} variable
 * itself gets the absolute path.
 */
final class RuntimeBridge {
    private static final String HOST = "migrate.runtime.Host";
    private static final String DISPLAY = "migrate.runtime.Display";
    private static final String ACCEPT = "migrate.runtime.Accept";
    // The size of Display's own buffer, so that output is lost at a timeout as in a process.
    private static final int DISPLAY_BUFFER = 1 << 16;

    private RuntimeBridge() {
    }

    /** Connects the run to the runtime in {@code loader}; returns "hook", "compat" or "none". */
    static String connect(ClassLoader loader, RunContext run, Map<String, String> env,
            byte[] stdin, RunGuard guard) throws ReflectiveOperationException {
        Class<?> host = find(loader, HOST);
        if (host != null) {
            connectHost(host, run, env, stdin);
            ProcessEnvironment.replace(env);
            return "hook";
        }
        Class<?> display = find(loader, DISPLAY);
        if (display == null) {
            ProcessEnvironment.replace(env);
            return "none";
        }
        if (guard == null) {
            throw new IllegalStateException("the runtime has no " + HOST + " hook and the "
                    + "server has no security manager, so it cannot catch the program's exit");
        }
        Class<?> accept = Class.forName(ACCEPT, true, loader);
        Class.forName(DISPLAY, true, loader);
        replaceStatic(display, "OUT", new BufferedOutputStream(run.stdout, DISPLAY_BUFFER));
        replaceStatic(display, "ERR", run.stderr);
        replaceStatic(accept, "IN", new ByteArrayInputStream(stdin));
        ProcessEnvironment.replace(absoluteDatasets(env, run));
        return "compat";
    }

    private static Class<?> find(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static void connectHost(Class<?> host, RunContext run, Map<String, String> env,
            byte[] stdin) throws ReflectiveOperationException {
        IntConsumer exit = status -> {
            throw run.requestExit(status);
        };
        host.getField("in").set(null, (InputStream) new ByteArrayInputStream(stdin));
        host.getField("out").set(null, (OutputStream) run.stdout);
        host.getField("err").set(null, (OutputStream) run.stderr);
        host.getField("environment").set(null, Map.copyOf(env));
        host.getField("directory").set(null, run.directory.toFile());
        host.getField("exit").set(null, exit);
    }

    private static Map<String, String> absoluteDatasets(Map<String, String> env, RunContext run) {
        Map<String, String> result = new HashMap<>(env);
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            boolean dataset = name.startsWith("DD_") || name.startsWith("dd_");
            if (dataset && !value.isEmpty() && !new File(value).isAbsolute()) {
                result.put(name, run.directory.resolve(value).toString());
            }
        }
        return result;
    }

    private static void replaceStatic(Class<?> type, String name, Object value)
            throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        Unsafe unsafe = ProcessEnvironment.unsafe();
        unsafe.putObjectVolatile(unsafe.staticFieldBase(field), unsafe.staticFieldOffset(field),
                value);
    }

    /** Replaces the variables {@code System.getenv} returns, for the whole JVM. */
    static final class ProcessEnvironment {
        private ProcessEnvironment() {
        }

        static Unsafe unsafe() {
            try {
                Field field = Unsafe.class.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                return (Unsafe) field.get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("sun.misc.Unsafe is not available", e);
            }
        }

        /**
         * Makes {@code System.getenv} return exactly {@code variables}. The map it returns is
         * an unmodifiable view of a modifiable one, which this changes in place.
         */
        @SuppressWarnings("unchecked")
        static void replace(Map<String, String> variables) throws NoSuchFieldException {
            Map<String, String> view = System.getenv();
            Field inner = view.getClass().getDeclaredField("m");
            Unsafe unsafe = unsafe();
            Map<String, String> modifiable =
                    (Map<String, String>) unsafe.getObject(view, unsafe.objectFieldOffset(inner));
            modifiable.clear();
            modifiable.putAll(variables);
        }
    }
}
