"""Programs longer than the prompt budget: split at SECTION or paragraph
boundaries, sent in parts, and joined into one class."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    RUNTIME_STUB,
    ChatRequest,
    LLMServer,
    Reply,
    java_answer,
    llm_server,
    program_request,
    settings_for,
)

from migrate.convert.llm import ConversionFailed, build_llm_converter
from migrate.convert.llm.chunking import ChunkTooLarge, procedure_units, split_procedure
from migrate.convert.rules.names import java_member_name
from migrate.model import ConversionRequest

__all__ = ["llm_server"]

PARAGRAPH_NAMES = ("1000-INIT", "2000-ADD", "3000-REPORT", "4000-CLOSE")


def paragraph(name: str) -> str:
    lines = "".join(
        f"    DISPLAY '{name} LINE {n} OF THE LONG RUNNING PROGRAM'\n"
        for n in range(1, 9)
    )
    return f"{name}.\n{lines}    ADD 1 TO WS-COUNT.\n"


PARAGRAPHS = fixed(
    """
IDENTIFICATION DIVISION.
PROGRAM-ID. LONGRUN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01 WS-COUNT PIC 9(4) VALUE 0.
01 WS-TOTAL PIC 9(6) VALUE 0.
PROCEDURE DIVISION.
MAIN-PARA.
    PERFORM 1000-INIT
    PERFORM 2000-ADD
    PERFORM 3000-REPORT
    PERFORM 4000-CLOSE
    GOBACK.
