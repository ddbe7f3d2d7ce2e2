"""Generate the Java fields of the data division: storage, item views,
condition names, files, initial values and LINKAGE binding."""

from __future__ import annotations

from migrate.convert.rules.context import Context, FileSymbol
from migrate.convert.rules.javatext import (
    block,
    compared_digits,
    java_string,
    moved_digits,
)
from migrate.convert.rules.names import NameAllocator, java_member_name
from migrate.convert.rules.program import FileControl
from migrate.convert.rules.symbols import (
    CondSymbol,
    JavaKind,
    Section,
    Symbol,
    SymbolTable,
)
from migrate.parse.data import (
    DataDivision,
    ItemUsage,
    Literal,
    LiteralKind,
    SignKind,
)

_SIGNS = {
    SignKind.LEADING: "SignPosition.LEADING",
    SignKind.TRAILING: "SignPosition.TRAILING",
    SignKind.LEADING_SEPARATE: "SignPosition.LEADING_SEPARATE",
    SignKind.TRAILING_SEPARATE: "SignPosition.TRAILING_SEPARATE",
}
_USAGE_FACTORY = {
    ItemUsage.DISPLAY: "display",
    ItemUsage.BINARY: "binary",
    ItemUsage.COMP_5: "comp5",
    ItemUsage.PACKED: "packed",
}


def view_expr(symbol: Symbol, base: str, offset: int) -> str:
    """Return the Java expression that creates ``symbol``'s view."""
    item = symbol.item
    kind = symbol.kind
    picture = item.picture.text if item.picture else ""
    if kind is JavaKind.AREA:
        expr = f"new Area({base}, {offset}, {item.size})"
    elif kind is JavaKind.ALPHA:
        expr = f"new AlphaField({base}, {offset}, {item.size})"
        if item.justified:
            expr += ".justifiedRight()"
    elif kind is JavaKind.ALPHA_EDITED:
        expr = f"new AlphaEditedField({base}, {offset}, {java_string(picture)})"
    elif kind is JavaKind.EDITED:
        expr = f"new EditedField({base}, {offset}, {java_string(picture)})"
        if item.blank_when_zero:
            expr += ".blankWhenZero()"
    else:
        expr = _numeric_expr(symbol, base, offset)
    if symbol.strides:
        expr += f".occurs({', '.join(str(s) for s in symbol.strides)})"
    return expr


def _numeric_expr(symbol: Symbol, base: str, offset: int) -> str:
    item = symbol.item
    pic = item.picture
    assert pic is not None, "a numeric item has a PICTURE"
    factory = _USAGE_FACTORY[item.usage]
    if item.usage is ItemUsage.DISPLAY and item.sign is not None and pic.signed:
        sign = _SIGNS[item.sign]
        return f"NumField.display({base}, {offset}, {pic.digits}, {pic.scale}, {sign})"
    signed = "true" if pic.signed else "false"
    return f"NumField.{factory}({base}, {offset}, {pic.digits}, {pic.scale}, {signed})"


