"""A JCL parser: jobs, their steps with procedures expanded, and the DD
statements of each step.

Statements read:

* ``JOB``; the null statement ``//`` ends a job.
* ``EXEC PGM=`` and ``EXEC [PROC=]name`` of an in-stream procedure
  (``//NAME PROC`` ... ``// PEND`` inside the job) or of a cataloged one,
  found through ``// JCLLIB ORDER=`` and the ``procedures`` lookup.
* ``// SET``, procedure defaults on ``PROC`` and overrides on the calling
  ``EXEC``, substituted as ``&SYM`` or ``&SYM.`` (the period ends the symbol
  and is dropped). ``&&NAME`` is a temporary dataset, never a symbol.
* ``// INCLUDE MEMBER=``, spliced in place.
* ``DD`` with ``DSN``, ``DISP``, ``SYSOUT``, ``DUMMY``, concatenations and
  referbacks (``DSN=*.STEP.DD``). In-stream data runs from ``DD *`` to
  ``/*`` or the next statement, and from ``DD DATA`` to ``/*``, or to the
  ``DLM=`` delimiter when one is given.
* Overrides of procedure DDs (``//PROCSTEP.DDNAME DD``), which replace the
  parameters they code and keep the others.
* Continued operands: a field ending in a comma, or a quoted value run to
  column 71 and resumed in column 16.
* Data lines that no DD statement announces, which JES reads as
  ``//SYSIN DD *``.

What each step runs (a TSO or IMS batch step runs another program, and
utilities are marked) is found by :func:`migrate.parse.jobflow.step_program`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from migrate.errors import InputError
from migrate.model import DDStatement, Job, JobStep, SourcePos
from migrate.parse.jobflow import step_program

# Finds a cataloged procedure or INCLUDE member by name, given the JCLLIB
# libraries in force (outermost first): returns (relpath, text) or None.
ProcedureLookup = Callable[[str, tuple[str, ...]], "tuple[str, str] | None"]

# Statement text ends in column 71; column 72 is the continuation column.
_TEXT_END = 71
# Operands of EXEC that are not symbols, also in the form KEY.procstep.
_EXEC_KEYWORDS = frozenset(
    "ACCT ADDRSPC CCSID COND DPRTY DYNAMNBR MEMLIMIT PARM PARMDD PERFORM PGM "  # noqa: SIM905
    "PROC RD REGION REGIONX TIME TVSMSG".split()
)
# z/OS system symbols and the JES symbol SYSUID: the system substitutes
# them at run time, so they stay as written, with no problem reported.
_SYSTEM_SYMBOLS = frozenset(
    "DATE DAY HHMMSS HR JDAY JOBNAME LDATE LDAY LHHMMSS LHR LJDAY LMIN LMON "  # noqa: SIM905
    "LSEC LTIME LWDAY LYR2 LYR4 LYYMMDD MIN MON SEC SEQ SID SYSALVL SYSCLONE "
    "SYSNAME SYSPLEX SYSR1 SYSUID TIME WDAY YR2 YR4 YYMMDD".split()
)
_SYMBOL = re.compile(r"&([A-Z@#$][A-Z0-9@#$]{0,7})", re.IGNORECASE)
_TEMPORARY_DSN = re.compile(r"(?:^|,)DSN(?:AME)?=$", re.IGNORECASE)


@dataclass
class _Card:
    """One JCL statement, continuation lines joined."""

    name: str
    operation: str
    operands: str
    member: str
    line: int
    instream: str | None = None


def parse_jcl(
    text: str,
    relpath: str,
    procedures: ProcedureLookup | None = None,
    problems: list[InputError] | None = None,
) -> list[Job]:
    """Parse one JCL member into its jobs, procedures expanded.

    ``procedures`` finds cataloged procedures and INCLUDE members (see
    :class:`migrate.parse.jobflow.MemberLibrary`); without it only in-stream
    procedures are found.
    A problem the user can fix (a missing procedure or INCLUDE member, an
    undefined symbol, an EXEC with neither PGM= nor a procedure, a
    procedure that calls itself, an override of a step the procedure does
    not have) raises :class:`InputError` at its member and line, with a
    hint. When ``problems`` is a list,
    each problem is appended to it instead and parsing goes on: the step
    that names a missing procedure is left out, and an undefined symbol
    stays as written. Statements outside a job, such as a procedure
    member's, give no jobs.
    """
    is_test = "tests" in relpath.lower().split("/")[:-1]
    jobs: list[Job] = []
    for header, body, instream in _split_jobs(_read_cards(text, relpath)):
        context = _JobContext(procedures, problems, instream)
        level = _Level(context, {}, ())
        level.run(body, ())
        jobs.append(
            Job(
                header.name,
                relpath,
                _finish_steps(level.steps),
                SourcePos(relpath, header.line),
                is_test,
                tuple(context.used),
            )
        )
    return jobs


# --- statements --------------------------------------------------------


def _read_cards(text: str, relpath: str) -> list[_Card]:
    """Split a member into statements, skipping comments and JES2 control
    statements, with each DD's in-stream data attached to it."""
    lines = text.splitlines()
    cards: list[_Card] = []
    index = 0
    while index < len(lines):
        raw = lines[index][:_TEXT_END]
        if raw.startswith("//*"):
            index += 1
        elif raw.startswith("//") and not raw[2:].strip():
            cards.append(_Card("", "", "", relpath, index + 1))
            index += 1
        elif raw.startswith("//"):
            card, index = _statement(lines, index, relpath)
            cards.append(card)
        elif raw.strip() and not raw.startswith("/*") and _takes_data(cards):
            # JES reads data that no DD statement announces as //SYSIN DD *.
            card = _Card("SYSIN", "DD", "*", relpath, index + 1)
            card.instream, index = _instream(lines, index, "*", "")
            cards.append(card)
        else:
            index += 1
    return cards


