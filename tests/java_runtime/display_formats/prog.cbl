       IDENTIFICATION DIVISION.
       PROGRAM-ID. DISPFMT.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 A1 PIC 9(3) VALUE 5.
       01 A2 PIC S9(3) VALUE -5.
       01 A3 PIC S9(3) VALUE 5.
       01 A4 PIC 9(3)V99 VALUE 5.25.
       01 A5 PIC S9(3)V99 VALUE -5.25.
       01 A6 PIC V99 VALUE .25.
       01 B1 PIC 9(2) COMP VALUE 5.
       01 B2 PIC S9(4) COMP VALUE -5.
       01 B3 PIC 9(9) COMP VALUE 123.
       01 B4 PIC S9(18) COMP VALUE -123.
       01 B5 PIC S9(5)V99 COMP VALUE -1.5.
       01 B6 PIC 9(4) COMP-5 VALUE 7.
       01 C1 PIC 9(2) COMP-5 VALUE 7.
       01 C2 PIC S9(2) COMP-5 VALUE -7.
       01 C3 PIC S9(9) COMP-5 VALUE -7.
       01 C4 PIC 9(10) COMP-5 VALUE 7.
       01 C5 PIC S9(3)V9 COMP-5 VALUE -7.5.
       01 C6 PIC S9(4) BINARY VALUE 1234.
       01 P1 PIC 9(3) COMP-3 VALUE 5.
       01 P2 PIC S9(4) COMP-3 VALUE -5.
       01 P3 PIC S9(5)V99 COMP-3 VALUE 12.5.
       01 P4 PIC S9(3) PACKED-DECIMAL VALUE 0.
       01 S1 PIC S9(3) SIGN LEADING SEPARATE VALUE -5.
       01 S2 PIC S9(3) SIGN TRAILING SEPARATE VALUE 5.
       01 S3 PIC S9(3) SIGN LEADING VALUE -5.
       01 S4 PIC S9(3)V9 SIGN TRAILING SEPARATE VALUE -5.
       01 Q1 PIC S9V9(20) VALUE -1.5.
       01 Q2 PIC 9(25) VALUE 1234567890123456789012345.
       01 Q3 PIC S9(20) COMP-3 VALUE -98765432109876543210.
       01 G1.
          05 G1A PIC X(3) VALUE 'AB'.
          05 G1B PIC 9(2) VALUE 7.
          05 G1C PIC S9(2) COMP-3 VALUE -1.
       01 X1 PIC X(5) VALUE 'HI'.
       PROCEDURE DIVISION.
           DISPLAY '[' A1 '][' A2 '][' A3 '][' A4 '][' A5 '][' A6 ']'
           DISPLAY '[' B1 '][' B2 '][' B3 '][' B4 '][' B5 '][' B6 ']'
           DISPLAY '[' C1 '][' C2 '][' C3 '][' C4 '][' C5 '][' C6 ']'
           DISPLAY '[' P1 '][' P2 '][' P3 '][' P4 ']'
           DISPLAY '[' S1 '][' S2 '][' S3 '][' S4 ']'
           DISPLAY '[' Q1 '][' Q2 '][' Q3 ']'
           DISPLAY '[' G1 '][' X1 ']'
           DISPLAY 123 ' ' -1.5 ' ' 0.50 ' ' +7
           DISPLAY ZERO SPACE '|' QUOTE HIGH-VALUE LOW-VALUE '|'
           DISPLAY ALL '*' '|' ZEROS
           DISPLAY 'A' WITH NO ADVANCING
           DISPLAY 'B'
           DISPLAY 'RC ' RETURN-CODE
           STOP RUN.
