package migrate.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A sequential file, ORGANIZATION LINE SEQUENTIAL or (record) SEQUENTIAL, with the FILE
 * STATUS codes GnuCOBOL 3.1.2 sets.
 *
 * <p>The ASSIGN name maps to a path through the environment variables {@code DD_NAME},
 * {@code dd_NAME} and {@code NAME}, else the name itself. A line-sequential READ drops the
 * line feed and a carriage return before it. It truncates a long line and pads a short
 * one with spaces. A WRITE strips trailing spaces and ends the line with a line feed. A
 * record sequential file contains fixed records of the record area's length, with no
 * separators.
 *
 * <p>An operation that fails (status 10 and up) on a file with neither a FILE STATUS item
 * nor a USE declarative ends the run unit with libcob's error and exit status 1, except
 * end of file on a READ that has an AT END phrase. Files left open at STOP RUN are closed.
 */
public final class SeqFile {
    private enum Mode { CLOSED, INPUT, OUTPUT, IO, EXTEND }

    private static final Set<SeqFile> OPEN_FILES = new LinkedHashSet<>();

    private final String assignName;
    private final Area assignItem;
    private final Area record;
    private final boolean lineSequential;
    private Area statusItem;
    private boolean handled;
    private boolean optional;
    private String status = "00";
    private Mode mode = Mode.CLOSED;
    private boolean endReached;
    private InputStream input;
    private OutputStream output;
    private RandomAccessFile random;
    private long lastRecordStart = -1;

    /**
     * Creates a file whose ASSIGN clause names {@code assignName}, with record area {@code
     * record}.
     */
    public SeqFile(String assignName, Area record, boolean lineSequential) {
        this(assignName, null, record, lineSequential);
    }

    /** Creates a file whose ASSIGN clause names a data item, read at each OPEN. */
    public SeqFile(Area assignItem, Area record, boolean lineSequential) {
        this(null, assignItem, record, lineSequential);
    }

    private SeqFile(String assignName, Area assignItem, Area record, boolean lineSequential) {
        this.assignName = assignName;
        this.assignItem = assignItem;
        this.record = record;
        this.lineSequential = lineSequential;
    }

    /** Sets the FILE STATUS item (two bytes) and returns this file. */
    public SeqFile status(Area item) {
        this.statusItem = item;
        return this;
    }

    /** Marks that a USE AFTER ERROR declarative covers this file, and returns this file. */
    public SeqFile handled() {
        this.handled = true;
        return this;
    }

    /**
     * Marks the file SELECT OPTIONAL (a missing input file opens with status 05), and returns
     * it.
     */
    public SeqFile optional() {
        this.optional = true;
        return this;
    }

    /** Returns the two-character status of the last operation. */
    public String statusCode() {
        return status;
    }

    /** Runs OPEN INPUT. */
    public void openInput() {
        open(Mode.INPUT);
    }

    /** Runs OPEN OUTPUT. */
    public void openOutput() {
        open(Mode.OUTPUT);
    }

    /** Runs OPEN EXTEND. */
    public void openExtend() {
        open(Mode.EXTEND);
    }

    /** Runs OPEN I-O (record sequential files only; GnuCOBOL rejects it for line sequential). */
    public void openIo() {
        open(Mode.IO);
    }

    private void open(Mode requested) {
        if (mode != Mode.CLOSED) {
            finish("41", "file already open");
            return;
        }
        if (requested == Mode.IO && lineSequential) {
            finish("37", "OPEN I-O not allowed on LINE SEQUENTIAL files");
            return;
        }
        File file = Host.file(path());
        boolean missing = !file.exists();
        try {
            String code = missing && optional ? "05" : "00";
            if (missing && requested != Mode.OUTPUT && !optional) {
                finish("35", "file does not exist");
                return;
            }
            openStreams(file, requested, missing);
            mode = requested;
            endReached = false;
            lastRecordStart = -1;
            OPEN_FILES.add(this);
            finish(code, "");
        } catch (FileNotFoundException e) {
            finish(requested == Mode.INPUT ? "35" : "30", "permanent error");
        } catch (IOException e) {
            finish("30", "permanent error");
        }
    }

