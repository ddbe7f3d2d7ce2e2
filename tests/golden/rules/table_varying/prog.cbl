       IDENTIFICATION DIVISION.
       PROGRAM-ID. TABVARY.
      * A two-dimensional sales table filled and totalled with nested
      * PERFORM VARYING ... AFTER and inline PERFORM VARYING, signed
      * packed amounts, subscripts computed from other subscripts, and
      * an edited report line per region.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-SALES.
           05  WS-REGION OCCURS 3 TIMES.
               10  WS-REGION-NAME   PIC X(6).
               10  WS-MONTH OCCURS 4 TIMES.
                   15  WS-AMT       PIC S9(5)V99 COMP-3.
                   15  WS-UNITS     PIC 9(3).
       01  WS-NAMES         PIC X(18) VALUE 'NORTH SOUTH WEST  '.
       01  WS-NAME-TAB REDEFINES WS-NAMES.
           05  WS-NAME      PIC X(6) OCCURS 3 TIMES.
       01  WS-R             PIC 9(2) COMP.
       01  WS-M             PIC 9(2) COMP.
       01  WS-K             PIC S9(3) VALUE 0.
       01  WS-ROW-TOTAL     PIC S9(7)V99 COMP-3.
       01  WS-COL-TOTAL     PIC S9(7)V99 COMP-3 OCCURS 4 TIMES.
       01  WS-GRAND         PIC S9(7)V99 COMP-3 VALUE 0.
       01  WS-AVG           PIC S9(5)V99 COMP-3.
       01  WS-LINE.
           05  WS-L-NAME    PIC X(6).
           05  FILLER       PIC X VALUE SPACE.
           05  WS-L-MONTH   PIC -ZZ,ZZ9.99 OCCURS 4 TIMES.
           05  FILLER       PIC X(3) VALUE ' = '.
           05  WS-L-TOTAL   PIC --,---,--9.99.
       01  WS-BEST.
           05  WS-BEST-R    PIC 9 VALUE 0.
           05  WS-BEST-M    PIC 9 VALUE 0.
           05  WS-BEST-AMT  PIC S9(5)V99 COMP-3 VALUE -99999.99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM FILL-CELL VARYING WS-R FROM 1 BY 1 UNTIL WS-R > 3
               AFTER WS-M FROM 1 BY 1 UNTIL WS-M > 4
           PERFORM VARYING WS-M FROM 1 BY 1 UNTIL WS-M > 4
               MOVE ZERO TO WS-COL-TOTAL (WS-M)
           END-PERFORM
           PERFORM VARYING WS-R FROM 1 BY 1 UNTIL WS-R > 3
               MOVE WS-NAME (WS-R) TO WS-REGION-NAME (WS-R)
               MOVE 0 TO WS-ROW-TOTAL
               PERFORM VARYING WS-M FROM 1 BY 1 UNTIL WS-M > 4
                   ADD WS-AMT (WS-R, WS-M) TO WS-ROW-TOTAL
                       WS-COL-TOTAL (WS-M)
                   MOVE WS-AMT (WS-R WS-M) TO WS-L-MONTH (WS-M)
                   IF WS-AMT (WS-R, WS-M) > WS-BEST-AMT
                       MOVE WS-R TO WS-BEST-R
                       MOVE WS-M TO WS-BEST-M
                       MOVE WS-AMT (WS-R, WS-M) TO WS-BEST-AMT
                   END-IF
               END-PERFORM
               ADD WS-ROW-TOTAL TO WS-GRAND
               MOVE WS-REGION-NAME (WS-R) TO WS-L-NAME
               MOVE WS-ROW-TOTAL TO WS-L-TOTAL
               DISPLAY WS-LINE
           END-PERFORM
           MOVE 'TOTAL' TO WS-L-NAME
           PERFORM VARYING WS-M FROM 4 BY -1 UNTIL WS-M < 1
               MOVE WS-COL-TOTAL (WS-M) TO WS-L-MONTH (WS-M)
           END-PERFORM
           MOVE WS-GRAND TO WS-L-TOTAL
           DISPLAY WS-LINE
           COMPUTE WS-AVG ROUNDED = WS-GRAND / 12
           DISPLAY 'AVERAGE ' WS-AVG ' BEST ' WS-BEST-R '/' WS-BEST-M
               ' ' WS-BEST-AMT
           PERFORM VARYING WS-R FROM 1 BY 1 UNTIL WS-R > 3
               PERFORM VARYING WS-M FROM WS-R BY 2 UNTIL WS-M > 4
                   DISPLAY 'CELL ' WS-R ',' WS-M ' UNITS '
                       WS-UNITS (WS-R, WS-M) ' NEXT '
                       WS-UNITS (WS-R, 5 - WS-M)
               END-PERFORM
           END-PERFORM
           DISPLAY 'AFTER LOOPS R=' WS-R ' M=' WS-M
           STOP RUN.
       FILL-CELL.
           ADD 1 TO WS-K
           COMPUTE WS-AMT (WS-R, WS-M) =
               (WS-R * 1000 - WS-M * 437.25) * (-1) ** WS-K
           COMPUTE WS-UNITS (WS-R, WS-M) = WS-K * 7 + WS-R.
