"""Assemble the Java class of one program."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from migrate.convert.rules.codegen_data import DataGenerator, file_symbols
from migrate.convert.rules.codegen_flow import StatementGenerator
from migrate.convert.rules.context import Context, MethodState, ProcedureIndex
from migrate.convert.rules.javatext import block, indent, java_string
from migrate.convert.rules.names import NameAllocator, java_class_name
from migrate.convert.rules.program import ProgramModel
from migrate.convert.rules.symbols import RESERVED_MEMBERS, Section, SymbolTable
from migrate.model import EntryPoint, ExpandedSource, JavaSource, Unsupported
from migrate.runtime import runtime_sources

# Statements per initializer method, well below the JVM's 64 KB method limit.
_INIT_CHUNK = 200
# Beyond this many item fields, their views are built in methods instead of
# field initializers, which all go into one static initializer method.
_FINAL_FIELDS_MAX = 600
_FIELD = re.compile(r"^private static final (\S+) (\w+) = (.*);$")


def generate_program(
    model: ProgramModel,
    source: ExpandedSource,
    java_package: str,
    callees: tuple[EntryPoint, ...],
) -> tuple[JavaSource, list[Unsupported]]:
    """Generate the class of ``model``; return it and what was unsupported.

    Raises ResolveError or ProcedureError (with a line) for references to
    undefined data items or procedures.
    """
    allocator = NameAllocator(RESERVED_MEMBERS)
    files = file_symbols(model.files, model.data, allocator)
    symbols = SymbolTable(model.data, allocator)
    context = Context(
        source,
        symbols,
        ProcedureIndex(model.procedure),
        files,
        java_package,
        {c.program.upper(): c for c in callees},
    )
    for line, construct in model.problems:
        context.report(line, construct)
    data = DataGenerator(context, model.data)
    class_name = java_class_name(model.program_id)
    # Statements first: they decide which constants and helpers the fields need.
    methods = _procedure_methods(context)
    entry_points = _entry_points(context, data, model, class_name)
    initializers = _initializers(data)
    fields, builders = _fields(context, data, model)
    static = [
        line.split()[3].removesuffix("()") + "();"
        for line in builders
        if line.startswith("private static void ")
    ] + ["initialize();"]
    body = (
        fields
        + [""]
        + block("static", static)
        + [""]
        + block(f"private {class_name}()", [])
        + [""]
        + entry_points
        + methods
        + initializers
        + builders
        + _return_code_helper(context)
    )
    if class_name in runtime_class_names():
        body = _qualify_runtime(body, class_name)
    text = _class_text(java_package, class_name, model, source, body)
    path = f"{java_package.replace('.', '/')}/{class_name}.java"
    return JavaSource(path, text), context.unsupported


@lru_cache(maxsize=1)
def runtime_class_names() -> frozenset[str]:
    """Return the simple names of the runtime's classes."""
    return frozenset(PurePosixPath(source.path).stem for source in runtime_sources())


def _qualify_runtime(body: list[str], class_name: str) -> list[str]:
    """Write the runtime class that the program's class name hides with its
    package, as in ``migrate.runtime.Arith`` inside class ``Arith``."""
    pattern = re.compile(rf"(?<![\w.]){class_name}\b")
    own = (f"private {class_name}()",)
    return [
        line
        if line.strip().startswith(own)
        else pattern.sub(f"migrate.runtime.{class_name}", line)
        for line in body
    ]


def _class_text(
    java_package: str,
    class_name: str,
    model: ProgramModel,
    source: ExpandedSource,
    body: list[str],
) -> str:
    header = [
        f"package {java_package};",
        "",
        "import java.math.BigDecimal;",
        "import migrate.runtime.*;",
        "",
        f"/** COBOL program {model.program_id}, translated from {source.member}. */",
        '@SuppressWarnings("unused")',
        f"public final class {class_name} {{",
    ]
    return "\n".join(header + indent(body) + ["}", ""])


def _fields(
    context: Context, data: DataGenerator, model: ProgramModel
) -> tuple[list[str], list[str]]:
    """Return the field declarations, and the methods that build the item
    views when there are too many for field initializers."""
    declarations = data.declarations() + data.file_declarations()
    builders: list[str] = []
    if len(declarations) > _FINAL_FIELDS_MAX:
        declarations, builders = _split_initializers(declarations)
    lines = [
        f"public static final String PROGRAM_ID = {java_string(model.program_id)};",
        "private static final RunUnit.Frame FRAME = new RunUnit.Frame(PROGRAM_ID);",
        "",
    ]
    lines.extend(context.constants.declarations())
    if context.uses_return_code:
        lines.append(
            "private static final NumField RETURN_CODE = "
            "NumField.binary(Area.allocate(4), 0, 9, 0, true);"
        )
    if context.uses_main_flag:
        lines.append("private static boolean mainProgram;")
    return lines + declarations, builders


