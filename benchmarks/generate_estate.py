"""Write a synthetic COBOL estate: fixed-format programs in three layers
(batch drivers, business services, utilities), copybooks shared with a
skew, JCL jobs, long call chains, a few call cycles and skewed program
sizes. The same seed always writes the same files.

Usage::

    python benchmarks/generate_estate.py OUT --lines 1000000 --seed 1
    python benchmarks/generate_estate.py OUT --programs 300 --check 20
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from cobol_procedure import procedure_division
from cobol_text import (
    SourceWriter,
    Workspace,
    data_division,
    identification_division,
    render_copybook,
    render_job,
)
from estate_shape import (
    CopybookSpec,
    EstateSpec,
    ProgramSpec,
    design_estate,
    program_count,
    scale_sizes,
)

# Written at the estate root; discovery ignores .json files.
MANIFEST = "generator.json"


@dataclass(frozen=True)
class GeneratedEstate:
    """Summary of a generated estate, for benchmarks and tests to check
    against."""

    root: str
    seed: int
    programs: int
    copybooks: int
    jobs: int
    lines: int
    program_lines: int
    # Call cycles written on purpose, each as sorted program names.
    cycles: tuple[tuple[str, ...], ...]
    # Copybooks that more than one program copies, most copied first.
    shared_copybooks: tuple[str, ...]


def render_program(
    spec: ProgramSpec,
    books: dict[str, CopybookSpec],
    interfaces: dict[str, str],
    seed: int,
) -> str:
    """Render the text of one program, about ``spec.size`` lines long."""
    rng = random.Random(f"{seed}:{spec.name}")
    out = SourceWriter(spec.name if spec.id_area else "")
    identification_division(out, spec)
    work = Workspace()
    data_division(out, spec, work, books, rng)
    procedure_division(out, spec, work, interfaces, rng)
    return out.render()


def generate(
    out: Path,
    *,
    lines: int | None = None,
    seed: int = 1,
    programs: int | None = None,
    copybooks: int | None = None,
) -> GeneratedEstate:
    """Write an estate under ``out``: about ``lines`` lines in all, or
    ``programs`` programs of their natural sizes. ``out`` must be empty or
    absent."""
    if lines is None and programs is None:
        raise ValueError("give a line count or a number of programs")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give a new folder")
    rng = random.Random(seed)
    estate = design_estate(rng, programs or program_count(lines or 0), copybooks)
    texts = {
        f"copybooks/{b.name}.cpy": render_copybook(b, seed) for b in estate.copybooks
    }
    texts.update({f"jcl/{job.name}.jcl": render_job(job) for job in estate.jobs})
    if lines is not None:
        scale_sizes(estate, lines - sum(text.count("\n") for text in texts.values()))
    books = {book.name: book for book in estate.copybooks}
    interfaces = {p.name: p.interface for p in estate.programs if p.interface}
    program_lines = 0
    for spec in estate.programs:
        text = render_program(spec, books, interfaces, seed)
        program_lines += text.count("\n")
        texts[f"programs/{spec.layer.value}/{spec.name}.cbl"] = text
    for relpath, text in sorted(texts.items()):
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    summary = _summary(out, seed, estate, texts, program_lines)
    (out / MANIFEST).write_text(json.dumps(asdict(summary), indent=1) + "\n")
    return summary


def _summary(
    out: Path, seed: int, estate: EstateSpec, texts: dict[str, str], program_lines: int
) -> GeneratedEstate:
    users: Counter[str] = Counter()
    for program in estate.programs:
        users.update({use.copybook for use in program.copies})
    shared = [name for name, count in users.most_common() if count > 1]
    return GeneratedEstate(
        root=str(out),
        seed=seed,
        programs=len(estate.programs),
        copybooks=len(estate.copybooks),
        jobs=len(estate.jobs),
        lines=sum(text.count("\n") for text in texts.values()),
        program_lines=program_lines,
        cycles=tuple(estate.cycles),
        shared_copybooks=tuple(shared),
    )


def read_manifest(root: Path) -> GeneratedEstate | None:
    """Return the summary a previous run wrote under ``root``, or None."""
    path = root / MANIFEST
    if not path.is_file():
        return None
    data = json.loads(path.read_text())
    data["cycles"] = tuple(tuple(cycle) for cycle in data["cycles"])
    data["shared_copybooks"] = tuple(data["shared_copybooks"])
    return GeneratedEstate(**data)


def count_parse_errors(root: Path, sample: int, seed: int = 0) -> dict[str, int]:
    """Expand and parse ``sample`` programs of the estate at ``root`` with the
    bundled grammar. Return the count of ERROR and MISSING nodes of each
    program that has any."""
    from migrate.config import load_config
    from migrate.discover import discover
    from migrate.model import MemberKind
    from migrate.parse.cobol import parse_tree
    from migrate.preprocess import Preprocessor

    estate = discover(root, load_config(root))
    preprocessor = Preprocessor(estate)
    members = [m.relpath for m in estate.of_kind(MemberKind.PROGRAM)]
    chosen = random.Random(seed).sample(members, min(sample, len(members)))
    failures = {}
    for relpath in chosen:
        tree = parse_tree(preprocessor.expand(relpath).text)
        count = _error_nodes(tree.root_node)
        if count:
            failures[relpath] = count
    return failures


def _error_nodes(node: object) -> int:
    stack = [node]
    count = 0
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:  # type: ignore[attr-defined]
            count += 1
        if current.has_error:  # type: ignore[attr-defined]
            stack.extend(current.children)  # type: ignore[attr-defined]
    return count


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="new folder for the estate")
    parser.add_argument("--lines", type=int, help="total lines to write, about")
    parser.add_argument("--programs", type=int, help="number of programs")
    parser.add_argument("--copybooks", type=int, help="number of copybooks")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--check",
        type=int,
        default=0,
        metavar="N",
        help="then expand and parse N sample programs and report ERROR nodes",
    )
    args = parser.parse_args(argv)
    if args.lines is None and args.programs is None:
        parser.error("give --lines or --programs")

    try:
        summary = generate(
            args.out,
            lines=args.lines,
            seed=args.seed,
            programs=args.programs,
            copybooks=args.copybooks,
        )
    except FileExistsError as error:
        parser.error(str(error))
    print(
        f"wrote {summary.lines} lines to {args.out}: {summary.programs} programs, "
        f"{summary.copybooks} copybooks, {summary.jobs} jobs, "
        f"{len(summary.cycles)} call cycles",
        file=sys.stderr,
    )

    if args.check:
        failures = count_parse_errors(args.out, args.check)
        for relpath, count in sorted(failures.items()):
            print(f"{relpath}: {count} ERROR or MISSING nodes", file=sys.stderr)
        print(
            f"parsed {args.check} sample programs: {len(failures)} with errors",
            file=sys.stderr,
        )
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
