       IDENTIFICATION DIVISION.
       PROGRAM-ID. GOBACKM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 I PIC 9 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM STEP-PARA 3 TIMES
           DISPLAY 'NOT REACHED'.
       STEP-PARA.
           ADD 1 TO I
           DISPLAY 'STEP ' I
           IF I = 2
               MOVE 3 TO RETURN-CODE
               GOBACK
           END-IF.
