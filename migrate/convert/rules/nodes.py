"""The statement tree of a procedure division: expressions, conditions,
statements, paragraphs and sections.

Every node carries ``line``, the 1-based line of the preprocessed text where
it starts, which the source map turns into the original position.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from migrate.parse.data import Literal

# Expressions -------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A data reference: ``NAME [OF|IN qualifier]... [(subscripts)]
    [(start:length)]``."""

    name: str
    line: int
    qualifiers: tuple[str, ...] = ()
    subscripts: tuple[Expr, ...] = ()
    refmod: tuple[Expr, Expr | None] | None = None


@dataclass(frozen=True)
class Lit:
    """A literal or figurative constant."""

    literal: Literal
    line: int


@dataclass(frozen=True)
class BinOp:
    """An arithmetic operation: ``+ - * / **``."""

    op: str
    left: Expr
    right: Expr
    line: int


@dataclass(frozen=True)
class Negate:
    """Unary minus."""

    operand: Expr
    line: int


@dataclass(frozen=True)
class FuncCall:
    """An intrinsic function: ``FUNCTION name [(arguments)] [(start:length)]``.
    ``keyword`` is TRIM's LEADING or TRAILING, else empty."""

    name: str
    args: tuple[Expr, ...]
    line: int
    refmod: tuple[Expr, Expr | None] | None = None
    keyword: str = ""


Expr = Ref | Lit | BinOp | Negate | FuncCall


# Conditions --------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """A relation condition; ``op`` is one of ``= <> < <= > >=``."""

    left: Expr
    op: str
    right: Expr
    line: int


@dataclass(frozen=True)
class ClassTest:
    """A class condition (NUMERIC, ALPHABETIC...) or sign condition
    (POSITIVE, NEGATIVE, ZERO)."""

    operand: Expr
    test: str
    line: int


@dataclass(frozen=True)
class CondName:
    """A level-88 condition name, maybe subscripted."""

    ref: Ref
    line: int


@dataclass(frozen=True)
class Not:
    operand: Cond
    line: int


@dataclass(frozen=True)
class And:
    left: Cond
    right: Cond
    line: int


@dataclass(frozen=True)
class Or:
    left: Cond
    right: Cond
    line: int


Cond = Relation | ClassTest | CondName | Not | And | Or


# Statements --------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A receiving item of an arithmetic statement."""

    ref: Ref
    rounded: bool = False


@dataclass(frozen=True)
class Handlers:
    """Conditional phrases: ON SIZE ERROR, AT END, ON OVERFLOW and their NOT forms.

    ``None`` means the phrase is absent; an empty tuple means present but
    with no statements.
    """

    on: tuple[Stmt, ...] | None = None
    not_on: tuple[Stmt, ...] | None = None

    @property
    def present(self) -> bool:
        return self.on is not None or self.not_on is not None


@dataclass(frozen=True)
class Move:
    source: Expr
    targets: tuple[Ref, ...]
    line: int


@dataclass(frozen=True)
class Compute:
    targets: tuple[Target, ...]
    expr: Expr
    handlers: Handlers
    line: int


class ArithVerb(enum.Enum):
    ADD = "ADD"
    SUBTRACT = "SUBTRACT"
    MULTIPLY = "MULTIPLY"
    DIVIDE = "DIVIDE"


@dataclass(frozen=True)
class Arithmetic:
    """ADD, SUBTRACT, MULTIPLY or DIVIDE.

    ``operands`` are the sending operands before TO, FROM, BY or INTO.
    With GIVING, ``second`` contains the operands after that word. ``targets``
    receive the result: the items after TO, FROM, BY or INTO, or after
    GIVING. ``into`` marks DIVIDE ... INTO.
    """

    verb: ArithVerb
    operands: tuple[Expr, ...]
    second: tuple[Expr, ...]
    targets: tuple[Target, ...]
    giving: bool
    handlers: Handlers
    line: int
    into: bool = False
    remainder: Target | None = None


@dataclass(frozen=True)
class If:
    cond: Cond
    then: tuple[Stmt, ...]
    otherwise: tuple[Stmt, ...] | None
    line: int


class WhenKind(enum.Enum):
    VALUE = "value"
    RANGE = "range"
    ANY = "any"
    TRUE = "true"
    FALSE = "false"
    COND = "cond"


@dataclass(frozen=True)
class WhenObject:
    """One object of a WHEN phrase, for one subject of the EVALUATE."""

    kind: WhenKind
    value: Expr | None = None
    high: Expr | None = None
    cond: Cond | None = None
    negated: bool = False


@dataclass(frozen=True)
class When:
    """A WHEN body with the object lists that select it (OR-ed)."""

    alternatives: tuple[tuple[WhenObject, ...], ...]
    body: tuple[Stmt, ...]
    line: int


