       IDENTIFICATION DIVISION.
       PROGRAM-ID. GRPMOVE.
      * Group MOVEs between records of different lengths and layouts:
      * short to long pads with spaces, long to short truncates, packed
      * and binary fields travel as bytes, and elementary items move to
      * and from groups as alphanumeric data.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-OLD-REC.
           05  OLD-ID       PIC 9(4) VALUE 1234.
           05  OLD-NAME     PIC X(8) VALUE 'JONES'.
           05  OLD-BAL      PIC S9(5)V99 VALUE -45.67.
       01  WS-NEW-REC.
           05  NEW-ID       PIC 9(4).
           05  NEW-NAME     PIC X(8).
           05  NEW-BAL      PIC S9(5)V99.
           05  NEW-STATUS   PIC X(3).
           05  NEW-LIMIT    PIC S9(5)V99 COMP-3.
       01  WS-KEY.
           05  KEY-ID       PIC 9(4).
           05  KEY-INIT     PIC X.
       01  WS-PACKED.
           05  PK-AMT       PIC S9(5)V99 COMP-3 VALUE -12.34.
           05  PK-CNT       PIC S9(4) COMP VALUE 258.
       01  WS-PACKED-COPY.
           05  PC-AMT       PIC S9(5)V99 COMP-3.
           05  PC-CNT       PIC S9(4) COMP.
       01  WS-TEXT          PIC X(12).
       01  WS-NUM           PIC 9(6).
       01  WS-SIGNED        PIC S9(3) VALUE -25.
       01  WS-TABLE.
           05  WS-ENTRY OCCURS 3 TIMES.
               10  WS-E-CODE PIC XX.
               10  WS-E-QTY  PIC 9(3).
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE ALL '#' TO WS-NEW-REC
           MOVE WS-OLD-REC TO WS-NEW-REC
           DISPLAY '[' WS-NEW-REC ']'
           DISPLAY 'NEW-BAL ' NEW-BAL ' STATUS [' NEW-STATUS ']'
           MOVE 'ACT' TO NEW-STATUS
           MOVE 1500 TO NEW-LIMIT
           MOVE WS-NEW-REC TO WS-KEY
           DISPLAY 'KEY ' KEY-ID ' INIT ' KEY-INIT
           MOVE WS-NEW-REC TO WS-OLD-REC
           DISPLAY 'OLD ' OLD-ID ' ' OLD-NAME ' ' OLD-BAL
           MOVE WS-PACKED TO WS-PACKED-COPY
           DISPLAY 'COPY ' PC-AMT ' ' PC-CNT
           ADD 1 TO PC-CNT
           SUBTRACT 0.66 FROM PC-AMT
           DISPLAY 'COPY ' PC-AMT ' ' PC-CNT
           MOVE WS-KEY TO WS-TEXT
           DISPLAY '[' WS-TEXT ']'
           MOVE WS-SIGNED TO WS-TEXT
           DISPLAY '[' WS-TEXT ']'
           MOVE WS-SIGNED TO WS-KEY
           DISPLAY '[' WS-KEY ']'
           MOVE '00042X' TO WS-KEY
           MOVE WS-KEY TO WS-NUM
           DISPLAY 'NUM ' WS-NUM
           MOVE 'AB001CD002EF003' TO WS-TABLE
           MOVE WS-ENTRY (2) TO WS-KEY
           DISPLAY '[' WS-KEY '] ' WS-E-QTY (3)
           MOVE WS-KEY TO WS-ENTRY (1)
           DISPLAY '[' WS-TABLE ']'
           MOVE SPACES TO WS-ENTRY (3)
           MOVE ZEROS TO WS-KEY
           DISPLAY '[' WS-TABLE '] [' WS-KEY ']'
           MOVE WS-TABLE (4:8) TO WS-TEXT
           DISPLAY '[' WS-TEXT ']'
           MOVE WS-OLD-REC TO WS-TABLE
           DISPLAY '[' WS-TABLE '] ' WS-E-QTY (1)
           STOP RUN.
