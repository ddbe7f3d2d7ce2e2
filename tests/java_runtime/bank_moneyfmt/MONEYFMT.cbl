000100 IDENTIFICATION DIVISION.                                         BNK0100
000200 PROGRAM-ID. MONEYFMT.                                            BNK0100
000300*****************************************************************
000400* MONEYFMT  FORMATS A SIGNED AMOUNT FOR PRINTING (SEE MONYPARM).  BNK0100
000500*           SHARED BY THE SUMMARY, STATEMENT AND AUDIT PROGRAMS.  BNK0100
000600*****************************************************************
000700 DATA DIVISION.                                                   BNK0100
000800 WORKING-STORAGE SECTION.                                         BNK0100
000900 01  WS-EDITED                   PIC ZZ,ZZZ,ZZZ,ZZ9.99-.          BNK0100
001000 01  WS-EDITED-CHARS REDEFINES WS-EDITED.                         BNK0100
001100     05  WS-EDIT-CH              PIC X OCCURS 18 TIMES.           BNK0100
001200 01  WS-PROTECTED                PIC ZZ,ZZZ,ZZZ,ZZ9.99.           BNK0100
001300 01  WS-ABS-AMOUNT               PIC 9(11)V99.                    BNK0100
001400 01  WS-COUNTERS.                                                 BNK0100
001500     05  WS-LEAD-SPACES          PIC 9(2) COMP.                   BNK0100
001600     05  WS-START                PIC 9(2) COMP.                   BNK0100
001700     05  WS-POS                  PIC 9(2) COMP.                   BNK0100
001800     05  WS-PTR                  PIC 9(2) COMP.                   BNK0100
001900 LINKAGE SECTION.                                                 BNK0100
000100*****************************************************************
000200* MONYPARM  PARAMETER BLOCK OF THE MONEY FORMATTER MONEYFMT.      BNK0100
000300*   MF-STYLE  E  RIGHT-JUSTIFIED, TRAILING MINUS                  BNK0100
000400*             L  LEFT-JUSTIFIED WITH A 'USD ' PREFIX              BNK0100
000500*             P  CHECK PROTECTED WITH ASTERISKS, NO SIGN          BNK0100
000600*   MF-LENGTH IS THE NUMBER OF SIGNIFICANT CHARACTERS IN MF-TEXT. BNK0100
000700*****************************************************************
000800 01  MONY-PARM.                                                   BNK0100
000900     05  MF-AMOUNT               PIC S9(11)V99.                   BNK0100
001000     05  MF-STYLE                PIC X.                           BNK0100
001100         88  MF-STYLE-EDITED     VALUE 'E'.                       BNK0100
001200         88  MF-STYLE-LEFT       VALUE 'L'.                       BNK0100
001300         88  MF-STYLE-PROTECT    VALUE 'P'.                       BNK0100
001400     05  MF-TEXT                 PIC X(24).                       BNK0100
001500     05  MF-LENGTH               PIC 9(2).                        BNK0100
001600     05  MF-RC                   PIC 9.                           BNK0100
001700         88  MF-OK               VALUE 0.                         BNK0100
001800         88  MF-BAD-STYLE        VALUE 8.                         BNK0100
002100 PROCEDURE DIVISION USING MONY-PARM.                              BNK0100
002200 0000-MAIN.                                                       BNK0100
002300     MOVE SPACES TO MF-TEXT                                       BNK0100
002400     MOVE ZERO TO MF-LENGTH MF-RC                                 BNK0100
002500     EVALUATE TRUE                                                BNK0100
002600         WHEN MF-STYLE-EDITED                                     BNK0100
002700             MOVE MF-AMOUNT TO WS-EDITED                          BNK0100
002800             MOVE WS-EDITED TO MF-TEXT                            BNK0100
002900             MOVE 18 TO MF-LENGTH                                 BNK0100
003000         WHEN MF-STYLE-LEFT                                       BNK0100
003100             PERFORM 1000-LEFT-JUSTIFY                            BNK0100
003200         WHEN MF-STYLE-PROTECT                                    BNK0100
003300             PERFORM 2000-CHECK-PROTECT                           BNK0100
003400         WHEN OTHER                                               BNK0100
003500             SET MF-BAD-STYLE TO TRUE                             BNK0100
003600             MOVE 'STYLE?' TO MF-TEXT                             BNK0100
003700             MOVE 6 TO MF-LENGTH                                  BNK0100
003800     END-EVALUATE                                                 BNK0100
003900     GOBACK.                                                      BNK0100
004000                                                                  BNK0100
004100*    COPIES THE NON-BLANK CHARACTERS OF THE EDITED AMOUNT AFTER   BNK0100
004200*    A 'USD ' PREFIX: -1234.5 BECOMES 'USD 1,234.50-'.            BNK0100
004300 1000-LEFT-JUSTIFY.                                               BNK0100
004400     MOVE MF-AMOUNT TO WS-EDITED                                  BNK0100
004500     MOVE ZERO TO WS-LEAD-SPACES                                  BNK0100
004600     INSPECT WS-EDITED TALLYING WS-LEAD-SPACES FOR LEADING ' '    BNK0100
004700     MOVE 1 TO WS-PTR                                             BNK0100
004800     STRING 'USD ' DELIMITED BY SIZE                              BNK0100
004900         INTO MF-TEXT WITH POINTER WS-PTR                         BNK0100
005000     END-STRING                                                   BNK0100
005100     ADD 1 WS-LEAD-SPACES GIVING WS-START                         BNK0100
005200     PERFORM VARYING WS-POS FROM WS-START BY 1                    BNK0100
005300             UNTIL WS-POS > 18                                    BNK0100
005400         IF WS-EDIT-CH (WS-POS) NOT = SPACE                       BNK0100
005500             STRING WS-EDIT-CH (WS-POS) DELIMITED BY SIZE         BNK0100
005600                 INTO MF-TEXT WITH POINTER WS-PTR                 BNK0100
005700             END-STRING                                           BNK0100
005800         END-IF                                                   BNK0100
005900     END-PERFORM                                                  BNK0100
006000     SUBTRACT 1 FROM WS-PTR GIVING MF-LENGTH.                     BNK0100
006100                                                                  BNK0100
006200*    A MOVE TO THE UNSIGNED WS-ABS-AMOUNT DROPS THE SIGN, SO A    BNK0100
006300*    CHECK NEVER SHOWS A MINUS.  BLANKS BECOME ASTERISKS.         BNK0100
006400 2000-CHECK-PROTECT.                                              BNK0100
006500     MOVE MF-AMOUNT TO WS-ABS-AMOUNT                              BNK0100
006600     MOVE WS-ABS-AMOUNT TO WS-PROTECTED                           BNK0100
006700     INSPECT WS-PROTECTED REPLACING ALL ' ' BY '*'                BNK0100
006800     MOVE WS-PROTECTED TO MF-TEXT                                 BNK0100
006900     MOVE 17 TO MF-LENGTH.                                        BNK0100