    private void openStreams(File file, Mode requested, boolean missing) throws IOException {
        switch (requested) {
            case INPUT:
                input = missing ? InputStream.nullInputStream()
                        : new BufferedInputStream(new FileInputStream(file), 1 << 16);
                break;
            case IO:
                random = new RandomAccessFile(file, "rw");
                break;
            default:
                output = new BufferedOutputStream(
                        new FileOutputStream(file, requested == Mode.EXTEND), 1 << 16);
                break;
        }
    }

    /** Returns the path the ASSIGN name maps to. */
    String path() {
        String name = assignName != null ? assignName : assignItem.text().trim();
        for (String variable : new String[] {"DD_" + name, "dd_" + name, name}) {
            String value = Host.getenv(variable);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return name;
    }

    /** Runs CLOSE. */
    public void close() {
        if (mode == Mode.CLOSED) {
            finish("42", "file not open");
            return;
        }
        try {
            closeStreams();
            finish("00", "");
        } catch (IOException e) {
            finish("30", "permanent error");
        }
    }

    private void closeStreams() throws IOException {
        OPEN_FILES.remove(this);
        mode = Mode.CLOSED;
        try {
            if (input != null) {
                input.close();
            }
            if (output != null) {
                output.close();
            }
            if (random != null) {
                random.close();
            }
        } finally {
            input = null;
            output = null;
            random = null;
        }
    }

    /** Runs READ with an AT END phrase and returns false at end of file, true otherwise. */
    public boolean read() {
        return read(null, true);
    }

    /** Runs READ ... INTO {@code into} with an AT END phrase and returns false at end of file. */
    public boolean read(Area into) {
        return read(into, true);
    }

    /**
     * Runs READ [INTO into] and returns false at end of file. Without an AT END phrase
     * ({@code atEndPhrase} false) end of file is an error unless the file has a FILE STATUS
     * item or a declarative. Pass a null {@code into} for no INTO phrase.
     */
    public boolean read(Area into, boolean atEndPhrase) {
        if (mode != Mode.INPUT && mode != Mode.IO) {
            finish("47", "READ not allowed, file not open for input");
            return false;
        }
        if (endReached) {
            finish("46", "READ after end of file");
            return false;
        }
        try {
            boolean found = lineSequential ? readLine() : readRecord();
            if (!found) {
                endReached = true;
                finish("10", atEndPhrase ? null : "end of file");
                return false;
            }
        } catch (IOException e) {
            finish("30", "permanent error");
            return false;
        }
        if (into != null) {
            Move.move(record, into);
        }
        finish("00", "");
        return true;
    }

    private boolean readLine() throws IOException {
        byte[] line = new byte[record.len];
        int n = 0;
        int b = input.read();
        if (b < 0) {
            return false;
        }
        boolean pendingReturn = false;
        while (b >= 0 && b != '\n') {
            if (pendingReturn && n < line.length) {
                line[n++] = '\r';
            }
            pendingReturn = b == '\r';
            if (!pendingReturn && n < line.length) {
                line[n++] = (byte) b;
            }
            b = input.read();
        }
        Arrays.fill(line, n, line.length, (byte) ' ');
        System.arraycopy(line, 0, record.buf, record.off, record.len);
        return true;
    }

    private boolean readRecord() throws IOException {
        byte[] data = new byte[record.len];
        int n;
        if (random != null) {
            lastRecordStart = random.getFilePointer();
            n = readFully(random, data);
        } else {
            n = input.readNBytes(data, 0, data.length);
        }
        if (n <= 0) {
            return false;
        }
        // NOTE: a short last record is padded with spaces; GnuCOBOL's status for it is unchecked.
        Arrays.fill(data, n, data.length, (byte) ' ');
        System.arraycopy(data, 0, record.buf, record.off, record.len);
        return true;
    }

    private static int readFully(RandomAccessFile file, byte[] data) throws IOException {
        int n = 0;
        while (n < data.length) {
            int got = file.read(data, n, data.length - n);
            if (got < 0) {
                break;
            }
            n += got;
        }
        return n;
    }

    /** Runs WRITE of the record area. */
    public void write() {
        write(null, false, 0);
    }

    /** Runs WRITE ... FROM {@code from}. */
    public void write(Area from) {
        write(from, false, 0);
    }

    /**
     * Runs WRITE of {@code recordName}, one of several 01 records of the FD that may be
     * shorter than the record area: its own bytes are written and the rest of the area is
     * left alone.
     */
    public void writeRecord(Area recordName) {
        if (mode != Mode.OUTPUT && mode != Mode.EXTEND) {
            finish("48", "WRITE not allowed, file not open for output");
            return;
        }
        try {
            if (lineSequential) {
                int end = recordName.len;
                while (end > 0 && recordName.buf[recordName.off + end - 1] == ' ') {
                    end--;
                }
                output.write(recordName.buf, recordName.off, end);
                output.write('\n');
            } else {
                // NOTE: GnuCOBOL makes a record sequential file whose 01 records differ in
                // length variable, with a 4-byte length before each record; that format
                // is not implemented, so the record is written as it is.
                output.write(recordName.buf, recordName.off, recordName.len);
            }
            finish("00", "");
        } catch (IOException e) {
            finish("30", "permanent error");
        }
    }

    /**
     * Runs WRITE [FROM from] AFTER ADVANCING (when {@code after}) or BEFORE ADVANCING
     * {@code lines} LINES; a negative {@code lines} means PAGE. Pass {@code from} null for
     * no FROM phrase, and {@code lines} 0 for no ADVANCING phrase.
     */
    public void write(Area from, boolean after, int lines) {
        if (mode != Mode.OUTPUT && mode != Mode.EXTEND) {
            finish("48", "WRITE not allowed, file not open for output");
            return;
        }
        if (from != null) {
            Move.move(from, record);
        }
        try {
            if (lineSequential) {
                writeLine(after, lines);
            } else {
                output.write(record.buf, record.off, record.len);
            }
            finish("00", "");
        } catch (IOException e) {
            finish("30", "permanent error");
        }
    }

    private void writeLine(boolean after, int lines) throws IOException {
        int end = record.len;
        while (end > 0 && record.buf[record.off + end - 1] == ' ') {
            end--;
        }
        if (lines != 0 && after) {
            advance(lines);
        }
        output.write(record.buf, record.off, end);
        if (lines == 0) {
            output.write('\n');
        } else if (!after) {
            advance(lines);
        }
    }

    private void advance(int lines) throws IOException {
        if (lines < 0) {
            output.write('\f');
            return;
        }
        for (int i = 0; i < lines; i++) {
            output.write('\n');
        }
    }

    /** Runs REWRITE of the record area (a record sequential file opened I-O, after a READ). */
    public void rewrite() {
        rewrite(null);
    }

    /** Runs REWRITE ... FROM {@code from}. */
    public void rewrite(Area from) {
        if (mode != Mode.IO) {
            finish("49", "REWRITE not allowed, file not open for I-O");
            return;
        }
        if (lastRecordStart < 0) {
            finish("43", "REWRITE without a successful READ");
            return;
        }
        if (from != null) {
            Move.move(from, record);
        }
        try {
            long next = random.getFilePointer();
            random.seek(lastRecordStart);
            random.write(record.buf, record.off, record.len);
            random.seek(next);
            lastRecordStart = -1;
            finish("00", "");
        } catch (IOException e) {
            finish("30", "permanent error");
        }
    }

    /**
     * Sets the status, and ends the run unit on an error that neither a FILE STATUS item
     * nor a declarative covers. A null {@code message} means the statement handles the
     * condition itself (AT END).
     */
    private void finish(String code, String message) {
        status = code;
        if (statusItem != null) {
            Move.move(code, statusItem);
        }
        boolean failed = code.charAt(0) != '0';
        if (failed && message != null && statusItem == null && !handled) {
            String name = assignName != null ? assignName : assignItem.text().trim();
            throw new CobolError(message + " (status = " + code + ") for file " + name, 1);
        }
    }

    /** Closes every file still open; called at the end of the run unit. */
    public static void closeAll() {
        for (SeqFile file : OPEN_FILES.toArray(new SeqFile[0])) {
            try {
                file.closeStreams();
            } catch (IOException e) {
                // NOTE: an error on the implicit CLOSE at the end of the run unit is ignored.
                continue;
            }
        }
    }
}