def _takes_data(cards: list[_Card]) -> bool:
    return bool(cards) and cards[-1].operation in ("EXEC", "DD")


def _statement(lines: list[str], index: int, relpath: str) -> tuple[_Card, int]:
    line = index + 1
    body = lines[index][:_TEXT_END].expandtabs(8)[2:]
    name = ""
    if body[:1] != " ":
        name, _, body = body.partition(" ")
    parts = body.split(None, 1)
    operation = parts[0].upper() if parts else ""
    text = parts[1] if len(parts) > 1 else ""

    operands, open_quote = _operand_field(text)
    index += 1
    while index < len(lines) and (open_quote or operands.endswith(",")):
        more = lines[index][:_TEXT_END].expandtabs(8)
        # A continuation has no name field, so that a statement that
        # follows a stray comma or apostrophe is not swallowed.
        if not more.startswith("// "):
            break
        if open_quote:
            # A quoted value resumes in column 16, blanks included.
            text += more[15:] if not more[2:15].strip() else more[2:].lstrip()
        else:
            text = operands + more[2:].lstrip()
        operands, open_quote = _operand_field(text)
        index += 1

    card = _Card(name.upper(), operation, operands, relpath, line)
    if operation == "DD" and operands:
        kind = split_operands(operands)[0].upper()
        if kind in ("*", "DATA"):
            delimiter = _unquote(keywords(operands).get("DLM", ""))
            card.instream, index = _instream(lines, index, kind, delimiter)
    return card, index


def _operand_field(text: str) -> tuple[str, bool]:
    """Return the operand field, which ends at the first blank outside
    quotes, and whether it ends inside a quoted value."""
    quote = False
    for index, char in enumerate(text):
        if char == "'":
            quote = not quote
        elif char == " " and not quote:
            return text[:index], False
    return text, quote


def _instream(
    lines: list[str], index: int, kind: str, delimiter: str
) -> tuple[str, int]:
    end = delimiter or "/*"
    data: list[str] = []
    while index < len(lines):
        line = lines[index]
        if line.startswith(end):
            index += 1
            break
        if kind == "*" and line.startswith("//"):
            break
        data.append(line)
        index += 1
    return "".join(f"{line}\n" for line in data), index


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
    """Return the ``KEY=value`` operands, keys upper case."""
    result: dict[str, str] = {}
    for part in split_operands(operands):
        key, sep, value = part.partition("=")
        if sep:
            result[key.upper()] = value
    return result


