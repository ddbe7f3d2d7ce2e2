       IDENTIFICATION DIVISION.
       PROGRAM-ID. R2.
       PROCEDURE DIVISION.
           DISPLAY 'R2'
           CALL 'R1'
           GOBACK.
