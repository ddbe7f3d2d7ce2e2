"""Value types passed between the stages of the pipeline.

Every record here is a frozen dataclass and every kind or state an enum, so
that stages exchange typed values and never dicts of dicts.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload


@dataclass(frozen=True)
class SourcePos:
    """An original position: a member (path relative to the estate root),
    a 1-based line, and the chain of members that copied it in.

    ``chain`` lists the including members from the outermost program down to
    the member that holds the COPY statement; it is empty for text written in
    the program itself.
    """

    member: str
    line: int
    chain: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.member}:{self.line}"

    def to_json(self) -> dict[str, object]:
        return {"member": self.member, "line": self.line, "chain": list(self.chain)}


class MemberKind(enum.Enum):
    PROGRAM = "program"
    COPYBOOK = "copybook"
    JCL = "jcl"
    OTHER = "other"


@dataclass(frozen=True)
class Member:
    """One source file of the estate, classified by discovery."""

    path: Path
    relpath: str
    kind: MemberKind
    # Name as COPY or EXEC PGM= refers to it: the file stem, upper case.
    name: str


class NodeKind(enum.Enum):
    PROGRAM = "program"
    COPYBOOK = "copybook"
    DATASET = "dataset"
    JOB = "job"
    TRANSACTION = "transaction"
    EXTERNAL = "external"
    # A DB2 table named by embedded SQL: ``table:ACCOUNT``.
    TABLE = "table"
    # An IMS segment named by EXEC DLI: ``segment:PAUTSUM0``.
    SEGMENT = "segment"


class EdgeKind(enum.Enum):
    CALL = "call"
    COPY = "copy"
    READS = "reads"
    WRITES = "writes"
    RUNS = "runs"
    # An outer program to a program nested in it.
    CONTAINS = "contains"
    # A CICS program to the transaction it starts: RETURN TRANSID or START.
    STARTS = "starts"
    # A program that writes a dataset to a program that reads it later.
    DATAFLOW = "dataflow"


class CallKind(enum.Enum):
    STATIC = "static"
    DYNAMIC = "dynamic"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class Edge:
    """A dependency between two graph nodes, found at ``pos``.

    Node ids are ``<kind>:<NAME>``, for example ``program:POSTTRAN`` or
    ``dataset:BANK.ACCOUNTS``.
    """

    source: str
    target: str
    kind: EdgeKind
    pos: SourcePos
    # Extra facts of the edge, such as the call kind or the DD name.
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


def node_id(kind: NodeKind, name: str) -> str:
    return f"{kind.value}:{name}"


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the estate, reported at its original position."""

    pos: SourcePos | None
    message: str
    severity: str = "warning"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.pos}: " if self.pos else ""
        return f"{where}{self.severity}: {self.message}"


class SliceKind(enum.Enum):
    RUNTIME = "runtime"
    RECORD = "record"
    PROGRAM = "program"


@dataclass(frozen=True)
class Slice:
    """The unit of conversion, review and commit.

    ``programs`` are program names, ``copybooks`` copybook names; a record
    slice has copybooks only. ``depends_on`` holds slice ids.
    """

    id: str
    kind: SliceKind
    programs: tuple[str, ...]
    copybooks: tuple[str, ...]
    members: tuple[str, ...]
    depends_on: tuple[str, ...]
    size: int  # source lines of the slice's own members
    level: int


class SliceState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    VERIFIED = "verified"
    FAILED = "failed"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class JavaSource:
    """One generated Java file, by path relative to the Java output root."""

    path: str
    text: str


@dataclass(frozen=True)
class Unsupported:
    """A construct a converter could not translate."""

    pos: SourcePos
    construct: str

    def __str__(self) -> str:
        return f"{self.pos}: unsupported {self.construct}"


@dataclass(frozen=True)
class Conversion:
    """A converter's output for one slice."""

    slice_id: str
    sources: tuple[JavaSource, ...]
    unsupported: tuple[Unsupported, ...] = ()
    converter: str = "rules"
    notes: tuple[str, ...] = field(default=())
    # Usage of an LLM converter for this conversion; zero for the rules one.
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0


