       IDENTIFICATION DIVISION.
       PROGRAM-ID. FALLTHRU.
      * Paragraphs run in order when no statement ends the program.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-X             PIC 9 VALUE 0.
       PROCEDURE DIVISION.
           DISPLAY 'BEFORE ANY PARAGRAPH'.
       FIRST-PARA.
           ADD 1 TO WS-X
           DISPLAY 'FIRST ' WS-X.
       SECOND-PARA.
           DISPLAY 'SECOND'
           IF WS-X < 3
               PERFORM FIRST-PARA
           END-IF.
       THIRD-PARA.
           DISPLAY 'THIRD AND LAST'.
