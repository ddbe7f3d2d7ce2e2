       IDENTIFICATION DIVISION.
       PROGRAM-ID. CONDFORM.
      * Abbreviated combined relations with NOT, class and sign tests
      * after AND, a level-88 with a FALSE value, condition and
      * paragraph names that start with END-, and comparisons between
      * numeric, edited and alphanumeric items.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  A                PIC 9(3) VALUE 5.
       01  B                PIC S9(3)V9 VALUE -2.5.
       01  X                PIC X(4) VALUE 'AB'.
       01  Y                PIC X(2) VALUE 'AB'.
       01  E                PIC ZZ9.
       01  G.
           05  G1           PIC 9(2) VALUE 5.
           05  G2           PIC X(2) VALUE 'XY'.
       01  N                PIC 9(4) VALUE 12.
       01  NX               PIC X(4) VALUE '0012'.
       01  WS-EOF           PIC X VALUE 'N'.
           88  END-OF-INPUT VALUE 'Y' FALSE 'N'.
       01  I                PIC 99 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           IF A = 1 OR 5 OR 7 DISPLAY 'C1' END-IF
           IF A > 1 AND < 10 DISPLAY 'C2' END-IF
           IF A NOT = 5 AND 6 DISPLAY 'C3' ELSE DISPLAY 'C3 ELSE'
           END-IF
           IF NOT A = 4 OR 5 DISPLAY 'C4' ELSE DISPLAY 'C4 ELSE'
           END-IF
           IF X = Y DISPLAY 'C5' END-IF
           IF X > Y DISPLAY 'C6' ELSE DISPLAY 'C6 ELSE' END-IF
           IF B < 0 AND B IS NEGATIVE DISPLAY 'C7' END-IF
           IF B * 2 + 5 IS ZERO DISPLAY 'C8' END-IF
           IF A IS NUMERIC AND X IS ALPHABETIC DISPLAY 'C9' END-IF
           IF A > 0 AND X IS NOT NUMERIC DISPLAY 'C10' END-IF
           MOVE 5 TO E
           IF E = A DISPLAY 'C11' ELSE DISPLAY 'C11 ELSE' END-IF
           IF G = '05XY' DISPLAY 'C12' END-IF
           IF N = NX DISPLAY 'C13' ELSE DISPLAY 'C13 ELSE' END-IF
           IF NX = 12 DISPLAY 'C14' ELSE DISPLAY 'C14 ELSE' END-IF
           IF A = B + 7.5 DISPLAY 'C15' END-IF
           IF (A > 3 OR B > 0) AND NOT (X = SPACES)
               DISPLAY 'C16'
           END-IF
           IF A = ZERO OR B = ZEROS DISPLAY 'C17' ELSE DISPLAY 'C17E'
           END-IF
           IF G1 = 5 AND G2 NOT = 'XX' AND A > B DISPLAY 'C18' END-IF
           PERFORM UNTIL END-OF-INPUT
               ADD 1 TO I
               IF I > 2
                   SET END-OF-INPUT TO TRUE
               END-IF
           END-PERFORM
           DISPLAY 'LOOPS ' I ' EOF ' WS-EOF
           PERFORM END-OF-JOB.
       END-OF-JOB.
           DISPLAY 'END-OF-JOB'
           STOP RUN.
