"""The data division model: items with levels, PICTURE, USAGE, VALUE,
OCCURS, REDEFINES and 88-level conditions, with byte offsets and sizes.

The model is built from the tree-sitter CST of a preprocessed program (or of
a copybook wrapped in a skeleton program). Offsets are relative to the start
of the level-01 (or 77) record that contains the item; sizes follow
GnuCOBOL 3.1.2 with its default configuration (``binary-size: 1-2-4-8``).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace

from tree_sitter import Node


class ItemCategory(enum.Enum):
    """The category of a data item, which decides MOVE and comparison rules."""

    GROUP = "group"
    ALPHANUMERIC = "alphanumeric"
    ALPHABETIC = "alphabetic"
    ALPHANUMERIC_EDITED = "alphanumeric-edited"
    NUMERIC = "numeric"
    NUMERIC_EDITED = "numeric-edited"


class ItemUsage(enum.Enum):
    """The encoding of a numeric item in its bytes."""

    DISPLAY = "display"
    BINARY = "binary"
    COMP_5 = "comp-5"
    PACKED = "packed-decimal"


class SignKind(enum.Enum):
    """The SIGN clause of a signed USAGE DISPLAY item."""

    TRAILING = "trailing"
    LEADING = "leading"
    TRAILING_SEPARATE = "trailing-separate"
    LEADING_SEPARATE = "leading-separate"


class LiteralKind(enum.Enum):
    """The kind of a literal in a VALUE clause or a statement."""

    NUMBER = "number"
    STRING = "string"
    FIGURATIVE = "figurative"


FIGURATIVES = {
    "ZERO": "ZERO",
    "ZEROS": "ZERO",
    "ZEROES": "ZERO",
    "SPACE": "SPACE",
    "SPACES": "SPACE",
    "HIGH-VALUE": "HIGH_VALUE",
    "HIGH-VALUES": "HIGH_VALUE",
    "LOW-VALUE": "LOW_VALUE",
    "LOW-VALUES": "LOW_VALUE",
    "QUOTE": "QUOTE",
    "QUOTES": "QUOTE",
}


@dataclass(frozen=True)
class Literal:
    """A literal: a number as written, a string's characters (quotes removed,
    doubled quotes undone, hex literals decoded), or a figurative constant's
    canonical name (``ZERO``, ``SPACE``, ``HIGH_VALUE``, ``LOW_VALUE``,
    ``QUOTE``). ``all`` marks ``ALL literal``."""

    kind: LiteralKind
    text: str
    all: bool = False


@dataclass(frozen=True)
class ConditionValue:
    """One value of an 88-level condition, or a range with ``high``."""

    low: Literal
    high: Literal | None = None


@dataclass(frozen=True)
class ConditionName:
    """An 88-level condition name and its values."""

    name: str
    line: int
    values: tuple[ConditionValue, ...]


@dataclass(frozen=True)
class Picture:
    """A PICTURE string with its category and sizes.

    ``digits`` counts the digit positions (9, and Z, * or floating symbols of
    an edited picture), ``scale`` those after the decimal point, and
    ``length`` the characters of the item in DISPLAY form.
    """

    text: str
    category: ItemCategory
    digits: int
    scale: int
    signed: bool
    length: int


@dataclass(frozen=True)
class DataItem:
    """A data description entry with its computed layout.

    ``offset`` is the item's first byte inside its record; ``size`` is the
    byte length of one occurrence. ``occurs`` is 0 for an item without an
    OCCURS clause. Names are upper case; an unnamed item is ``FILLER``.
    """

    level: int
    name: str
    line: int
    picture: Picture | None = None
    usage: ItemUsage = ItemUsage.DISPLAY
    sign: SignKind | None = None
    justified: bool = False
    blank_when_zero: bool = False
    value: Literal | None = None
    occurs: int = 0
    redefines: str = ""
    children: tuple[DataItem, ...] = ()
    conditions: tuple[ConditionName, ...] = ()
    offset: int = 0
    size: int = 0

    @property
    def is_group(self) -> bool:
        return self.picture is None

    @property
    def category(self) -> ItemCategory:
        return self.picture.category if self.picture else ItemCategory.GROUP

    @property
    def is_filler(self) -> bool:
        return self.name == "FILLER"

    def walk(self) -> list[DataItem]:
        """Return this item and all its subordinates, in source order."""
        items = [self]
        for child in self.children:
            items.extend(child.walk())
        return items


@dataclass(frozen=True)
class FileDescription:
    """An FD entry of the FILE SECTION with its record descriptions."""

    name: str
    line: int
    records: tuple[DataItem, ...]


@dataclass(frozen=True)
class DataProblem:
    """A data description construct the model does not support."""

    line: int
    construct: str


@dataclass(frozen=True)
class DataDivision:
    """The sections of a program's data division."""

    files: tuple[FileDescription, ...] = ()
    working_storage: tuple[DataItem, ...] = ()
    linkage: tuple[DataItem, ...] = ()
    problems: tuple[DataProblem, ...] = ()

    def records(self) -> list[DataItem]:
        """Return every level-01 and level-77 item of all sections."""
        records = [rec for fd in self.files for rec in fd.records]
        return records + list(self.working_storage) + list(self.linkage)


