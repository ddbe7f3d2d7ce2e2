       IDENTIFICATION DIVISION.
       PROGRAM-ID. RCSTOP.
      * STOP RUN in a subprogram ends the run unit with the callee's
      * RETURN-CODE; the caller's own value is not the exit code.
       PROCEDURE DIVISION.
           MOVE 5 TO RETURN-CODE
           CALL 'RCHALT'
           DISPLAY 'NOT REACHED'
           GOBACK.
