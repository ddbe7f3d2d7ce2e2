       IDENTIFICATION DIVISION.
       PROGRAM-ID. PACKRND.
      * Loan amortization in signed COMP-3: monthly interest ROUNDED,
      * payments that drive the balance negative, SIZE ERROR on a small
      * result field, DIVIDE ... REMAINDER, MULTIPLY ... GIVING ROUNDED
      * and COMP counters, all inside PERFORM UNTIL and TIMES loops.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-BALANCE       PIC S9(7)V99 COMP-3 VALUE 2500.00.
       01  WS-RATE          PIC SV9(5) COMP-3 VALUE .01875.
       01  WS-INTEREST      PIC S9(5)V99 COMP-3.
       01  WS-PAYMENT       PIC S9(5)V99 COMP-3 VALUE 437.5.
       01  WS-TOTAL-INT     PIC S9(5)V99 COMP-3 VALUE 0.
       01  WS-SMALL         PIC S9(2)V9 COMP-3.
       01  WS-MONTH         PIC S9(4) COMP VALUE 0.
       01  WS-QUOT          PIC S9(3) COMP-3.
       01  WS-REM           PIC S9(3)V99 COMP-3.
       01  WS-SHARE         PIC S9(3)V9 COMP-3.
       01  WS-TRUNC         PIC S9(3)V9 COMP-3.
       01  WS-ACC           PIC S9(5)V9(4) COMP-3 VALUE 0.
       01  WS-OUT           PIC -Z(6)9.99.
       01  WS-OUT4          PIC -Z(4)9.9(4).
       01  WS-ERRORS        PIC 9(2) VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM UNTIL WS-BALANCE < 0 OR WS-MONTH >= 12
               ADD 1 TO WS-MONTH
               COMPUTE WS-INTEREST ROUNDED = WS-BALANCE * WS-RATE
               ADD WS-INTEREST TO WS-BALANCE WS-TOTAL-INT
               SUBTRACT WS-PAYMENT FROM WS-BALANCE
               MOVE WS-BALANCE TO WS-OUT
               DISPLAY 'MONTH ' WS-MONTH ' INT ' WS-INTEREST
                   ' BAL ' WS-OUT
               COMPUTE WS-SMALL ROUNDED = WS-BALANCE / 10
                   ON SIZE ERROR
                       ADD 1 TO WS-ERRORS
                       DISPLAY '  SIZE ERROR, SMALL KEPT ' WS-SMALL
                   NOT ON SIZE ERROR
                       DISPLAY '  SMALL ' WS-SMALL
               END-COMPUTE
           END-PERFORM
           MOVE WS-TOTAL-INT TO WS-OUT
           DISPLAY 'TOTAL INTEREST ' WS-OUT ' ERRORS ' WS-ERRORS
           DIVIDE WS-BALANCE BY 7 GIVING WS-QUOT REMAINDER WS-REM
           DISPLAY 'QUOT ' WS-QUOT ' REM ' WS-REM
           DIVIDE -100 BY 3 GIVING WS-SHARE ROUNDED
           DISPLAY 'SHARE ' WS-SHARE
           DIVIDE -100 BY 3 GIVING WS-TRUNC
           DISPLAY 'TRUNC ' WS-TRUNC
           MULTIPLY WS-RATE BY -2.5 GIVING WS-SHARE ROUNDED
           DISPLAY 'PRODUCT ' WS-SHARE
           PERFORM 6 TIMES
               COMPUTE WS-ACC ROUNDED = WS-ACC * 1.5 - 0.33335
               MOVE WS-ACC TO WS-OUT4
               DISPLAY 'ACC ' WS-OUT4
           END-PERFORM
           COMPUTE WS-ACC = WS-ACC - 0.00005
           DISPLAY 'ACC RAW ' WS-ACC
           COMPUTE WS-ACC ROUNDED = WS-ACC / 3
           DISPLAY 'ACC THIRD ' WS-ACC
           SUBTRACT 1000 FROM WS-QUOT
               ON SIZE ERROR DISPLAY 'QUOT SIZE ERROR ' WS-QUOT
           END-SUBTRACT
           ADD 999 TO WS-QUOT
           DISPLAY 'QUOT AFTER ' WS-QUOT
           STOP RUN.
