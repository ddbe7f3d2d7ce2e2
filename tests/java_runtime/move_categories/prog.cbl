       IDENTIFICATION DIVISION.
       PROGRAM-ID. MOVECAT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 X3 PIC X(3).
       01 X6 PIC X(6).
       01 XJ PIC X(6) JUSTIFIED RIGHT.
       01 N3 PIC 9(3).
       01 S5 PIC S9(5).
       01 N52 PIC 9(5)V99.
       01 S52 PIC S9(3)V99.
       01 P52 PIC S9(5)V99 COMP-3.
       01 B4 PIC S9(4) COMP.
       01 U4 PIC 9(4) COMP.
       01 C1 PIC 9(2) COMP-5.
       01 E1 PIC ZZ,ZZ9.99-.
       01 E2 PIC ZZ9.
       01 E3 PIC -(4)9.
       01 A1 PIC XXBXX.
       01 A2 PIC X(3)/X(2).
       01 G1.
          05 G1A PIC X(2).
          05 G1B PIC 9(2).
       01 G2.
          05 G2A PIC 9(3).
       PROCEDURE DIVISION.
           MOVE 'ABCDEFG' TO X3 DISPLAY '1 [' X3 ']'
           MOVE 'AB' TO X6 DISPLAY '2 [' X6 ']'
           MOVE 'AB' TO XJ DISPLAY '3 [' XJ ']'
           MOVE 'ABCDEFGH' TO XJ DISPLAY '4 [' XJ ']'
           MOVE 12345 TO N3 DISPLAY '5 [' N3 ']'
           MOVE -12.345 TO S52 DISPLAY '6 [' S52 ']'
           MOVE -12.345 TO N52 DISPLAY '7 [' N52 ']'
           MOVE 98765.4321 TO S52 DISPLAY '8 [' S52 ']'
           MOVE S52 TO P52 DISPLAY '9 [' P52 ']'
           MOVE P52 TO B4 DISPLAY '10 [' B4 ']'
           MOVE -7 TO S5 MOVE S5 TO X6 DISPLAY '11 [' X6 ']'
           MOVE S5 TO X3 DISPLAY '12 [' X3 ']'
           MOVE 1234567 TO S5 MOVE S5 TO X3 DISPLAY '13 [' X3 ']'
           MOVE B4 TO X6 DISPLAY '14 [' B4 '][' X6 ']'
           MOVE P52 TO E1 DISPLAY '15 [' E1 ']'
           MOVE 123456 TO B4 DISPLAY '16 [' B4 ']'
           MOVE -12345 TO U4 DISPLAY '17 [' U4 ']'
           MOVE 300 TO C1 DISPLAY '18 [' C1 ']'
           MOVE '1A2' TO X6 MOVE X6 TO N3 DISPLAY '19 [' N3 ']'
           MOVE '123ABC' TO X6 MOVE X6 TO N3 DISPLAY '20 [' N3 ']'
           MOVE ' -1.5 ' TO X6 MOVE X6 TO S52 DISPLAY '21 [' S52 ']'
           MOVE '1 2 3' TO X6 MOVE X6 TO N3 DISPLAY '22 [' N3 ']'
           MOVE '1.2.3' TO X6 MOVE X6 TO S52 DISPLAY '23 [' S52 ']'
           MOVE '12345' TO X6 MOVE X6 TO S52 DISPLAY '24 [' S52 ']'
           MOVE '.5' TO X6 MOVE X6 TO S52 DISPLAY '25 [' S52 ']'
           MOVE '+7' TO X6 MOVE X6 TO S52 DISPLAY '26 [' S52 ']'
           MOVE '12' TO X3 MOVE X3 TO P52 DISPLAY '27 [' P52 ']'
           MOVE 'XY12' TO G1 DISPLAY '28 [' G1 '][' G1B ']'
           MOVE G1 TO G2 DISPLAY '29 [' G2 ']'
           MOVE 5 TO G2 DISPLAY '30 [' G2 ']'
           MOVE G1 TO X6 DISPLAY '31 [' X6 ']'
           MOVE ZERO TO X3 DISPLAY '32 [' X3 ']'
           MOVE ZERO TO G1 DISPLAY '33 [' G1 ']'
           MOVE ALL 'AB' TO X6 DISPLAY '34 [' X6 ']'
           MOVE ALL '9' TO N3 DISPLAY '35 [' N3 ']'
           MOVE ALL '7' TO N52 DISPLAY '36 [' N52 ']'
           MOVE HIGH-VALUE TO X3 DISPLAY '37 [' X3 ']'
           MOVE 123 TO X6 DISPLAY '38 [' X6 ']'
           MOVE -123 TO X6 DISPLAY '39 [' X6 ']'
           MOVE 007 TO X6 DISPLAY '40 [' X6 ']'
           MOVE 123 TO XJ DISPLAY '41 [' XJ ']'
           MOVE E1 TO N52 DISPLAY '42 [' N52 ']'
           MOVE E1 TO X6 DISPLAY '43 [' X6 ']'
           MOVE -1234.5 TO E1
           MOVE E1 TO E2 DISPLAY '44 [' E2 ']'
           MOVE E1 TO E3 DISPLAY '45 [' E3 ']'
           MOVE E1 TO S52 DISPLAY '46 [' S52 ']'
           MOVE '12' TO X3 MOVE X3 TO E2 DISPLAY '47 [' E2 ']'
           MOVE '1A2' TO X3 MOVE X3 TO E2 DISPLAY '48 [' E2 ']'
           MOVE 'ABCD' TO A1 DISPLAY '49 [' A1 ']'
           MOVE 'ABCDEFG' TO A2 DISPLAY '50 [' A2 ']'
           MOVE 'AB' TO A2 DISPLAY '51 [' A2 ']'
           MOVE 123 TO A1 DISPLAY '52 [' A1 ']'
           MOVE A2 TO X6 DISPLAY '53 [' X6 ']'
           MOVE N3 TO A1 DISPLAY '54 [' A1 ']'
           MOVE QUOTE TO X3 DISPLAY '55 [' X3 ']'
           MOVE SPACES TO G1 DISPLAY '56 [' G1 ']'
           MOVE LOW-VALUE TO X3 DISPLAY '57 [' X3 ']'
           MOVE ZERO TO E1 DISPLAY '58 [' E1 ']'
           MOVE -1000 TO S52 DISPLAY '59 [' S52 ']'
           MOVE ALL 'X' TO E2 DISPLAY '60 [' E2 ']'
           MOVE HIGH-VALUE TO N3 DISPLAY '61 [' N3 ']'
           MOVE S52 TO S52 DISPLAY '62 [' S52 ']'
           MOVE X6(2:3) TO X3 DISPLAY '63 [' X3 ']'
           MOVE 'Q' TO X6(6:) DISPLAY '64 [' X6 ']'
           INITIALIZE G1 A1 E1 DISPLAY '65 [' G1 '][' A1 '][' E1 ']'
           STOP RUN.