@dataclass(frozen=True)
class DDStatement:
    """A JCL DD statement of a step.

    ``dsn`` is the dataset name, or empty for ``DD *`` in-stream data (kept
    in ``instream``) and ``SYSOUT=``. ``disp`` is the first DISP value
    (``SHR``, ``OLD``, ``NEW``, ``MOD``), upper case.
    """

    ddname: str
    dsn: str
    disp: str
    pos: SourcePos
    instream: str | None = None
    sysout: bool = False
    # DUMMY or DSN=NULLFILE: no dataset is read or written.
    dummy: bool = False
    # A temporary dataset (``&&NAME``), which lives only as long as its job.
    temporary: bool = False
    # Place in a concatenation: 0 for the named DD, 1, 2, ... for the
    # unnamed DD statements after it, which share its ``ddname``.
    concatenation: int = 0
    # The second DISP value, what happens to the dataset when the step ends
    # normally: KEEP, DELETE, PASS, CATLG, UNCATLG, or empty.
    normal_disp: str = ""

    @property
    def writes(self) -> bool:
        return self.disp in ("NEW", "MOD")

    @property
    def reads(self) -> bool:
        return bool(self.dsn) and not self.writes


@dataclass(frozen=True)
class JobStep:
    name: str
    program: str
    dds: tuple[DDStatement, ...]
    pos: SourcePos
    parm: str = ""
    # The system utility of ``EXEC PGM=``, or empty. It equals ``program``
    # when the step runs the utility itself (IDCAMS, SORT, IEFBR14). A TSO
    # batch step (IKJEFT01) has the utility here and the program of its
    # first RUN command in ``program``.
    utility: str = ""
    # The procedure whose text contains the step, or empty for a job step.
    procedure: str = ""
    # Names of the EXEC statements that called the procedure, the job's
    # step first: ("STEP01",) for a procedure called by job step STEP01.
    invoked_by: tuple[str, ...] = ()
    # Further programs the step runs after ``program``: the second and
    # later RUN commands of a TSO batch step.
    also_runs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Job:
    """A JCL job: its steps in order. A job found under a ``tests`` folder of
    the estate is a test job, which exercises programs but is no production
    work."""

    name: str
    member: str
    steps: tuple[JobStep, ...]
    pos: SourcePos
    is_test: bool = False
    # Procedure and INCLUDE members the job's statements came from, by
    # relative path, in the order of first use.
    library_members: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnresolvedCall:
    """A dynamic CALL whose possible targets could not be found."""

    program: str
    via: str
    pos: SourcePos


