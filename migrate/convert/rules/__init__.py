"""The deterministic COBOL-to-Java translator.

It needs no network: each program becomes one class written against the
``migrate.runtime`` library, each shared copybook a record class, and every
construct it does not translate is reported as an ``Unsupported`` entry at
its original position.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath

from migrate.convert.rules.codegen_program import generate_program
from migrate.convert.rules.context import ProcedureError
from migrate.convert.rules.names import java_class_name, java_member_name
from migrate.convert.rules.program import ProgramModel, read_program
from migrate.convert.rules.records import generate_record_class
from migrate.convert.rules.stream import ParseError
from migrate.convert.rules.symbols import ResolveError
from migrate.errors import InputError, UsageError
from migrate.model import (
    Conversion,
    ConversionRequest,
    EntryPoint,
    ExpandedSource,
    JavaSource,
    SliceKind,
    Unsupported,
)

__all__ = ["RulesConverter", "java_class_name", "java_member_name"]

log = logging.getLogger(__name__)


class RulesConverter:
    """Translates program and record slices by rules, at no cost."""

    name = "rules"

    def convert(self, request: ConversionRequest) -> Conversion:
        """Convert the slice in ``request`` to Java sources.

        Raises :class:`InputError` at the original position for source text
        that does not parse or names undefined items or procedures.
        """
        kind = request.slice.kind
        if kind is SliceKind.RECORD:
            sources, unsupported = self._records(request)
        elif kind is SliceKind.PROGRAM:
            sources, unsupported = self._programs(request)
        else:
            raise UsageError(
                f"the rules converter cannot convert a "
                f"{kind.value} slice ({request.slice.id})",
                hint="convert program and record slices only",
            )
        log.debug(
            "converted slice %s: %d sources, %d unsupported",
            request.slice.id,
            len(sources),
            len(unsupported),
        )
        return Conversion(
            request.slice.id, tuple(sources), tuple(unsupported), converter=self.name
        )

    def estimate_cost(self, request: ConversionRequest) -> float:
        """Return 0.0: translating by rules costs nothing."""
        return 0.0

    def _records(
        self, request: ConversionRequest
    ) -> tuple[list[JavaSource], list[Unsupported]]:
        sources: list[JavaSource] = []
        unsupported: list[Unsupported] = []
        names = request.slice.copybooks
        for index, source in enumerate(request.sources):
            copybook = (
                names[index]
                if index < len(names) and len(names) == len(request.sources)
                else PurePosixPath(source.member).stem.upper()
            )
            java, problems = generate_record_class(
                copybook, source, request.java_package
            )
            sources.append(java)
            unsupported.extend(problems)
        return sources, unsupported

    def _programs(
        self, request: ConversionRequest
    ) -> tuple[list[JavaSource], list[Unsupported]]:
        models = [(source, _read(source)) for source in request.sources]
        callees = list(request.callees) + [entry_point(model) for _, model in models]
        sources: list[JavaSource] = []
        unsupported: list[Unsupported] = []
        for source, model in models:
            try:
                java, problems = generate_program(
                    model, source, request.java_package, tuple(callees)
                )
            except (ResolveError, ProcedureError) as error:
                raise InputError(
                    error.message,
                    pos=source.pos(error.line),
                    hint="fix the reference in the COBOL source",
                ) from error
            sources.append(java)
            unsupported.extend(problems)
            unsupported.extend(exec_blocks(source))
        return sources, unsupported


def exec_blocks(source: ExpandedSource) -> list[Unsupported]:
    """Report the EXEC blocks that preprocessing lifted out of the text,
    each of which left a CONTINUE in its place."""
    found = []
    for pos, text in source.exec_blocks:
        words = text.split()
        kind = words[1].upper() if len(words) > 1 else ""
        found.append(Unsupported(pos, f"EXEC {kind} block".replace("  ", " ")))
    return found


def entry_point(model: ProgramModel) -> EntryPoint:
    """Return the Java entry point of a program read by ``read_program``."""
    return EntryPoint(
        model.program_id, java_class_name(model.program_id), model.procedure.using
    )


def _read(source: ExpandedSource) -> ProgramModel:
    try:
        return read_program(source.text, source.literals)
    except ParseError as error:
        raise InputError(
            f"cannot translate {source.member}: {error.message}",
            pos=source.pos(error.line),
            hint="check the statement at this line; cobc -fsyntax-only "
            "shows whether GnuCOBOL accepts it",
        ) from error