class DataGenerator:
    """Builds the declarations, initializer and binder of the data items."""

    def __init__(self, context: Context, data: DataDivision) -> None:
        self.context = context
        self.data = data
        self.symbols: SymbolTable = context.symbols
        self.storage: dict[str, str] = {}
        self.storage_size: dict[str, int] = {}
        self._plan_storage()

    def _plan_storage(self) -> None:
        """Choose the storage Area of each record: its own, the one it
        REDEFINES, or the record area of its FD."""
        records = [s for s in self.symbols.symbols if s.java == s.record]
        by_name = {s.item.name: s for s in records}
        for symbol in records:
            if symbol.section is Section.FILE:
                fd_name = symbol.ancestors[0] if symbol.ancestors else ""
                fd = self.context.files.get(fd_name)
                owner = fd.storage if fd else symbol.java
            elif symbol.item.redefines and symbol.item.redefines in by_name:
                owner = self.storage[by_name[symbol.item.redefines].java]
            else:
                owner = symbol.java
            self.storage[symbol.java] = owner
            # GnuCOBOL takes OCCURS on a level-01 item: the table is the record.
            span = symbol.item.size * max(1, symbol.item.occurs)
            size = max(self.storage_size.get(owner, 0), span)
            self.storage_size[owner] = size

    def declarations(self) -> list[str]:
        """Return the field declarations of storage, items and conditions."""
        lines = [
            f"private static final Area {fd.storage} = Area.allocate({fd.record_size});"
            for fd in self.context.files.values()
        ]
        for symbol in self.symbols.symbols:
            lines.append(self._declaration(symbol))
        for cond in self.symbols.conditions:
            if cond.owner.section is Section.LINKAGE:
                lines.append(f"private static Level88 {cond.java};")
            else:
                lines.append(
                    f"private static final Level88 {cond.java} = "
                    f"{self._condition_expr(cond)};"
                )
        return lines

    def _declaration(self, symbol: Symbol) -> str:
        kind = symbol.kind.value
        if symbol.section is Section.LINKAGE:
            return f"private static {kind} {symbol.java};"
        return f"private static final {kind} {symbol.java} = {self._create(symbol)};"

    def _create(self, symbol: Symbol, param: str | None = None) -> str:
        if symbol.java != symbol.record:
            return view_expr(symbol, symbol.record, symbol.item.offset)
        owner = self.storage.get(symbol.java, symbol.java)
        if param is not None and owner == symbol.java:
            return view_expr(symbol, param, 0)
        if owner != symbol.java:
            return view_expr(symbol, owner, 0)
        size = self.storage_size[owner]
        if symbol.kind is JavaKind.AREA:
            return f"Area.allocate({size})"
        return view_expr(symbol, f"Area.allocate({size})", 0)

    def _condition_expr(self, cond: CondSymbol) -> str:
        # A numeric literal compares with the bytes of a non-numeric owner as
        # spelled; an edited owner keeps the value, which SET ... TO TRUE needs.
        # NOTE: SET of a signed value (VALUE -12 on PIC X(3)) stores "-12",
        # where GnuCOBOL stores "12 " as MOVE -12 does.
        spelled = cond.owner.kind in (
            JavaKind.AREA,
            JavaKind.ALPHA,
            JavaKind.ALPHA_EDITED,
        )
        values = []
        for value in cond.condition.values:
            low = self.literal_object(value.low, spelled)
            if value.high is not None:
                values.append(
                    f"Level88.range({low}, {self.literal_object(value.high, spelled)})"
                )
            else:
                values.append(low)
        return f"new Level88({cond.owner.java}, {', '.join(values)})"

    def literal_object(self, literal: Literal, spelled: bool = False) -> str:
        """Return a literal as the Java object the runtime takes; with
        ``spelled``, a numeric literal as the characters it compares as."""
        if literal.kind is LiteralKind.FIGURATIVE:
            return f"Figurative.{literal.text}"
        if literal.kind is LiteralKind.NUMBER and spelled:
            return java_string(compared_digits(literal.text))
        if literal.kind is LiteralKind.NUMBER:
            return self.context.constants.number(literal.text)
        return java_string(literal.text)

    def file_declarations(self) -> list[str]:
        """Return the SeqFile fields, declared after their status items."""
        lines = []
        for fd in self.context.files.values():
            control = fd.control
            if control.assign_item:
                target = self.symbols.by_name(control.assign)
                name = target.java if target else java_string(control.assign)
            else:
                name = java_string(control.assign)
            expr = (
                f"new SeqFile({name}, {fd.storage}, "
                f"{'true' if control.line_sequential else 'false'})"
            )
            if control.status:
                status = self.symbols.by_name(control.status)
                if status is None:
                    self.context.report(
                        control.line, f"FILE STATUS item {control.status} not found"
                    )
                else:
                    expr += f".status({status.java})"
            lines.append(f"private static final SeqFile {fd.java} = {expr};")
        return lines

    def bind_method(self, using: tuple[str, ...]) -> list[str]:
        """Return ``bind``, which builds the LINKAGE views over the CALL's
        arguments, or an empty list when there is no LINKAGE SECTION."""
        linkage = [s for s in self.symbols.symbols if s.section is Section.LINKAGE]
        if not linkage:
            return []
        params = {name: f"p{k + 1}" for k, name in enumerate(using)}
        body: list[str] = []
        unbound: set[str] = set()
        for symbol in linkage:
            is_record = symbol.java == symbol.record
            param = params.get(symbol.item.name) if is_record else None
            owner = self.storage.get(symbol.java, symbol.record)
            if (
                (is_record and param is None and owner == symbol.java)
                or owner in unbound
                or symbol.record in unbound
            ):
                unbound.add(symbol.java)
                body.append(f"{symbol.java} = null;")
                continue
            base = (
                param if param is not None else (owner if is_record else symbol.record)
            )
            body.append(
                f"{symbol.java} = {base} == null ? null : "
                f"{self._create(symbol, param)};"
            )
        for cond in self.symbols.conditions:
            if cond.owner.section is Section.LINKAGE:
                value = (
                    "null"
                    if cond.owner.java in unbound
                    else f"{cond.owner.java} == null ? null : "
                    f"{self._condition_expr(cond)}"
                )
                body.append(f"{cond.java} = {value};")
        args = ", ".join(f"Area {p}" for p in params.values())
        return block(f"private static void bind({args})", body)

    def initializer(self) -> list[str]:
        """Return the statements that give items their initial values."""
        lines = [f"{fd.storage}.fill((byte) 0);" for fd in self.context.files.values()]
        skip: set[str] = set()
        for symbol in self.symbols.symbols:
            if symbol.section is not Section.WORKING or symbol.redefined:
                continue
            if symbol.parent in skip:
                skip.add(symbol.java)
                continue
            statement = self._initial_value(symbol)
            if statement is None:
                continue
            if symbol.kind is JavaKind.AREA and symbol.item.value is not None:
                skip.add(symbol.java)
            lines.extend(_for_each_occurrence(symbol, statement))
        return lines

    def _initial_value(self, symbol: Symbol) -> str | None:
        item = symbol.item
        target = symbol.java + ("{at}" if symbol.strides else "")
        if item.value is not None:
            value = item.value
            if value.kind is LiteralKind.NUMBER and symbol.kind in (
                JavaKind.AREA,
                JavaKind.ALPHA,
                JavaKind.ALPHA_EDITED,
            ):
                return f"Move.move({java_string(moved_digits(value.text))}, {target});"
            return self.move_literal(value, target)
        if symbol.kind is JavaKind.AREA:
            return None
        return f"{target}.initialize();"

    def move_literal(self, literal: Literal, target: str) -> str:
        """Return the MOVE of ``literal`` to the Java item ``target``."""
        if literal.all and literal.kind is LiteralKind.STRING:
            return f"Move.all({java_string(literal.text)}, {target});"
        return f"Move.move({self.literal_object(literal)}, {target});"


def _for_each_occurrence(symbol: Symbol, statement: str) -> list[str]:
    """Wrap ``statement`` in loops over every occurrence of a table item."""
    if not symbol.counts:
        return [statement]
    names = [f"i{k + 1}" for k in range(len(symbol.counts))]
    body = [statement.replace("{at}", f".at({', '.join(names)})")]
    for name, count in reversed(list(zip(names, symbol.counts, strict=True))):
        body = block(f"for (int {name} = 1; {name} <= {count}; {name}++)", body)
    return body


def file_symbols(
    controls: tuple[FileControl, ...], data: DataDivision, allocator: NameAllocator
) -> dict[str, FileSymbol]:
    """Name the Java field and record storage of each file."""
    sizes = {fd.name: max((r.size for r in fd.records), default=1) for fd in data.files}
    files: dict[str, FileSymbol] = {}
    for control in controls:
        java = allocator.take(java_member_name(control.name) + "File")
        storage = allocator.take(java_member_name(control.name) + "Record")
        files[control.name] = FileSymbol(
            control, java, storage, sizes.get(control.name, 1)
        )
    return files