@dataclass(frozen=True)
class Plan:
    """The saved plan: the graph as nodes and edges, the slices in
    topological order, the critical path (slice ids) and the levels (lists of
    slice ids that can run at once)."""

    root: str
    nodes: tuple[tuple[str, NodeKind], ...]
    edges: tuple[Edge, ...]
    slices: tuple[Slice, ...]
    critical_path: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    jobs: tuple[Job, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    unresolved: tuple[UnresolvedCall, ...] = ()
    # Content hash of each member, by relative path.
    hashes: tuple[tuple[str, str], ...] = ()
    # The chain that bounds a contract-first run: the runtime, record slices
    # and one program slice, whose conversion ends it. One check follows,
    # which compiles that program with its real callees and runs its jobs.
    contract_critical_path: tuple[str, ...] = ()

    def slice(self, slice_id: str) -> Slice:
        for candidate in self.slices:
            if candidate.id == slice_id:
                return candidate
        raise KeyError(slice_id)


@dataclass(frozen=True)
class CopyRef:
    """A COPY statement found while expanding: who copies what, and where."""

    includer: str  # member relpath of the text that holds the COPY
    copybook: str  # copybook name, upper case
    pos: SourcePos


@dataclass(frozen=True)
class SourceRun:
    """Consecutive lines of expanded text that come from one member.

    Line ``start + k`` of the expanded text (0-based) comes from original line
    ``line + k * step``: ``step`` is 1 for text copied line by line and 0 for
    lines that all stand for one original line, such as a folded line.
    """

    start: int
    member: str
    line: int
    chain: tuple[str, ...] = ()
    step: int = 1


@dataclass(frozen=True)
class SourceMap(Sequence[SourcePos]):
    """The original position of every line of an expanded text, stored as
    runs so that a member of a million lines needs a handful of records.

    It behaves as a read-only sequence of :class:`SourcePos`: ``len``,
    indexing, slicing and iteration.
    """

    runs: tuple[SourceRun, ...]
    length: int
    _starts: list[int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [run.start for run in self.runs])

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, index: int) -> SourcePos: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SourcePos, ...]: ...

    def __getitem__(self, index: int | slice) -> SourcePos | tuple[SourcePos, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self.length)))
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        run = self.runs[bisect.bisect_right(self._starts, index) - 1]
        return SourcePos(
            run.member, run.line + (index - run.start) * run.step, run.chain
        )

    def __iter__(self) -> Iterator[SourcePos]:
        for index in range(self.length):
            yield self[index]

    def __getstate__(self) -> dict[str, object]:
        return {"runs": self.runs, "length": self.length}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "runs", state["runs"])
        object.__setattr__(self, "length", state["length"])
        self.__post_init__()


@dataclass(frozen=True)
class ExpandedSource:
    """A member after preprocessing: fixed-format text that the tree-sitter
    grammar accepts, with COPY expanded and EXEC blocks lifted out. Every
    line is blank in columns 1-7 and ends by column 72; a logical line that
    was longer continues on the next lines, in area B.

    ``source_map[i]`` is the original position of line ``i + 1`` of
    ``text``; the preprocessor stores it as a :class:`SourceMap`.
    """

    member: str
    text: str
    source_map: Sequence[SourcePos]
    # Every COPY statement expanded, nested ones included, in text order.
    copies: tuple[CopyRef, ...] = ()
    # EXEC ... END-EXEC blocks lifted out: (position, text of the block).
    exec_blocks: tuple[tuple[SourcePos, str], ...] = ()
    # Literals too long for one line of the grammar's columns, replaced in
    # ``text`` by placeholders: (placeholder literal, original literal), both
    # with their quotes.
    literals: tuple[tuple[str, str], ...] = ()
    # 1-based line of ``text`` where each of ``exec_blocks`` starts, so that
    # a position inside a block maps through ``source_map``.
    exec_lines: tuple[int, ...] = ()
    # Warnings of preprocessing, such as text past the columns read.
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def copybooks(self) -> tuple[str, ...]:
        """Copybook names in the order of their first COPY."""
        return tuple(dict.fromkeys(ref.copybook for ref in self.copies))

    def pos(self, line: int) -> SourcePos:
        """Map a 1-based line of ``text`` to its original position."""
        if 1 <= line <= len(self.source_map):
            return self.source_map[line - 1]
        return SourcePos(self.member, line)


@dataclass(frozen=True)
class EntryPoint:
    """A program's Java entry point, derived from PROCEDURE DIVISION USING.

    ``params`` are the USING data names in order; the Java method is
    ``public static void call(Area p1, ..., Area pN)`` on ``java_class``.
    """

    program: str
    java_class: str
    params: tuple[str, ...]


@dataclass(frozen=True)
class ConversionRequest:
    """What a converter gets for one slice."""

    slice: Slice
    # One expanded source per program of the slice; for a record slice, one
    # per copybook, expanded on its own.
    sources: tuple[ExpandedSource, ...]
    java_package: str
    # Entry points of every program the slice's programs may call.
    callees: tuple[EntryPoint, ...]
    # Java sources of the slices it depends on, for converters that read
    # them (the LLM converter puts their API in the prompt).
    dependency_sources: tuple[JavaSource, ...] = ()
    # Evidence of the previous failed attempt, for a repair.
    repair_evidence: str = ""
