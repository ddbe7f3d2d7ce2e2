package cases.file_status;

import migrate.runtime.*;

/** Line-sequential and record-sequential files: statuses, records, ADVANCING, I-O. */
public final class Prog {
    private static AlphaField alpha(int length) {
        AlphaField field = new AlphaField(Area.allocate(length), 0, length);
        field.initialize();
        return field;
    }

    private static final Area IN1_REC = Area.allocate(8);
    private static final Area MISS_REC = Area.allocate(8);
    private static final Area OPT1_REC = Area.allocate(8);
    private static final Area OUT1_REC = Area.allocate(10);
    private static final Area EXT1_REC = Area.allocate(6);
    private static final Area REC1_REC = Area.allocate(5);
    private static final Area ADV_REC = Area.allocate(8);
    private static final AlphaField FS1 = alpha(2);
    private static final AlphaField FS2 = alpha(2);
    private static final AlphaField FS3 = alpha(2);
    private static final AlphaField FS4 = alpha(2);
    private static final AlphaField FS5 = alpha(2);
    private static final AlphaField WS_LINE = alpha(12);
    private static final AlphaField WS_ADV_NAME = alpha(20);
    private static final SeqFile IN1 = new SeqFile("INDD", IN1_REC, true).status(FS1);
    private static final SeqFile MISS = new SeqFile("missing.txt", MISS_REC, true).status(FS2);
    private static final SeqFile OPT1 =
            new SeqFile("nothere.txt", OPT1_REC, true).status(FS2).optional();
    private static final SeqFile OUT1 = new SeqFile("OUTDD", OUT1_REC, true).status(FS3);
    private static final SeqFile EXT1 = new SeqFile("ext.txt", EXT1_REC, true).status(FS4);
    private static final SeqFile REC1 = new SeqFile("rec.dat", REC1_REC, false).status(FS5);
    private static final SeqFile ADV = new SeqFile(WS_ADV_NAME, ADV_REC, true);

    static {
        Move.move("adv.txt", WS_ADV_NAME);
    }

    private static void statuses() {
        IN1.read();
        Display.line("READ NOT OPEN ", FS1);
        MISS.openInput();
        Display.line("OPEN MISSING ", FS2);
        MISS.close();
        Display.line("CLOSE NOT OPEN ", FS2);
        OPT1.openInput();
        Display.line("OPEN OPTIONAL ", FS2);
        OPT1.read();
        Display.line("READ OPTIONAL ", FS2);
        OPT1.close();
        Display.line("CLOSE OPTIONAL ", FS2);
        IN1.openInput();
        Display.line("OPEN ", FS1);
        IN1.openInput();
        Display.line("OPEN AGAIN ", FS1);
        for (int i = 0; i < 7; i++) {
            Move.all("#", IN1_REC);
            if (!IN1.read(WS_LINE)) {
                Display.line("AT END ", FS1);
            } else {
                Display.line("[", IN1_REC, "][", WS_LINE, "] ", FS1);
            }
        }
        IN1.read(null, false);
        Display.line("READ AFTER END ", FS1);
        IN1.write();
        Display.line("WRITE INPUT ", FS1);
        IN1.close();
        Display.line("CLOSE ", FS1);
    }

    private static void outputs() {
        OUT1.openOutput();
        Display.line("OPEN OUT ", FS3);
        Move.move("ABC", OUT1_REC);
        OUT1.write();
        Display.line("WRITE ", FS3);
        Move.move(Figurative.SPACE, OUT1_REC);
        OUT1.write();
        OUT1.write(WS_LINE);
        OUT1.read(null, false);
        Display.line("READ OUTPUT ", FS3);
        OUT1.close();
        EXT1.openExtend();
        Display.line("OPEN EXTEND MISSING ", FS4);
        EXT1.openOutput();
        Display.line("OPEN OUTPUT ", FS4);
        Move.move("X1", EXT1_REC);
        EXT1.write();
        EXT1.close();
        EXT1.openExtend();
        Display.line("OPEN EXTEND ", FS4);
        Move.move("X2", EXT1_REC);
        EXT1.write();
        EXT1.close();
    }

    private static void records() {
        REC1.openOutput();
        Display.line("OPEN REC ", FS5);
        Move.move("AB", REC1_REC);
        REC1.write();
        Move.move("CDEFG", REC1_REC);
        REC1.write();
        REC1.close();
        REC1.openInput();
        for (int i = 0; i < 3; i++) {
            REC1.read(null, false);
            Display.line("REC [", REC1_REC, "] ", FS5);
        }
        REC1.close();
        REC1.openIo();
        Display.line("OPEN I-O REC ", FS5);
        Move.move("ZZ", REC1_REC);
        REC1.rewrite();
        Display.line("REWRITE BEFORE READ ", FS5);
        REC1.read(null, false);
        Display.line("REC [", REC1_REC, "] ", FS5);
        Move.move("ZZ", REC1_REC);
        REC1.rewrite();
        Display.line("REWRITE ", FS5);
        REC1.write();
        Display.line("WRITE IO ", FS5);
        REC1.read(null, false);
        Display.line("REC [", REC1_REC, "] ", FS5);
        REC1.close();
    }

    private static void advancing() {
        ADV.openOutput();
        String[] letters = {"A", "B", "C", "D", "E", "F", "G", "H"};
        boolean[] after = {false, true, false, true, false, true, false, false};
        int[] lines = {0, 2, 2, -1, 0, 1, 1, 0};
        for (int i = 0; i < letters.length; i++) {
            Move.move(letters[i], ADV_REC);
            ADV.write(null, after[i], lines[i]);
        }
        OUT1.openOutput();
        Move.move("LEFT OPEN", OUT1_REC);
        OUT1.write();
    }

    public static void call() {
        statuses();
        outputs();
        records();
        advancing();
        throw RunUnit.stopRun();
    }

    public static void main(String[] args) {
        RunUnit.runMain(args, Prog::call);
    }
}