_REPEAT = re.compile(r"(.)\((\d+)\)")


def expand_picture(text: str) -> str:
    """Expand repetition counts: ``X(3)9(2)`` becomes ``XXX99``."""
    return _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text.upper())


def parse_picture(text: str) -> Picture:
    """Classify a PICTURE string and compute its digits, scale and length."""
    spelled = expand_picture(text)
    signed = "S" in spelled
    if set(spelled) <= set("9SVP"):
        integer, _, fraction = spelled.replace("S", "").partition("V")
        digits = integer.count("9") + fraction.count("9")
        return Picture(
            text, ItemCategory.NUMERIC, digits, fraction.count("9"), signed, digits
        )
    if set(spelled) <= set("XA9"):
        category = (
            ItemCategory.ALPHABETIC
            if set(spelled) == {"A"}
            else ItemCategory.ALPHANUMERIC
        )
        return Picture(text, category, 0, 0, False, len(spelled))
    if ("X" in spelled or "A" in spelled) and set(spelled) <= set("XA9B0/"):
        return Picture(
            text, ItemCategory.ALPHANUMERIC_EDITED, 0, 0, False, len(spelled)
        )
    return _edited_picture(text, spelled)


def _edited_picture(text: str, spelled: str) -> Picture:
    length = len(spelled.replace("V", ""))
    body = spelled.replace("CR", "").replace("DB", "")
    signed = body != spelled or "+" in body or "-" in body
    point = body.find(".")
    if point < 0:
        point = body.find("V")
    integer = body if point < 0 else body[:point]
    fraction = "" if point < 0 else body[point + 1 :]
    digits_int = _edited_digits(integer)
    digits_frac = sum(1 for ch in fraction if ch in "9Z*")
    return Picture(
        text,
        ItemCategory.NUMERIC_EDITED,
        digits_int + digits_frac,
        digits_frac,
        signed,
        length,
    )


def _edited_digits(part: str) -> int:
    """Count digit positions. A floating string of n symbols has n-1."""
    count = sum(1 for ch in part if ch in "9Z*")
    for symbol in "+-$":
        floating = part.count(symbol)
        if floating > 1:
            count += floating - 1
    return count


def binary_size(digits: int) -> int:
    """Bytes of a COMP item under GnuCOBOL's ``binary-size: 1-2-4-8``."""
    if digits <= 2:
        return 1
    if digits <= 4:
        return 2
    if digits <= 9:
        return 4
    return 8


def comp5_size(digits: int) -> int:
    """Bytes of a COMP-5 item, which GnuCOBOL sizes like COMP."""
    return binary_size(digits)


def elementary_size(picture: Picture, usage: ItemUsage, sign: SignKind | None) -> int:
    """Bytes an elementary item takes in storage."""
    if picture.category is not ItemCategory.NUMERIC:
        return picture.length
    if usage is ItemUsage.BINARY:
        return binary_size(picture.digits)
    if usage is ItemUsage.COMP_5:
        return comp5_size(picture.digits)
    if usage is ItemUsage.PACKED:
        return picture.digits // 2 + 1
    separate = sign in (SignKind.LEADING_SEPARATE, SignKind.TRAILING_SEPARATE)
    return picture.digits + (1 if separate else 0)


