       IDENTIFICATION DIVISION.
       PROGRAM-ID. READSHRT.
      * READ ... INTO from a line sequential file whose lines are
      * shorter or longer than the record, empty, or end in CR LF: the
      * record is padded or cut, and INTO moves it to a longer or a
      * shorter working record. Totals go to a record sequential file.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT TRAN-FILE ASSIGN TO TRANS
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-TRAN-STATUS.
           SELECT SUM-FILE ASSIGN TO SUMOUT
               ORGANIZATION IS SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  TRAN-FILE.
       01  TRAN-REC.
           05  TR-ACCT      PIC X(5).
           05  TR-TYPE      PIC X.
               88  TR-DEBIT VALUE 'D'.
               88  TR-CREDIT VALUE 'C'.
           05  TR-AMT       PIC 9(5)V99.
           05  TR-MEMO      PIC X(10).
       FD  SUM-FILE.
       01  SUM-REC.
           05  SUM-ACCT     PIC X(5).
           05  SUM-NET      PIC S9(7)V99 COMP-3.
       WORKING-STORAGE SECTION.
       01  WS-TRAN-STATUS   PIC XX.
       01  WS-WIDE.
           05  WS-W-HEAD    PIC X(13).
           05  WS-W-MEMO    PIC X(10).
           05  WS-W-TAIL    PIC X(7).
       01  WS-NARROW        PIC X(8).
       01  WS-EOF           PIC X VALUE 'N'.
           88  END-OF-TRANS VALUE 'Y'.
       01  WS-NET           PIC S9(7)V99 VALUE 0.
       01  WS-LINES         PIC 99 VALUE 0.
       01  WS-LAST-ACCT     PIC X(5) VALUE SPACES.
       PROCEDURE DIVISION.
       MAIN-PARA.
           OPEN INPUT TRAN-FILE
           OPEN OUTPUT SUM-FILE
           MOVE ALL '*' TO WS-WIDE
           PERFORM UNTIL END-OF-TRANS
               READ TRAN-FILE INTO WS-WIDE
                   AT END
                       SET END-OF-TRANS TO TRUE
                   NOT AT END
                       PERFORM ONE-TRANSACTION
               END-READ
           END-PERFORM
           PERFORM WRITE-SUM
           DISPLAY 'LINES ' WS-LINES ' STATUS ' WS-TRAN-STATUS
           CLOSE TRAN-FILE SUM-FILE
           OPEN INPUT TRAN-FILE
           READ TRAN-FILE INTO WS-NARROW
           DISPLAY 'NARROW [' WS-NARROW ']'
           CLOSE TRAN-FILE
           STOP RUN.
       ONE-TRANSACTION.
           ADD 1 TO WS-LINES
           DISPLAY WS-LINES ' [' TRAN-REC '] [' WS-WIDE ']'
           IF TR-ACCT NOT = WS-LAST-ACCT
               IF WS-LAST-ACCT NOT = SPACES
                   PERFORM WRITE-SUM
               END-IF
               MOVE TR-ACCT TO WS-LAST-ACCT
               MOVE 0 TO WS-NET
           END-IF
           EVALUATE TRUE
               WHEN TR-AMT NOT NUMERIC
                   DISPLAY '   BAD AMOUNT [' TR-AMT ']'
               WHEN TR-DEBIT
                   SUBTRACT TR-AMT FROM WS-NET
               WHEN TR-CREDIT
                   ADD TR-AMT TO WS-NET
               WHEN OTHER
                   DISPLAY '   NO TYPE, MEMO [' WS-W-MEMO ']'
           END-EVALUATE.
       WRITE-SUM.
           MOVE WS-LAST-ACCT TO SUM-ACCT
           MOVE WS-NET TO SUM-NET
           WRITE SUM-REC
           DISPLAY '   NET ' WS-LAST-ACCT ' ' WS-NET.
