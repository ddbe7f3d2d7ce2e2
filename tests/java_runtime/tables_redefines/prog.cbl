       IDENTIFICATION DIVISION.
       PROGRAM-ID. TABLES.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-TABLE.
          05 WS-REGION OCCURS 2.
             10 WS-REG-NAME PIC X(3).
             10 WS-STORE OCCURS 3.
                15 WS-STORE-ID PIC 9(2).
                15 WS-DAY-AMT PIC S9(3)V9 COMP-3 OCCURS 2.
       01 WS-DATE PIC 9(8) VALUE 20200115.
       01 WS-DATE-R REDEFINES WS-DATE.
          05 WS-YEAR PIC 9(4).
          05 WS-MONTH PIC 99.
          05 WS-DAY PIC 99.
       01 WS-PACKED PIC S9(5) COMP-3 VALUE -12345.
       01 WS-PACKED-X REDEFINES WS-PACKED PIC X(3).
       01 I PIC 9.
       01 J PIC 9.
       01 K PIC 9.
       01 WS-SUM PIC S9(5)V9 VALUE 0.
       01 WS-COPY.
          05 WS-COPY-NAME PIC X(3).
          05 WS-COPY-STORE OCCURS 3.
             10 FILLER PIC X(6).
       PROCEDURE DIVISION.
           INITIALIZE WS-TABLE
           DISPLAY '[' WS-TABLE ']'
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 2
               MOVE 'R' TO WS-REG-NAME(I)
               MOVE I TO WS-REG-NAME(I)(2:1)
               PERFORM VARYING J FROM 1 BY 1 UNTIL J > 3
                   COMPUTE WS-STORE-ID(I, J) = I * 10 + J
                   PERFORM VARYING K FROM 1 BY 1 UNTIL K > 2
                       COMPUTE WS-DAY-AMT(I, J, K) = I + J / 2 - K
                   END-PERFORM
               END-PERFORM
           END-PERFORM
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 2
               PERFORM VARYING J FROM 1 BY 1 UNTIL J > 3
                   DISPLAY WS-REG-NAME(I) ' ' WS-STORE-ID(I, J) ' '
                       WS-DAY-AMT(I, J, 1) ' ' WS-DAY-AMT(I, J, 2)
                   ADD WS-DAY-AMT(I, J, 1) WS-DAY-AMT(I, J, 2) TO WS-SUM
               END-PERFORM
           END-PERFORM
           DISPLAY 'SUM ' WS-SUM
           MOVE WS-REGION(2) TO WS-COPY
           DISPLAY 'COPY ' WS-COPY-NAME ' ' WS-COPY-STORE(3)(1:2)
           MOVE WS-STORE(1, 2) TO WS-STORE(2, 3)
           DISPLAY 'MOVED ' WS-STORE-ID(2, 3) ' ' WS-DAY-AMT(2, 3, 2)
           DISPLAY WS-YEAR '/' WS-MONTH '/' WS-DAY
           MOVE 12 TO WS-MONTH
           DISPLAY WS-DATE
           DISPLAY FUNCTION LENGTH(WS-TABLE) ' '
               FUNCTION LENGTH(WS-REGION(1))
           IF WS-PACKED-X = X'12345D'
               DISPLAY 'PACKED BYTES MATCH'
           END-IF
           MOVE LOW-VALUES TO WS-PACKED-X
           DISPLAY WS-PACKED
           STOP RUN.