@dataclass(frozen=True)
class Subject:
    """An EVALUATE subject: an expression, a condition, TRUE or FALSE."""

    expr: Expr | None = None
    cond: Cond | None = None
    truth: bool | None = None


@dataclass(frozen=True)
class Evaluate:
    subjects: tuple[Subject, ...]
    whens: tuple[When, ...]
    other: tuple[Stmt, ...] | None
    line: int


@dataclass(frozen=True)
class Varying:
    var: Ref
    start: Expr
    step: Expr
    until: Cond


@dataclass(frozen=True)
class Perform:
    """PERFORM, out of line (``first`` and ``last`` procedure names) or
    inline (``body``), with at most one of ``times``, ``until`` and
    ``varying`` (AFTER phrases follow the first VARYING)."""

    first: str | None
    last: str | None
    body: tuple[Stmt, ...] | None
    line: int
    times: Expr | None = None
    until: Cond | None = None
    varying: tuple[Varying, ...] = ()
    test_after: bool = False


class PassMode(enum.Enum):
    REFERENCE = "reference"
    CONTENT = "content"
    VALUE = "value"


@dataclass(frozen=True)
class Call:
    program: Expr
    args: tuple[tuple[PassMode, Expr], ...]
    handlers: Handlers
    line: int


@dataclass(frozen=True)
class Display:
    items: tuple[Expr, ...]
    upon_syserr: bool
    no_advancing: bool
    line: int


@dataclass(frozen=True)
class Accept:
    """ACCEPT target [FROM source]; ``source`` is empty for standard input,
    else ``DATE``, ``DATE YYYYMMDD``, ``DAY``, ``DAY YYYYDDD``,
    ``DAY-OF-WEEK`` or ``TIME``."""

    target: Ref
    source: str
    line: int


@dataclass(frozen=True)
class Open:
    modes: tuple[tuple[str, tuple[str, ...]], ...]
    line: int


@dataclass(frozen=True)
class Close:
    files: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Read:
    file: str
    into: Ref | None
    handlers: Handlers
    line: int


@dataclass(frozen=True)
class Write:
    """WRITE record [FROM source] [BEFORE|AFTER ADVANCING n LINES|PAGE];
    ``lines`` is None for PAGE."""

    record: Ref
    source: Expr | None
    line: int
    advancing: bool = False
    after: bool = True
    lines: Expr | None = None


@dataclass(frozen=True)
class Rewrite:
    """REWRITE record [FROM source] of a sequential file opened I-O."""

    record: Ref
    source: Expr | None
    line: int


@dataclass(frozen=True)
class StringStmt:
    """STRING: ``sources`` pair each source with its delimiter (None for SIZE)."""

    sources: tuple[tuple[Expr, Expr | None], ...]
    into: Ref
    pointer: Ref | None
    handlers: Handlers
    line: int


@dataclass(frozen=True)
class InspectPhrase:
    """One TALLYING or REPLACING phrase of INSPECT.

    ``mode`` is ``ALL``, ``LEADING``, ``FIRST`` or ``CHARACTERS``;
    ``counter`` is set for TALLYING; ``bounds`` lists (``BEFORE`` or
    ``AFTER``, delimiter) pairs.
    """

    mode: str
    pattern: Expr | None
    replacement: Expr | None
    counter: Ref | None
    bounds: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True)
class Inspect:
    subject: Ref
    phrases: tuple[InspectPhrase, ...]
    converting: tuple[Expr, Expr, tuple[tuple[str, Expr], ...]] | None
    line: int


@dataclass(frozen=True)
class SetTrue:
    conditions: tuple[Ref, ...]
    line: int


class Flow(enum.Enum):
    """Statements that transfer control without operands."""

    GOBACK = "GOBACK"
    STOP_RUN = "STOP RUN"
    EXIT = "EXIT"
    EXIT_PROGRAM = "EXIT PROGRAM"
    EXIT_PARAGRAPH = "EXIT PARAGRAPH"
    EXIT_PERFORM = "EXIT PERFORM"
    EXIT_PERFORM_CYCLE = "EXIT PERFORM CYCLE"
    CONTINUE = "CONTINUE"


@dataclass(frozen=True)
class Control:
    flow: Flow
    line: int


@dataclass(frozen=True)
class Unparsed:
    """A statement the rules converter does not translate."""

    construct: str
    line: int


Stmt = (
    Move
    | Compute
    | Arithmetic
    | If
    | Evaluate
    | Perform
    | Call
    | Display
    | Accept
    | Open
    | Close
    | Read
    | Write
    | Rewrite
    | StringStmt
    | Inspect
    | SetTrue
    | Control
    | Unparsed
)


# Procedure structure -------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; the statements before a division's or section's first
    paragraph form one with an empty name."""

    name: str
    section: str
    statements: tuple[Stmt, ...]
    line: int


@dataclass(frozen=True)
class Procedure:
    """A procedure division: its USING items and paragraphs in order."""

    using: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[str, ...]
    line: int
