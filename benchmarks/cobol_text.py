"""Render a synthetic estate's programs, copybooks and jobs as text.

Programs and copybooks are fixed-format COBOL: sequence numbers in columns
1-6, the indicator in column 7 (``*`` comments, ``/`` page ejects), text in
columns 8-72, and on some members the member name in the identification
area, columns 73-80. Each member draws from its own ``random.Random``, seeded
by the estate seed and its name, so a member's text does not depend on the
order members are written in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from estate_shape import (
    CallSpec,
    CallStyle,
    CopybookKind,
    CopybookSpec,
    JobSpec,
    ProgramSpec,
)

# Columns 8 to 72: area A and area B.
WIDTH = 65
AREA_B = 4
WORDS = (
    "ACCOUNT",
    "BALANCE",
    "CUSTOMER",
    "BRANCH",
    "LIMIT",
    "STATUS",
    "RATE",
    "AMOUNT",
    "PERIOD",
    "REGION",
    "CHANNEL",
    "CURRENCY",
    "PRODUCT",
    "TERM",
)
# Short field words, as record layouts abbreviate them.
FIELD_WORDS = (
    "ACCT-NO",
    "BAL",
    "CUST-ID",
    "BRCH",
    "LIMIT",
    "STAT",
    "RATE",
    "AMT",
    "PERD",
    "REGN",
    "CHNL",
    "CURR",
    "PROD-CD",
    "TERM",
    "OPEN-DT",
    "SEQ",
)
VERBS = (
    "VALIDATE",
    "LOAD",
    "APPLY",
    "POST",
    "CHECK",
    "BUILD",
    "FORMAT",
    "COMPUTE",
    "UPDATE",
    "WRITE",
    "READ",
    "MERGE",
    "ROUTE",
    "SUMMARIZE",
)


class SourceWriter:
    """Collects lines of area A/B text and renders them in fixed format."""

    def __init__(self, tag: str = "") -> None:
        self.tag = tag
        self._rows: list[tuple[str, str]] = []  # (indicator, text)

    def __len__(self) -> int:
        return len(self._rows)

    def area_a(self, text: str) -> None:
        self._rows.append((" ", text))

    def area_b(self, text: str, level: int = 0) -> None:
        """Add a line in area B, nested ``level`` steps deeper, wrapping it
        at blanks outside literals when it runs past column 72."""
        indent = " " * (AREA_B + 3 * level)
        for piece in _wrap(text, indent):
            self._rows.append((" ", piece))

    def comment(self, text: str = "") -> None:
        self._rows.append(("*", text[:WIDTH]))

    def eject(self) -> None:
        self._rows.append(("/", ""))

    def end_sentence(self) -> None:
        """End the last statement with a period."""
        for index in range(len(self._rows) - 1, -1, -1):
            indicator, text = self._rows[index]
            if indicator == " " and text.strip():
                if len(text) < WIDTH:
                    self._rows[index] = (indicator, text + ".")
                else:
                    self._rows.insert(index + 1, (" ", " " * AREA_B + "."))
                return

    def render(self) -> str:
        """Return the member text, with sequence numbers stepping by 100, or
        by less when the member is too long for six digits."""
        count = len(self._rows)
        step = 100
        while step > 1 and count * step >= 1_000_000:
            step //= 10
        out = []
        for number, (indicator, text) in enumerate(self._rows, 1):
            if len(text) > WIDTH:
                raise ValueError(f"line {number} is longer than area B: {text!r}")
            line = f"{number * step % 1_000_000:06d}{indicator}{text}"
            out.append(line.ljust(72) + self.tag if self.tag else line.rstrip())
        return "\n".join(out) + "\n"


def _wrap(text: str, indent: str) -> list[str]:
    if len(indent) + len(text) <= WIDTH:
        return [indent + text]
    words = _words(text)
    lines: list[str] = []
    current = indent + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = indent + "    " + word
        else:
            current += " " + word
    lines.append(current)
    return lines


def _words(text: str) -> list[str]:
    """Split at blanks that are not inside a literal."""
    words: list[str] = []
    current, quote = "", ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == " ":
            if current:
                words.append(current)
            current = ""
            continue
        current += char
    if current:
        words.append(current)
    return words


@dataclass
class Workspace:
    """The data names a program's statements can use."""

    numbers: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    # (entry item, subscript item, number of occurrences)
    tables: list[tuple[str, str, int]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    # Callee name to the data item that contains it, for dynamic CALLs; a
    # CALL that cannot be resolved has the key "?N".
    call_items: dict[str, str] = field(default_factory=dict)
    # Interface copybook name to the record it declares, passed with USING.
    parameters: dict[str, str] = field(default_factory=dict)


def pic_clause(rng: random.Random) -> str:
    """Return a PICTURE and USAGE clause as business records use them."""
    roll = rng.random()
    if roll < 0.35:
        return f"PIC X({rng.choice((1, 2, 4, 8, 10, 20, 30, 40))})"
    if roll < 0.55:
        return f"PIC S9({rng.choice((5, 7, 9, 11))})V99 COMP-3"
    if roll < 0.7:
        return f"PIC S9({rng.choice((4, 9))}) COMP"
    if roll < 0.85:
        return f"PIC 9({rng.choice((2, 4, 6, 8))})"
    return "PIC S9(7) SIGN LEADING SEPARATE"


def elementary_items(
    out: SourceWriter, rng: random.Random, prefix: str, count: int, level: int
) -> None:
    """Write ``count`` elementary items, some with 88-level conditions and
    some in an OCCURS table, at ``level`` (05 or 10)."""
    nest = 0 if level == 5 else 1
    written = 0
    while written < count:
        roll = rng.random()
        name = f"{prefix}-{FIELD_WORDS[written % len(FIELD_WORDS)]}-{written + 1:02d}"
        if roll < 0.12:
            out.area_b(f"{level:02d}  {name} PIC X.", nest)
            out.area_b(f"{level + 5:02d}  {name}-YES VALUE 'Y'.", nest + 1)
            out.area_b(f"{level + 5:02d}  {name}-NO VALUE 'N' ' '.", nest + 1)
            written += 3
        elif roll < 0.2:
            out.area_b(
                f"{level:02d}  {name}-TBL OCCURS {rng.randint(2, 12)} TIMES.", nest
            )
            for part in range(rng.randint(2, 3)):
                part_name = f"{name}-{'KAB'[part]}"
                out.area_b(f"{level + 5:02d}  {part_name} {pic_clause(rng)}.", nest + 1)
                written += 1
            written += 1
        else:
            out.area_b(f"{level:02d}  {name} {pic_clause(rng)}.", nest)
            written += 1


def render_copybook(spec: CopybookSpec, seed: int) -> str:
    """Render the text of one copybook."""
    rng = random.Random(f"{seed}:{spec.name}")
    out = SourceWriter(spec.name if rng.random() < 0.3 else "")
    out.comment("-" * 60)
    out.comment(f" {spec.name}: {spec.kind.value} layout")
    out.comment("-" * 60)
    if spec.kind is CopybookKind.FRAGMENT:
        elementary_items(out, rng, spec.name, spec.fields, 10)
        return out.render()
    prefix = ":PFX:" if spec.kind is CopybookKind.TAGGED else spec.name
    suffix = "AREA" if spec.kind is CopybookKind.INTERFACE else "REC"
    out.area_a(f"01  {prefix}-{suffix}.")
    if spec.kind is CopybookKind.INTERFACE:
        out.area_b(f"05  {prefix}-FUNC PIC X(4).")
        out.area_b(f"05  {prefix}-RC PIC S9(4) COMP.")
    groups = max(1, spec.fields // 12)
    for number in range(1, groups + 1):
        out.area_b(f"05  {prefix}-GRP-{number:02d}.")
        elementary_items(out, rng, f"{prefix}-G{number:02d}", spec.fields // groups, 10)
    for nested in spec.nested:
        out.area_b(f"05  {prefix}-{nested}.")
        out.area_b(f"COPY {nested}.")
    return out.render()


def render_job(spec: JobSpec) -> str:
    """Render the JCL of one job."""
    lines = [
        f"//{spec.name:<8} JOB (ACCT),'BATCH {spec.name}',CLASS=A,MSGCLASS=X",
        f"//* {spec.name}: nightly batch of {len(spec.steps)} program steps",
        "//DELTMP   EXEC PGM=IEFBR14",
        f"//DD1      DD DSN=PROD.{spec.name}.TEMP,DISP=(MOD,DELETE,DELETE),",
        "//            SPACE=(TRK,(1,1)),UNIT=SYSDA",
    ]
    for step in spec.steps:
        lines.append(f"//{step.name:<8} EXEC PGM={step.program}")
        lines.append("//STEPLIB  DD DSN=PROD.LOADLIB,DISP=SHR")
        for ddname, dataset, disp in step.dds:
            if disp == "NEW":
                lines.append(f"//{ddname:<8} DD DSN={dataset},DISP=(NEW,CATLG,DELETE),")
                lines.append("//            SPACE=(CYL,(10,5)),UNIT=SYSDA")
            else:
                lines.append(f"//{ddname:<8} DD DSN={dataset},DISP={disp}")
        lines.append("//SYSOUT   DD SYSOUT=*")
    lines.append("//SORTSTEP EXEC PGM=SORT")
    lines.append("//SYSIN    DD *")
    lines.append("  SORT FIELDS=(1,10,CH,A)")
    lines.append("/*")
    return "\n".join(lines) + "\n"


def identification_division(out: SourceWriter, spec: ProgramSpec) -> None:
    """Write the IDENTIFICATION and ENVIRONMENT divisions."""
    out.area_a("IDENTIFICATION DIVISION.")
    out.area_a(f"PROGRAM-ID. {spec.name}.")
    out.area_a("AUTHOR. ESTATE GENERATOR.")
    out.comment("-" * 60)
    out.comment(f" {spec.name}: {spec.layer.value}, call depth {spec.depth}")
    out.comment(
        f" Calls {len(spec.calls)} programs and copies {len(spec.copies)} members."
    )
    out.comment("-" * 60)
    out.area_a("ENVIRONMENT DIVISION.")
    out.area_a("CONFIGURATION SECTION.")
    out.area_a("SOURCE-COMPUTER. IBM-370.")
    if not spec.files:
        return
    out.area_a("INPUT-OUTPUT SECTION.")
    out.area_a("FILE-CONTROL.")
    for item in spec.files:
        out.area_b(f"SELECT {item.name} ASSIGN TO {item.ddname}")
        out.area_b("ORGANIZATION IS SEQUENTIAL")
        out.area_b(f"FILE STATUS IS WS-FS-{item.ddname}.")


def data_division(
    out: SourceWriter,
    spec: ProgramSpec,
    work: Workspace,
    books: dict[str, CopybookSpec],
    rng: random.Random,
) -> None:
    """Write the DATA DIVISION and record in ``work`` the names it
    declares."""
    out.area_a("DATA DIVISION.")
    if spec.files:
        out.area_a("FILE SECTION.")
        for item in spec.files:
            out.area_a(f"FD  {item.name}")
            out.area_b("RECORDING MODE IS F")
            out.area_b("LABEL RECORDS ARE STANDARD.")
            out.area_a(f"01  {item.name}-REC PIC X({rng.choice((80, 133, 250))}).")
    out.area_a("WORKING-STORAGE SECTION.")
    out.area_a(f"01  WS-PROGRAM-NAME PIC X(8) VALUE '{spec.name}'.")
    for item in spec.files:
        out.area_a(f"01  WS-FS-{item.ddname} PIC XX.")
        out.area_b(f"88  {item.ddname}-OK VALUE '00'.")
        out.area_b(f"88  {item.ddname}-EOF VALUE '10'.")
        work.conditions += [f"{item.ddname}-OK", f"{item.ddname}-EOF"]
    _local_items(out, spec, work, rng)
    _call_items(out, spec.calls, work)
    for use in spec.copies:
        _copy_statement(out, use.copybook, use.prefix, books, work)
    out.area_a("LINKAGE SECTION.")
    if spec.interface:
        out.area_b(f"COPY {spec.interface}.")
    else:
        out.area_a("01  LK-PARM-AREA.")
        out.area_b("05  LK-FUNC PIC X(4).")
        out.area_b("05  LK-DATA PIC X(200).")


def _local_items(
    out: SourceWriter, spec: ProgramSpec, work: Workspace, rng: random.Random
) -> None:
    """Write counters, amounts, texts, switches and tables: about one data
    line for every ten program lines."""
    scale = max(2, spec.size // 60)
    groups = (
        ("WS-COUNTERS", "WS-CNT", work.numbers),
        ("WS-AMOUNTS", "WS-AMT", work.numbers),
        ("WS-TEXTS", "WS-TXT", work.texts),
    )
    for group, prefix, names in groups:
        out.area_a(f"01  {group}.")
        for number in range(1, scale + 1):
            name = f"{prefix}-{number:02d}"
            if prefix == "WS-TXT":
                clause = f"PIC X({rng.choice((8, 10, 20, 30))}) VALUE SPACES"
            elif prefix == "WS-AMT":
                clause = "PIC S9(11)V99 COMP-3 VALUE ZERO"
            else:
                clause = "PIC S9(7) COMP-3 VALUE ZERO"
            out.area_b(f"05  {name} {clause}.")
            names.append(name)
        work.groups.append(group)

    out.area_a("01  WS-SWITCHES.")
    for number in range(1, max(2, scale // 2) + 1):
        switch = f"WS-SW-{number:02d}"
        out.area_b(f"05  {switch} PIC X VALUE 'N'.")
        out.area_b(f"88  {switch}-ON VALUE 'Y'.", 1)
        out.area_b(f"88  {switch}-OFF VALUE 'N'.", 1)
        work.conditions += [f"{switch}-ON", f"{switch}-OFF"]
    for number in range(1, max(1, scale // 3) + 1):
        _table(out, work, number, rng.randint(5, 50))

    out.area_a("01  WS-LINK-AREA.")
    out.area_b("05  WS-LINK-FUNC PIC X(4) VALUE 'INIT'.")
    out.area_b("05  WS-LINK-DATA PIC X(200) VALUE SPACES.")


def _table(out: SourceWriter, work: Workspace, number: int, occurs: int) -> None:
    out.area_a(f"01  WS-TABLE-{number:02d}.")
    out.area_b(f"05  WS-TBL-IDX-{number:02d} PIC S9(4) COMP VALUE ZERO.")
    out.area_b(f"05  WS-TBL-ENT-{number:02d} OCCURS {occurs} TIMES.")
    out.area_b(f"10  WS-TBL-KEY-{number:02d} PIC X(10).", 1)
    out.area_b(f"10  WS-TBL-VAL-{number:02d} PIC S9(9)V99 COMP-3.", 1)
    work.tables.append((f"WS-TBL-VAL-{number:02d}", f"WS-TBL-IDX-{number:02d}", occurs))
    work.numbers.append(f"WS-TBL-IDX-{number:02d}")


def _call_items(out: SourceWriter, calls: list[CallSpec], work: Workspace) -> None:
    dynamic = [c for c in calls if c.style is not CallStyle.STATIC]
    if not dynamic:
        return
    out.area_a("01  WS-CALL-TARGETS.")
    for number, call in enumerate(dynamic, 1):
        name = f"WS-CALL-PGM-{number:02d}"
        value = f" VALUE '{call.callee}'" if call.style is CallStyle.VALUE else ""
        out.area_b(f"05  {name} PIC X(8){value}.")
        work.call_items[call.callee or f"?{number}"] = name


def _copy_statement(
    out: SourceWriter,
    name: str,
    prefix: str,
    books: dict[str, CopybookSpec],
    work: Workspace,
) -> None:
    book = books[name]
    if prefix:
        out.area_b(f"COPY {name} REPLACING ==:PFX:== BY =={prefix}-{name[:4]}==.")
        work.groups.append(f"{prefix}-{name[:4]}-REC")
        return
    out.area_b(f"COPY {name}.")
    if book.kind is CopybookKind.INTERFACE:
        work.parameters[name] = f"{name}-AREA"
    elif book.kind is CopybookKind.RECORD:
        work.groups.append(f"{name}-REC")
