       IDENTIFICATION DIVISION.
       PROGRAM-ID. PERFORMS.
      * PERFORM forms, sections, fall-through and GOBACK from depth.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-I             PIC 99 VALUE 0.
       01  WS-J             PIC 99 VALUE 0.
       01  WS-N             PIC 9 VALUE 3.
       01  WS-COUNT         PIC 999 VALUE 0.
       01  WS-GRID.
           05  WS-ROW OCCURS 3 TIMES.
               10  WS-CELL  PIC 9 OCCURS 2 TIMES.
       PROCEDURE DIVISION.
       MAIN-LOGIC SECTION.
       MAIN-START.
           DISPLAY 'START'
           PERFORM SAY-HELLO
           PERFORM SAY-HELLO 2 TIMES
           PERFORM SAY-HELLO WS-N TIMES
           PERFORM STEP-A THRU STEP-C
           PERFORM COUNT-UP UNTIL WS-COUNT >= 5
           DISPLAY 'COUNT=' WS-COUNT
           PERFORM COUNT-UP WITH TEST AFTER UNTIL WS-COUNT > 0
           DISPLAY 'COUNT=' WS-COUNT
           PERFORM SHOW-I VARYING WS-I FROM 1 BY 2 UNTIL WS-I > 7
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 3
                   AFTER WS-J FROM 1 BY 1 UNTIL WS-J > 2
               COMPUTE WS-CELL(WS-I, WS-J) = WS-I * WS-J
           END-PERFORM
           DISPLAY 'GRID=' WS-GRID
           PERFORM 2 TIMES
               DISPLAY 'INLINE TIMES'
           END-PERFORM
           MOVE 0 TO WS-I
           PERFORM UNTIL WS-I = 4
               ADD 1 TO WS-I
               IF WS-I = 2
                   EXIT PERFORM CYCLE
               END-IF
               DISPLAY 'CYCLE ' WS-I
           END-PERFORM
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 9
               IF WS-I = 3
                   EXIT PERFORM
               END-IF
               DISPLAY 'BREAK ' WS-I
           END-PERFORM
           PERFORM HELPER-SECTION
           PERFORM DEEP-PARA
           DISPLAY 'NOT REACHED'.
       SAY-HELLO.
           DISPLAY 'HELLO'.
       STEP-A.
           DISPLAY 'STEP A'.
       STEP-B.
           DISPLAY 'STEP B'
           EXIT.
       STEP-C.
           DISPLAY 'STEP C'.
       COUNT-UP.
           ADD 1 TO WS-COUNT.
       SHOW-I.
           DISPLAY 'I=' WS-I.
       DEEP-PARA.
           DISPLAY 'DEEP'
           PERFORM DEEPER-PARA
           DISPLAY 'NOT REACHED EITHER'.
       DEEPER-PARA.
           IF WS-N = 3
               DISPLAY 'GOBACK FROM DEPTH'
               GOBACK
           END-IF
           DISPLAY 'WRONG'.
       HELPER-SECTION SECTION.
           DISPLAY 'SECTION HEAD'.
       HELPER-ONE.
           DISPLAY 'HELPER ONE'.
       HELPER-TWO.
           DISPLAY 'HELPER TWO'.
