       IDENTIFICATION DIVISION.
       PROGRAM-ID. CONDS.
      * IF, relation words, abbreviations, 88 levels, class and sign tests.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-A             PIC 9(3) VALUE 5.
       01  WS-B             PIC 9(3) VALUE 10.
       01  WS-S             PIC S9(3) VALUE -4.
       01  WS-NAME          PIC X(6) VALUE 'ABC'.
       01  WS-MIXED         PIC X(4) VALUE '12A4'.
       01  WS-DIGITS        PIC X(4) VALUE '1234'.
       01  WS-STATUS        PIC X VALUE 'A'.
           88  ST-ACTIVE    VALUE 'A'.
           88  ST-CLOSED    VALUE 'C' 'X'.
           88  ST-LETTER    VALUE 'A' THRU 'M'.
       01  WS-CODE          PIC 99 VALUE 15.
           88  CODE-LOW     VALUE 1 THRU 9.
           88  CODE-MID     VALUE 10 THRU 19, 30.
       01  WS-TAB.
           05  WS-FLAG      PIC X OCCURS 3 TIMES.
               88  FLAG-ON  VALUE 'Y'.
       PROCEDURE DIVISION.
       MAIN-PARA.
           IF WS-A < WS-B
               DISPLAY 'LESS'
           ELSE
               DISPLAY 'NOT LESS'
           END-IF
           IF WS-A IS GREATER THAN 4
              AND WS-B IS LESS THAN OR EQUAL TO 10
               DISPLAY 'WORDS OK'
           END-IF
           IF WS-A NOT = 5 OR WS-B NOT LESS THAN 11
               DISPLAY 'WRONG'
           ELSE
               DISPLAY 'NOT OK'
           END-IF
           IF WS-A = 1 OR 3 OR 5
               DISPLAY 'ABBREV OR'
           END-IF
           IF WS-B > 5 AND < 20
               DISPLAY 'ABBREV AND'
           END-IF
           IF WS-A IS EQUAL TO 5 AND NOT WS-B = 3
               DISPLAY 'NOT EQUAL'
           END-IF
           IF (WS-A = 5 OR WS-B = 5) AND (WS-S < 0)
               DISPLAY 'PARENS'
           END-IF
           IF WS-A + WS-B > 14
               DISPLAY 'EXPR COMPARE'
           END-IF
           IF WS-NAME = 'ABC'
               DISPLAY 'PADDED EQUAL'
           END-IF
           IF WS-NAME > 'ABB' AND WS-NAME < 'B'
               DISPLAY 'ALPHA ORDER'
           END-IF
           IF WS-NAME NOT = SPACES
               DISPLAY 'NOT SPACES'
           END-IF
           IF WS-DIGITS IS NUMERIC
               DISPLAY 'DIGITS NUMERIC'
           END-IF
           IF WS-MIXED IS NOT NUMERIC
               DISPLAY 'MIXED NOT NUMERIC'
           END-IF
           IF WS-NAME IS ALPHABETIC
               DISPLAY 'NAME ALPHABETIC'
           END-IF
           IF WS-MIXED ALPHABETIC
               DISPLAY 'WRONG'
           ELSE
               DISPLAY 'MIXED NOT ALPHABETIC'
           END-IF
           IF WS-S IS NEGATIVE AND WS-A IS POSITIVE
               DISPLAY 'SIGNS'
           END-IF
           IF WS-S IS NOT ZERO
               DISPLAY 'NOT ZERO'
           END-IF
           IF ST-ACTIVE AND ST-LETTER AND NOT ST-CLOSED
               DISPLAY 'STATUS A'
           END-IF
           SET ST-CLOSED TO TRUE
           DISPLAY 'STATUS=' WS-STATUS
           IF ST-CLOSED
               IF ST-LETTER
                   DISPLAY 'CLOSED AND LETTER'
               ELSE
                   DISPLAY 'CLOSED NOT LETTER'
               END-IF
           END-IF
           IF CODE-MID DISPLAY 'CODE MID' END-IF
           MOVE 30 TO WS-CODE
           IF CODE-MID AND NOT CODE-LOW DISPLAY 'CODE 30' END-IF
           SET FLAG-ON(2) TO TRUE
           IF FLAG-ON(2) AND NOT FLAG-ON(1)
               DISPLAY 'FLAGS=[' WS-TAB ']'
           END-IF
           IF WS-A = 5
               IF WS-B = 10
                   DISPLAY 'NESTED 1'
               ELSE
                   DISPLAY 'WRONG'
               END-IF
               DISPLAY 'NESTED 2'
           ELSE
               DISPLAY 'WRONG'
           END-IF
           IF WS-A = 6
               DISPLAY 'WRONG'.
           IF WS-A = 5 DISPLAY 'PERIOD SCOPE'.
           IF WS-A = 5 AND WS-B = 10 AND WS-S = -4
               DISPLAY 'THREE'
           END-IF
           IF WS-A >= 5 AND WS-A <= 5 AND WS-A <> 6
               DISPLAY 'SYMBOLS'
           END-IF
           IF ZERO < WS-A
               DISPLAY 'FIGURATIVE LEFT'
           END-IF
           STOP RUN.
