       IDENTIFICATION DIVISION.
       PROGRAM-ID. RCMAIN.
      * RETURN-CODE is kept per program: a callee starts with the value
      * it last returned, and the caller sees the callee's value. The
      * main program ends with GOBACK and never sets RETURN-CODE last.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-OP            PIC X.
       01  WS-NAME          PIC X(8) VALUE 'RCSUB'.
       01  WS-SAVED         PIC S9(4) COMP-3 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           DISPLAY 'MAIN START RC=' RETURN-CODE
           MOVE 7 TO RETURN-CODE
           MOVE 'N' TO WS-OP
           CALL 'RCSUB' USING WS-OP
           DISPLAY 'AFTER CALL 1 RC=' RETURN-CODE
           MOVE 'S' TO WS-OP
           CALL 'RCSUB' USING WS-OP
           DISPLAY 'AFTER CALL 2 RC=' RETURN-CODE
           MOVE RETURN-CODE TO WS-SAVED
           MOVE 9 TO RETURN-CODE
           MOVE 'N' TO WS-OP
           CALL WS-NAME USING WS-OP
           DISPLAY 'AFTER CALL 3 RC=' RETURN-CODE
           MOVE 'E' TO WS-OP
           CALL 'RCSUB' USING WS-OP
           DISPLAY 'AFTER CALL 4 RC=' RETURN-CODE
           CALL 'RCNEST'
           DISPLAY 'AFTER RCNEST RC=' RETURN-CODE ' SAVED=' WS-SAVED
           IF RETURN-CODE > 5
               DISPLAY 'CALLEE REPORTED A WARNING'
           END-IF
           MOVE 'S' TO WS-OP
           CALL 'RCSUB' USING WS-OP
           GOBACK.
