package migrate.runtime;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The process the run unit runs in: its standard streams, environment, working folder and
 * exit.
 *
 * <p>As a separate {@code java} process, the fields keep these defaults, so the runtime
 * behaves as if it used {@code System.getenv}, the file descriptors and
 * {@code Runtime.halt} itself. A judge server that runs many run units in one JVM sets
 * them anew in each run's class loader before {@code main} starts.
 */
public final class Host {
    /** The bytes ACCEPT reads. */
    public static InputStream in = new FileInputStream(FileDescriptor.in);
    /** Where DISPLAY writes. */
    public static OutputStream out = new FileOutputStream(FileDescriptor.out);
    /** Where DISPLAY UPON SYSERR writes. */
    public static OutputStream err = new FileOutputStream(FileDescriptor.err);
    /** The environment variables: the JCL's DD names and the frozen clock among them. */
    public static Map<String, String> environment = System.getenv();
    /** The folder relative file names resolve against, or null for the JVM's own. */
    public static File directory;
    /** Ends the run unit with its exit status; it must not return. */
    public static IntConsumer exit = status -> Runtime.getRuntime().halt(status);

    private Host() {
    }

    /** Returns the value of the environment variable {@code name}, or null. */
    public static String getenv(String name) {
        return environment.get(name);
    }

    /** Returns the file {@code path} names, resolving a relative one against {@link #directory}. */
    public static File file(String path) {
        File file = new File(path);
        boolean relative = directory != null && !file.isAbsolute();
        return relative ? new File(directory, path) : file;
    }
}
