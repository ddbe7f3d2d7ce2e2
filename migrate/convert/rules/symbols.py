"""The symbol table of one program: every data item and condition name
with its Java field, its storage and its table strides."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeVar

from migrate.convert.rules.names import NameAllocator, java_member_name
from migrate.convert.rules.nodes import Ref
from migrate.parse.data import (
    ConditionName,
    DataDivision,
    DataItem,
    ItemCategory,
)


class Section(enum.Enum):
    """The data division section an item belongs to."""

    FILE = "file"
    WORKING = "working-storage"
    LINKAGE = "linkage"


class JavaKind(enum.Enum):
    """The runtime class that represents an item."""

    AREA = "Area"
    ALPHA = "AlphaField"
    ALPHA_EDITED = "AlphaEditedField"
    NUM = "NumField"
    EDITED = "EditedField"


_KINDS = {
    ItemCategory.GROUP: JavaKind.AREA,
    ItemCategory.ALPHANUMERIC: JavaKind.ALPHA,
    ItemCategory.ALPHABETIC: JavaKind.ALPHA,
    ItemCategory.ALPHANUMERIC_EDITED: JavaKind.ALPHA_EDITED,
    ItemCategory.NUMERIC: JavaKind.NUM,
    ItemCategory.NUMERIC_EDITED: JavaKind.EDITED,
}

_T = TypeVar("_T")

# Java names the generated class declares itself, and the methods of
# java.lang.Object, which a static method of the same name cannot hide.
RESERVED_MEMBERS = (
    "PROGRAM_ID",
    "FRAME",
    "RETURN_CODE",
    "call",
    "main",
    "run",
    "bind",
    "returnCode",
    "mainProgram",
    "initialize",
    "wait",
    "notify",
    "notifyAll",
    "getClass",
    "hashCode",
    "toString",
    "equals",
    "clone",
    "finalize",
) + tuple(f"{stem}{k}" for stem in ("initialize", "build") for k in range(1, 100))


@dataclass(frozen=True)
class Symbol:
    """A data item with its Java field and layout.

    ``ancestors`` are the names of the enclosing items, innermost first,
    ending with the FD name for a file record. ``strides`` are the byte
    distances between occurrences of each enclosing table, outermost first.
    ``counts`` are the OCCURS counts of those tables. ``record`` is the
    Java field of the level-01 item; ``redefined`` marks items inside a
    REDEFINES, which take no initial value.
    """

    item: DataItem
    java: str
    section: Section
    ancestors: tuple[str, ...]
    strides: tuple[int, ...]
    counts: tuple[int, ...]
    record: str
    redefined: bool
    parent: str = ""

    @property
    def kind(self) -> JavaKind:
        return _KINDS[self.item.category]

    @property
    def dims(self) -> int:
        return len(self.strides)

    @property
    def numeric(self) -> bool:
        return self.item.category in (ItemCategory.NUMERIC, ItemCategory.NUMERIC_EDITED)


@dataclass(frozen=True)
class CondSymbol:
    """A level-88 condition name over ``owner``."""

    condition: ConditionName
    java: str
    owner: Symbol


class ResolveError(LookupError):
    """Raised for a reference to no item, or to several."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class SymbolTable:
    """Resolves data references of one program to symbols."""

    def __init__(self, data: DataDivision, allocator: NameAllocator) -> None:
        self.symbols: list[Symbol] = []
        self.conditions: list[CondSymbol] = []
        self.file_of_record: dict[str, str] = {}
        self._allocator = allocator
        for fd in data.files:
            for record in fd.records:
                self.file_of_record[record.name] = fd.name
                self._add_record(record, Section.FILE, (fd.name,))
        for record in data.working_storage:
            self._add_record(record, Section.WORKING, ())
        for record in data.linkage:
            self._add_record(record, Section.LINKAGE, ())

    def _add_record(
        self, record: DataItem, section: Section, outer: tuple[str, ...]
    ) -> None:
        java = self._allocator.take(
            java_member_name(record.name) if not record.is_filler else "filler"
        )
        self._add(record, section, outer, ((), ()), java, java, bool(record.redefines))

    def _add(
        self,
        item: DataItem,
        section: Section,
        ancestors: tuple[str, ...],
        tables: tuple[tuple[int, ...], tuple[int, ...]],
        java: str,
        record: str,
        redefined: bool,
        parent: str = "",
    ) -> None:
        strides, counts = tables
        if item.occurs:
            strides = strides + (item.size,)
            counts = counts + (item.occurs,)
        symbol = Symbol(
            item, java, section, ancestors, strides, counts, record, redefined, parent
        )
        self.symbols.append(symbol)
        for condition in item.conditions:
            cond_java = self._allocator.take(java_member_name(condition.name))
            self.conditions.append(CondSymbol(condition, cond_java, symbol))
        for child in item.children:
            child_java = self._allocator.take(
                java_member_name(child.name) if not child.is_filler else "filler"
            )
            self._add(
                child,
                section,
                (item.name,) + ancestors,
                (strides, counts),
                child_java,
                record,
                redefined or bool(child.redefines),
                java,
            )

    def resolve(self, ref: Ref) -> Symbol:
        """Return the item ``ref`` names, honouring OF/IN qualifiers."""
        matches = [
            s
            for s in self.symbols
            if s.item.name == ref.name and _qualified(s.ancestors, ref.qualifiers)
        ]
        return _single(matches, ref)

    def condition(self, ref: Ref) -> CondSymbol | None:
        """Return the condition name ``ref`` names, or None."""
        matches = [
            c
            for c in self.conditions
            if c.condition.name == ref.name
            and _qualified((c.owner.item.name,) + c.owner.ancestors, ref.qualifiers)
        ]
        return _single(matches, ref) if matches else None

    def is_condition(self, name: str) -> bool:
        return any(c.condition.name == name for c in self.conditions)

    def by_name(self, name: str) -> Symbol | None:
        """Return the unqualified item ``name`` if exactly one exists."""
        matches = [s for s in self.symbols if s.item.name == name]
        return matches[0] if len(matches) == 1 else None


def _qualified(ancestors: tuple[str, ...], qualifiers: tuple[str, ...]) -> bool:
    """Tell whether the qualifiers appear among the ancestors in order."""
    position = 0
    for qualifier in qualifiers:
        try:
            position = ancestors.index(qualifier, position) + 1
        except ValueError:
            return False
    return True


def _single(matches: list[_T], ref: Ref) -> _T:
    if not matches:
        raise ResolveError(f"{ref.name} is not defined", ref.line)
    if len(matches) > 1:
        raise ResolveError(f"{ref.name} is ambiguous: qualify it with OF", ref.line)
    return matches[0]
