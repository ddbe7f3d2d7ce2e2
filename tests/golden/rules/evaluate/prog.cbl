       IDENTIFICATION DIVISION.
       PROGRAM-ID. EVALS.
      * EVALUATE TRUE, EVALUATE identifier, THRU, shared WHENs, ALSO.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-N             PIC 99.
       01  WS-C             PIC X.
           88  C-VOWEL      VALUE 'A' 'E' 'I' 'O' 'U'.
       01  WS-M             PIC 9.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM VARYING WS-N FROM 0 BY 3 UNTIL WS-N > 20
               EVALUATE WS-N
                   WHEN 0
                       DISPLAY WS-N ' ZERO'
                   WHEN 1 THRU 5
                       DISPLAY WS-N ' SMALL'
                   WHEN 6
                   WHEN 9
                       DISPLAY WS-N ' SIX OR NINE'
                   WHEN 10 THRU 15
                   WHEN 18
                       CONTINUE
                   WHEN OTHER
                       DISPLAY WS-N ' OTHER'
               END-EVALUATE
           END-PERFORM
           MOVE 'E' TO WS-C
           EVALUATE TRUE
               WHEN C-VOWEL
                   DISPLAY 'VOWEL'
               WHEN OTHER
                   DISPLAY 'CONSONANT'
           END-EVALUATE
           MOVE 'Z' TO WS-C
           EVALUATE TRUE
               WHEN WS-C = 'A'
                   DISPLAY 'A'
               WHEN WS-C > 'M' AND WS-C NOT = 'Q'
                   DISPLAY 'LATE LETTER'
           END-EVALUATE
           MOVE 2 TO WS-M
           EVALUATE WS-C ALSO WS-M
               WHEN 'Z' ALSO 1
                   DISPLAY 'Z1'
               WHEN 'Z' ALSO 2 THRU 3
                   DISPLAY 'Z2-3'
               WHEN ANY ALSO 2
                   DISPLAY 'WRONG'
           END-EVALUATE
           EVALUATE WS-C
               WHEN 'A' THRU 'M' DISPLAY 'FIRST HALF'
               WHEN NOT 'Z' DISPLAY 'WRONG'
               WHEN OTHER DISPLAY 'ZED'
           END-EVALUATE
           EVALUATE WS-M + 1
               WHEN 3 DISPLAY 'EXPR 3'
           END-EVALUATE
           EVALUATE FALSE
               WHEN WS-M = 2 DISPLAY 'WRONG'
               WHEN WS-M = 5 DISPLAY 'FALSE MATCH'
           END-EVALUATE
           STOP RUN.