def _unquote(value: str) -> str:
    """Remove enclosing apostrophes, and undouble the ones inside."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _parm(value: str) -> str:
    """Return a PARM value as the program gets it: without the enclosing
    parentheses or apostrophes.

    NOTE: ``&&`` stays two ampersands. z/OS may pass one to the program, as
    it does for OUTPUT statement values, which was not checked for PARM.
    """
    if value.startswith("(") and value.endswith(")"):
        return value[1:-1]
    return _unquote(value)


# --- jobs and in-stream procedures ---------------------------------------


@dataclass
class _Procedure:
    """A procedure's statements between PROC and PEND, and its defaults."""

    name: str
    defaults: dict[str, str]
    cards: list[_Card]
    member: str


def _split_jobs(
    cards: list[_Card],
) -> list[tuple[_Card, list[_Card], dict[str, _Procedure]]]:
    """Group statements by job: the JOB statement, the job's other
    statements, and the in-stream procedures it defines."""
    jobs: list[tuple[_Card, list[_Card], dict[str, _Procedure]]] = []
    body: list[_Card] | None = None
    procedure: _Procedure | None = None
    for card in cards:
        if card.operation == "JOB":
            body, procedure = [], None
            jobs.append((card, body, {}))
        elif body is None:
            continue
        elif not (card.name or card.operation or card.operands):
            body = None
        elif procedure is not None:
            if card.operation == "PEND":
                procedure = None
            else:
                procedure.cards.append(card)
        elif card.operation == "PROC":
            procedure = _procedure_header(card)
            jobs[-1][2][procedure.name] = procedure
        else:
            body.append(card)
    return jobs


def _procedure_header(card: _Card) -> _Procedure:
    defaults = {key: _unquote(value) for key, value in keywords(card.operands).items()}
    return _Procedure(card.name, defaults, [], card.member)


def _cataloged_procedure(name: str, relpath: str, text: str) -> _Procedure:
    """Read a procedure member: an optional PROC statement, the procedure's
    statements, and an optional PEND."""
    procedure = _Procedure(name, {}, [], relpath)
    for card in _read_cards(text, relpath):
        if card.operation == "PROC" and not procedure.cards:
            procedure.defaults = _procedure_header(card).defaults
        elif card.operation == "PEND":
            break
        else:
            procedure.cards.append(card)
    return procedure


def _chain_into(pos: SourcePos, member: str) -> tuple[str, ...]:
    """Return the chain of text read from ``member`` because of the
    statement at ``pos``."""
    return pos.chain if member == pos.member else pos.chain + (pos.member,)


# --- expansion -----------------------------------------------------------


@dataclass
class _DDPart:
    """One DD statement of a step, as coded: its first positional operand
    (``*``, ``DATA``, ``DUMMY`` or empty) and its keywords."""

    positional: str
    params: dict[str, str]
    instream: str | None
    pos: SourcePos

    @property
    def is_empty(self) -> bool:
        return not self.positional and not self.params


@dataclass
class _DDGroup:
    """A named DD and the unnamed DDs concatenated to it."""

    ddname: str
    parts: list[_DDPart]


@dataclass
class _Step:
    """A step while its job is expanded: overrides are applied at the end."""

    name: str
    program: str
    parm: str
    pos: SourcePos
    groups: list[_DDGroup] = field(default_factory=list)
    overrides: list[_DDGroup] = field(default_factory=list)
    procedure: str = ""
    invoked_by: tuple[str, ...] = ()


@dataclass
class _JobContext:
    """The state that every level of one job's expansion shares."""

    lookup: ProcedureLookup | None
    problems: list[InputError] | None
    instream: dict[str, _Procedure]
    libraries: tuple[str, ...] = ()
    used: dict[str, None] = field(default_factory=dict)
    cataloged: dict[str, _Procedure | None] = field(default_factory=dict)
    including: list[str] = field(default_factory=list)
    undefined: set[tuple[str, SourcePos]] = field(default_factory=set)

    def fail(self, message: str, hint: str, pos: SourcePos) -> None:
        """Raise the problem, or record it when problems are collected."""
        error = InputError(message, hint=hint, pos=pos)
        if self.problems is None:
            raise error
        self.problems.append(error)

    def find(self, name: str) -> tuple[str, str] | None:
        return self.lookup(name, self.libraries) if self.lookup else None

    def procedure(self, name: str, pos: SourcePos) -> _Procedure | None:
        """Return the in-stream or cataloged procedure ``name``, or report
        it missing."""
        if name in self.instream:
            return self.instream[name]
        if name not in self.cataloged:
            found = self.find(name)
            self.cataloged[name] = _cataloged_procedure(name, *found) if found else None
        procedure = self.cataloged[name]
        if procedure is None:
            self.fail(
                f"procedure {name} not found", self.member_hint(f"{name}.prc"), pos
            )
            return None
        self.used[procedure.member] = None
        return procedure

    def member_hint(self, filename: str) -> str:
        searched = f" ({', '.join(self.libraries)})" if self.libraries else ""
        return (
            f"add a member {filename} to the estate, in the folder of a "
            f"library on the job's JCLLIB statement{searched}"
        )


