000100 IDENTIFICATION DIVISION.                                         BNK0100
000200 PROGRAM-ID. TMONYFMT.                                            BNK0100
000300*****************************************************************
000400* TMONYFMT  TEST DRIVER FOR MONEYFMT: EVERY STYLE ON ZERO, ONE    BNK0100
000500*           CENT, NEGATIVE AMOUNTS AND THE LARGEST AMOUNTS.       BNK0100
000600*****************************************************************
000700 DATA DIVISION.                                                   BNK0100
000800 WORKING-STORAGE SECTION.                                         BNK0100
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
001000 01  WS-AMOUNT                   PIC S9(11)V99 VALUE ZERO.        BNK0100
001100 PROCEDURE DIVISION.                                              BNK0100
001200 0000-MAIN.                                                       BNK0100
001300     MOVE ZERO TO WS-AMOUNT                                       BNK0100
001400     PERFORM 1000-ALL-STYLES                                      BNK0100
001500     MOVE 0.01 TO WS-AMOUNT                                       BNK0100
001600     PERFORM 1000-ALL-STYLES                                      BNK0100
001700     MOVE -0.01 TO WS-AMOUNT                                      BNK0100
001800     PERFORM 1000-ALL-STYLES                                      BNK0100
001900     MOVE 1234.5 TO WS-AMOUNT                                     BNK0100
002000     PERFORM 1000-ALL-STYLES                                      BNK0100
002100     MOVE -1234.5 TO WS-AMOUNT                                    BNK0100
002200     PERFORM 1000-ALL-STYLES                                      BNK0100
002300     MOVE -1000000 TO WS-AMOUNT                                   BNK0100
002400     PERFORM 1000-ALL-STYLES                                      BNK0100
002500     MOVE 99999999999.99 TO WS-AMOUNT                             BNK0100
002600     PERFORM 1000-ALL-STYLES                                      BNK0100
002700     MOVE -99999999999.99 TO WS-AMOUNT                            BNK0100
002800     PERFORM 1000-ALL-STYLES                                      BNK0100
002900     MOVE 'Q' TO MF-STYLE                                         BNK0100
003000     PERFORM 2000-FORMAT                                          BNK0100
003100     STOP RUN.                                                    BNK0100
003200                                                                  BNK0100
003300 1000-ALL-STYLES.                                                 BNK0100
003400     SET MF-STYLE-EDITED TO TRUE                                  BNK0100
003500     PERFORM 2000-FORMAT                                          BNK0100
003600     SET MF-STYLE-LEFT TO TRUE                                    BNK0100
003700     PERFORM 2000-FORMAT                                          BNK0100
003800     SET MF-STYLE-PROTECT TO TRUE                                 BNK0100
003900     PERFORM 2000-FORMAT.                                         BNK0100
004000                                                                  BNK0100
004100 2000-FORMAT.                                                     BNK0100
004200     MOVE WS-AMOUNT TO MF-AMOUNT                                  BNK0100
004300     CALL 'MONEYFMT' USING MONY-PARM                              BNK0100
004400     DISPLAY 'TMONYFMT: ' MF-STYLE ' ' MF-AMOUNT ' [' MF-TEXT     BNK0100
004500             '] LEN ' MF-LENGTH ' RC ' MF-RC.                     BNK0100
