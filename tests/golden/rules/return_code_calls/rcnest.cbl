       IDENTIFICATION DIVISION.
       PROGRAM-ID. RCNEST.
      * Never sets RETURN-CODE itself: it returns what RCSUB left.
       PROCEDURE DIVISION.
           DISPLAY '  RCNEST ENTRY RC=' RETURN-CODE
           CALL 'RCSUB' USING 'N'
           DISPLAY '  RCNEST AFTER RCSUB RC=' RETURN-CODE
           GOBACK.
