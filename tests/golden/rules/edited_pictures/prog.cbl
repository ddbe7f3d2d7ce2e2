       IDENTIFICATION DIVISION.
       PROGRAM-ID. EDITPIC.
      * Numeric-edited pictures of reports.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-VALUES.
           05  WS-V         PIC S9(7)V99 OCCURS 5 TIMES.
       01  WS-K             PIC 9.
       01  E-1              PIC ZZ,ZZ9.99-.
       01  E-2              PIC Z(6)9.99.
       01  E-3              PIC -(7)9.99.
       01  E-4              PIC +ZZZ,ZZ9.99.
       01  E-5              PIC $$$,$$9.99.
       01  E-6              PIC ZZZ,ZZ9.99CR.
       01  E-7              PIC ZZZ,ZZ9.99DB.
       01  E-8              PIC ***,**9.99.
       01  E-9              PIC 9(7).99.
       01  E-10             PIC ZZZZ9 BLANK WHEN ZERO.
       01  E-11             PIC 99/99/99.
       01  E-12             PIC 9(3)B9(3)0.
       01  E-14             PIC ZZ9.
       01  E-15             PIC ZZZ.
       01  WS-BACK          PIC S9(7)V99.
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE 1234.5 TO WS-V(1)
           MOVE -98765.43 TO WS-V(2)
           MOVE 0 TO WS-V(3)
           MOVE 7 TO WS-V(4)
           MOVE -0.05 TO WS-V(5)
           PERFORM VARYING WS-K FROM 1 BY 1 UNTIL WS-K > 5
               MOVE WS-V(WS-K) TO E-1 E-2 E-3 E-4 E-5 E-6 E-7 E-8
                   E-9 E-10 E-14 E-15
               DISPLAY '[' E-1 '][' E-2 '][' E-3 '][' E-4 ']'
               DISPLAY '[' E-5 '][' E-6 '][' E-7 '][' E-8 ']'
               DISPLAY '[' E-9 '][' E-10 '][' E-14 '][' E-15 ']'
           END-PERFORM
           MOVE 150120 TO E-11
           MOVE 123456 TO E-12
           DISPLAY '[' E-11 '][' E-12 ']'
           MOVE E-1 TO WS-BACK
           DISPLAY 'BACK=' WS-BACK
           COMPUTE E-2 = 10 / 4
           DISPLAY 'COMPUTED=[' E-2 ']'
           STOP RUN.
