       IDENTIFICATION DIVISION.
       PROGRAM-ID. RETCODE.
      * RETURN-CODE arithmetic and STOP RUN ending the job step.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-X             PIC 9 VALUE 3.
       PROCEDURE DIVISION.
           MOVE 2 TO RETURN-CODE
           ADD WS-X TO RETURN-CODE
           DISPLAY 'RC=' RETURN-CODE
           IF RETURN-CODE > 4
               COMPUTE RETURN-CODE = RETURN-CODE * 2 + 1
           END-IF
           PERFORM FINISH.
       FINISH.
           DISPLAY 'STOPPING WITH ' RETURN-CODE
           STOP RUN
           DISPLAY 'NOT REACHED'.
