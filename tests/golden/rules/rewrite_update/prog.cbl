       IDENTIFICATION DIVISION.
       PROGRAM-ID. REWRUPD.
      * An in-place update of a record sequential master file: build
      * it, OPEN I-O, READ each record and REWRITE the ones that change
      * (with and without FROM), then list the file again.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT MASTER ASSIGN TO MASTOUT
               ORGANIZATION IS SEQUENTIAL
               FILE STATUS IS WS-STATUS.
       DATA DIVISION.
       FILE SECTION.
       FD  MASTER.
       01  MST-REC.
           05  MST-ID       PIC 9(3).
           05  MST-BAL      PIC S9(5)V99 COMP-3.
           05  MST-FLAG     PIC X.
       WORKING-STORAGE SECTION.
       01  WS-STATUS        PIC XX.
       01  WS-I             PIC 9(3).
       01  WS-EOF           PIC X VALUE 'N'.
           88  AT-EOF       VALUE 'Y'.
       01  WS-NEW.
           05  WS-NEW-ID    PIC 9(3).
           05  WS-NEW-BAL   PIC S9(5)V99 COMP-3.
           05  WS-NEW-FLAG  PIC X VALUE 'F'.
       01  WS-SHOW          PIC -(5)9.99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           OPEN OUTPUT MASTER
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 5
               MOVE WS-I TO MST-ID
               COMPUTE MST-BAL = WS-I * 125.5 - 300
               MOVE 'N' TO MST-FLAG
               WRITE MST-REC
           END-PERFORM
           CLOSE MASTER
           OPEN I-O MASTER
           DISPLAY 'OPEN I-O ' WS-STATUS
           PERFORM UNTIL AT-EOF
               READ MASTER
                   AT END SET AT-EOF TO TRUE
                   NOT AT END PERFORM UPDATE-ONE
               END-READ
           END-PERFORM
           CLOSE MASTER
           MOVE 'N' TO WS-EOF
           OPEN INPUT MASTER
           PERFORM UNTIL AT-EOF
               READ MASTER
                   AT END SET AT-EOF TO TRUE
                   NOT AT END
                       MOVE MST-BAL TO WS-SHOW
                       DISPLAY MST-ID ' ' WS-SHOW ' ' MST-FLAG
               END-READ
           END-PERFORM
           CLOSE MASTER
           STOP RUN.
       UPDATE-ONE.
           EVALUATE TRUE
               WHEN MST-BAL < 0
                   MOVE ZERO TO MST-BAL
                   MOVE 'Z' TO MST-FLAG
                   REWRITE MST-REC
                   DISPLAY 'REWRITE ' MST-ID ' ' WS-STATUS
               WHEN MST-ID = 4
                   MOVE MST-ID TO WS-NEW-ID
                   COMPUTE WS-NEW-BAL = MST-BAL * 2
                   REWRITE MST-REC FROM WS-NEW
                   END-REWRITE
                   DISPLAY 'REWRITE FROM ' MST-ID ' ' WS-STATUS
           END-EVALUATE.
