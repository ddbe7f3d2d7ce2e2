       IDENTIFICATION DIVISION.
       PROGRAM-ID. EDITPIC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 E01 PIC ZZZ9.
       01 E02 PIC ZZ,ZZ9.99.
       01 E03 PIC ZZ,ZZ9.99-.
       01 E04 PIC -ZZZ9.99.
       01 E05 PIC +ZZZ9.99.
       01 E06 PIC ZZZ9.99+.
       01 E07 PIC ZZZ9.99CR.
       01 E08 PIC ZZZ9.99DB.
       01 E09 PIC $$$,$$9.99.
       01 E10 PIC $ZZ,ZZ9.99.
       01 E11 PIC ----9.99.
       01 E12 PIC ++++9.99.
       01 E13 PIC ***,**9.99.
       01 E14 PIC $***,**9.99-.
       01 E15 PIC 9(5).
       01 E16 PIC 99/99/99.
       01 E17 PIC 999B999.
       01 E18 PIC 9990.99.
       01 E19 PIC ZZZ.ZZ.
       01 E20 PIC ZZZZ.
       01 E21 PIC -----.
       01 E22 PIC $$$$$.
       01 E23 PIC ****.
       01 E24 PIC -9(4).99.
       01 E25 PIC Z(4)9.9(3).
       01 E26 PIC ---,--9.99.
       01 E27 PIC +++,++9.
       01 E28 PIC ZZZ,ZZZ.ZZ.
       01 E29 PIC 9.99-.
       01 E30 PIC $$,$$$.99.
       01 E31 PIC **,***.**.
       01 E32 PIC Z,ZZ9B-.
       01 E33 PIC 00099.
       01 EBZ PIC ZZZ9.99 BLANK WHEN ZERO.
       01 SRC PIC S9(7)V99.
       PROCEDURE DIVISION.
           MOVE 0 TO SRC
           PERFORM SHOW-ALL
           MOVE 1234.56 TO SRC
           PERFORM SHOW-ALL
           MOVE -1234.56 TO SRC
           PERFORM SHOW-ALL
           MOVE 0.05 TO SRC
           PERFORM SHOW-ALL
           MOVE -0.05 TO SRC
           PERFORM SHOW-ALL
           MOVE 7 TO SRC
           PERFORM SHOW-ALL
           MOVE -7 TO SRC
           PERFORM SHOW-ALL
           MOVE 123456.78 TO SRC
           PERFORM SHOW-ALL
           MOVE -0.5 TO SRC
           PERFORM SHOW-ALL
           MOVE 99999.99 TO SRC
           PERFORM SHOW-ALL
           STOP RUN.
       SHOW-ALL.
           MOVE SRC TO E01
           DISPLAY '01 ZZZ9          [' E01 ']'
           MOVE SRC TO E02
           DISPLAY '02 ZZ,ZZ9.99     [' E02 ']'
           MOVE SRC TO E03
           DISPLAY '03 ZZ,ZZ9.99-    [' E03 ']'
           MOVE SRC TO E04
           DISPLAY '04 -ZZZ9.99      [' E04 ']'
           MOVE SRC TO E05
           DISPLAY '05 +ZZZ9.99      [' E05 ']'
           MOVE SRC TO E06
           DISPLAY '06 ZZZ9.99+      [' E06 ']'
           MOVE SRC TO E07
           DISPLAY '07 ZZZ9.99CR     [' E07 ']'
           MOVE SRC TO E08
           DISPLAY '08 ZZZ9.99DB     [' E08 ']'
           MOVE SRC TO E09
           DISPLAY '09 $$$,$$9.99    [' E09 ']'
           MOVE SRC TO E10
           DISPLAY '10 $ZZ,ZZ9.99    [' E10 ']'
           MOVE SRC TO E11
           DISPLAY '11 ----9.99      [' E11 ']'
           MOVE SRC TO E12
           DISPLAY '12 ++++9.99      [' E12 ']'
           MOVE SRC TO E13
           DISPLAY '13 ***,**9.99    [' E13 ']'
           MOVE SRC TO E14
           DISPLAY '14 $***,**9.99-  [' E14 ']'
           MOVE SRC TO E15
           DISPLAY '15 9(5)          [' E15 ']'
           MOVE SRC TO E16
           DISPLAY '16 99/99/99      [' E16 ']'
           MOVE SRC TO E17
           DISPLAY '17 999B999       [' E17 ']'
           MOVE SRC TO E18
           DISPLAY '18 9990.99       [' E18 ']'
           MOVE SRC TO E19
           DISPLAY '19 ZZZ.ZZ        [' E19 ']'
           MOVE SRC TO E20
           DISPLAY '20 ZZZZ          [' E20 ']'
           MOVE SRC TO E21
           DISPLAY '21 -----         [' E21 ']'
           MOVE SRC TO E22
           DISPLAY '22 $$$$$         [' E22 ']'
           MOVE SRC TO E23
           DISPLAY '23 ****          [' E23 ']'
           MOVE SRC TO E24
           DISPLAY '24 -9(4).99      [' E24 ']'
           MOVE SRC TO E25
           DISPLAY '25 Z(4)9.9(3)    [' E25 ']'
           MOVE SRC TO E26
           DISPLAY '26 ---,--9.99    [' E26 ']'
           MOVE SRC TO E27
           DISPLAY '27 +++,++9       [' E27 ']'
           MOVE SRC TO E28
           DISPLAY '28 ZZZ,ZZZ.ZZ    [' E28 ']'
           MOVE SRC TO E29
           DISPLAY '29 9.99-         [' E29 ']'
           MOVE SRC TO E30
           DISPLAY '30 $$,$$$.99     [' E30 ']'
           MOVE SRC TO E31
           DISPLAY '31 **,***.**     [' E31 ']'
           MOVE SRC TO E32
           DISPLAY '32 Z,ZZ9B-       [' E32 ']'
           MOVE SRC TO E33
           DISPLAY '33 00099         [' E33 ']'
           MOVE SRC TO EBZ
           DISPLAY 'BZ ZZZ9.99 BWZ   [' EBZ ']'
           EXIT.
