"""The structure of a synthetic COBOL estate: programs in layers, the calls
between them, the copybooks they share and the jobs that run them.

Everything here is decided from one ``random.Random``, so one seed always
gives the same estate. :mod:`cobol_text` turns the structure into text.
"""

from __future__ import annotations

import enum
import math
import random
from dataclasses import dataclass, field

NOUNS = (
    "ACCT",
    "CUST",
    "TRAN",
    "LOAN",
    "CARD",
    "PAYM",
    "ADDR",
    "BRCH",
    "PROD",
    "RATE",
    "FEES",
    "STMT",
    "AUDT",
    "CTRL",
    "LEDG",
    "COLL",
)
# Median program sizes in lines, by layer; sizes follow a log-normal law
# with this spread, so a few programs are many times the median.
MEDIAN_LINES = {"driver": 420, "service": 380, "utility": 170}
SIZE_SIGMA = 0.85
MIN_PROGRAM_LINES = 90
MAX_PROGRAM_LINES = 15000
# Programs per 20: 2 batch drivers, 11 business services, 7 utilities.
LAYER_PATTERN = ("driver",) * 2 + ("service",) * 11 + ("utility",) * 7
# An estimate of the lines per program, copybooks and JCL included, used to
# size the estate from a line count before any text exists.
LINES_PER_PROGRAM = 470


class Layer(enum.Enum):
    """The layer of a program: drivers call services, services call deeper
    services and utilities, utilities call only base utilities."""

    DRIVER = "driver"
    SERVICE = "service"
    UTILITY = "utility"


class CallStyle(enum.Enum):
    """The form of a CALL's target: a literal, or a data item set in one of
    three ways."""

    STATIC = "static"  # CALL 'NAME'
    MOVE = "move"  # MOVE 'NAME' TO WS-x, then CALL WS-x
    VALUE = "value"  # WS-x PIC X(8) VALUE 'NAME', then CALL WS-x
    UNRESOLVED = "unresolved"  # CALL WS-x with a name read from a parameter


class CopybookKind(enum.Enum):
    """The kind of content of a copybook."""

    RECORD = "record"  # an 01 record layout, maybe with nested COPY
    TAGGED = "tagged"  # a record whose names carry :PFX:, for REPLACING
    FRAGMENT = "fragment"  # level-10 items, copied only by other copybooks
    INTERFACE = "interface"  # the USING parameter area of one program


@dataclass(frozen=True)
class CallSpec:
    """One CALL of a program."""

    callee: str
    style: CallStyle


@dataclass(frozen=True)
class CopyUse:
    """One COPY statement of a program; ``prefix`` replaces ``:PFX:``."""

    copybook: str
    prefix: str = ""


@dataclass(frozen=True)
class FileSpec:
    """A sequential file of a program: its FD name and its DD name."""

    name: str
    ddname: str
    output: bool


@dataclass(frozen=True)
class CopybookSpec:
    """One copybook: its kind, size and the copybooks it copies."""

    name: str
    kind: CopybookKind
    fields: int
    nested: tuple[str, ...] = ()


@dataclass(eq=False)
class ProgramSpec:
    """One program before rendering. ``interface`` names the copybook of its
    USING area, empty when the LINKAGE SECTION is written inline."""

    name: str
    layer: Layer
    depth: int
    size: int
    interface: str = ""
    calls: list[CallSpec] = field(default_factory=list)
    copies: list[CopyUse] = field(default_factory=list)
    files: list[FileSpec] = field(default_factory=list)
    id_area: bool = False


@dataclass(frozen=True)
class StepSpec:
    """A job step: the program it runs and its DD statements as
    (ddname, dataset name, DISP)."""

    name: str
    program: str
    dds: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class JobSpec:
    """A JCL job."""

    name: str
    steps: tuple[StepSpec, ...]


@dataclass
class EstateSpec:
    """The whole estate before rendering."""

    programs: list[ProgramSpec]
    copybooks: list[CopybookSpec]
    jobs: list[JobSpec] = field(default_factory=list)
    # Call cycles added on purpose, each as sorted program names.
    cycles: list[tuple[str, ...]] = field(default_factory=list)


