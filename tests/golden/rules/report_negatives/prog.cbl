       IDENTIFICATION DIVISION.
       PROGRAM-ID. RPTNEG.
      * A ledger report with negative values in edited pictures (CR,
      * DB, trailing and floating signs, check protection, BLANK WHEN
      * ZERO), a heading, detail and total record of different lengths
      * in one FD, and page breaks with WRITE ... AFTER ADVANCING.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT RPT-FILE ASSIGN TO LEDGER
               ORGANIZATION IS LINE SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  RPT-FILE.
       01  RPT-HEAD.
           05  FILLER       PIC X(6).
           05  RPT-PAGE     PIC Z9.
       01  RPT-DETAIL.
           05  RPT-ACCT     PIC X(5).
           05  FILLER       PIC X.
           05  RPT-CR       PIC Z,ZZ9.99CR.
           05  FILLER       PIC X.
           05  RPT-DB       PIC ZZZ9.99DB.
           05  FILLER       PIC X.
           05  RPT-TRAIL    PIC ZZZ,ZZ9-.
           05  FILLER       PIC X.
           05  RPT-FLOAT    PIC ----,--9.99.
           05  FILLER       PIC X.
           05  RPT-PLUS     PIC +++9.9.
           05  FILLER       PIC X.
           05  RPT-CHECK    PIC $***,**9.99.
           05  FILLER       PIC X.
           05  RPT-BLANK    PIC ZZ9.99 BLANK WHEN ZERO.
       01  RPT-TOTAL.
           05  FILLER       PIC X(10).
           05  RPT-SUM      PIC $$$,$$9.99-.
       WORKING-STORAGE SECTION.
       01  WS-VALUES.
           05  FILLER PIC S9(5)V99 VALUE -1234.56.
           05  FILLER PIC S9(5)V99 VALUE 0.
           05  FILLER PIC S9(5)V99 VALUE 98.7.
           05  FILLER PIC S9(5)V99 VALUE -0.05.
           05  FILLER PIC S9(5)V99 VALUE 5000.
           05  FILLER PIC S9(5)V99 VALUE -99999.99.
       01  WS-VALUE-TAB REDEFINES WS-VALUES.
           05  WS-VALUE     PIC S9(5)V99 OCCURS 6 TIMES.
       01  WS-I             PIC 99.
       01  WS-PAGE          PIC 99 VALUE 0.
       01  WS-SUM           PIC S9(7)V99 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           OPEN OUTPUT RPT-FILE
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 6
               IF WS-I = 1 OR WS-I = 4
                   PERFORM NEW-PAGE
               END-IF
               PERFORM DETAIL-LINE
           END-PERFORM
           MOVE SPACES TO RPT-TOTAL
           MOVE 'TOTAL' TO RPT-TOTAL (1:5)
           MOVE WS-SUM TO RPT-SUM
           WRITE RPT-TOTAL AFTER ADVANCING 2 LINES
           DISPLAY RPT-TOTAL
      * A WRITE without ADVANCING continues the line of the last one.
           WRITE RPT-HEAD FROM ' *END*'
           CLOSE RPT-FILE
           STOP RUN.
       NEW-PAGE.
           ADD 1 TO WS-PAGE
           MOVE 'PAGE  ' TO RPT-HEAD
           MOVE WS-PAGE TO RPT-PAGE
           IF WS-PAGE = 1
               WRITE RPT-HEAD
           ELSE
               WRITE RPT-HEAD AFTER ADVANCING PAGE
           END-IF.
       DETAIL-LINE.
           MOVE SPACES TO RPT-DETAIL
           MOVE 'AC' TO RPT-ACCT
           MOVE WS-I TO RPT-ACCT (3:2)
           MOVE WS-VALUE (WS-I) TO RPT-CR RPT-DB RPT-TRAIL RPT-FLOAT
               RPT-CHECK RPT-BLANK
           COMPUTE RPT-PLUS = WS-VALUE (WS-I) / 100
           ADD WS-VALUE (WS-I) TO WS-SUM
           WRITE RPT-DETAIL
           DISPLAY RPT-DETAIL.
