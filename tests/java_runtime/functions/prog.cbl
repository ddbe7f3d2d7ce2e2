       IDENTIFICATION DIVISION.
       PROGRAM-ID. FUNCS.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 X PIC X(10) VALUE '  ab Cd '.
       01 N PIC S9(3)V99 VALUE -7.5.
       01 M PIC 9(3) VALUE 7.
       01 D PIC 9(8) VALUE 20200115.
       01 R PIC S9(5)V99.
       01 Q PIC 9V9(10).
       01 T PIC X(12).
       PROCEDURE DIVISION.
           DISPLAY '[' FUNCTION MOD(7 3) ']'
           DISPLAY '[' FUNCTION MOD(-7 3) ']'
           DISPLAY '[' FUNCTION REM(-7 3) ']'
           DISPLAY '[' FUNCTION MOD(M 3) ']'
           DISPLAY '[' FUNCTION INTEGER(N) ']'
           DISPLAY '[' FUNCTION INTEGER-PART(N) ']'
           DISPLAY '[' FUNCTION LENGTH(X) ']'
           DISPLAY '[' FUNCTION NUMVAL(' 12.5 ') ']'
           DISPLAY '[' FUNCTION NUMVAL('-3') ']'
           DISPLAY '[' FUNCTION MAX(1 5 3) ']'
           DISPLAY '[' FUNCTION UPPER-CASE(X) ']'
           DISPLAY '[' FUNCTION LOWER-CASE(X) ']'
           DISPLAY '[' FUNCTION TRIM(X) ']'
           DISPLAY '[' FUNCTION TRIM(X LEADING) ']'
           DISPLAY '[' FUNCTION TRIM(X TRAILING) ']'
           DISPLAY '[' FUNCTION REVERSE(X) ']'
           DISPLAY '[' FUNCTION INTEGER-OF-DATE(D) ']'
           DISPLAY '[' FUNCTION DATE-OF-INTEGER(153051) ']'
           DISPLAY '[' FUNCTION ORD('A') ']'
           DISPLAY '[' FUNCTION CHAR(66) ']'
           DISPLAY '[' FUNCTION CURRENT-DATE(1:8) ']'
           DISPLAY '[' FUNCTION NUMVAL(X) ']'
           COMPUTE R = FUNCTION MOD(M 3) + FUNCTION NUMVAL('2.25')
           DISPLAY '[' R ']'
           COMPUTE R = FUNCTION ABS(N) * 2 DISPLAY '[' R ']'
           COMPUTE R = FUNCTION MAX(N M 2.5) DISPLAY '[' R ']'
           COMPUTE R = FUNCTION MIN(N M 2.5) DISPLAY '[' R ']'
           COMPUTE Q = FUNCTION SQRT(2) DISPLAY '[' Q ']'
           COMPUTE R = FUNCTION NUMVAL('12.5-') DISPLAY '[' R ']'
           COMPUTE R = FUNCTION NUMVAL-C('-$1,234.5') DISPLAY '[' R ']'
           COMPUTE R = FUNCTION INTEGER(-2.5) DISPLAY '[' R ']'
           MOVE FUNCTION UPPER-CASE(X) TO T DISPLAY '[' T ']'
           MOVE FUNCTION CONCATENATE('A' X 'B') TO T DISPLAY '[' T ']'
           MOVE FUNCTION TRIM(X) TO T DISPLAY '[' T ']'
           IF FUNCTION UPPER-CASE(X) = '  AB CD' DISPLAY 'EQUAL' END-IF
           STOP RUN.
