package migrate.runtime;

/**
 * The run unit: the RETURN-CODE special register and the main program's lifecycle.
 *
 * <p>A program's {@code main} is {@code RunUnit.runMain(args, Prog::call)}. STOP RUN is
 * {@code throw RunUnit.stopRun()}; a GOBACK that ends the main program ends the run unit.
 *
 * <p>GnuCOBOL keeps a RETURN-CODE per program: a called program starts with the value it
 * had when it last returned (0 the first time), and the caller gets the callee's value
 * when the CALL returns. Each program's {@code call} method therefore brackets its body
 * with {@link #enter(Frame)} and {@link #leave(Frame)} on its own {@link Frame}.
 */
public final class RunUnit {
    /** The RETURN-CODE special register of the program that is running. */
    public static int returnCode;

    private static String[] arguments = new String[0];

    private RunUnit() {
    }

    /** The per-program state that outlives a CALL: the program's own RETURN-CODE. */
    public static final class Frame {
        private final String programId;
        private int savedReturnCode;
        private boolean active;

        /** Creates the frame of the program {@code programId}, as its PROGRAM-ID reads. */
        public Frame(String programId) {
            this.programId = programId;
        }

        /** Creates a frame for a program whose name is not needed in messages. */
        public Frame() {
            this("");
        }
    }

    /**
     * Starts a program's invocation: RETURN-CODE takes the value the program last left. A
     * CALL of a program that is still running (it is not RECURSIVE) fails as in libcob.
     */
    public static void enter(Frame frame) {
        if (frame.active) {
            throw new CobolError("recursive CALL to '" + frame.programId
                    + "' which is NOT RECURSIVE", 1);
        }
        returnCode = frame.savedReturnCode;
        frame.active = true;
    }

    /** Ends a program's invocation: the program keeps its RETURN-CODE for its next call. */
    public static void leave(Frame frame) {
        frame.savedReturnCode = returnCode;
        frame.active = false;
    }

    /**
     * Runs {@code program} as the main program, then closes files, flushes standard output
     * and exits with RETURN-CODE. A {@link CobolError} exits with its status after libcob's
     * message; any other exception is a failure of the translated program, reported with
     * its stack trace and exit status 1 after the output so far is flushed.
     */
    public static void runMain(String[] args, Runnable program) {
        arguments = args.clone();
        int exitCode;
        try {
            program.run();
            exitCode = returnCode;
        } catch (StopRun | Goback signal) {
            exitCode = returnCode;
        } catch (CobolError error) {
            finish();
            System.err.println("libcob: error: " + error.getMessage());
            exitCode = error.exitCode();
        } catch (RuntimeException | Error failure) {
            finish();
            failure.printStackTrace();
            exitCode = 1;
        }
        finish();
        System.err.flush();
        Host.exit.accept(exitCode);
    }

    private static void finish() {
        SeqFile.closeAll();
        Display.flush();
    }

    /**
     * Returns the STOP RUN signal to throw; it ends the run unit with RETURN-CODE as the exit
     * status.
     */
    public static StopRun stopRun() {
        return new StopRun();
    }

    /** Sets RETURN-CODE to {@code code} and returns the STOP RUN signal (STOP RUN RETURNING). */
    public static StopRun stopRun(int code) {
        returnCode = code;
        return new StopRun();
    }

    /**
     * Returns a new PIC S9(9) BINARY item holding RETURN-CODE, for DISPLAY, MOVE and
     * comparisons; a change to the item does not change RETURN-CODE.
     */
    public static NumField returnCodeItem() {
        NumField item = NumField.binary(Area.allocate(4), 0, 9, 0, true);
        item.set(returnCode);
        return item;
    }

    /** Returns the command-line arguments of the main program. */
    public static String[] arguments() {
        return arguments.clone();
    }
}
