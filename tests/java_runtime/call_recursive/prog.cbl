       IDENTIFICATION DIVISION.
       PROGRAM-ID. R1.
       PROCEDURE DIVISION.
           DISPLAY 'R1'
           CALL 'R2'
           DISPLAY 'BACK'
           STOP RUN.