_LITERAL = re.compile(
    r"""\s*(?:(?P<hex>[Xx](?P<hq>['"])(?P<hexbody>[0-9A-Fa-f]*)(?P=hq))"""
    r"""|(?P<str>(?P<q>['"])(?P<body>(?:(?!(?P=q)).|(?P=q)(?P=q))*)(?P=q))"""
    r"""|(?P<num>[+-]?(?:\d+(?:\.\d+)?|\.\d+))"""
    r"""|(?P<word>[A-Za-z0-9][A-Za-z0-9-]*))"""
)


def scan_literals(text: str) -> list[Literal | str]:
    """Split the text of a VALUE clause into literals and upper-case words.

    A string keeps its characters with doubled quotes undone; a hex literal
    is decoded to ISO-8859-1 characters.
    """
    tokens: list[Literal | str] = []
    pos = 0
    while pos < len(text):
        match = _LITERAL.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip() in ("", "."):
                break
            pos += 1
            continue
        pos = match.end()
        tokens.append(_literal_token(match))
    return tokens


def _literal_token(match: re.Match[str]) -> Literal | str:
    if match.group("hex") is not None:
        raw = bytes.fromhex(match.group("hexbody"))
        return Literal(LiteralKind.STRING, raw.decode("latin-1"))
    if match.group("str") is not None:
        quote = match.group("q")
        return Literal(
            LiteralKind.STRING, match.group("body").replace(quote * 2, quote)
        )
    if match.group("num") is not None:
        return Literal(LiteralKind.NUMBER, match.group("num"))
    word = match.group("word").upper()
    if word in FIGURATIVES:
        return Literal(LiteralKind.FIGURATIVE, FIGURATIVES[word])
    return word


