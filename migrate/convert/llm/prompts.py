"""The text of every prompt the LLM converter sends.

A prompt for a slice contains its COBOL with copybooks expanded, each line
marked with its original member and line; the Java API of what it may
call; and the conventions of the generated Java. A repair prompt adds the
previous answer and the judge's evidence. Nothing else goes in, so that
the same slice always gets the same prompt and the cache can answer it.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate.convert.llm.chunking import Chunk
from migrate.convert.llm.targets import JavaTarget
from migrate.model import EntryPoint, ExpandedSource, JavaSource, SliceKind

# The server in the tests finds these two lines; keep them stable.
SLICE_LINE = "Slice: {slice_id}"
EVIDENCE_HEADING = "## Evidence from the judge"

SYSTEM_PROMPT = """\
You convert COBOL to Java 17 that behaves exactly like the original compiled \
with GnuCOBOL: the same DISPLAY output, RETURN-CODE and output files, byte \
for byte.

Conventions the Java must follow:
- Programs are in package {package}, record classes of shared copybooks in \
package {package}.records.
- A COBOL name becomes a class name by splitting it at - and _, writing each \
part with a capital first letter and the rest in lower case, and joining the \
parts: POST-TRAN is PostTran, DATEUTL is Dateutl. A name that starts with a \
digit gets a P in front: 1STPASS is P1stpass. The same rule in lower camel \
case names fields and methods: WS-ACCT-BAL is wsAcctBal, 2000-POST is \
p2000Post, and a name that is a Java keyword gets a trailing _.
- Each program is one public final class named after its PROGRAM-ID, with \
public static final String PROGRAM_ID (the PROGRAM-ID as written); public \
static void call(Area p1, ..., Area pN), one parameter per PROCEDURE \
DIVISION USING item, in order; and public static void main(String[] args), \
which runs the program as the main program of a job step and exits with its \
RETURN-CODE.
- BY REFERENCE passes the caller's storage; BY CONTENT passes a copy.
- WORKING-STORAGE keeps its values from one CALL to the next, until the \
process ends: keep it in static fields.
- RETURN-CODE is RunUnit.returnCode. A static CALL calls the callee's \
call method; a dynamic CALL goes through Programs.call(package, name, args...).
- A record class of a shared copybook has public static final String[] \
LEVEL1_NAMES (the 01-level names) and public static final int[] \
LEVEL1_LENGTHS (their lengths in bytes).
- SELECT f ASSIGN TO NAME opens the file named by the environment variable \
DD_NAME, then dd_NAME, then NAME, and else the file NAME in the working folder.
- Keep COBOL data semantics with the runtime library migrate.runtime: \
storage as Area views, PIC truncation and rounding, never Java floating \
point for COBOL numbers. Use only the JDK and the API listed in the request.

