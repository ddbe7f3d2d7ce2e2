"""A JCL parser: jobs, steps, the programs they run and their DD statements.

It reads the statements batch work uses: ``JOB``, ``EXEC PGM=``, ``DD`` with
``DSN``/``DISP``/``SYSOUT``, in-stream data (``DD *`` and ``DD DATA`` up to
``/*`` or the next statement), comments (``//*``) and continued operands
(a field ending in a comma continues on the next statement line).
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate.errors import InputError
from migrate.model import DDStatement, Job, JobStep, SourcePos


@dataclass
class _Card:
    """One JCL statement, continuation lines joined."""

    name: str
    operation: str
    operands: str
    line: int
    instream: str | None = None


def parse_jcl(text: str, relpath: str) -> list[Job]:
    """Parse one JCL member into its jobs."""
    cards = _cards(text.splitlines(), relpath)
    is_test = "tests" in relpath.lower().split("/")[:-1]
    jobs: list[Job] = []
    job_name, job_line = "", 0
    steps: list[JobStep] = []
    step: tuple[str, str, int, str] | None = None  # name, program, line, parm
    dds: list[DDStatement] = []

    def close_step() -> None:
        if step is not None:
            name, program, line, parm = step
            steps.append(JobStep(name, program, tuple(dds), SourcePos(relpath, line), parm))

    def close_job() -> None:
        close_step()
        if job_name:
            jobs.append(Job(job_name, relpath, tuple(steps), SourcePos(relpath, job_line), is_test))

    for card in cards:
        if card.operation == "JOB":
            close_job()
            job_name, job_line, steps, step, dds = card.name, card.line, [], None, []
        elif card.operation == "EXEC":
            close_step()
            step, dds = _exec(card, relpath), []
        elif card.operation == "DD" and step is not None:
            dds.append(_dd(card, relpath))
    close_job()
    return jobs


def _cards(lines: list[str], relpath: str) -> list[_Card]:
    cards: list[_Card] = []
    index = 0
    while index < len(lines):
        raw = lines[index][:72]
        index += 1
        if not raw.startswith("//") or raw.startswith("//*") or not raw[2:].strip():
            continue
        card = _split_card(raw, index)
        while card.operands.endswith(",") and index < len(lines):
            more = lines[index][:72]
            if not more.startswith("//") or more.startswith("//*"):
                break
            card.operands += _field(more[2:].strip())
            index += 1
        if card.operation == "DD" and _is_instream(card.operands):
            data: list[str] = []
            while index < len(lines) and not lines[index].startswith(("/*", "//")):
                data.append(lines[index])
                index += 1
            if index < len(lines) and lines[index].startswith("/*"):
                index += 1
            card.instream = "".join(f"{line}\n" for line in data)
        cards.append(card)
    return cards


def _split_card(raw: str, line: int) -> _Card:
    body = raw[2:]
    name = ""
    if body[:1] != " ":
        name, _, body = body.partition(" ")
    parts = body.split(None, 1)
    operation = parts[0].upper() if parts else ""
    operands = _field(parts[1]) if len(parts) > 1 else ""
    return _Card(name.upper(), operation, operands, line)


def _field(text: str) -> str:
    """The operand field: text up to the first blank outside quotes."""
    quote = False
    for index, char in enumerate(text):
        if char == "'":
            quote = not quote
        elif char == " " and not quote:
            return text[:index]
    return text


def _is_instream(operands: str) -> bool:
    first = split_operands(operands)[0] if operands else ""
    return first.upper() in ("*", "DATA")


def split_operands(operands: str) -> list[str]:
    """Split operands at commas outside parentheses and quotes."""
    parts: list[str] = []
    depth, quote, start = 0, False, 0
    for index, char in enumerate(operands):
        if char == "'":
            quote = not quote
        elif quote:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(operands[start:index])
            start = index + 1
    parts.append(operands[start:])
    return [part for part in parts if part]


def keywords(operands: str) -> dict[str, str]:
    """The ``KEY=value`` operands, keys upper case."""
    result: dict[str, str] = {}
    for part in split_operands(operands):
        key, sep, value = part.partition("=")
        if sep:
            result[key.upper()] = value
    return result


def _exec(card: _Card, relpath: str) -> tuple[str, str, int, str]:
    values = keywords(card.operands)
    program = values.get("PGM", "").upper()
    if not program:
        raise InputError(
            f"EXEC of step {card.name or '(unnamed)'} names no program",
            hint="write EXEC PGM=NAME; cataloged procedures are not read yet",
            pos=SourcePos(relpath, card.line),
        )
    parm = values.get("PARM", "").strip("'")
    return card.name, program, card.line, parm


def _dd(card: _Card, relpath: str) -> DDStatement:
    values = keywords(card.operands)
    dsn = values.get("DSN", values.get("DSNAME", "")).upper()
    disp = values.get("DISP", "").strip("()").split(",")[0].upper()
    if dsn and not disp:
        disp = "NEW"  # the JCL default for DISP
    pos = SourcePos(relpath, card.line)
    return DDStatement(
        card.name,
        dsn,
        disp,
        pos,
        instream=card.instream,
        sysout="SYSOUT" in values,
    )
