       IDENTIFICATION DIVISION.
       PROGRAM-ID. SUMSALES.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT SALES ASSIGN TO SALESIN ORGANIZATION LINE SEQUENTIAL
               FILE STATUS IS WS-FS.
       DATA DIVISION.
       FILE SECTION.
       FD  SALES.
       01  SALE-REC.
           05  SALE-ID     PIC X(4).
           05  SALE-AMT    PIC 9(5)V99.
       WORKING-STORAGE SECTION.
       01  WS-FS           PIC XX.
       01  WS-TOTALS.
           05  WS-SUM      PIC S9(7)V99 COMP-3 VALUE 0.
           05  WS-AVG      PIC 9(5)V99.
           05  WS-MONTH    PIC 9(3) OCCURS 12.
       01  WS-EOF          PIC X VALUE 'N'.
           88  AT-EOF      VALUE 'Y'.
       PROCEDURE DIVISION.
           OPEN INPUT SALES
           PERFORM UNTIL AT-EOF
               READ SALES AT END SET AT-EOF TO TRUE
                   NOT AT END ADD SALE-AMT TO WS-SUM
               END-READ
           END-PERFORM
           CLOSE SALES
           MOVE 7 TO WS-MONTH(3)
           COMPUTE WS-AVG ROUNDED = WS-SUM / 3
               ON SIZE ERROR DISPLAY 'OVERFLOW'
           END-COMPUTE
           DISPLAY 'TOTAL ' WS-SUM ' AVG ' WS-AVG
           STOP RUN.
