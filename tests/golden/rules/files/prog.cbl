       IDENTIFICATION DIVISION.
       PROGRAM-ID. FILES.
      * Sequential files: OPEN, READ INTO, WRITE FROM, EXTEND, FILE STATUS.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT IN-FILE ASSIGN TO INDATA
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-IN-STATUS.
           SELECT OUT-FILE ASSIGN TO OUTDATA
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-OUT-STATUS.
           SELECT FIXED-FILE ASSIGN TO FIXDATA
               ORGANIZATION IS SEQUENTIAL
               ACCESS MODE IS SEQUENTIAL.
           SELECT MISSING-FILE ASSIGN TO NOSUCH
               ORGANIZATION LINE SEQUENTIAL
               FILE STATUS WS-MISSING-STATUS.
       DATA DIVISION.
       FILE SECTION.
       FD  IN-FILE.
       01  IN-REC.
           05  IN-ID        PIC X(4).
           05  IN-AMT       PIC 9(5)V99.
           05  IN-NAME      PIC X(10).
       FD  OUT-FILE.
       01  OUT-REC          PIC X(40).
       FD  FIXED-FILE.
       01  FIXED-REC        PIC X(12).
       FD  MISSING-FILE.
       01  MISSING-REC      PIC X(10).
       WORKING-STORAGE SECTION.
       01  WS-IN-STATUS     PIC XX.
       01  WS-OUT-STATUS    PIC XX.
       01  WS-MISSING-STATUS PIC XX.
       01  WS-EOF           PIC X VALUE 'N'.
           88  AT-EOF       VALUE 'Y'.
       01  WS-COPY.
           05  WS-ID        PIC X(4).
           05  WS-AMT       PIC 9(5)V99.
           05  WS-NAME      PIC X(10).
       01  WS-TOTAL         PIC 9(7)V99 VALUE 0.
       01  WS-COUNT         PIC 9(3) VALUE 0.
       01  WS-LINE.
           05  FILLER       PIC X(6) VALUE 'TOTAL '.
           05  WS-LINE-AMT  PIC ZZZ,ZZ9.99.
           05  FILLER       PIC X(7) VALUE ' COUNT '.
           05  WS-LINE-CNT  PIC ZZ9.
       PROCEDURE DIVISION.
       MAIN-PARA.
           OPEN INPUT IN-FILE
           DISPLAY 'OPEN IN ' WS-IN-STATUS
           OPEN OUTPUT OUT-FILE FIXED-FILE
           PERFORM UNTIL AT-EOF
               READ IN-FILE INTO WS-COPY
                   AT END
                       SET AT-EOF TO TRUE
                   NOT AT END
                       ADD 1 TO WS-COUNT
                       ADD WS-AMT TO WS-TOTAL
                       MOVE SPACES TO OUT-REC
                       STRING WS-NAME DELIMITED BY SPACE
                           ':' IN-ID DELIMITED BY SIZE
                           INTO OUT-REC
                       END-STRING
                       WRITE OUT-REC
                       WRITE FIXED-REC FROM IN-REC
               END-READ
           END-PERFORM
           DISPLAY 'EOF STATUS ' WS-IN-STATUS
           MOVE WS-TOTAL TO WS-LINE-AMT
           MOVE WS-COUNT TO WS-LINE-CNT
           WRITE OUT-REC FROM WS-LINE
           CLOSE IN-FILE OUT-FILE FIXED-FILE
           OPEN EXTEND OUT-FILE
           MOVE 'APPENDED' TO OUT-REC
           WRITE OUT-REC
           CLOSE OUT-FILE
           DISPLAY 'CLOSE OUT ' WS-OUT-STATUS
           OPEN INPUT MISSING-FILE
           DISPLAY 'MISSING ' WS-MISSING-STATUS
           OPEN INPUT IN-FILE
           READ IN-FILE
           DISPLAY 'FIRST AGAIN ' IN-ID
           CLOSE IN-FILE
           STOP RUN.