class _Level:
    """Runs the statements of the job, or of one procedure call, into
    steps."""

    def __init__(
        self, job: _JobContext, scope: dict[str, str], stack: tuple[str, ...]
    ) -> None:
        self.job = job
        self.scope = scope
        self.stack = stack
        self.steps: list[_Step] = []
        # Where DD statements go: the last program step, or the steps of
        # the last procedure call, which they override.
        self.target: _Step | list[_Step] | None = None
        self.called = ""
        self.group: _DDGroup | None = None

    def run(self, cards: list[_Card], chain: tuple[str, ...]) -> None:
        handlers = {
            "EXEC": self._exec,
            "DD": self._dd,
            "SET": self._set,
            "JCLLIB": self._jcllib,
            "INCLUDE": self._include,
        }
        for card in cards:
            handler = handlers.get(card.operation)
            if handler is not None:
                handler(card, SourcePos(card.member, card.line, chain))

    def _substitute(self, text: str, pos: SourcePos) -> str:
        return substitute(text, self.scope, lambda name: self._undefined(name, pos))

    def _undefined(self, name: str, pos: SourcePos) -> None:
        if (name, pos) in self.job.undefined:
            return
        self.job.undefined.add((name, pos))
        self.job.fail(
            f"symbol &{name} is not defined",
            f"define it with // SET {name}=value, on the PROC statement or on "
            "the EXEC statement that calls the procedure",
            pos,
        )

    def _set(self, card: _Card, pos: SourcePos) -> None:
        for key, value in keywords(self._substitute(card.operands, pos)).items():
            self.scope[key] = _unquote(value)

    def _jcllib(self, card: _Card, pos: SourcePos) -> None:
        order = keywords(self._substitute(card.operands, pos)).get("ORDER", "")
        if order.startswith("(") and order.endswith(")"):
            order = order[1:-1]
        names = tuple(_unquote(item).upper() for item in split_operands(order))
        self.job.libraries = names

    def _include(self, card: _Card, pos: SourcePos) -> None:
        name = _unquote(
            keywords(self._substitute(card.operands, pos)).get("MEMBER", "")
        )
        name = name.upper()
        found = self.job.find(name) if name not in self.job.including else None
        if found is None:
            reason = "includes itself" if name in self.job.including else "not found"
            message = f"INCLUDE member {name or '(none)'} {reason}"
            self.job.fail(message, self.job.member_hint(f"{name}.jcl"), pos)
            return
        relpath, text = found
        self.job.used[relpath] = None
        self.job.including.append(name)
        self.run(_read_cards(text, relpath), _chain_into(pos, relpath))
        self.job.including.pop()

    def _exec(self, card: _Card, pos: SourcePos) -> None:
        operands = self._substitute(card.operands, pos)
        values = keywords(operands)
        self.target, self.group = None, None
        if values.get("PGM"):
            step = _Step(
                card.name, values["PGM"].upper(), _parm(values.get("PARM", "")), pos
            )
            self.steps.append(step)
            self.target = step
            return
        first = (split_operands(operands) or [""])[0]
        name = values.get("PROC", "" if "=" in first else first).upper()
        if not name:
            step_name = card.name or "(unnamed)"
            self.job.fail(
                f"EXEC of step {step_name} names no program or procedure",
                "write EXEC PGM=NAME, or EXEC NAME for a procedure",
                pos,
            )
            return
        steps = self._call(card.name, name, values, pos)
        if steps:
            self.steps.extend(steps)
            self.target, self.called = steps, name

    def _call(
        self, step_name: str, name: str, values: dict[str, str], pos: SourcePos
    ) -> list[_Step]:
        if name in self.stack:
            path = " -> ".join(self.stack + (name,))
            self.job.fail(
                f"procedure {name} calls itself: {path}",
                "remove the recursive EXEC",
                pos,
            )
            return []
        procedure = self.job.procedure(name, pos)
        if procedure is None:
            return []
        overrides = {
            key: _unquote(value)
            for key, value in values.items()
            if key.partition(".")[0] not in _EXEC_KEYWORDS
        }
        inner = _Level(
            self.job, self.scope | procedure.defaults | overrides, self.stack + (name,)
        )
        inner.run(procedure.cards, _chain_into(pos, procedure.member))
        for step in inner.steps:
            step.invoked_by = (step_name,) + step.invoked_by
            step.procedure = step.procedure or name
        self._override_parms(inner.steps, name, values, pos)
        return inner.steps

    def _override_parms(
        self, steps: list[_Step], name: str, values: dict[str, str], pos: SourcePos
    ) -> None:
        """Apply PARM= (the first step's, nullifying the others') and
        PARM.procstep= of a procedure call."""
        if "PARM" in values and steps:
            for step in steps:
                step.parm = ""
            steps[0].parm = _parm(values["PARM"])
        for key, value in values.items():
            keyword, _, procstep = key.partition(".")
            if keyword != "PARM" or not procstep:
                continue
            target = self._procedure_step(steps, procstep, name, pos)
            if target is not None:
                target.parm = _parm(value)

    def _procedure_step(
        self, steps: list[_Step], procstep: str, name: str, pos: SourcePos
    ) -> _Step | None:
        for step in steps:
            if step.name == procstep:
                return step
        names = ", ".join(step.name for step in steps)
        self.job.fail(
            f"procedure {name} has no step {procstep}",
            f"name one of its steps: {names}",
            pos,
        )
        return None

    def _dd(self, card: _Card, pos: SourcePos) -> None:
        part = _dd_part(self._substitute(card.operands, pos), card.instream, pos)
        if not card.name:
            if self.group is not None:
                self.group.parts.append(part)
            return
        procstep, dot, ddname = card.name.rpartition(".")
        group = _DDGroup(ddname, [part])
        self.group = group
        if isinstance(self.target, _Step):
            self.target.groups.append(group)
        elif isinstance(self.target, list):
            # A DD after a procedure call overrides or adds to one of its
            # steps: the named one, or the first.
            step: _Step | None = self.target[0]
            if dot:
                step = self._procedure_step(self.target, procstep, self.called, pos)
            if step is None:
                self.group = None
                return
            step.overrides.append(group)


