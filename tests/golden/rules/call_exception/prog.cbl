       IDENTIFICATION DIVISION.
       PROGRAM-ID. CALLEXC.
      * CALL ON EXCEPTION and NOT ON EXCEPTION as GnuCOBOL 3.1.2 runs
      * them: for a missing program ON EXCEPTION and then NOT ON
      * EXCEPTION run, and after a CALL that succeeds neither does.
      * Without ON EXCEPTION a missing program ends the run, exit 1.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-PGM           PIC X(8) VALUE 'NOSUCH'.
       01  WS-OK            PIC X(8) VALUE 'CEXSUB'.
       01  WS-MISSING       PIC 9(2) VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           CALL WS-PGM
               ON EXCEPTION
                   ADD 1 TO WS-MISSING
                   DISPLAY 'A NOT FOUND'
               NOT ON EXCEPTION
                   DISPLAY 'A NOT ON EXCEPTION'
           END-CALL
           CALL 'NOSUCH2'
               ON EXCEPTION ADD 1 TO WS-MISSING
           END-CALL
           CALL 'NOSUCH3' ON OVERFLOW DISPLAY 'C OVERFLOW' END-CALL
           CALL WS-OK
               ON EXCEPTION DISPLAY 'D NOT FOUND'
               NOT ON EXCEPTION DISPLAY 'D NOT ON EXCEPTION'
           END-CALL
           CALL 'CEXSUB'
               NOT ON EXCEPTION DISPLAY 'E NOT ON EXCEPTION'
           END-CALL
           DISPLAY 'MISSING ' WS-MISSING
           CALL 'NOSUCH4'
               NOT ON EXCEPTION DISPLAY 'NOT REACHED'
           END-CALL
           DISPLAY 'NOT REACHED'
           STOP RUN.
