       IDENTIFICATION DIVISION.
       PROGRAM-ID. FUNCS.
      * Intrinsic functions in DISPLAY, MOVE, COMPUTE, IF and EVALUATE:
      * numeric results shown as GnuCOBOL's 9-digit fields, LENGTH and
      * DATE-OF-INTEGER as plain digits, alphanumeric results with
      * reference modification, and nested calls.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  A                PIC S9(3)V99 VALUE -12.5.
       01  B                PIC 9(3) VALUE 7.
       01  X                PIC X(10) VALUE '  abc Def '.
       01  D                PIC 9(8) VALUE 20200115.
       01  R                PIC S9(5)V99.
       01  T                PIC X(20).
       01  N                PIC 9(4).
       01  E                PIC -ZZ9.99.
       PROCEDURE DIVISION.
           DISPLAY '1 ' FUNCTION MOD(B, 3) ' ' FUNCTION MOD(-7, 3)
           DISPLAY '2 ' FUNCTION REM(B, 3) ' ' FUNCTION REM(-12.5, 4)
           DISPLAY '3 ' FUNCTION INTEGER(A) ' ' FUNCTION INTEGER-PART(A)
           DISPLAY '9 ' FUNCTION LENGTH(X) ' ' FUNCTION LENGTH('AB')
           DISPLAY '10 ' FUNCTION NUMVAL('  -12.5 ') ' '
               FUNCTION NUMVAL-C('$1,234.56')
           DISPLAY '11 ' FUNCTION INTEGER-OF-DATE(D) ' '
               FUNCTION DATE-OF-INTEGER(146000)
           DISPLAY '12 ' FUNCTION INTEGER-OF-DAY(2020015) ' '
               FUNCTION DAY-OF-INTEGER(146000)
           DISPLAY '13 ' FUNCTION ORD('A') ' ' FUNCTION CHAR(66)
           DISPLAY '14 [' FUNCTION UPPER-CASE(X) '] ['
               FUNCTION LOWER-CASE(X) ']'
           DISPLAY '15 [' FUNCTION TRIM(X) ']'
           MOVE FUNCTION TRIM(X LEADING) TO T
           DISPLAY '15B [' T ']'
           MOVE FUNCTION TRIM(X TRAILING) TO T
           DISPLAY '15C [' T ']'
           DISPLAY '16 [' FUNCTION REVERSE(X) '] ['
               FUNCTION CONCATENATE('A', X, 'B') ']'
           DISPLAY '17 ' FUNCTION CURRENT-DATE
           DISPLAY '18 ' FUNCTION CURRENT-DATE(1:8)
           COMPUTE R = FUNCTION MOD(B, 4) + FUNCTION INTEGER(A) * 2
           DISPLAY '19 ' R
           MOVE FUNCTION UPPER-CASE(X) TO T
           DISPLAY '20 [' T ']'
           MOVE FUNCTION MOD(B, 4) TO T
           DISPLAY '21 [' T ']'
           MOVE FUNCTION NUMVAL('42') TO R
           DISPLAY '22 ' R
           IF FUNCTION MOD(B, 2) = 1 DISPLAY '23 ODD' END-IF
           IF FUNCTION TRIM(X) = 'abc Def' DISPLAY '24 EQ' END-IF
           COMPUTE R = FUNCTION ABS(A) + FUNCTION MAX(A, B, 3)
               - FUNCTION MIN(A, B) + FUNCTION SQRT(16)
           DISPLAY '25 ' R
           DISPLAY '27 ' FUNCTION LENGTH(FUNCTION TRIM(X))
           MOVE FUNCTION INTEGER(A) TO T
           DISPLAY '28 [' T ']'
           MOVE FUNCTION REM(-12.5, 4) TO T
           DISPLAY '29 [' T ']'
           MOVE FUNCTION LENGTH(X) TO T
           DISPLAY '30 [' T ']'
           MOVE FUNCTION INTEGER(A) TO N E
           DISPLAY '31 ' N ' ' E
           MOVE FUNCTION DATE-OF-INTEGER(146000) TO T
           DISPLAY '32 [' T ']'
           MOVE FUNCTION NUMVAL('3.25') TO T
           DISPLAY '33 [' T ']'
           IF FUNCTION UPPER-CASE(X) = '  ABC DEF' DISPLAY '34 EQ'
           END-IF
           IF FUNCTION LENGTH(X) > 9 DISPLAY '35 GT' END-IF
           MOVE FUNCTION CURRENT-DATE (9:4) TO T
           DISPLAY '36 [' T ']'
           MOVE FUNCTION UPPER-CASE(X) (3:3) TO T
           DISPLAY '37 [' T ']'
           MOVE FUNCTION CHAR(FUNCTION ORD('A') + 1) TO T
           DISPLAY '38 [' T ']'
           IF X (3:3) = FUNCTION LOWER-CASE('ABC') DISPLAY '39 EQ'
           END-IF
           EVALUATE FUNCTION MOD(B, 3)
               WHEN 0 DISPLAY '40 ZERO'
               WHEN 1 DISPLAY '40 ONE'
           END-EVALUATE
           DISPLAY '41 ' FUNCTION MOD(-12.5, 4) ' '
               FUNCTION INTEGER-PART(-0.5)
           STOP RUN.