def program_count(target_lines: int) -> int:
    """Estimate how many programs make an estate of ``target_lines``."""
    return max(12, round(target_lines / LINES_PER_PROGRAM))


def design_estate(
    rng: random.Random, programs: int, copybooks: int | None = None
) -> EstateSpec:
    """Decide programs, layers, calls, copybooks and jobs; sizes are drawn
    per layer and may be rescaled by the caller."""
    specs = _programs(rng, programs)
    total = copybooks if copybooks is not None else max(8, round(programs * 0.6))
    books = _copybooks(rng, specs, total)
    estate = EstateSpec(specs, books)
    _add_calls(rng, estate)
    _add_copies(rng, estate)
    _add_files_and_jobs(rng, estate)
    return estate


def scale_sizes(estate: EstateSpec, budget: int) -> None:
    """Rescale program sizes so that they add up to about ``budget`` lines,
    keeping their skew."""
    total = sum(p.size for p in estate.programs)
    factor = budget / total if total else 1.0
    for program in estate.programs:
        scaled = round(program.size * factor)
        program.size = min(MAX_PROGRAM_LINES, max(MIN_PROGRAM_LINES, scaled))


def _programs(rng: random.Random, count: int) -> list[ProgramSpec]:
    counters: dict[tuple[str, str], int] = {}
    specs = []
    for index in range(count):
        layer = Layer(LAYER_PATTERN[index % len(LAYER_PATTERN)])
        noun = NOUNS[rng.randrange(len(NOUNS))]
        letter = {"driver": "B", "service": "S", "utility": "U"}[layer.value]
        number = counters.get((noun, letter), 0) + 1
        counters[(noun, letter)] = number
        median = MEDIAN_LINES[layer.value]
        size = round(median * math.exp(rng.gauss(0.0, SIZE_SIGMA)))
        size = min(MAX_PROGRAM_LINES, max(MIN_PROGRAM_LINES, size))
        specs.append(
            ProgramSpec(
                name=f"{noun}{letter}{number:03d}",
                layer=layer,
                depth=0,
                size=size,
                id_area=rng.random() < 0.5,
            )
        )
    _assign_depths(specs)
    return specs


