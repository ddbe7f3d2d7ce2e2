       IDENTIFICATION DIVISION.
       PROGRAM-ID. READEND.
      * READ without AT END past the last record: a FILE STATUS item
      * takes status 10 and then 46, and NOT AT END alone runs nothing.
      * Without FILE STATUS the run ends with libcob's error, exit 1,
      * after closing the report file it was writing.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT ST-FILE ASSIGN TO STDATA
               ORGANIZATION IS LINE SEQUENTIAL
               FILE STATUS IS WS-STATUS.
           SELECT IN-FILE ASSIGN TO INDATA
               ORGANIZATION IS LINE SEQUENTIAL.
           SELECT RPT-FILE ASSIGN TO RPTOUT
               ORGANIZATION IS LINE SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  ST-FILE.
       01  ST-REC           PIC X(10).
       FD  IN-FILE.
       01  IN-REC.
           05  IN-KEY       PIC X(4).
           05  IN-QTY       PIC 9(3).
       FD  RPT-FILE.
       01  RPT-LINE         PIC X(20).
       WORKING-STORAGE SECTION.
       01  WS-STATUS        PIC XX.
       01  WS-COPY          PIC X(12).
       01  WS-TOTAL         PIC 9(5) VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           OPEN INPUT ST-FILE
           READ ST-FILE INTO WS-COPY
           DISPLAY 'ST1 ' WS-STATUS ' [' WS-COPY ']'
           READ ST-FILE
               NOT AT END DISPLAY 'NOT REACHED ' ST-REC
           END-READ
           DISPLAY 'ST2 ' WS-STATUS ' [' ST-REC ']'
           READ ST-FILE INTO WS-COPY
           DISPLAY 'ST3 ' WS-STATUS ' [' WS-COPY ']'
           CLOSE ST-FILE
           OPEN INPUT IN-FILE
           OPEN OUTPUT RPT-FILE
           PERFORM READ-ONE 3 TIMES
           DISPLAY 'NOT REACHED'
           CLOSE IN-FILE RPT-FILE
           STOP RUN.
       READ-ONE.
           READ IN-FILE
           ADD IN-QTY TO WS-TOTAL
           MOVE IN-REC TO RPT-LINE
           WRITE RPT-LINE
           DISPLAY 'READ ' IN-KEY ' TOTAL ' WS-TOTAL.
