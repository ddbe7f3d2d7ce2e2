"""State shared while one program's class is generated."""

from __future__ import annotations

from dataclasses import dataclass, field

from migrate.convert.rules.javatext import ConstantPool
from migrate.convert.rules.names import NameAllocator, java_member_name
from migrate.convert.rules.nodes import Paragraph, Procedure
from migrate.convert.rules.program import FileControl
from migrate.convert.rules.symbols import RESERVED_MEMBERS, SymbolTable
from migrate.model import EntryPoint, ExpandedSource, SourcePos, Unsupported


@dataclass(frozen=True)
class FileSymbol:
    """A file of FILE-CONTROL with its Java field and record storage."""

    control: FileControl
    java: str
    storage: str
    record_size: int


class ProcedureError(LookupError):
    """Raised for a PERFORM of a procedure name that is not defined."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class ProcedureIndex:
    """Paragraph and section names with their Java methods, in order."""

    def __init__(self, procedure: Procedure) -> None:
        allocator = NameAllocator(RESERVED_MEMBERS)
        self.paragraphs = list(procedure.paragraphs)
        self.methods: list[str] = []
        for paragraph in self.paragraphs:
            wanted = paragraph.name or (
                paragraph.section + "-HEAD" if paragraph.section else "MAIN-LINE"
            )
            self.methods.append(allocator.take(java_member_name(wanted)))
        self.sections = {
            name: allocator.take(java_member_name(name + "-SECTION"))
            for name in procedure.sections
        }

    def section_range(self, name: str) -> list[int]:
        return [i for i, p in enumerate(self.paragraphs) if p.section == name]

    def find(self, name: str, current_section: str, line: int) -> list[int]:
        """Return the paragraph indexes that ``name`` runs when performed."""
        paragraph, _, section = name.partition(" IN ")
        if not section and paragraph in self.sections:
            return self.section_range(paragraph)
        matches = [
            i
            for i, p in enumerate(self.paragraphs)
            if p.name == paragraph and (not section or p.section == section)
        ]
        if len(matches) > 1:
            local = [
                i for i in matches if self.paragraphs[i].section == current_section
            ]
            matches = local if len(local) == 1 else matches
        if len(matches) != 1:
            problem = "is not defined" if not matches else "is ambiguous"
            raise ProcedureError(f"procedure {name} {problem}", line)
        return matches

    def span(
        self, first: str, last: str | None, current_section: str, line: int
    ) -> list[int]:
        """Return the paragraph indexes of ``PERFORM first THRU last``."""
        start = self.find(first, current_section, line)
        if last is None:
            return start
        end = self.find(last, current_section, line)
        if not start or not end or end[-1] < start[0]:
            raise ProcedureError(
                f"PERFORM {first} THRU {last}: {last} comes before {first}", line
            )
        return list(range(start[0], end[-1] + 1))

    def paragraph(self, index: int) -> Paragraph:
        return self.paragraphs[index]


@dataclass
class Context:
    """The state that the generators of one class share."""

    source: ExpandedSource
    symbols: SymbolTable
    procedures: ProcedureIndex
    files: dict[str, FileSymbol]
    java_package: str
    callees: dict[str, EntryPoint]
    constants: ConstantPool = field(default_factory=ConstantPool)
    unsupported: list[Unsupported] = field(default_factory=list)
    uses_return_code: bool = False
    uses_main_flag: bool = False

    def pos(self, line: int) -> SourcePos:
        return self.source.pos(line)

    def report(self, line: int, construct: str) -> str:
        """Record an unsupported construct; return a Java comment line."""
        self.unsupported.append(Unsupported(self.pos(line), construct))
        return f"// UNSUPPORTED: {construct} (line {self.pos(line).line})"


@dataclass
class MethodState:
    """Per-method state: fresh local names and the enclosing inline PERFORMs."""

    section: str = ""
    counter: int = 0
    # Labels of the enclosing inline PERFORMs, innermost last: (exit, cycle).
    loops: list[tuple[str, str]] = field(default_factory=list)

    def local(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"