How to answer:
- Write one fenced code block per file, opened with ```java, whose first \
line is // File: <path>, with the path exactly as the request lists it, \
for example // File: {package_path}/Posttran.java
- Write exactly the files the request lists, and no other code blocks.
- Never drop a construct silently. If you cannot translate one, translate \
everything else, and after the code blocks write one line per construct: \
UNSUPPORTED: <member>:<line> <construct>
- Text like @@SECRET_1@@ stands for a hidden value. Copy it unchanged into \
the Java string literal where the value belongs.
"""


@dataclass(frozen=True)
class PromptInput:
    """Everything one prompt is built from."""

    slice_id: str
    kind: SliceKind
    package: str
    targets: tuple[JavaTarget, ...]
    sources: tuple[ExpandedSource, ...]
    runtime_api: str
    dependency_api: str
    callees: tuple[EntryPoint, ...]
    chunk: Chunk | None = None
    # Tokens the judge's evidence may take in a repair prompt, 0 for no
    # limit. The planner sets it for chunks, which share the prompt with
    # the DATA DIVISION and a part of the code.
    evidence_tokens: int = 0


def system_prompt(package: str) -> str:
    """Return the system message: conventions and answer format."""
    return SYSTEM_PROMPT.format(package=package, package_path=package.replace(".", "/"))


def user_prompt(prompt: PromptInput) -> str:
    """Return the request for one slice, or one chunk of it."""
    header = (
        SLICE_LINE.format(slice_id=prompt.slice_id) + f"\nKind: {prompt.kind.value}"
    )
    sections = [
        header,
        "Files to write:\n" + "\n".join(_target_line(t) for t in _written(prompt)),
        cobol_section(prompt.sources, prompt.chunk),
        api_section(prompt),
    ]
    if prompt.chunk is not None:
        sections.append(chunk_section(prompt.chunk, prompt.targets[0]))
    return "\n\n".join(s for s in sections if s) + "\n"


def _written(prompt: PromptInput) -> tuple[JavaTarget, ...]:
    return prompt.targets[:1] if prompt.chunk is not None else prompt.targets


def _target_line(target: JavaTarget) -> str:
    if target.kind is SliceKind.RECORD:
        return (
            f"- {target.path}: public final class {target.class_name} in package "
            f"{target.package}, the record layout of copybook {target.cobol_name}"
        )
    using = f" for USING {' '.join(target.params)}" if target.params else ""
    return (
        f"- {target.path}: public final class {target.class_name} in package "
        f"{target.package}, for PROGRAM-ID {target.cobol_name}, with "
        f"{target.call_signature}{using}"
    )


def cobol_section(sources: tuple[ExpandedSource, ...], chunk: Chunk | None) -> str:
    """Return the COBOL listing: each non-blank line as member:line | text."""
    parts = [
        "## COBOL",
        "Each line starts with its original member and line, then | and the "
        "text from column 8. Copybook lines name the copybook.",
    ]
    for source in sources:
        parts.append(f"### {source.member}\n```cobol\n{listing(source, chunk)}\n```")
        if source.exec_blocks:
            blocks = "\n".join(f"{pos} | {text}" for pos, text in source.exec_blocks)
            parts.append(
                "EXEC blocks lifted out of the text (each left CONTINUE "
                f"behind in the PROCEDURE DIVISION):\n```text\n{blocks}\n```"
            )
    return "\n\n".join(parts)


def listing(source: ExpandedSource, chunk: Chunk | None = None) -> str:
    """Return the listing lines of ``source``, or of one chunk of it."""
    lines = source.text.splitlines()
    shown_lines = set(range(1, len(lines) + 1))
    if chunk is not None:
        shown_lines = set(range(1, chunk.shared_end + 1))
        for unit in chunk.units:
            shown_lines.update(range(unit.start, unit.end + 1))
    return "\n".join(
        listing_line(source, number, lines[number - 1])
        for number in sorted(shown_lines)
        if lines[number - 1].strip()
    )


def listing_line(source: ExpandedSource, number: int, text: str) -> str:
    """Return one line of a listing, with long literals put back."""
    for short, original in source.literals:
        text = text.replace(short, original)
    return f"{source.pos(number)} | {text[7:].rstrip()}"


def api_section(prompt: PromptInput) -> str:
    """Return the Java API the slice may call."""
    parts = [
        "## Java API you may call",
        f"### Runtime library\n```java\n{prompt.runtime_api}\n```",
    ]
    if prompt.dependency_api:
        parts.append(
            f"### Converted dependencies\n```java\n{prompt.dependency_api}\n```"
        )
    if prompt.callees:
        lines = [_callee_line(e, prompt.package) for e in prompt.callees]
        parts.append("### Programs this slice calls\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _callee_line(entry: EntryPoint, package: str) -> str:
    qualified = (
        entry.java_class if "." in entry.java_class else f"{package}.{entry.java_class}"
    )
    params = ", ".join(f"Area p{n}" for n in range(1, len(entry.params) + 1))
    using = " ".join(entry.params) or "(none)"
    return f"- {entry.program}: {qualified}.call({params}) for USING {using}"


def chunk_section(chunk: Chunk, target: JavaTarget) -> str:
    """Return the instructions for part ``chunk.number`` of a long program."""
    mine = ", ".join(u.name or "(first paragraph)" for u in chunk.units)
    order = ", ".join(u.name or "(first paragraph)" for u in chunk.all_units)
    lines = [
        f"## Part {chunk.number} of {chunk.count} of class {target.class_name}",
        f"The PROCEDURE DIVISION is too long for one request, so it is split "
        f"into {chunk.count} parts. The COBOL above holds every division up "
        f"to the PROCEDURE DIVISION header and the sections and paragraphs "
        f"of this part only. Write each section and paragraph as a static "
        f"method with no parameters, named by the lower camel case rule; "
        f"call the ones of other parts by those names.",
        f"All sections and paragraphs, in order: {order}.",
        f"Sections and paragraphs of this part: {mine}.",
    ]
    if chunk.number == 1:
        lines.append(
            f"Write class {target.class_name} with PROGRAM_ID, a field for "
            f"every data item, call, main, and the methods of this part. "
            f"call runs the methods in the order above, as control falls "
            f"from one paragraph into the next, until GOBACK or STOP RUN."
        )
    else:
        lines.append(
            f"Write class {target.class_name} with the methods of this part "
            f"only. Leave out PROGRAM_ID, the fields, call and main, which "
            f"part 1 writes, with fields named by the lower camel case rule."
        )
    return "\n".join(lines)


def repair_section(previous: tuple[JavaSource, ...], evidence: str) -> str:
    """Return the previous answer, with line numbers, and the evidence."""
    parts = []
    if previous:
        parts.append("## Your previous answer")
        for source in previous:
            numbered = "\n".join(
                f"{n:4} | {line}".rstrip()
                for n, line in enumerate(source.text.splitlines(), start=1)
            )
            parts.append(f"### {source.path}\n```text\n{numbered}\n```")
    parts.append(f"{EVIDENCE_HEADING}\n{evidence.strip()}")
    parts.append("Fix what the evidence shows, and answer with every file again.")
    return "\n\n".join(parts) + "\n"


def clip_evidence(evidence: str, max_chars: int) -> str:
    """Return the first whole lines of ``evidence`` that fit in about
    ``max_chars`` characters, and a line that counts the lines left out."""
    lines = evidence.strip().splitlines()
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > max_chars:
            break
        kept.append(line)
        used += len(line) + 1
    if len(kept) == len(lines):
        return evidence
    left_out = len(lines) - len(kept)
    kept.append(f"[{left_out} more lines of evidence left out to fit the prompt]")
    return "\n".join(kept)


def rejection_section(reason: str) -> str:
    """Return the note that follows a rejected answer."""
    return (
        "## Your previous answer was rejected\n"
        f"{reason}. Answer again, in the format of the instructions.\n"
    )


def truncation_section(max_tokens: int, tokens_out: int) -> str:
    """Return the note that follows an answer cut off at the output limit."""
    limit = (
        f"the output limit of {max_tokens} tokens"
        if max_tokens
        else "the model's output limit"
    )
    return (
        "## Your previous answer was cut off\n"
        f"It stopped after {tokens_out} tokens, at {limit}. Answer again in "
        "fewer tokens: no explanations and no comments.\n"
    )
