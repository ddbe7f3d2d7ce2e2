       IDENTIFICATION DIVISION.
       PROGRAM-ID. EVALALSO.
      * A fee decision table: EVALUATE with ALSO over a value subject,
      * a condition subject and TRUE, with THRU ranges, ANY, NOT and
      * several WHEN phrases sharing one action, inside a loop over
      * account rows held in a table.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-ROWS.
           05  FILLER PIC X(16) VALUE 'CHK0001500-00012'.
           05  FILLER PIC X(16) VALUE 'SAV0250000+00000'.
           05  FILLER PIC X(16) VALUE 'CHK0000000+00003'.
           05  FILLER PIC X(16) VALUE 'LNS0099999-00045'.
           05  FILLER PIC X(16) VALUE 'SAV0000100-00001'.
           05  FILLER PIC X(16) VALUE 'CHK0123456+00099'.
           05  FILLER PIC X(16) VALUE 'XXX0000001+00000'.
       01  WS-ROW-TAB REDEFINES WS-ROWS.
           05  WS-ROW OCCURS 7 TIMES.
               10  WS-TYPE      PIC XXX.
                   88  IS-CHECKING  VALUE 'CHK'.
                   88  IS-SAVINGS   VALUE 'SAV'.
                   88  IS-KNOWN     VALUE 'CHK' 'SAV' 'LNS'.
               10  WS-BAL       PIC 9(5)V99.
               10  WS-DAYS      PIC S9(5) SIGN LEADING SEPARATE.
       01  WS-I             PIC 9(2).
       01  WS-FEE           PIC S9(3)V99 COMP-3.
       01  WS-FEE-OUT       PIC ZZ9.99-.
       01  WS-CODE          PIC X(4).
       01  WS-COUNTS.
           05  WS-COUNT     PIC 9(2) OCCURS 4 TIMES.
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE ZEROS TO WS-COUNTS
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 7
               PERFORM DECIDE
               MOVE WS-FEE TO WS-FEE-OUT
               DISPLAY WS-I ' ' WS-TYPE (WS-I) ' ' WS-CODE ' '
                   WS-FEE-OUT
           END-PERFORM
           DISPLAY 'COUNTS ' WS-COUNTS
           STOP RUN.
       DECIDE.
           EVALUATE WS-TYPE (WS-I) ALSO IS-KNOWN (WS-I)
                    ALSO TRUE
               WHEN 'CHK' ALSO TRUE ALSO WS-DAYS (WS-I) < 0
                   MOVE 'OVD1' TO WS-CODE
                   COMPUTE WS-FEE = WS-DAYS (WS-I) * 0.25
                   ADD 1 TO WS-COUNT (1)
               WHEN 'SAV' ALSO ANY ALSO WS-BAL (WS-I) < 10.00
               WHEN 'CHK' ALSO ANY ALSO WS-BAL (WS-I) = ZERO
                   MOVE 'LOW ' TO WS-CODE
                   MOVE 2.5 TO WS-FEE
                   ADD 1 TO WS-COUNT (2)
               WHEN 'LNS' ALSO TRUE ALSO WS-DAYS (WS-I) < -30
               WHEN NOT 'CHK' ALSO TRUE ALSO WS-DAYS (WS-I) < -40
                   MOVE 'LATE' TO WS-CODE
                   MOVE -15 TO WS-FEE
                   ADD 1 TO WS-COUNT (3)
               WHEN 'AAA' THRU 'CHK' ALSO TRUE ALSO ANY
               WHEN 'SAV' ALSO TRUE ALSO ANY
                   MOVE 'OK  ' TO WS-CODE
                   MOVE ZERO TO WS-FEE
               WHEN OTHER
                   MOVE '????' TO WS-CODE
                   MOVE 999.99 TO WS-FEE
                   ADD 1 TO WS-COUNT (4)
           END-EVALUATE
           EVALUATE TRUE ALSO WS-BAL (WS-I)
               WHEN IS-SAVINGS (WS-I) ALSO 100000 THRU 9999999
                   DISPLAY '  BIG SAVINGS ' WS-BAL (WS-I)
               WHEN IS-CHECKING (WS-I) ALSO NOT 0 THRU 1000
                   DISPLAY '  BIG CHECKING'
           END-EVALUATE.
