"""The Java API of sources a slice depends on: declarations without bodies.

The prompt shows the model what it may call. For the runtime library, that
is every public member with the first sentence of its Javadoc. For
converted slices, it is the public classes and their public static
members, because generated code is called only through those.
"""

from __future__ import annotations

import re
import threading

from tree_sitter import Node, Parser
from tree_sitter_language_pack import get_parser

from migrate.model import JavaSource

_TYPE_DECLARATIONS = frozenset(
    {
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
        "record_declaration",
    }
)
_MEMBERS = frozenset(
    {"method_declaration", "constructor_declaration", "field_declaration"}
)
# Field initializers longer than this are left out of the API.
_MAX_INITIALIZER = 120
_parser_local = threading.local()


def java_parser() -> Parser:
    """Return this thread's tree-sitter Java parser."""
    parser = getattr(_parser_local, "parser", None)
    if parser is None:
        parser = get_parser("java")
        _parser_local.parser = parser
    return parser


def java_api(source: JavaSource, *, instance_members: bool) -> str:
    """Return the declarations of ``source`` that other code may use, as
    Java text with ``;`` in place of bodies. Without ``instance_members``,
    only the type headers and their public static members are kept."""
    data = source.text.encode("utf-8")
    root = java_parser().parse(data).root_node
    lines = [f"// {source.path}"]
    for child in root.named_children:
        if child.type == "package_declaration":
            lines.append(_text(data, child))
        elif child.type in _TYPE_DECLARATIONS and _is_public(data, child, False):
            lines.extend(_type_api(data, child, instance_members, ""))
    return "\n".join(lines)


def _type_api(
    data: bytes, node: Node, instance_members: bool, indent: str
) -> list[str]:
    body = node.child_by_field_name("body")
    if body is None:
        return []
    lines = _doc(data, node, indent)
    lines.append(
        indent + _squash(data[node.start_byte : body.start_byte].decode()) + " {"
    )
    in_interface = node.type == "interface_declaration"
    inner = indent + "    "
    constants = [
        _text(data, child.child_by_field_name("name") or child)
        for child in body.named_children
        if child.type == "enum_constant"
    ]
    if constants:
        lines.append(inner + ", ".join(constants) + ";")
    for member in _body_members(body):
        if member.type in _TYPE_DECLARATIONS:
            if _is_public(data, member, in_interface):
                lines.extend(_type_api(data, member, instance_members, inner))
            continue
        if member.type not in _MEMBERS or not _is_public(data, member, in_interface):
            continue
        if not instance_members and not _is_static(data, member, in_interface):
            continue
        lines.extend(_doc(data, member, inner))
        lines.append(inner + _member_signature(data, member))
    lines.append(indent + "}")
    return lines


def _body_members(body: Node) -> list[Node]:
    members: list[Node] = []
    for child in body.named_children:
        if child.type == "enum_body_declarations":
            members.extend(child.named_children)
        else:
            members.append(child)
    return members


def _member_signature(data: bytes, member: Node) -> str:
    if member.type == "field_declaration":
        return _field_signature(data, member)
    body = member.child_by_field_name("body")
    end = body.start_byte if body is not None else member.end_byte
    return _squash(data[member.start_byte : end].decode()).rstrip(";").rstrip() + ";"


def _field_signature(data: bytes, field: Node) -> str:
    """Keep short initializers (constants such as PROGRAM_ID), drop long ones."""
    text = _squash(_text(data, field)).rstrip(";").rstrip()
    declarators = [c for c in field.named_children if c.type == "variable_declarator"]
    if len(declarators) == 1:
        value = declarators[0].child_by_field_name("value")
        if value is not None and value.end_byte - value.start_byte > _MAX_INITIALIZER:
            text = _squash(data[field.start_byte : value.start_byte].decode())
            text = text.rstrip().rstrip("=").rstrip()
    return text + ";"


def _doc(data: bytes, node: Node, indent: str) -> list[str]:
    """Return the first sentence of the Javadoc just before ``node``."""
    previous = node.prev_named_sibling
    if previous is None or previous.type != "block_comment":
        return []
    comment = _text(data, previous)
    if not comment.startswith("/**"):
        return []
    body = re.sub(r"^\s*\*\s?", "", comment[3:-2], flags=re.MULTILINE)
    body = _squash(re.sub(r"\{@\w+\s+([^}]*)\}", r"\1", body))
    sentence = re.split(r"(?<=\.)\s", body, maxsplit=1)[0]
    return [f"{indent}/** {sentence} */"] if sentence else []


def _modifiers(data: bytes, node: Node) -> set[str]:
    for child in node.children:
        if child.type == "modifiers":
            return set(_text(data, child).split())
    return set()


def _is_public(data: bytes, node: Node, in_interface: bool) -> bool:
    return in_interface or "public" in _modifiers(data, node)


def _is_static(data: bytes, node: Node, in_interface: bool) -> bool:
    if node.type == "constructor_declaration":
        return False
    if in_interface and node.type == "field_declaration":
        return True
    return "static" in _modifiers(data, node)


def _text(data: bytes, node: Node) -> str:
    return data[node.start_byte : node.end_byte].decode("utf-8")


def _squash(text: str) -> str:
    """Drop annotations' line breaks and comments inside a declaration."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    text = re.sub(r"//[^\n]*", "", text)
    return " ".join(text.split())