def substitute(
    text: str, scope: dict[str, str], undefined: Callable[[str], None]
) -> str:
    """Substitute the symbols of ``scope`` in one statement's operands.

    ``&&`` is kept, because it starts a temporary dataset name. An
    undefined symbol stays as written, and ``undefined`` is called with its
    name. Three kinds are not reported: system symbols, symbols inside
    apostrophes (which the system leaves alone too), and a whole
    ``DSN=&NAME``, which is the old form of ``&&NAME``.
    """
    out: list[str] = []
    index, quote = 0, False
    while index < len(text):
        char = text[index]
        match = _SYMBOL.match(text, index) if char == "&" else None
        if char == "'":
            quote = not quote
        if text.startswith("&&", index):
            out.append("&&")
            index += 2
            continue
        if match is None:
            out.append(char)
            index += 1
            continue
        name, end = match.group(1).upper(), match.end()
        if name in scope:
            out.append(scope[name])
            end += text.startswith(".", end)
        elif _is_temporary_dsn(text, index, end):
            out.append(f"&&{name}")
        else:
            if not quote and name not in _SYSTEM_SYMBOLS:
                undefined(name)
            out.append(match.group(0))
        index = end
    return "".join(out)


def _is_temporary_dsn(text: str, start: int, end: int) -> bool:
    return bool(_TEMPORARY_DSN.search(text[:start])) and text[end : end + 1] in (
        "",
        ",",
        "(",
        ")",
    )


def _dd_part(operands: str, instream: str | None, pos: SourcePos) -> _DDPart:
    positional = ""
    params: dict[str, str] = {}
    for item in split_operands(operands):
        key, sep, value = item.partition("=")
        if sep:
            params["DSN" if key.upper() == "DSNAME" else key.upper()] = value
        elif not positional:
            positional = item.upper()
    return _DDPart(positional, params, instream, pos)


# --- finishing steps -----------------------------------------------------


