       IDENTIFICATION DIVISION.
       PROGRAM-ID. RCSUB.
      * Adds 4 to its own RETURN-CODE for 'S', sets 6 and leaves with
      * EXIT PROGRAM for 'E', and leaves RETURN-CODE alone otherwise.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-CALLS         PIC 9(3) VALUE 0.
       LINKAGE SECTION.
       01  LK-OP            PIC X.
       PROCEDURE DIVISION USING LK-OP.
           ADD 1 TO WS-CALLS
           DISPLAY '  RCSUB CALL ' WS-CALLS ' ENTRY RC=' RETURN-CODE
               ' OP=' LK-OP
           EVALUATE LK-OP
               WHEN 'S'
                   ADD 4 TO RETURN-CODE
               WHEN 'E'
                   MOVE 6 TO RETURN-CODE
                   EXIT PROGRAM
           END-EVALUATE
           GOBACK.
