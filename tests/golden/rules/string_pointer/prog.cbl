       IDENTIFICATION DIVISION.
       PROGRAM-ID. STRPTR.
      * Building a CSV line with STRING ... WITH POINTER across several
      * statements, until the pointer runs past the field: ON OVERFLOW
      * and NOT ON OVERFLOW, a pointer that starts out of range, and
      * INSPECT and reference modification on the result.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-NAMES.
           05  FILLER       PIC X(10) VALUE 'SMITH     '.
           05  FILLER       PIC X(10) VALUE 'O''BRIEN   '.
           05  FILLER       PIC X(10) VALUE 'VAN DYKE  '.
           05  FILLER       PIC X(10) VALUE 'LEE       '.
           05  FILLER       PIC X(10) VALUE 'WASHINGTON'.
       01  WS-NAME-TAB REDEFINES WS-NAMES.
           05  WS-NAME      PIC X(10) OCCURS 5 TIMES.
       01  WS-AMOUNTS.
           05  WS-AMT       PIC S9(4)V99 OCCURS 5 TIMES.
       01  WS-AMT-ED        PIC -(4)9.99.
       01  WS-LINE          PIC X(40).
       01  WS-PTR           PIC 9(3).
       01  WS-SHORT         PIC X(8).
       01  WS-SEP           PIC X VALUE ';'.
       01  WS-I             PIC 9.
       01  WS-COUNT         PIC 9(3) VALUE 0.
       01  WS-SPACES        PIC 9(3) VALUE 0.
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE 12.5 TO WS-AMT (1)
           MOVE -3.75 TO WS-AMT (2)
           MOVE 1000 TO WS-AMT (3)
           MOVE -0.01 TO WS-AMT (4)
           MOVE 9999.99 TO WS-AMT (5)
           MOVE ALL '.' TO WS-LINE
           MOVE 1 TO WS-PTR
           PERFORM VARYING WS-I FROM 1 BY 1 UNTIL WS-I > 5
               MOVE WS-AMT (WS-I) TO WS-AMT-ED
               STRING WS-NAME (WS-I) DELIMITED BY SPACE
                      WS-SEP DELIMITED BY SIZE
                      WS-AMT-ED DELIMITED BY SIZE
                      ',' DELIMITED BY SIZE
                   INTO WS-LINE WITH POINTER WS-PTR
                   ON OVERFLOW
                       DISPLAY 'OVERFLOW AT ' WS-I ' PTR ' WS-PTR
                   NOT ON OVERFLOW
                       DISPLAY 'ADDED ' WS-I ' PTR ' WS-PTR
               END-STRING
           END-PERFORM
           DISPLAY '[' WS-LINE ']'
           INSPECT WS-LINE TALLYING WS-COUNT FOR ALL ','
                           WS-SPACES FOR ALL SPACE
           DISPLAY 'COMMAS ' WS-COUNT ' SPACES ' WS-SPACES
           INSPECT WS-LINE REPLACING ALL ' ' BY '_'
               AFTER INITIAL ';'
           DISPLAY '[' WS-LINE ']'
           DISPLAY 'HEAD [' WS-LINE (1:WS-PTR - 30) ']'
           MOVE SPACES TO WS-SHORT
           MOVE 0 TO WS-PTR
           STRING 'ABC' DELIMITED BY SIZE INTO WS-SHORT
               WITH POINTER WS-PTR
               ON OVERFLOW DISPLAY 'PTR 0 OVERFLOW ' WS-PTR
           END-STRING
           DISPLAY '[' WS-SHORT ']'
           MOVE 7 TO WS-PTR
           STRING 'XY' 'Z' DELIMITED BY SIZE INTO WS-SHORT
               WITH POINTER WS-PTR
           DISPLAY '[' WS-SHORT '] PTR ' WS-PTR
           MOVE 'ZZZZZZZZ' TO WS-SHORT
           MOVE 3 TO WS-PTR
           STRING WS-NAME (3) DELIMITED BY ' ' '!' DELIMITED BY SIZE
               INTO WS-SHORT WITH POINTER WS-PTR
           END-STRING
           DISPLAY '[' WS-SHORT '] PTR ' WS-PTR
           STOP RUN.
