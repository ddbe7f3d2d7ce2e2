import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The state of one run: its thread group, working folder, captured output and the exit
 * status the program asked for.
 */
final class RunContext {
    final ThreadGroup group;
    final Path directory;
    final Capture stdout;
    final Capture stderr;
    private volatile Integer exitStatus;

    /** Creates the state of a run whose stdout and stderr may each hold {@code limit} bytes. */
    RunContext(ThreadGroup group, File directory, long limit) {
        this.group = group;
        this.directory = directory.toPath().toAbsolutePath().normalize();
        this.stdout = new Capture(limit);
        this.stderr = new Capture(limit);
    }

    /** Returns whether {@code thread} belongs to this run: the run's thread or one it started. */
    boolean owns(Thread thread) {
        ThreadGroup threadGroup = thread.getThreadGroup();
        return threadGroup != null && group.parentOf(threadGroup);
    }

    /**
     * Records an exit the program asked for (System.exit, Runtime.halt or the runtime's exit
     * hook) and stops capturing output: a JVM that exits writes nothing more, so output
     * buffered in the program at that moment is lost in both cases. Only the first exit
     * counts, as in a JVM.
     */
    synchronized ExitRequest requestExit(int status) {
        if (exitStatus == null) {
            exitStatus = status;
            freeze();
        }
        return new ExitRequest(exitStatus);
    }

    /** Returns the exit status asked for, or null when the program has not asked to exit. */
    Integer exitStatus() {
        return exitStatus;
    }

    /** Stops capturing output, as a killed process writes nothing more. */
    void freeze() {
        stdout.freeze();
        stderr.freeze();
    }

    /**
     * An output stream that keeps what is written until it is frozen, then drops it. Past its
     * limit a write fails as a write to a file fails past the process's file size limit
     * ({@code RLIMIT_FSIZE}), which is how the sandbox limits a separate program's output.
     */
    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;
        private boolean frozen;

        Capture(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) throws IOException {
            if (frozen) {
                return;
            }
            int room = (int) Math.min(length, Math.max(0, limit - bytes.size()));
            bytes.write(data, offset, room);
            if (room < length) {
                throw new IOException("File too large");
            }
        }

        synchronized void freeze() {
            frozen = true;
        }

        synchronized byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