def _assign_depths(specs: list[ProgramSpec]) -> None:
    """Spread services over depths 1..D, D growing with the estate, so that
    call chains are long; drivers are depth 0, utilities below all."""
    services = [p for p in specs if p.layer is Layer.SERVICE]
    depth_count = min(14, max(3, len(services) // 25))
    for index, program in enumerate(services):
        program.depth = 1 + index * depth_count // max(1, len(services))
    for program in specs:
        if program.layer is Layer.UTILITY:
            program.depth = depth_count + 1


def _copybooks(
    rng: random.Random, specs: list[ProgramSpec], total: int
) -> list[CopybookSpec]:
    """Split ``total`` copybooks into interfaces (for utilities first, then
    services), records, tagged records and fragments."""
    callees = [p for p in specs if p.layer is Layer.UTILITY]
    callees += [p for p in specs if p.layer is Layer.SERVICE]
    interfaces = min(len(callees), total * 2 // 5)
    rest = total - interfaces
    fragments = max(1, rest // 8)
    tagged = max(1, rest * 2 // 8)
    records = max(1, rest - fragments - tagged)

    books = [
        CopybookSpec(
            f"{NOUNS[i % len(NOUNS)]}F{i // len(NOUNS) + 1:03d}",
            CopybookKind.FRAGMENT,
            rng.randint(3, 14),
        )
        for i in range(fragments)
    ]
    for index in range(records + tagged):
        kind = CopybookKind.RECORD if index < records else CopybookKind.TAGGED
        letter = "R" if kind is CopybookKind.RECORD else "T"
        noun = NOUNS[index % len(NOUNS)]
        name = f"{noun}{letter}{index // len(NOUNS) + 1:03d}"
        fields = min(150, max(6, round(30 * math.exp(rng.gauss(0.0, 0.7)))))
        nested: tuple[str, ...] = ()
        if rng.random() < 0.3:
            picks = zipf_sample(rng, books[:fragments], rng.randint(1, 2))
            nested = tuple(b.name for b in picks)
        books.append(CopybookSpec(name, kind, fields, nested))

    for program in callees[:interfaces]:
        name = program.name[:4] + ("Q" if program.layer is Layer.UTILITY else "P")
        program.interface = name + program.name[5:]
        books.append(
            CopybookSpec(program.interface, CopybookKind.INTERFACE, rng.randint(3, 25))
        )
    return books


def zipf_sample(rng: random.Random, items: list, count: int, skew: float = 1.1) -> list:  # type: ignore[type-arg]
    """Pick ``count`` distinct items, the first ones far more often than the
    last ones (a Zipf law with exponent ``skew``)."""
    if count >= len(items):
        return list(items)
    weights = [1.0 / (rank + 1) ** skew for rank in range(len(items))]
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        (index,) = rng.choices(range(len(items)), weights=weights)
        chosen[index] = None
    return [items[index] for index in chosen]


def _call_style(rng: random.Random) -> CallStyle:
    roll = rng.random()
    if roll < 0.65:
        return CallStyle.STATIC
    return CallStyle.MOVE if roll < 0.85 else CallStyle.VALUE


def _add_calls(rng: random.Random, estate: EstateSpec) -> None:
    """Calls go down the layers; utilities early in the list are called far
    more often; a few back edges close call cycles."""
    programs = estate.programs
    by_depth: dict[int, list[ProgramSpec]] = {}
    for program in programs:
        if program.layer is Layer.SERVICE:
            by_depth.setdefault(program.depth, []).append(program)
    utilities = [p for p in programs if p.layer is Layer.UTILITY]
    base = utilities[: max(1, len(utilities) // 5)]
    deepest = max(by_depth, default=0)
    for program in programs:
        targets = _callees(rng, program, by_depth, deepest, utilities, base)
        for callee in dict.fromkeys(targets):
            if callee.name != program.name:
                program.calls.append(CallSpec(callee.name, _call_style(rng)))
        if rng.random() < 1 / 150:
            program.calls.append(CallSpec("", CallStyle.UNRESOLVED))
    _connect_orphans(rng, programs, by_depth)
    estate.cycles = _add_cycles(rng, programs, by_depth)


def _callees(
    rng: random.Random,
    program: ProgramSpec,
    by_depth: dict[int, list[ProgramSpec]],
    deepest: int,
    utilities: list[ProgramSpec],
    base: list[ProgramSpec],
) -> list[ProgramSpec]:
    if program.layer is Layer.DRIVER:
        first = by_depth.get(1, [])
        services = rng.sample(first, min(len(first), rng.randint(2, 6)))
        return services + zipf_sample(rng, base, rng.randint(1, 2))
    if program.layer is Layer.UTILITY:
        if program in base:
            later = base[base.index(program) + 1 :]
            return zipf_sample(rng, later, 1) if later and rng.random() < 0.3 else []
        return zipf_sample(rng, base, rng.randint(0, 2))
    picks: list[ProgramSpec] = []
    if program.depth < deepest:
        step = 2 if program.depth + 2 <= deepest and rng.random() < 0.15 else 1
        deeper = by_depth.get(program.depth + step, [])
        picks = rng.sample(deeper, min(len(deeper), rng.randint(0, 3)))
    return picks + zipf_sample(rng, utilities, rng.randint(1, 4))


def _connect_orphans(
    rng: random.Random,
    programs: list[ProgramSpec],
    by_depth: dict[int, list[ProgramSpec]],
) -> None:
    """Give every service a caller one level up, so chains run unbroken from
    the drivers to the deepest services."""
    called = {call.callee for p in programs for call in p.calls}
    drivers = [p for p in programs if p.layer is Layer.DRIVER]
    for depth in sorted(by_depth):
        callers = by_depth.get(depth - 1, []) if depth > 1 else drivers
        for service in by_depth[depth]:
            if service.name not in called and callers:
                caller = rng.choice(callers)
                caller.calls.append(CallSpec(service.name, _call_style(rng)))
                called.add(service.name)


def _add_cycles(
    rng: random.Random,
    programs: list[ProgramSpec],
    by_depth: dict[int, list[ProgramSpec]],
) -> list[tuple[str, ...]]:
    """Close a few call cycles of two or three services by a call back up."""
    by_name = {p.name: p for p in programs}
    services = [p for depth in sorted(by_depth) for p in by_depth[depth]]
    target_count = max(1, len(services) // 120)
    cycles: list[tuple[str, ...]] = []
    used: set[str] = set()
    for start in rng.sample(services, len(services)):
        if len(cycles) >= target_count:
            break
        chain = _service_chain(start, by_name, 2 + len(cycles) % 2)
        if chain is None or used & set(chain):
            continue
        by_name[chain[-1]].calls.append(CallSpec(chain[0], CallStyle.STATIC))
        used.update(chain)
        cycles.append(tuple(sorted(chain)))
    return cycles


def _service_chain(
    start: ProgramSpec, by_name: dict[str, ProgramSpec], length: int
) -> list[str] | None:
    chain = [start.name]
    current = start
    while len(chain) < length:
        deeper = [
            c.callee
            for c in current.calls
            if c.callee in by_name and by_name[c.callee].layer is Layer.SERVICE
        ]
        if not deeper:
            return None
        current = by_name[deeper[0]]
        chain.append(current.name)
    return chain


def _add_copies(rng: random.Random, estate: EstateSpec) -> None:
    """Add the COPY statements of every program: its callees' interfaces
    and a few shared records chosen with a skew, so some are copied by
    many. A program's own interface is copied in its LINKAGE SECTION."""
    interfaces = {p.name: p.interface for p in estate.programs if p.interface}
    records = [b for b in estate.copybooks if b.kind is CopybookKind.RECORD]
    tagged = [b for b in estate.copybooks if b.kind is CopybookKind.TAGGED]
    for program in estate.programs:
        callees = [c.callee for c in program.calls if c.callee in interfaces]
        for callee in dict.fromkeys(callees):
            program.copies.append(CopyUse(interfaces[callee]))
        for book in zipf_sample(rng, records, rng.randint(1, 5)):
            program.copies.append(CopyUse(book.name))
        if tagged and rng.random() < 0.6:
            picks = zipf_sample(rng, tagged, rng.randint(1, 2))
            for number, book in enumerate(picks, 1):
                program.copies.append(CopyUse(book.name, f"WS{number}"))
                if rng.random() < 0.3:
                    program.copies.append(CopyUse(book.name, f"SV{number}"))


def _add_files_and_jobs(rng: random.Random, estate: EstateSpec) -> None:
    """Give drivers files, and run them from jobs whose outputs feed the
    inputs of later jobs."""
    drivers = [p for p in estate.programs if p.layer is Layer.DRIVER]
    produced: list[str] = []
    steps: list[StepSpec] = []
    for driver in drivers:
        dds: list[tuple[str, str, str]] = []
        outputs: list[str] = []
        for number in range(1, rng.randint(2, 4) + 1):
            output = number > 1 and rng.random() < 0.5
            ddname = f"{'OUT' if output else 'IN'}FILE{number}"
            driver.files.append(FileSpec(f"{ddname}-F", ddname, output))
            if output:
                outputs.append(f"PROD.{driver.name}.OUT{number}")
                dds.append((ddname, outputs[-1], "NEW"))
            else:
                reuse = produced and rng.random() < 0.5
                dataset = (
                    rng.choice(produced) if reuse else f"PROD.{driver.name[:4]}.MASTER"
                )
                dds.append((ddname, dataset, "SHR"))
        produced += outputs
        steps.append(StepSpec(f"S{len(steps) % 90 + 10:02d}", driver.name, tuple(dds)))
    index = 0
    while index < len(steps):
        count = rng.randint(1, 3)
        name = f"JOB{len(estate.jobs) + 1:05d}"
        estate.jobs.append(JobSpec(name, tuple(steps[index : index + count])))
        index += count
