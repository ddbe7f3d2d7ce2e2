       IDENTIFICATION DIVISION.
       PROGRAM-ID. MOVEDISP.
      * MOVE between categories, group moves, tables, REDEFINES, VALUE.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-NAME          PIC X(10) VALUE 'ALICE'.
       01  WS-SHORT         PIC X(3).
       01  WS-RIGHT         PIC X(6) JUSTIFIED RIGHT.
       01  WS-NUM           PIC 9(5) VALUE 42.
       01  WS-SNUM          PIC S9(4)V99 VALUE -12.34.
       01  WS-DEC           PIC 9(3)V9(2).
       01  WS-SMALL         PIC 99.
       01  WS-COMP          PIC S9(7) COMP VALUE -1234567.
       01  WS-PACK          PIC S9(5)V99 COMP-3 VALUE 987.65.
       01  WS-ALPHA-NUM     PIC X(5) VALUE '00123'.
       01  WS-REC.
           05  WS-REC-ID    PIC X(4) VALUE 'R001'.
           05  FILLER       PIC X VALUE '-'.
           05  WS-REC-AMT   PIC 9(3)V99 VALUE 1.5.
           05  WS-REC-FLAG  PIC X VALUE 'Y'.
       01  WS-COPY          PIC X(20).
       01  WS-GRP-VALUE     VALUE 'ABCDEFGH'.
           05  WS-GV-1      PIC X(4).
           05  WS-GV-2      PIC X(4).
       01  WS-DATE          PIC 9(8) VALUE 20200115.
       01  WS-DATE-R REDEFINES WS-DATE.
           05  WS-YYYY      PIC 9(4).
           05  WS-MM        PIC 99.
           05  WS-DD        PIC 99.
       01  WS-TABLE.
           05  WS-ROW OCCURS 3 TIMES.
               10  WS-CODE  PIC X(2).
               10  WS-QTY   PIC 9(3).
               10  WS-CELL  PIC X OCCURS 2 TIMES.
       01  WS-I             PIC 9 VALUE 2.
       01  WS-J             PIC 9 VALUE 1.
       01  WS-UNSET-NUM     PIC 9(3).
       01  WS-UNSET-GRP.
           05  WS-UG-X      PIC X(2).
           05  WS-UG-N      PIC S9(3) COMP-3.
       01  WS-HIGH          PIC X(2) VALUE HIGH-VALUES.
       01  WS-QUOTED        PIC X(8) VALUE 'IT''S OK'.
       01  WS-ALL           PIC X(6) VALUE ALL '*-'.
       77  WS-LEAD          PIC S9(3) SIGN LEADING SEPARATE VALUE -5.
       77  WS-TRAIL         PIC S9(3) SIGN TRAILING SEPARATE VALUE 7.
       77  WS-OVER          PIC S9(3) VALUE -123.
       PROCEDURE DIVISION.
       MAIN-PARA.
           DISPLAY 'NAME=[' WS-NAME ']'
           MOVE WS-NAME TO WS-SHORT
           DISPLAY 'SHORT=[' WS-SHORT ']'
           MOVE 'AB' TO WS-RIGHT
           DISPLAY 'RIGHT=[' WS-RIGHT ']'
           DISPLAY 'NUM=' WS-NUM ' SNUM=' WS-SNUM ' COMP=' WS-COMP
           DISPLAY 'PACK=' WS-PACK
           MOVE WS-SNUM TO WS-DEC
           DISPLAY 'DEC=' WS-DEC
           MOVE 123456 TO WS-SMALL
           DISPLAY 'SMALL=' WS-SMALL
           MOVE WS-ALPHA-NUM TO WS-NUM
           DISPLAY 'FROM ALPHA=' WS-NUM
           MOVE WS-NUM TO WS-NAME
           DISPLAY 'TO ALPHA=[' WS-NAME ']'
           MOVE -7.5 TO WS-SNUM
           DISPLAY 'NEG=' WS-SNUM
           MOVE WS-REC TO WS-COPY
           DISPLAY 'GROUP=[' WS-COPY ']'
           MOVE 'XYZ' TO WS-REC
           DISPLAY 'REC=[' WS-REC ']'
           DISPLAY 'GV=' WS-GV-1 '/' WS-GV-2
           DISPLAY 'DATE ' WS-YYYY ' ' WS-MM ' ' WS-DD
           MOVE 12 TO WS-MM
           DISPLAY 'DATE NOW ' WS-DATE
           MOVE 'AA' TO WS-CODE(1)
           MOVE 'BB' TO WS-CODE(WS-I)
           MOVE 5 TO WS-QTY(WS-I)
           MOVE 'Q' TO WS-CELL(WS-I, WS-J)
           MOVE 'R' TO WS-CELL(3 2)
           DISPLAY 'TABLE=[' WS-TABLE ']'
           DISPLAY 'ROW2=' WS-ROW(2) ' QTY=' WS-QTY(2)
           DISPLAY 'UNSET=' WS-UNSET-NUM ' [' WS-UNSET-GRP ']'
           MOVE SPACES TO WS-NAME
           MOVE ZEROS TO WS-COMP WS-PACK
           DISPLAY '[' WS-NAME '] ' WS-COMP ' ' WS-PACK
           MOVE ALL 'Z' TO WS-SHORT
           DISPLAY 'ALL=' WS-SHORT
           MOVE WS-NAME(1:2) TO WS-SHORT
           MOVE 'HELLO' TO WS-NAME
           DISPLAY 'REFMOD=' WS-NAME(2:3) ' ' WS-NAME(4:)
           DISPLAY WS-QUOTED ' ' WS-ALL
           IF WS-HIGH = HIGH-VALUES
               DISPLAY 'HIGH OK'
           END-IF
           MOVE QUOTE TO WS-SHORT
           DISPLAY WS-SHORT
           DISPLAY 1234 ' ' -5 ' ' 3.50
           DISPLAY WS-LEAD ' ' WS-TRAIL ' ' WS-OVER
           MOVE WS-OVER TO WS-COPY
           DISPLAY 'ZONED BYTES=[' WS-COPY ']'
           MOVE WS-LEAD TO WS-TRAIL
           DISPLAY 'SEPARATE=' WS-TRAIL
           STOP RUN.
