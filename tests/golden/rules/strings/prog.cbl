       IDENTIFICATION DIVISION.
       PROGRAM-ID. STRINGS.
      * STRING with delimiters, POINTER and OVERFLOW; INSPECT forms.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01  WS-FIRST         PIC X(10) VALUE 'JOHN'.
       01  WS-LAST          PIC X(10) VALUE 'SMITH'.
       01  WS-OUT           PIC X(20).
       01  WS-SHORT         PIC X(6).
       01  WS-PTR           PIC 99.
       01  WS-TEXT          PIC X(20) VALUE 'A-B-C  DEF--G'.
       01  WS-COUNT         PIC 99.
       01  WS-COUNT2        PIC 99.
       01  WS-NUM-TEXT      PIC X(8) VALUE '00012.50'.
       PROCEDURE DIVISION.
       MAIN-PARA.
           MOVE SPACES TO WS-OUT
           STRING WS-FIRST DELIMITED BY SPACE
                  ' ' DELIMITED BY SIZE
                  WS-LAST DELIMITED BY '  '
                  INTO WS-OUT
           END-STRING
           DISPLAY '[' WS-OUT ']'
           MOVE ALL '.' TO WS-OUT
           MOVE 3 TO WS-PTR
           STRING 'AB' 'CD' DELIMITED BY SIZE
                  INTO WS-OUT WITH POINTER WS-PTR
           DISPLAY '[' WS-OUT '] PTR=' WS-PTR
           MOVE SPACES TO WS-SHORT
           STRING WS-FIRST WS-LAST DELIMITED BY SIZE INTO WS-SHORT
               ON OVERFLOW DISPLAY 'OVERFLOW [' WS-SHORT ']'
               NOT ON OVERFLOW DISPLAY 'WRONG'
           END-STRING
           MOVE 0 TO WS-COUNT WS-COUNT2
           INSPECT WS-TEXT TALLYING WS-COUNT FOR ALL '-'
           DISPLAY 'DASHES=' WS-COUNT
           INSPECT WS-TEXT TALLYING WS-COUNT2 FOR LEADING 'A'
           DISPLAY 'LEADING=' WS-COUNT2
           MOVE 0 TO WS-COUNT
           INSPECT WS-TEXT TALLYING WS-COUNT FOR CHARACTERS
               BEFORE INITIAL ' '
           DISPLAY 'BEFORE SPACE=' WS-COUNT
           INSPECT WS-TEXT REPLACING ALL '-' BY '+'
           DISPLAY '[' WS-TEXT ']'
           INSPECT WS-TEXT REPLACING FIRST '+' BY '*'
               AFTER INITIAL 'C'
           DISPLAY '[' WS-TEXT ']'
           INSPECT WS-NUM-TEXT REPLACING LEADING '0' BY ' '
           DISPLAY '[' WS-NUM-TEXT ']'
           INSPECT WS-TEXT CONVERTING 'ABCDEFG' TO 'abcdefg'
           DISPLAY '[' WS-TEXT ']'
           INSPECT WS-TEXT REPLACING CHARACTERS BY '#'
               AFTER INITIAL 'f'
           DISPLAY '[' WS-TEXT ']'
           STOP RUN.
