       IDENTIFICATION DIVISION.
       PROGRAM-ID. STRINS.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 FIRST-N PIC X(10) VALUE 'JOHN'.
       01 LAST-N PIC X(10) VALUE 'SMITH'.
       01 OUT1 PIC X(20).
       01 OUT2 PIC X(8).
       01 PTR PIC 99.
       01 NUM PIC S9(3) VALUE -12.
       01 CSV PIC X(30) VALUE 'AB,CDE,,F;GH  IJ'.
       01 F1 PIC X(4).
       01 F2 PIC X(4).
       01 F3 PIC X(4).
       01 F4 PIC X(4).
       01 D1 PIC X(2).
       01 D2 PIC X(2).
       01 C1 PIC 99.
       01 C2 PIC 99.
       01 TALLY-N PIC 99.
       01 N1 PIC 9(3).
       01 SUBJ PIC X(20).
       01 CNT1 PIC 99.
       01 CNT2 PIC 99.
       01 CNT3 PIC 99.
       PROCEDURE DIVISION.
           MOVE ALL '.' TO OUT1
           STRING FIRST-N DELIMITED BY SPACE ' ' DELIMITED BY SIZE
               LAST-N DELIMITED BY '  ' INTO OUT1
           END-STRING
           DISPLAY '1 [' OUT1 ']'
           MOVE 3 TO PTR
           MOVE SPACES TO OUT2
           STRING 'ABCDEF' 'GHIJ' DELIMITED BY SIZE INTO OUT2
               WITH POINTER PTR ON OVERFLOW DISPLAY '2 OVERFLOW'
               NOT ON OVERFLOW DISPLAY '2 NO OVERFLOW'
           END-STRING
           DISPLAY '2 [' OUT2 '] ' PTR
           MOVE 0 TO PTR
           STRING 'X' DELIMITED BY SIZE INTO OUT2 WITH POINTER PTR
               ON OVERFLOW DISPLAY '3 OVERFLOW'
           END-STRING
           DISPLAY '3 [' OUT2 '] ' PTR
           MOVE SPACES TO OUT1
           STRING NUM DELIMITED BY SIZE '/' FIRST-N DELIMITED BY 'H'
               INTO OUT1
           DISPLAY '4 [' OUT1 ']'
           UNSTRING CSV DELIMITED BY ',' OR ';' OR ALL SPACE
               INTO F1 DELIMITER IN D1 COUNT IN C1
                    F2 DELIMITER IN D2 COUNT IN C2
                    F3 F4
               TALLYING IN TALLY-N
           END-UNSTRING
           DISPLAY '5 [' F1 '][' D1 '] ' C1 ' [' F2 '][' D2 '] ' C2
               ' [' F3 '][' F4 '] ' TALLY-N
           MOVE 1 TO PTR
           UNSTRING CSV DELIMITED BY ',' INTO F1 F2 WITH POINTER PTR
               ON OVERFLOW DISPLAY '6 OVERFLOW'
           END-UNSTRING
           DISPLAY '6 [' F1 '][' F2 '] ' PTR
           UNSTRING '12/345/6' DELIMITED BY '/' INTO N1 F1 C1
           DISPLAY '7 ' N1 ' [' F1 '] ' C1
           UNSTRING 'ABCDEFGHIJ' INTO F1 F2
           DISPLAY '8 [' F1 '][' F2 ']'
           MOVE 'AXBXXCXXX' TO SUBJ
           MOVE 0 TO CNT1 CNT2 CNT3
           INSPECT SUBJ TALLYING CNT1 FOR ALL 'X'
                             CNT2 FOR LEADING 'A'
                             CNT3 FOR CHARACTERS
           DISPLAY '9 ' CNT1 ' ' CNT2 ' ' CNT3
           MOVE 0 TO CNT1 CNT2
           INSPECT SUBJ TALLYING CNT1 FOR ALL 'X' BEFORE INITIAL 'C'
                             CNT2 FOR CHARACTERS AFTER INITIAL 'C'
           DISPLAY '10 ' CNT1 ' ' CNT2
           MOVE 0 TO CNT1
           INSPECT SUBJ TALLYING CNT1 FOR ALL 'XX'
           DISPLAY '11 ' CNT1
           INSPECT SUBJ REPLACING ALL 'X' BY '-' AFTER INITIAL 'B'
           DISPLAY '12 [' SUBJ ']'
           MOVE '000120300' TO SUBJ
           INSPECT SUBJ REPLACING LEADING '0' BY SPACE
           DISPLAY '13 [' SUBJ ']'
           INSPECT SUBJ REPLACING FIRST '0' BY 'Z'
           DISPLAY '14 [' SUBJ ']'
           INSPECT SUBJ REPLACING CHARACTERS BY '*' BEFORE INITIAL '3'
           DISPLAY '15 [' SUBJ ']'
           MOVE 'hello World' TO SUBJ
           INSPECT SUBJ CONVERTING 'abcdefghijklmnopqrstuvwxyz'
               TO 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
           DISPLAY '16 [' SUBJ ']'
           MOVE 'A B C' TO SUBJ
           INSPECT SUBJ REPLACING ALL SPACE BY ZERO
           DISPLAY '17 [' SUBJ ']'
           MOVE 0 TO CNT1
           INSPECT SUBJ TALLYING CNT1 FOR ALL '0'
               REPLACING ALL '0' BY '+'
           DISPLAY '18 ' CNT1 ' [' SUBJ ']'
           MOVE 'ABABAB' TO SUBJ
           INSPECT SUBJ REPLACING ALL 'AB' BY 'X1' 'A' BY 'Q'
           DISPLAY '19 [' SUBJ ']'
           MOVE 0 TO CNT1
           INSPECT SUBJ TALLYING CNT1 FOR ALL SPACES
           DISPLAY '20 ' CNT1
           MOVE 'AAXAA' TO SUBJ
           MOVE 0 TO CNT1 CNT2
           INSPECT SUBJ TALLYING CNT1 FOR LEADING 'A' CNT2 FOR ALL 'A'
           DISPLAY '21 ' CNT1 ' ' CNT2
           MOVE 0 TO CNT1
           INSPECT SUBJ TALLYING CNT1 FOR ALL 'A' AFTER 'Q'
           DISPLAY '22 ' CNT1
           STOP RUN.
