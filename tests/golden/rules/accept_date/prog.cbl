       IDENTIFICATION DIVISION.
       PROGRAM-ID. ACCEPTS.
      * ACCEPT from standard input and from the frozen clock.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-LINE          PIC X(20).
       01  WS-NUM           PIC 9(4).
       01  WS-DATE          PIC 9(6).
       01  WS-DATE8         PIC 9(8).
       01  WS-DAY           PIC 9(5).
       01  WS-TIME          PIC 9(8).
       01  WS-DOW           PIC 9.
       01  WS-DATE-X        PIC X(8).
       PROCEDURE DIVISION.
           ACCEPT WS-LINE
           DISPLAY 'LINE=[' WS-LINE ']'
           ACCEPT WS-NUM FROM SYSIN
           DISPLAY 'NUM=' WS-NUM UPON CONSOLE
           DISPLAY 'NO ' WITH NO ADVANCING
           DISPLAY 'ADVANCING' UPON SYSOUT
           ACCEPT WS-LINE
           DISPLAY 'AT EOF=[' WS-LINE ']'
           ACCEPT WS-DATE FROM DATE
           ACCEPT WS-DATE8 FROM DATE YYYYMMDD
           ACCEPT WS-DAY FROM DAY
           ACCEPT WS-TIME FROM TIME
           ACCEPT WS-DOW FROM DAY-OF-WEEK
           ACCEPT WS-DATE-X FROM DATE YYYYMMDD
           DISPLAY WS-DATE ' ' WS-DATE8 ' ' WS-DAY
           DISPLAY WS-TIME ' ' WS-DOW
           DISPLAY WS-DATE-X
           STOP RUN.
