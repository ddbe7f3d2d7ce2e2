       IDENTIFICATION DIVISION.
       PROGRAM-ID. LITSPELL.
      * Numeric literals against alphanumeric data keep their spelling:
      * MOVE and VALUE store the digits as written without the sign,
      * a comparison uses the sign and the digits without the point,
      * and DISPLAY and STRING show the literal as written.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-X             PIC X(5) VALUE '005'.
       01  WS-Y             PIC X(5) VALUE 007.
       01  WS-H.
           05  WS-H1        PIC X(6) VALUE -0012.
       01  WS-C             PIC X(3) VALUE '12'.
           88  C-TWELVE     VALUE 12.
           88  C-ZERO-12    VALUE 012.
           88  C-NEG        VALUE -12.
           88  C-DEC        VALUE 1.2.
       01  WS-N             PIC 9(3) VALUE 5.
       01  WS-E             PIC ZZ9-.
       01  WS-S             PIC X(12).
       PROCEDURE DIVISION.
       MAIN-PARA.
           DISPLAY '[' WS-Y '][' WS-H ']'
           IF WS-X = 005 DISPLAY 'X = 005' END-IF
           IF WS-X NOT = 5 DISPLAY 'X NOT = 5' END-IF
           IF 005 = WS-X DISPLAY '005 = X' END-IF
           IF WS-N = 005 DISPLAY 'N = 005' END-IF
           MOVE 0042 TO WS-X
           DISPLAY '[' WS-X ']'
           MOVE -12 TO WS-X
           DISPLAY '[' WS-X ']'
           MOVE +7 TO WS-X
           DISPLAY '[' WS-X ']'
           MOVE 123 TO WS-H
           DISPLAY '[' WS-H ']'
           PERFORM TEST-C
           MOVE '012' TO WS-C
           PERFORM TEST-C
           MOVE '-12' TO WS-C
           PERFORM TEST-C
           MOVE '12 ' TO WS-C
           PERFORM TEST-C
           MOVE '0' TO WS-X
           IF WS-X > -1 DISPLAY 'X > -1' END-IF
           MOVE '15' TO WS-X
           IF WS-X = 1.5 DISPLAY 'X = 1.5' END-IF
           MOVE '+1' TO WS-X
           IF WS-X = +1 DISPLAY 'X = +1' END-IF
           IF WS-X NOT = 1 DISPLAY 'X NOT = 1' END-IF
           MOVE 5 TO WS-E
           IF WS-E NOT = 5 DISPLAY 'E NOT = 5' END-IF
           DISPLAY 005 ' ' -12 ' ' +7 ' ' 1.50 ' ' -0.5 ' ' .5
           STRING 007 DELIMITED SIZE '/' -3 DELIMITED SIZE
               INTO WS-S
           DISPLAY '[' WS-S ']'
           STOP RUN.
       TEST-C.
           EVALUATE WS-C
               WHEN 012 DISPLAY 'C WHEN 012'
               WHEN 12 DISPLAY 'C WHEN 12'
               WHEN OTHER DISPLAY 'C WHEN OTHER'
           END-EVALUATE
           IF C-TWELVE DISPLAY '  C-TWELVE' END-IF
           IF C-ZERO-12 DISPLAY '  C-ZERO-12' END-IF
           IF C-NEG DISPLAY '  C-NEG' END-IF
           IF C-DEC DISPLAY '  C-DEC' END-IF.
