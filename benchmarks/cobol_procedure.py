"""Render a synthetic program's PROCEDURE DIVISION.

A main paragraph comes first, then paragraphs that PERFORM one another as a
tree. They are filled with IF, EVALUATE, PERFORM, MOVE, COMPUTE and other
statements until the program reaches its planned size, and the program's
CALL statements are spread among them.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable

from cobol_text import VERBS, WORDS, SourceWriter, Workspace
from estate_shape import CallSpec, CallStyle, Layer, ProgramSpec

# Lines a paragraph takes on average, its header and comments included.
PARAGRAPH_LINES = 25

Statement = Callable[[SourceWriter, random.Random, Workspace, int], None]


def procedure_division(
    out: SourceWriter,
    spec: ProgramSpec,
    work: Workspace,
    interfaces: dict[str, str],
    rng: random.Random,
) -> None:
    """Write the PROCEDURE DIVISION until the program has about
    ``spec.size`` lines."""
    using = ""
    if spec.layer is not Layer.DRIVER:
        using = (
            f" USING {spec.interface}-AREA" if spec.interface else " USING LK-PARM-AREA"
        )
    out.area_a(f"PROCEDURE DIVISION{using}.")
    budget = max(PARAGRAPH_LINES, spec.size - len(out) - 12)
    count = max(2, budget // PARAGRAPH_LINES)
    names = [
        f"{1000 + 10 * i}-{rng.choice(VERBS)}-{rng.choice(WORDS)}" for i in range(count)
    ]
    parents = [-1 if i < 3 else rng.randrange(max(0, i - 6), i) for i in range(count)]
    calls: dict[int, list[CallSpec]] = {}
    for call in spec.calls:
        calls.setdefault(rng.randrange(count), []).append(call)
    roots = [name for name, parent in zip(names, parents, strict=True) if parent < 0]
    _main_paragraph(out, spec, roots)
    for index, name in enumerate(names):
        children = [names[i] for i, p in enumerate(parents) if p == index]
        remaining = spec.size - len(out)
        target = max(1, remaining // (count - index))
        out.comment("-" * 60)
        out.area_a(f"{name}.")
        _paragraph_body(
            out, rng, work, target, children, calls.get(index, []), interfaces
        )
        out.end_sentence()


def _main_paragraph(out: SourceWriter, spec: ProgramSpec, roots: list[str]) -> None:
    out.area_a("0000-MAIN.")
    if spec.layer is Layer.DRIVER and spec.files:
        inputs = [f for f in spec.files if not f.output]
        outputs = [f for f in spec.files if f.output]
        opened = " ".join(f.name for f in inputs)
        out.area_b(f"OPEN INPUT {opened}")
        if outputs:
            out.area_b(f"OPEN OUTPUT {' '.join(f.name for f in outputs)}")
        first = inputs[0]
        out.area_b(f"READ {first.name}")
        out.area_b(f"AT END SET {first.ddname}-EOF TO TRUE", 1)
        out.area_b("END-READ")
        out.area_b(f"PERFORM {roots[0]} UNTIL {first.ddname}-EOF")
        for root in roots[1:]:
            out.area_b(f"PERFORM {root}")
        out.area_b(f"CLOSE {' '.join(f.name for f in spec.files)}")
    else:
        function = f"{spec.interface}-FUNC" if spec.interface else "LK-FUNC"
        if spec.interface:
            out.area_b(f"MOVE ZERO TO {spec.interface}-RC")
        out.area_b(f"EVALUATE {function}")
        # Each root paragraph, of which there are at most three, runs for one
        # function code.
        for word, root in zip(("INIT", "PROC", "TERM"), roots, strict=False):
            out.area_b(f"WHEN '{word}'", 1)
            out.area_b(f"PERFORM {root}", 2)
        out.area_b("WHEN OTHER", 1)
        out.area_b("MOVE 16 TO RETURN-CODE", 2)
        out.area_b("END-EVALUATE")
    out.area_b("GOBACK.")


def _paragraph_body(
    out: SourceWriter,
    rng: random.Random,
    work: Workspace,
    target: int,
    children: list[str],
    calls: list[CallSpec],
    interfaces: dict[str, str],
) -> None:
    """Write statements until the paragraph has ``target`` lines, with its
    PERFORMs and CALLs at random places among them."""
    start = len(out)
    pending: list[Callable[[], None]] = [
        functools.partial(out.area_b, f"PERFORM {child}") for child in children
    ]
    pending += [
        functools.partial(call_statement, out, rng, work, call, interfaces)
        for call in calls
    ]
    rng.shuffle(pending)
    while len(out) - start < target or pending:
        if pending and rng.random() < 0.3:
            pending.pop()()
        else:
            statement(out, rng, work, 0)


def call_statement(
    out: SourceWriter,
    rng: random.Random,
    work: Workspace,
    call: CallSpec,
    interfaces: dict[str, str],
) -> None:
    """Write one CALL: static, dynamic through MOVE or VALUE, or through a
    name read from data, which no analysis can resolve."""
    parameter = work.parameters.get(interfaces.get(call.callee, ""), "WS-LINK-AREA")
    if call.style is CallStyle.STATIC:
        out.area_b(f"CALL '{call.callee}' USING {parameter}")
    else:
        item = work.call_items[
            call.callee or next(k for k in work.call_items if k[0] == "?")
        ]
        if call.style is CallStyle.MOVE:
            out.area_b(f"MOVE '{call.callee}' TO {item}")
        elif call.style is CallStyle.UNRESOLVED:
            out.area_b(f"MOVE WS-LINK-DATA (1:8) TO {item}")
        out.area_b(f"CALL {item} USING {parameter}")
        if rng.random() < 0.5:
            out.area_b(f"ON EXCEPTION DISPLAY 'NOT FOUND: ' {item}", 1)
            out.area_b("END-CALL")
    if rng.random() < 0.5:
        out.area_b("IF RETURN-CODE NOT = ZERO")
        out.area_b(f"MOVE RETURN-CODE TO {rng.choice(work.numbers)}", 1)
        out.area_b("END-IF")


def _move(out: SourceWriter, rng: random.Random, work: Workspace, level: int) -> None:
    roll = rng.random()
    if roll < 0.4:
        out.area_b(f"MOVE {rng.choice(work.texts)} TO {rng.choice(work.texts)}", level)
    elif roll < 0.7:
        out.area_b(f"MOVE ZERO TO {rng.choice(work.numbers)}", level)
    else:
        out.area_b(f"MOVE '{rng.choice(WORDS)}' TO {rng.choice(work.texts)}", level)


def _compute(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    a, b, c = (rng.choice(work.numbers) for _ in range(3))
    if rng.random() < 0.5:
        out.area_b(f"COMPUTE {a} = {b} + {c} * {rng.randint(2, 99)}", level)
    else:
        out.area_b(f"COMPUTE {a} ROUNDED = ({b} - {c}) / {rng.randint(2, 12)}", level)


def _add(out: SourceWriter, rng: random.Random, work: Workspace, level: int) -> None:
    a, b = rng.choice(work.numbers), rng.choice(work.numbers)
    roll = rng.random()
    if roll < 0.5:
        out.area_b(f"ADD 1 TO {a}", level)
    elif roll < 0.8:
        out.area_b(f"ADD {a} TO {b}", level)
    else:
        out.area_b(f"SUBTRACT {a} FROM {b}", level)


def _condition(rng: random.Random, work: Workspace) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(work.conditions)
    if roll < 0.5:
        return f"NOT {rng.choice(work.conditions)}"
    if roll < 0.8:
        return f"{rng.choice(work.numbers)} > {rng.randint(0, 500)}"
    return f"{rng.choice(work.texts)} = SPACES"


def _if(out: SourceWriter, rng: random.Random, work: Workspace, level: int) -> None:
    out.area_b(f"IF {_condition(rng, work)}", level)
    for _ in range(rng.randint(1, 3)):
        statement(out, rng, work, level + 1)
    if rng.random() < 0.4:
        out.area_b("ELSE", level)
        statement(out, rng, work, level + 1)
    out.area_b("END-IF", level)


def _evaluate(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    out.area_b("EVALUATE TRUE", level)
    for _ in range(rng.randint(2, 4)):
        out.area_b(f"WHEN {_condition(rng, work)}", level + 1)
        statement(out, rng, work, level + 2)
    out.area_b("WHEN OTHER", level + 1)
    out.area_b("CONTINUE", level + 2)
    out.area_b("END-EVALUATE", level)


def _perform_varying(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    entry, index, occurs = rng.choice(work.tables)
    out.area_b(f"PERFORM VARYING {index} FROM 1 BY 1 UNTIL {index} > {occurs}", level)
    out.area_b(f"ADD {entry} ({index}) TO {rng.choice(work.numbers)}", level + 1)
    out.area_b("END-PERFORM", level)


def _display(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    label = f"{rng.choice(WORDS)} "
    out.area_b(f"DISPLAY '{label}' {rng.choice(work.numbers)}", level)


def _string(out: SourceWriter, rng: random.Random, work: Workspace, level: int) -> None:
    a, b, c = (rng.choice(work.texts) for _ in range(3))
    out.area_b(f"STRING {a} DELIMITED BY SPACE '-' DELIMITED BY SIZE", level)
    out.area_b(f"{b} DELIMITED BY SIZE INTO {c}", level + 1)
    out.area_b("END-STRING", level)


def _inspect(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    out.area_b(
        f"INSPECT {rng.choice(work.texts)} REPLACING ALL LOW-VALUE BY SPACE", level
    )


def _set(out: SourceWriter, rng: random.Random, work: Workspace, level: int) -> None:
    out.area_b(f"SET {rng.choice(work.conditions)} TO TRUE", level)


def _initialize(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    out.area_b(f"INITIALIZE {rng.choice(work.groups)}", level)


def _comment(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    out.comment(f"    {rng.choice(VERBS).lower()} the {rng.choice(WORDS).lower()}")


_SIMPLE: list[tuple[Statement, float]] = [
    (_move, 24),
    (_compute, 12),
    (_add, 10),
    (_display, 5),
    (_string, 4),
    (_inspect, 3),
    (_set, 6),
    (_initialize, 3),
    (_comment, 4),
]
_NESTED: list[tuple[Statement, float]] = [
    (_if, 18),
    (_evaluate, 6),
    (_perform_varying, 6),
]
_SHALLOW = [s for s, _ in _SIMPLE + _NESTED]
_SHALLOW_WEIGHTS = list(itertools.accumulate(w for _, w in _SIMPLE + _NESTED))
_DEEP = [s for s, _ in _SIMPLE]
_DEEP_WEIGHTS = list(itertools.accumulate(w for _, w in _SIMPLE))


def statement(
    out: SourceWriter, rng: random.Random, work: Workspace, level: int
) -> None:
    """Write one statement; below two levels of nesting, only simple ones."""
    if level < 2:
        (chosen,) = rng.choices(_SHALLOW, cum_weights=_SHALLOW_WEIGHTS)
    else:
        (chosen,) = rng.choices(_DEEP, cum_weights=_DEEP_WEIGHTS)
    if chosen is _perform_varying and not work.tables:
        chosen = _move
    chosen(out, rng, work, level)