def value_literals(text: str) -> list[ConditionValue]:
    """Parse a VALUE clause's text into values and THRU ranges."""
    values: list[ConditionValue] = []
    all_next = False
    tokens = scan_literals(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token == "FALSE":
            # [WHEN SET TO] FALSE literal names the value SET ... TO FALSE
            # moves, which is not one of the condition's values.
            break
        if token == "ALL":
            all_next = True
        elif token in ("THRU", "THROUGH") and values and index < len(tokens):
            high = tokens[index]
            index += 1
            if isinstance(high, Literal):
                values[-1] = replace(values[-1], high=high)
        elif isinstance(token, Literal):
            values.append(ConditionValue(replace(token, all=all_next)))
            all_next = False
    return values


@dataclass(frozen=True)
class _Entry:
    """One data description entry before layout."""

    item: DataItem
    # The entry's own USAGE clause; elementary items inherit their group's.
    usage: ItemUsage | None


_USAGES = {
    "COMP": ItemUsage.BINARY,
    "COMPUTATIONAL": ItemUsage.BINARY,
    "COMP_4": ItemUsage.BINARY,
    "BINARY": ItemUsage.BINARY,
    "COMP_3": ItemUsage.PACKED,
    "PACKED_DECIMAL": ItemUsage.PACKED,
    "COMP_5": ItemUsage.COMP_5,
    "DISPLAY": ItemUsage.DISPLAY,
}
_USAGE_WORDS = {
    "COMPUTATIONAL-4": ItemUsage.BINARY,
    "COMP-4": ItemUsage.BINARY,
    "COMPUTATIONAL-3": ItemUsage.PACKED,
    "COMP-3": ItemUsage.PACKED,
    "PACKED-DECIMAL": ItemUsage.PACKED,
    "COMPUTATIONAL-5": ItemUsage.COMP_5,
    "COMP-5": ItemUsage.COMP_5,
    "COMP": ItemUsage.BINARY,
    "COMPUTATIONAL": ItemUsage.BINARY,
    "BINARY": ItemUsage.BINARY,
    "DISPLAY": ItemUsage.DISPLAY,
}
_IGNORED_CLAUSES = {"synchronized_clause", ".", "level_number", "entry_name"}


class _EntryReader:
    """Reads data_description nodes into entries, noting problems."""

    def __init__(self, source: bytes, literals: dict[str, str]) -> None:
        self.source = source
        self.literals = literals
        self.problems: list[DataProblem] = []

    def text(self, node: Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("latin-1")

    def problem(self, node: Node, construct: str) -> None:
        self.problems.append(DataProblem(node.start_point[0] + 1, construct))

    def read(self, node: Node) -> _Entry | None:
        level_node = _child(node, "level_number")
        if level_node is None:
            self.problem(node, "data description without a level number")
            return None
        name_node = _child(node, "entry_name")
        name = self.text(name_node).upper() if name_node else "FILLER"
        item = DataItem(int(self.text(level_node)), name, node.start_point[0] + 1)
        usage: ItemUsage | None = None
        for clause in node.children:
            item, usage = self.apply_clause(item, usage, clause)
        return _Entry(item, usage)

    def apply_clause(
        self, item: DataItem, usage: ItemUsage | None, clause: Node
    ) -> tuple[DataItem, ItemUsage | None]:
        kind = clause.type
        if kind == "picture_clause":
            return replace(item, picture=self.picture(clause)), usage
        if kind == "usage_clause":
            return item, self.usage(clause)
        if kind == "value_clause":
            return self.value(item, clause), usage
        if kind == "occurs_clause":
            return self.occurs(item, clause), usage
        if kind == "redefines_clause":
            target = self.text(clause.named_children[0]).upper()
            return replace(item, redefines=target), usage
        if kind == "sign_clause":
            return replace(item, sign=self.sign(clause)), usage
        if kind == "justified_clause":
            return replace(item, justified=True), usage
        if kind == "blank_clause":
            return replace(item, blank_when_zero=True), usage
        if kind not in _IGNORED_CLAUSES:
            self.problem(clause, f"data clause {self.text(clause).split()[0]}")
        return item, usage

    def picture(self, clause: Node) -> Picture | None:
        pic = clause.named_children[-1] if clause.named_children else clause
        text = self.text(pic).strip()
        if "P" in expand_picture(text).replace("PIC", ""):
            self.problem(clause, "PICTURE with P scaling")
        return parse_picture(text)

    def usage(self, clause: Node) -> ItemUsage | None:
        words = self.text(clause).upper().split()
        for word in reversed(words):
            if word in _USAGE_WORDS:
                return _USAGE_WORDS[word]
        self.problem(clause, f"USAGE {words[-1] if words else ''}".strip())
        return None

    def value(self, item: DataItem, clause: Node) -> DataItem:
        text = self.text(clause)
        for placeholder, original in self.literals.items():
            text = text.replace(placeholder, original)
        values = value_literals(text)
        if item.level == 88:
            return replace(
                item, conditions=(ConditionName(item.name, item.line, tuple(values)),)
            )
        if len(values) != 1 or values[0].high is not None:
            self.problem(clause, "VALUE clause with several values")
            return item
        return replace(item, value=values[0].low)

    def occurs(self, item: DataItem, clause: Node) -> DataItem:
        text = self.text(clause).upper()
        if "DEPENDING" in text.split():
            self.problem(clause, "OCCURS DEPENDING ON")
        counts = [int(word) for word in re.findall(r"\b\d+\b", text)]
        if not counts:
            self.problem(clause, "OCCURS without a count")
            return item
        return replace(item, occurs=max(counts))

    def sign(self, clause: Node) -> SignKind:
        words = self.text(clause).upper().split()
        separate = "SEPARATE" in words
        if "LEADING" in words:
            return SignKind.LEADING_SEPARATE if separate else SignKind.LEADING
        return SignKind.TRAILING_SEPARATE if separate else SignKind.TRAILING


def _child(node: Node, kind: str) -> Node | None:
    for child in node.children:
        if child.type == kind:
            return child
    return None


def _descendants(node: Node, kind: str) -> list[Node]:
    """Return the nodes of ``kind`` under ``node``, not looking inside them."""
    found: list[Node] = []
    for child in node.children:
        if child.type == kind:
            found.append(child)
        else:
            found.extend(_descendants(child, kind))
    return found


def _errors(node: Node) -> list[Node]:
    return (
        [node]
        if node.type == "ERROR" or node.is_missing
        else [err for child in node.children for err in _errors(child)]
    )


@dataclass
class _Tree:
    """An entry with its subordinate entries, before layout."""

    entry: _Entry
    children: list[_Tree]
    conditions: list[ConditionName]


def _nest(entries: list[_Entry], problems: list[DataProblem]) -> list[_Tree]:
    """Nest entries by level number; 88 levels attach to the item before."""
    roots: list[_Tree] = []
    stack: list[_Tree] = []
    for entry in entries:
        item = entry.item
        if item.level == 88:
            if stack:
                stack[-1].conditions.extend(item.conditions)
            continue
        if item.level == 66 or not (1 <= item.level <= 49 or item.level == 77):
            problems.append(DataProblem(item.line, f"level {item.level:02d} item"))
            continue
        tree = _Tree(entry, [], [])
        if item.level in (1, 77):
            stack = []
        while stack and stack[-1].entry.item.level >= item.level:
            stack.pop()
        if stack:
            stack[-1].children.append(tree)
        else:
            roots.append(tree)
        stack.append(tree)
    return roots


def _layout(tree: _Tree, offset: int, inherited: ItemUsage | None) -> DataItem:
    """Place ``tree`` at ``offset`` and compute its size bottom-up."""
    item = tree.entry.item
    usage = tree.entry.usage or inherited
    conditions = tuple(tree.conditions)
    if item.picture is not None:
        final = usage or ItemUsage.DISPLAY
        size = elementary_size(item.picture, final, item.sign)
        return replace(
            item, usage=final, offset=offset, size=size, conditions=conditions
        )
    cursor = offset
    end = offset
    placed: dict[str, DataItem] = {}
    children: list[DataItem] = []
    for child in tree.children:
        redefined = placed.get(child.entry.item.redefines)
        start = redefined.offset if redefined else cursor
        laid = _layout(child, start, usage)
        span = laid.size * max(1, laid.occurs)
        if not laid.redefines:
            cursor = start + span
        end = max(end, start + span, cursor)
        placed[laid.name] = laid
        children.append(laid)
    return replace(
        item,
        usage=usage or ItemUsage.DISPLAY,
        offset=offset,
        size=end - offset,
        children=tuple(children),
        conditions=conditions,
    )


def _section_items(section: Node, reader: _EntryReader) -> tuple[DataItem, ...]:
    entries = [
        entry
        for node in _descendants(section, "data_description")
        if (entry := reader.read(node)) is not None
    ]
    return tuple(_layout(tree, 0, None) for tree in _nest(entries, reader.problems))


def _file_descriptions(
    section: Node, reader: _EntryReader
) -> tuple[FileDescription, ...]:
    files: list[FileDescription] = []
    for fd in _descendants(section, "file_description"):
        entry = _child(fd, "file_description_entry")
        word = _child(entry, "WORD") if entry else None
        name = reader.text(word).upper() if word else ""
        if not name:
            reader.problem(fd, "file description without a name")
        records = _section_items(fd, reader)
        files.append(FileDescription(name, fd.start_point[0] + 1, records))
    return tuple(files)


def build_data_division(
    program: Node, source: bytes, literals: dict[str, str] | None = None
) -> DataDivision:
    """Build the data division model of the program_definition ``program``.

    ``source`` is the text the CST was parsed from; ``literals`` maps the
    placeholders that preprocessing put in place of long literals to the
    originals. Constructs the model does not support are listed in
    ``DataDivision.problems`` by line.
    """
    reader = _EntryReader(source, literals or {})
    division = _child(program, "data_division")
    if division is None:
        return DataDivision()
    sections: dict[str, tuple[DataItem, ...]] = {}
    files: tuple[FileDescription, ...] = ()
    for section in division.children:
        if section.type == "file_section":
            files = _file_descriptions(section, reader)
        elif section.type in ("working_storage_section", "linkage_section"):
            sections[section.type] = _section_items(section, reader)
        elif section.type not in (".", "DATA", "DIVISION"):
            reader.problem(section, section.type.replace("_", " "))
    for error in _errors(division):
        reader.problem(error, "unparsable data description")
    return DataDivision(
        files,
        sections.get("working_storage_section", ()),
        sections.get("linkage_section", ()),
        tuple(reader.problems),
    )
