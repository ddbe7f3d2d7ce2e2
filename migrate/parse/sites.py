"""The CALL sites of a program, as the dependency graph reads them."""

from __future__ import annotations

from dataclasses import dataclass

from migrate.model import CallKind, SourcePos


@dataclass(frozen=True)
class CallSite:
    """One CALL statement, or CICS LINK or XCTL, and the program names it may
    reach.

    ``targets`` is one name for a static CALL, the names a data item can
    hold for a dynamic one, and empty when they could not be found.
    ``resolution`` says how: ``literal``, or the sources of a data item's
    values joined by ``+``: ``value`` (its VALUE clause), ``move`` (literals
    moved or SET to it), ``table`` (the entries of a table of VALUE
    clauses that it is an element of), or ``unresolved``. ``command`` is
    empty for a CALL and ``LINK`` or ``XCTL`` for EXEC CICS.
    """

    kind: CallKind
    targets: tuple[str, ...]
    pos: SourcePos
    via: str = ""
    resolution: str = "literal"
    command: str = ""
