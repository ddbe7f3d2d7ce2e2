"""Join the parts of a class written chunk by chunk into one class."""

from __future__ import annotations

from tree_sitter import Node

from migrate.convert.llm.answer import AnswerRejected
from migrate.convert.llm.javaapi import java_parser


def merge_parts(parts: list[str], class_name: str) -> str:
    """Return part 1 with the imports of every part and, before its class's
    closing brace, the members of the same class in parts 2 to N."""
    if len(parts) == 1:
        return parts[0]
    first = parts[0].encode("utf-8")
    first_root = java_parser().parse(first).root_node
    first_body = _class_body(first_root, class_name, 1)
    imports = _imports(first, first_root)
    members: list[str] = []
    for number, part in enumerate(parts[1:], start=2):
        data = part.encode("utf-8")
        root = java_parser().parse(data).root_node
        body = _class_body(root, class_name, number)
        imports.extend(i for i in _imports(data, root) if i not in imports)
        inner = (
            data[body.start_byte + 1 : body.end_byte - 1].decode("utf-8").strip("\n")
        )
        members.append(f"    // Part {number} of {len(parts)}\n{inner}\n")
    close = first_body.end_byte - 1
    merged = (
        first[:close].decode("utf-8").rstrip()
        + "\n\n"
        + "\n".join(members)
        + first[close:].decode("utf-8")
    )
    return _with_imports(merged, imports)


def _class_body(root: Node, class_name: str, number: int) -> Node:
    for child in root.named_children:
        name = child.child_by_field_name("name")
        body = child.child_by_field_name("body")
        if (
            child.type == "class_declaration"
            and name is not None
            and name.text == class_name.encode()
            and body is not None
        ):
            return body
    raise AnswerRejected(f"part {number} declares no class {class_name}")


def _imports(data: bytes, root: Node) -> list[str]:
    return [
        data[c.start_byte : c.end_byte].decode("utf-8")
        for c in root.named_children
        if c.type == "import_declaration"
    ]


def _with_imports(text: str, imports: list[str]) -> str:
    """Replace the import lines of ``text`` by ``imports``, after the
    package declaration."""
    data = text.encode("utf-8")
    root = java_parser().parse(data).root_node
    header: list[str] = []
    package = ""
    position = 0
    for child in root.named_children:
        if child.type == "package_declaration":
            package = data[child.start_byte : child.end_byte].decode("utf-8")
            position = child.end_byte
        elif child.type == "import_declaration":
            position = child.end_byte
        else:
            break
    rest = data[position:].decode("utf-8").lstrip("\n")
    header.append(package)
    header.append("")
    header.extend(imports)
    return "\n".join(header).strip("\n") + "\n\n" + rest