"""
    + "".join(paragraph(name) for name in PARAGRAPH_NAMES)
)
SECTIONS = fixed(
    """
    IDENTIFICATION DIVISION.
    PROGRAM-ID. SECTIONS.
    DATA DIVISION.
    WORKING-STORAGE SECTION.
    01 WS-A PIC 9.
    PROCEDURE DIVISION.
    A-SECTION SECTION.
    A-ONE.
        DISPLAY 'A ONE'.
    A-TWO.
        DISPLAY 'A TWO'.
    B-SECTION SECTION.
    B-ONE.
        DISPLAY 'B ONE'.
    """
)
PART = re.compile(r"^## Part (\d+) of (\d+) of class (\w+)$", re.MULTILINE)
METHODS = re.compile(r"^Sections and paragraphs of this part: (.*)\.$", re.MULTILINE)


def part_java(request: ChatRequest) -> Reply:
    """Write the methods a part asks for; part 1 adds fields, call, main."""
    part = PART.search(request.prompt)
    assert part is not None, "not a chunk prompt"
    number, class_name = int(part.group(1)), part.group(3)
    names = METHODS.search(request.prompt)
    assert names is not None
    methods = "".join(
        f"    static void {java_member_name(name)}() {{\n"
        f'        System.out.println("{name}");\n'
        "    }\n"
        for name in names.group(1).split(", ")
    )
    head = ""
    if number == 1:
        head = (
            '    public static final String PROGRAM_ID = "LONGRUN";\n'
            "    static final Area WS_COUNT = Area.allocate(4);\n"
            "    public static void call() {\n        mainPara();\n    }\n"
            "    public static void main(String[] args) {\n        call();\n    }\n"
        )
    imports = (
        "import migrate.runtime.Area;\n" if number == 1 else "import java.util.List;\n"
    )
    text = (
        f"package migrated;\n\n{imports}\n"
        f"public final class {class_name} {{\n{head}{methods}}}\n"
    )
    return Reply(java_answer((f"migrated/{class_name}.java", text)))


def longrun_request(root: Path) -> ConversionRequest:
    return program_request(root, "LONGRUN", {"LONGRUN.cbl": PARAGRAPHS})


def test_units_found_at_headers(tmp_path: Path) -> None:
    request = longrun_request(tmp_path / "estate")

    shared_end, units = procedure_units(request.sources[0])

    lines = request.sources[0].text.splitlines()
    assert "PROCEDURE DIVISION" in lines[shared_end - 1]
    assert [u.name for u in units] == ["MAIN-PARA", *PARAGRAPH_NAMES]
    assert units[-1].end == len(lines)


def test_section_kept_whole_when_fits(tmp_path: Path) -> None:
    request = program_request(
        tmp_path / "estate", "SECTIONS", {"SECTIONS.cbl": SECTIONS}
    )
    source = request.sources[0]
    costs = [1] * len(source.text.splitlines())

    chunks = split_procedure(source, costs, budget=5)

    assert [[u.name for u in c.units] for c in chunks] == [
        ["A-SECTION", "A-ONE", "A-TWO"],
        ["B-SECTION", "B-ONE"],
    ]


def test_long_section_split_at_paragraphs(tmp_path: Path) -> None:
    request = program_request(
        tmp_path / "estate", "SECTIONS", {"SECTIONS.cbl": SECTIONS}
    )
    source = request.sources[0]
    costs = [1] * len(source.text.splitlines())

    # Section A costs 5 lines: its header, then two paragraphs of 2 lines.
    chunks = split_procedure(source, costs, budget=3)

    assert [[u.name for u in c.units] for c in chunks] == [
        ["A-SECTION", "A-ONE"],
        ["A-TWO"],
        ["B-SECTION", "B-ONE"],
    ]


def test_paragraph_over_budget_raises(tmp_path: Path) -> None:
    source = longrun_request(tmp_path / "estate").sources[0]
    costs = [1] * len(source.text.splitlines())

    with pytest.raises(ChunkTooLarge, match="1000-INIT alone needs 10"):
        split_procedure(source, costs, budget=9)


def test_long_program_sent_in_parts(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = part_java
    settings = settings_for(llm_server, None, max_prompt_tokens=1400)
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)

    conversion = converter.convert(longrun_request(tmp_path / "estate"))

    prompts = [r.prompt for r in llm_server.requests]
    assert len(prompts) >= 2
    for prompt in prompts:
        assert "01 WS-COUNT PIC 9(4) VALUE 0." in prompt
        assert "PROCEDURE DIVISION." in prompt
        assert len(prompt) // 4 <= 1400
    assert "## Part 1 of" in prompts[0]
    assert "4000-CLOSE LINE 1 " not in prompts[0]
    assert "4000-CLOSE LINE 1 " in prompts[-1]
    assert "1000-INIT LINE 1 " not in prompts[-1]
    java = conversion.sources[0].text
    for method in ("mainPara", "p1000Init", "p2000Add", "p3000Report", "p4000Close"):
        assert java.count(f"static void {method}()") == 1, method
    assert java.count("public final class Longrun") == 1
    assert "import migrate.runtime.Area;" in java
    assert "import java.util.List;" in java
    assert any("converted in" in note for note in conversion.notes)


@pytest.mark.skipif(shutil.which("javac") is None, reason="javac is not installed")
def test_joined_parts_compile(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = part_java
    settings = settings_for(llm_server, None, max_prompt_tokens=1400)
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)
    conversion = converter.convert(longrun_request(tmp_path / "estate"))
    src = tmp_path / "src"
    for source in conversion.sources + RUNTIME_STUB:
        path = src / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8")

    result = subprocess.run(
        ["javac", "-d", str(tmp_path / "classes"), *map(str, src.rglob("*.java"))],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr


def test_budget_below_one_paragraph_fails(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = part_java
    settings = settings_for(llm_server, None, max_prompt_tokens=1200)
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)

    expected = "does not fit in chunks of 1200 prompt tokens"
    with pytest.raises(ConversionFailed, match=expected):
        converter.convert(longrun_request(tmp_path / "estate"))

    assert llm_server.requests == []


def test_output_limit_forces_parts(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = part_java
    # 1000 answer tokens cover about 500 listing tokens; the listing has 800.
    settings = settings_for(llm_server, None, max_output_tokens=1000)
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)

    conversion = converter.convert(longrun_request(tmp_path / "estate"))

    assert len(llm_server.requests) == 2
    for request in llm_server.requests:
        assert request.body["max_tokens"] == 1000
    assert "to fit 16000 prompt and 1000 answer tokens" in " ".join(conversion.notes)
