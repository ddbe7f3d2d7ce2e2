       IDENTIFICATION DIVISION.
       PROGRAM-ID. CALLEE.
      * Keeps a call counter in WORKING-STORAGE between calls.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-CALLS         PIC 9(3) VALUE 0.
       LINKAGE SECTION.
       01  LK-PARMS.
           05  LK-OP        PIC X.
               88  OP-ADD   VALUE 'A'.
               88  OP-DOUBLE VALUE 'D'.
           05  LK-AMOUNT    PIC S9(5)V99.
           05  LK-RESULT    PIC S9(7)V99.
       01  LK-KEEP          PIC X(5).
       PROCEDURE DIVISION USING LK-PARMS LK-KEEP.
       MAIN-PARA.
           ADD 1 TO WS-CALLS
           EVALUATE TRUE
               WHEN OP-ADD
                   ADD LK-AMOUNT 100 GIVING LK-RESULT
                   MOVE 0 TO RETURN-CODE
               WHEN OP-DOUBLE
                   MULTIPLY 2 BY LK-RESULT
                   MOVE 'CHG' TO LK-KEEP
                   MOVE 4 TO RETURN-CODE
               WHEN OTHER
                   MOVE 8 TO RETURN-CODE
                   MOVE WS-CALLS TO LK-KEEP
           END-EVALUATE
           GOBACK.
