import java.io.File;
import java.io.FilePermission;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;

/**
 * The security manager of the server. It leaves the server's own threads alone and, in a
 * run's threads:
 *
 * <ul>
 *   <li>turns System.exit and Runtime.halt into an {@link ExitRequest};
 *   <li>denies sockets, starting processes, and writing or deleting files outside the run's
 *       working folder;
 *   <li>denies replacing the security manager.
 * </ul>
 *
 * <p>Reading files is not limited. This is a guard against mistakes, not a sandbox: it
 * ignores {@code doPrivileged} and symbolic links inside the working folder may point out
 * of it. Security managers are deprecated since Java 17 and need
 * {@code -Djava.security.manager=allow} from Java 18 on, and Java 24 removed them.
 */
@SuppressWarnings("removal")
final class RunGuard extends SecurityManager {
    private volatile RunContext current;

    /** Installs a guard as the JVM's security manager, or returns null when the JVM forbids it. */
    static RunGuard install() {
        RunGuard guard = new RunGuard();
        try {
            System.setSecurityManager(guard);
            return guard;
        } catch (UnsupportedOperationException | SecurityException e) {
            System.err.println("judge server: no security manager (" + e.getMessage()
                    + "); exits of programs that call System.exit end the server");
            return null;
        }
    }

    /** Sets the run whose threads the guard checks, or null between runs. */
    void watch(RunContext run) {
        current = run;
    }

    private RunContext runOfCurrentThread() {
        RunContext run = current;
        return run != null && run.owns(Thread.currentThread()) ? run : null;
    }

    @Override
    public void checkExit(int status) {
        RunContext run = runOfCurrentThread();
        if (run != null) {
            throw run.requestExit(status);
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        RunContext run = runOfCurrentThread();
        if (run != null) {
            check(run, permission);
        }
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        checkPermission(permission);
    }

    private static void check(RunContext run, Permission permission) {
        if (permission instanceof SocketPermission) {
            throw new SecurityException("the judge denies network access: " + permission.getName());
        }
        if (permission instanceof RuntimePermission
                && permission.getName().equals("setSecurityManager")) {
            throw new SecurityException("the judge denies replacing its security manager");
        }
        if (permission instanceof FilePermission) {
            String actions = permission.getActions();
            if (actions.contains("execute")) {
                throw new SecurityException("the judge denies starting " + permission.getName());
            }
            boolean changes = actions.contains("write") || actions.contains("delete");
            if (changes && !inside(run.directory, permission.getName())) {
                throw new SecurityException("the judge denies writing " + permission.getName()
                        + " outside the working folder " + run.directory);
            }
        }
    }

    private static boolean inside(Path directory, String name) {
        if (name.equals("<<ALL FILES>>")) {
            return false;
        }
        // A permission on a folder's contents ends in "/-" or "/*".
        String path = name.endsWith("/-") || name.endsWith("/*")
                ? name.substring(0, name.length() - 2) : name;
        // A relative name opens against the server's own working folder, which no run owns.
        Path target = new File(path).toPath().toAbsolutePath().normalize();
        return target.startsWith(directory);
    }
}
