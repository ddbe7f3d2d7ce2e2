       IDENTIFICATION DIVISION.
       PROGRAM-ID. DIRTYNUM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 N5 PIC S9(5) VALUE -1000.
       01 S3 PIC S9(3).
       01 G.
          05 A1 PIC 9(5)V99.
       01 H.
          05 B1 PIC S9(3).
       01 T PIC S9(7)V99 COMP-3 VALUE 0.
       01 U PIC 9(7)V99 VALUE 0.
       01 E PIC ZZZ9.99.
       01 E2 PIC ZZZZ9.99-.
       01 Z5 PIC 9(5).
       01 P PIC S9(5)V99 COMP-3.
       01 B PIC S9(5)V99 COMP.
       01 X PIC X(7).
       01 N PIC 9(3).
       01 M PIC 9(3).
       01 S PIC S9(5)V99.
       PROCEDURE DIVISION.
           MOVE N5 TO S3 DISPLAY '1 [' S3 ']'
           MOVE '001050 ' TO G
           ADD A1 TO T DISPLAY '2 [' T ']'
           COMPUTE U = A1 * 1 DISPLAY '3 [' U ']'
           MOVE A1 TO U DISPLAY '4 [' U ']'
           MOVE A1 TO E DISPLAY '5 [' E ']'
           MOVE A1 TO E2 DISPLAY '6 [' E2 ']'
           IF A1 > 104.9 DISPLAY '7 GT' ELSE DISPLAY '7 LE' END-IF
           MOVE A1 TO P DISPLAY '8 [' P ']'
           MOVE A1 TO B DISPLAY '9 [' B ']'
           MOVE A1 TO S DISPLAY '10 [' S ']'
           MOVE '  12   ' TO G
           ADD A1 TO T DISPLAY '11 [' T ']'
           MOVE A1 TO Z5 DISPLAY '12 [' Z5 ']'
           MOVE A1 TO E DISPLAY '13 [' E ']'
           MOVE '12 ' TO H
           ADD B1 TO T DISPLAY '14 [' T ']'
           MOVE B1 TO S3 DISPLAY '15 [' S3 ']'
           MOVE B1 TO S DISPLAY '16 [' S ']'
           MOVE ' 1 ' TO X MOVE X(1:3) TO N
           MOVE N TO M DISPLAY '17 [' M ']'
           ADD 1 TO N DISPLAY '18 [' N ']'
           MOVE '  7' TO G
           MOVE A1 TO S DISPLAY '19 [' S ']'
           DISPLAY '20 [' A1 ']'
           MOVE SPACES TO G
           COMPUTE U = A1 + 1 DISPLAY '21 [' U ']'
           IF A1 = ZERO DISPLAY '22 ZERO'
           ELSE DISPLAY '22 NOT ZERO' END-IF
           STOP RUN.