def _split_initializers(declarations: list[str]) -> tuple[list[str], list[str]]:
    """Turn ``final`` fields with initializers into plain fields assigned,
    in the same order, by chunked ``buildN`` methods."""
    fields: list[str] = []
    assignments: list[str] = []
    for line in declarations:
        match = _FIELD.match(line)
        if match is None:
            fields.append(line)
            continue
        kind, name, expr = match.groups()
        fields.append(f"private static {kind} {name};")
        assignments.append(f"{name} = {expr};")
    methods: list[str] = []
    for start in range(0, len(assignments), _INIT_CHUNK):
        number = start // _INIT_CHUNK + 1
        methods += [""] + block(
            f"private static void build{number}()",
            assignments[start : start + _INIT_CHUNK],
        )
    return fields, methods


def _entry_points(
    context: Context, data: DataGenerator, model: ProgramModel, class_name: str
) -> list[str]:
    using = model.procedure.using
    params = ", ".join(f"Area p{k + 1}" for k in range(len(using)))
    body: list[str] = ["initialize();"] if model.initial else []
    bind = data.bind_method(using)
    if bind:
        body.append(f"bind({', '.join(f'p{k + 1}' for k in range(len(using)))});")
    body.append("run();")
    # RETURN-CODE is per program: FRAME restores this program's own value
    # on entry and keeps it for the next CALL, as libcob does.
    body = (
        ["RunUnit.enter(FRAME);"]
        + block("try", body, "} catch (Goback signal) {")
        + [
            "    // GOBACK and EXIT PROGRAM return to the caller.",
            "} finally {",
            "    RunUnit.leave(FRAME);",
            "}",
        ]
    )
    doc = f"/** Runs {model.program_id} as CALL runs it" + (
        f"; the arguments are {', '.join(using)} in order. */" if using else ". */"
    )
    lines = [doc] + block(f"public static void call({params})", body) + [""]
    sizes = [_linkage_size(context, name) for name in using]
    args = ", ".join(f"Area.allocate({size})" for size in sizes)
    main_body = ["mainProgram = true;"] if context.uses_main_flag else []
    main_body.append(f"RunUnit.runMain(args, () -> call({args}));")
    lines += [f"/** Runs {model.program_id} as the main program of a job step. */"]
    lines += block("public static void main(String[] args)", main_body) + [""]
    return lines + (bind + [""] if bind else [])


def _linkage_size(context: Context, name: str) -> int:
    for symbol in context.symbols.symbols:
        if (
            symbol.section is Section.LINKAGE
            and symbol.item.name == name
            and symbol.java == symbol.record
        ):
            return symbol.item.size * max(1, symbol.item.occurs)
    return 1


def _procedure_methods(context: Context) -> list[str]:
    index = context.procedures
    generator = StatementGenerator(context)
    run_body = [f"{method}();" for method in index.methods]
    lines = block("private static void run()", run_body) + [""]
    for section, method in index.sections.items():
        calls = [f"{index.methods[i]}();" for i in index.section_range(section)]
        lines += (
            [f"// SECTION {section}"]
            + block(f"private static void {method}()", calls)
            + [""]
        )
    for paragraph, method in zip(index.paragraphs, index.methods, strict=True):
        state = MethodState(section=paragraph.section)
        body = generator.block(paragraph.statements, state)
        name = paragraph.name or "statements before the first paragraph"
        lines += [f"// {name}"] + block(f"private static void {method}()", body) + [""]
    return lines


def _initializers(data: DataGenerator) -> list[str]:
    statements = data.initializer()
    chunks = [
        statements[i : i + _INIT_CHUNK] for i in range(0, len(statements), _INIT_CHUNK)
    ] or [[]]
    names = [f"initialize{k + 1}" for k in range(len(chunks))]
    lines = ["/** Gives every WORKING-STORAGE item its VALUE or GnuCOBOL's default. */"]
    lines += block("private static void initialize()", [f"{n}();" for n in names])
    for name, chunk in zip(names, chunks, strict=True):
        lines += [""] + block(f"private static void {name}()", chunk)
    return lines


def _return_code_helper(context: Context) -> list[str]:
    if not context.uses_return_code:
        return []
    return [""] + block(
        "private static NumField returnCode()",
        [
            "RETURN_CODE.set(RunUnit.returnCode);",
            "return RETURN_CODE;",
        ],
    )