def _finish_steps(steps: list[_Step]) -> tuple[JobStep, ...]:
    """Apply each step's overrides, resolve referbacks, and find what each
    step runs."""
    known: dict[str, str] = {}
    finished = []
    for step in steps:
        reference = ".".join(step.invoked_by + (step.name,))
        dds = []
        for group in _merge_overrides(step.groups, step.overrides):
            for index, part in enumerate(group.parts):
                dd = _dd_statement(group.ddname, part, index)
                if dd.dsn.startswith("*."):
                    dd = _resolve_referback(dd, step, known)
                if index == 0 and dd.dsn:
                    known.setdefault(f"{reference}.{group.ddname}", dd.dsn)
                dds.append(dd)
        finished.append(_job_step(step, tuple(dds)))
    return tuple(finished)


def _merge_overrides(
    groups: list[_DDGroup], overrides: list[_DDGroup]
) -> list[_DDGroup]:
    merged = [_DDGroup(group.ddname, list(group.parts)) for group in groups]
    for override in overrides:
        base = next(
            (group for group in merged if group.ddname == override.ddname), None
        )
        if base is None:
            merged.append(override)
            continue
        parts = [
            _merge_part(old, new)
            for old, new in zip(base.parts, override.parts, strict=False)
        ]
        parts += base.parts[len(parts) :] + override.parts[len(parts) :]
        base.parts = parts
    return merged


def _merge_part(base: _DDPart, override: _DDPart) -> _DDPart:
    """Return ``base`` with the parameters that ``override`` codes; a
    parameter coded with no value is nullified. An empty override (an
    unnamed ``// DD`` in a concatenation) keeps ``base``."""
    if override.is_empty:
        return base
    params = dict(base.params)
    positional, instream = base.positional, base.instream
    new = override.params
    if override.positional:
        positional, instream = override.positional, override.instream
        if positional in ("*", "DATA"):
            for key in ("DSN", "DISP", "SYSOUT"):
                params.pop(key, None)
    elif "DSN" in new or "SYSOUT" in new:
        positional, instream = "", None
    # DSN and SYSOUT exclude each other.
    if "DSN" in new:
        params.pop("SYSOUT", None)
    if "SYSOUT" in new:
        params.pop("DSN", None)
        params.pop("DISP", None)
    for key, value in new.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return _DDPart(positional, params, instream, override.pos)


def _dd_statement(ddname: str, part: _DDPart, index: int) -> DDStatement:
    dsn = part.params.get("DSN", "").upper()
    dummy = part.positional == "DUMMY" or dsn == "NULLFILE"
    instream = part.instream if part.positional in ("*", "DATA") else None
    if dummy or instream is not None:
        dsn = ""
    disp = part.params.get("DISP", "")
    if disp.startswith("(") and disp.endswith(")"):
        disp = disp[1:-1]
    status, _, rest = disp.upper().partition(",")
    if dsn and not status:
        status = "NEW"  # the JCL default for DISP
    return DDStatement(
        ddname,
        dsn,
        status,
        part.pos,
        instream=instream,
        sysout="SYSOUT" in part.params,
        dummy=dummy,
        temporary=dsn.startswith("&&"),
        concatenation=index,
        normal_disp=rest.partition(",")[0],
    )


def _resolve_referback(
    dd: DDStatement, step: _Step, known: dict[str, str]
) -> DDStatement:
    """Replace ``DSN=*.DD``, ``*.STEP.DD`` or ``*.STEP.PROCSTEP.DD`` by the
    dataset name of the DD it refers to; an unknown one stays as written.

    Inside a procedure, ``*.STEP.DD`` names a step of the same procedure
    call, so the names of the calling steps are tried in front of it.
    """
    target = dd.dsn[2:]
    if "." not in target:
        target = f"{step.name}.{target}"
    callers = step.invoked_by
    keys = [
        ".".join(callers[:size] + (target,)) for size in range(len(callers), -1, -1)
    ]
    dsn = next((known[key] for key in keys if key in known), dd.dsn)
    return dataclasses.replace(dd, dsn=dsn, temporary=dsn.startswith("&&"))


def _job_step(step: _Step, dds: tuple[DDStatement, ...]) -> JobStep:
    runs = step_program(step.program, step.parm, dds)
    return JobStep(
        step.name,
        runs.program,
        dds,
        step.pos,
        runs.parm,
        utility=runs.utility,
        procedure=step.procedure,
        invoked_by=step.invoked_by,
        also_runs=runs.also_runs,
    )
