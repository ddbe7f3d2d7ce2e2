"""Interface stubs: Java classes that have a program's entry point and
nothing else, so that a caller compiles before its callees are converted.

A stub has what docs/java-output.md promises for every program class: the
``PROGRAM_ID`` constant, ``call`` with one ``Area`` per PROCEDURE DIVISION
USING item, and ``main``. Both methods throw, so a stub can never pass a
job run: the judge runs jobs only with the callees' real classes.
"""

from __future__ import annotations

from collections.abc import Iterable

from migrate.model import EntryPoint, JavaSource

STUB_MESSAGE = "is an interface stub; its conversion is not verified yet"


def interface_stub(entry: EntryPoint, java_package: str) -> JavaSource:
    """Return the stub class of one program, at the path of its real class."""
    params = ", ".join(f"Area p{number}" for number in range(1, len(entry.params) + 1))
    program_id = _java_string(entry.program)
    message = _java_string(f"{entry.program} {STUB_MESSAGE}")
    text = (
        f"package {java_package};\n"
        "\n"
        "import migrate.runtime.Area;\n"
        "\n"
        f"/** Interface stub of COBOL program {entry.program}. */\n"
        f"public final class {entry.java_class} {{\n"
        f"    public static final String PROGRAM_ID = {program_id};\n"
        "\n"
        f"    private {entry.java_class}() {{\n"
        "    }\n"
        "\n"
        f"    public static void call({params}) {{\n"
        f"        throw new UnsupportedOperationException({message});\n"
        "    }\n"
        "\n"
        "    public static void main(String[] args) {\n"
        f"        throw new UnsupportedOperationException({message});\n"
        "    }\n"
        "}\n"
    )
    path = f"{java_package.replace('.', '/')}/{entry.java_class}.java"
    return JavaSource(path, text)


def interface_stubs(
    entries: Iterable[EntryPoint], java_package: str
) -> tuple[JavaSource, ...]:
    """Return one stub per entry point, in the order given, each class once."""
    stubs: dict[str, JavaSource] = {}
    for entry in entries:
        stubs.setdefault(entry.java_class, interface_stub(entry, java_package))
    return tuple(stubs.values())


def _java_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
