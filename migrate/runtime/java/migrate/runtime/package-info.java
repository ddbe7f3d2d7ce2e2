/**
 * COBOL data semantics for translated programs, matching GnuCOBOL 3.1.2 with its default
 * dialect: byte storage ({@link migrate.runtime.Area}), typed elementary items
 * ({@link migrate.runtime.AlphaField}, {@link migrate.runtime.NumField},
 * {@link migrate.runtime.EditedField}), the statements {@link migrate.runtime.Move},
 * {@link migrate.runtime.Arith}, {@link migrate.runtime.Compare},
 * {@link migrate.runtime.Display}, {@link migrate.runtime.Accept},
 * {@link migrate.runtime.StringInto}, {@link migrate.runtime.Unstring},
 * {@link migrate.runtime.Inspect}, files ({@link migrate.runtime.SeqFile}) and the run unit
 * ({@link migrate.runtime.RunUnit}, {@link migrate.runtime.Programs}).
 *
 * <p>This COBOL program
 * <pre>
 *        IDENTIFICATION DIVISION.
 *        PROGRAM-ID. SUMSALES.
 *        ENVIRONMENT DIVISION.
 *        INPUT-OUTPUT SECTION.
 *        FILE-CONTROL.
 *            SELECT SALES ASSIGN TO SALESIN ORGANIZATION LINE SEQUENTIAL
 *                FILE STATUS IS WS-FS.
 *        DATA DIVISION.
 *        FILE SECTION.
 *        FD  SALES.
 *        01  SALE-REC.
 *            05  SALE-ID     PIC X(4).
 *            05  SALE-AMT    PIC 9(5)V99.
 *        WORKING-STORAGE SECTION.
 *        01  WS-FS           PIC XX.
 *        01  WS-TOTALS.
 *            05  WS-SUM      PIC S9(7)V99 COMP-3 VALUE 0.
 *            05  WS-AVG      PIC 9(5)V99.
 *            05  WS-MONTH    PIC 9(3) OCCURS 12.
 *        01  WS-EOF          PIC X VALUE 'N'.
 *            88  AT-EOF      VALUE 'Y'.
 *        PROCEDURE DIVISION.
 *            OPEN INPUT SALES
 *            PERFORM UNTIL AT-EOF
 *                READ SALES AT END SET AT-EOF TO TRUE
 *                    NOT AT END ADD SALE-AMT TO WS-SUM
 *                END-READ
 *            END-PERFORM
 *            CLOSE SALES
 *            MOVE 7 TO WS-MONTH(3)
 *            COMPUTE WS-AVG ROUNDED = WS-SUM / 3
 *                ON SIZE ERROR DISPLAY 'OVERFLOW'
 *            END-COMPUTE
 *            DISPLAY 'TOTAL ' WS-SUM ' AVG ' WS-AVG
 *            STOP RUN.
 * </pre>
 * is written with this library as
 * <pre>{@code
 * package migrated;
 *
 * import java.math.BigDecimal;
 * import migrate.runtime.*;
 *
 * public final class Sumsales {
 *     public static final String PROGRAM_ID = "SUMSALES";
 *
 *     // FILE SECTION: one record area per FD, shared by its 01 records.
 *     private static final Area saleRec = Area.allocate(11);
 *     private static final AlphaField saleId = new AlphaField(saleRec, 0, 4);
 *     private static final NumField saleAmt = NumField.display(saleRec, 4, 7, 2, false);
 *
 *     // WORKING-STORAGE: one Area per 01 item, items at their offsets inside it.
 *     private static final AlphaField wsFs = new AlphaField(Area.allocate(2), 0, 2);
 *     private static final Area wsTotals = Area.allocate(48);
 *     private static final NumField wsSum = NumField.packed(wsTotals, 0, 9, 2, true);
 *     private static final NumField wsAvg = NumField.display(wsTotals, 5, 7, 2, false);
 *     private static final NumField wsMonth =
 *             NumField.display(wsTotals, 12, 3, 0, false).occurs(3);
 *     private static final AlphaField wsEof = new AlphaField(Area.allocate(1), 0, 1);
 *     private static final Level88 atEof = new Level88(wsEof, "Y");
 *
 *     private static final SeqFile sales = new SeqFile("SALESIN", saleRec, true).status(wsFs);
 *
 *     static {
 *         // Every elementary item gets its VALUE, or GnuCOBOL's default by category.
 *         saleId.initialize();
 *         saleAmt.initialize();
 *         wsFs.initialize();
 *         Move.move(BigDecimal.ZERO, wsSum);
 *         wsAvg.initialize();
 *         for (int i = 1; i <= 12; i++) {
 *             wsMonth.at(i).initialize();
 *         }
 *         Move.move("N", wsEof);
 *     }
 *
 *     private static final RunUnit.Frame FRAME = new RunUnit.Frame(PROGRAM_ID);
 *
 *     public static void call() {
 *         RunUnit.enter(FRAME);
 *         try {
 *             procedure();
 *         } catch (Goback signal) {
 *             // GOBACK or EXIT PROGRAM from any paragraph returns to the caller.
 *         } finally {
 *             RunUnit.leave(FRAME);
 *         }
 *     }
 *
 *     private static void procedure() {
 *         sales.openInput();
 *         while (!atEof.test()) {
 *             if (!sales.read()) {
 *                 atEof.set();
 *             } else {
 *                 BigDecimal sum = Arith.add(wsSum.get(), saleAmt.get());
 *                 Arith.store(wsSum, sum, false, false);
 *             }
 *         }
 *         sales.close();
 *         Move.move(7, wsMonth.at(3));
 *         BigDecimal average = Arith.divide(wsSum.get(), BigDecimal.valueOf(3));
 *         if (Arith.store(wsAvg, average, true, true)) {
 *             Display.line("OVERFLOW");
 *         }
 *         Display.line("TOTAL ", wsSum, " AVG ", wsAvg);
 *         throw RunUnit.stopRun();
 *     }
 *
 *     public static void main(String[] args) {
 *         RunUnit.runMain(args, Sumsales::call);
 *     }
 * }
 * }</pre>
 *
 * <p>Rules for generated code:
 * <ul>
 * <li>An OCCURS item is declared once with {@code occurs(strides)}, outermost table first,
 * and positioned with {@code at(subscripts)}. A group is a plain
 * {@link migrate.runtime.Area}.</li>
 * <li>A LINKAGE item is built inside {@code call} over the parameter Area. BY CONTENT passes
 * {@code item.copy()}, or {@code Area.literal(...)} for a literal.</li>
 * <li>Literals are {@link java.lang.String} (alphanumeric) and {@link java.math.BigDecimal}
 * (numeric, scale as written). A numeric literal compared with or moved to a non-numeric
 * item keeps its spelling: pass it as a String ({@code Compare.compareNumericLiteral}).</li>
 * <li>Every elementary item gets its VALUE, or {@code initialize()}, when the class loads,
 * because GnuCOBOL initializes WORKING-STORAGE by category.</li>
 * <li>RETURN-CODE is the int {@link migrate.runtime.RunUnit#returnCode}; each program
 * brackets its body with {@code RunUnit.enter} and {@code RunUnit.leave} on its own
 * {@link migrate.runtime.RunUnit.Frame}, because GnuCOBOL keeps RETURN-CODE per program.</li>
 * </ul>
 */
package migrate.runtime;
