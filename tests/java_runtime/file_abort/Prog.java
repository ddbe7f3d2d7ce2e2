package cases.file_abort;

import migrate.runtime.*;

/** End of file on a READ with neither AT END nor FILE STATUS ends the run with status 1. */
public final class Prog {
    private static final Area IN1_REC = Area.allocate(8);
    private static final Area MISS_REC = Area.allocate(8);
    private static final Area OUT1_REC = Area.allocate(8);
    private static final SeqFile IN1 = new SeqFile("in1.txt", IN1_REC, true);
    private static final SeqFile MISS = new SeqFile("missing.txt", MISS_REC, true);
    private static final SeqFile OUT1 = new SeqFile("out1.txt", OUT1_REC, true);

    public static void call() {
        OUT1.openOutput();
        Move.move("WRITTEN", OUT1_REC);
        OUT1.write();
        IN1.openInput();
        if (!IN1.read()) {
            Display.line("EMPTY");
        }
        Display.line("[", IN1_REC, "]");
        IN1.read(null, false);
        Display.line("READ PAST END WITHOUT AT END IS FATAL: NOT REACHED");
        MISS.openInput();
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
