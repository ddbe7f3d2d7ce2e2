       IDENTIFICATION DIVISION.
       PROGRAM-ID. ARITH.
      * COMPUTE, ADD, SUBTRACT, MULTIPLY, DIVIDE with ROUNDED and SIZE ERROR.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  A                PIC S9(5)V99 VALUE 10.25.
       01  B                PIC S9(5)V99 VALUE 3.
       01  C                PIC S9(5)V99 VALUE 0.
       01  D                PIC S9(3)    VALUE 0.
       01  E                PIC 9(3)     VALUE 0.
       01  Q                PIC S9(5)    VALUE 0.
       01  R                PIC S9(5)V99 VALUE 0.
       01  SMALL            PIC 9(2)     VALUE 95.
       01  BIN              PIC S9(4) COMP VALUE 100.
       01  PACKED           PIC S9(7)V99 COMP-3 VALUE 1000.
       01  ZERO-VAL         PIC 9 VALUE 0.
       01  RES-1            PIC S9(3)V9 VALUE 0.
       01  RES-2            PIC S9(3)V9 VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           COMPUTE C = A + B * 2
           DISPLAY 'C1=' C
           COMPUTE C = (A + B) * 2 - 1
           DISPLAY 'C2=' C
           COMPUTE C = - A + 1
           DISPLAY 'C3=' C
           COMPUTE C = A / B
           DISPLAY 'C4=' C
           COMPUTE C ROUNDED = A / B
           DISPLAY 'C5=' C
           COMPUTE D = A * B
           DISPLAY 'D1=' D
           COMPUTE D ROUNDED = A * B
           DISPLAY 'D2=' D
           COMPUTE D ROUNDED = -2.5
           DISPLAY 'D3=' D
           COMPUTE E = 2 ** 3 + 1
           DISPLAY 'E1=' E
           COMPUTE E = -5
           DISPLAY 'E2=' E
           COMPUTE RES-1 RES-2 ROUNDED = 10 / 3 + 0.06
           DISPLAY 'RES=' RES-1 ' ' RES-2
           ADD 1 TO SMALL
           DISPLAY 'S1=' SMALL
           ADD 10 TO SMALL
               ON SIZE ERROR DISPLAY 'SIZE ERROR S2=' SMALL
               NOT ON SIZE ERROR DISPLAY 'NO ERROR'
           END-ADD
           ADD 1 2 TO SMALL
               NOT ON SIZE ERROR DISPLAY 'S3=' SMALL
           END-ADD
           ADD A B GIVING C
           DISPLAY 'ADD GIVING=' C
           ADD A TO B GIVING C ROUNDED
           DISPLAY 'ADD TO GIVING=' C
           ADD 5 TO BIN PACKED
           DISPLAY 'BIN=' BIN ' PACKED=' PACKED
           SUBTRACT 1 FROM BIN
           SUBTRACT 2 3 FROM PACKED
           DISPLAY 'BIN=' BIN ' PACKED=' PACKED
           SUBTRACT A FROM B GIVING C
           DISPLAY 'SUB GIVING=' C
           SUBTRACT 200 FROM E
               ON SIZE ERROR DISPLAY 'NO ROOM'
           END-SUBTRACT
           SUBTRACT 200 FROM E
           DISPLAY 'E3=' E
           MULTIPLY 3 BY BIN
           DISPLAY 'MUL=' BIN
           MULTIPLY A BY B GIVING C ROUNDED
           DISPLAY 'MUL GIVING=' C
           MULTIPLY 100 BY SMALL ON SIZE ERROR DISPLAY 'MUL SIZE'
           END-MULTIPLY
           DIVIDE 4 INTO BIN
           DISPLAY 'DIV INTO=' BIN
           DIVIDE A BY 4 GIVING C
           DISPLAY 'DIV BY=' C
           DIVIDE 4 INTO A GIVING C ROUNDED
           DISPLAY 'DIV INTO GIVING=' C
           DIVIDE 17 BY 5 GIVING Q REMAINDER R
           DISPLAY 'Q=' Q ' R=' R
           DIVIDE A BY ZERO-VAL GIVING C
               ON SIZE ERROR DISPLAY 'DIVIDE BY ZERO'
           END-DIVIDE
           COMPUTE C = A / ZERO-VAL
               ON SIZE ERROR DISPLAY 'COMPUTE BY ZERO C=' C
           END-COMPUTE
           COMPUTE PACKED = PACKED * 1.015
           DISPLAY 'INTEREST=' PACKED
           COMPUTE PACKED ROUNDED = PACKED * 1.015
           DISPLAY 'INTEREST ROUNDED=' PACKED
           ADD -1 TO A
           DISPLAY 'A=' A
           STOP RUN.
