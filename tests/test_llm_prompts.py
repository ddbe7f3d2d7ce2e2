"""Prompts of the LLM converter, pinned by golden files.

Each test converts a slice through the scripted server and compares the
messages the server received with a file under golden/prompts/. Set
MIGRATE_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import fixed
from llm_server import (
    RUNTIME_STUB,
    ChatRequest,
    LLMServer,
    by_slice,
    hello_java,
    java_answer,
    llm_server,
    program_request,
    repair_flow,
    settings_for,
)
from test_llm_chunking import longrun_request, part_java

from migrate.config import Config
from migrate.convert.llm import build_llm_converter
from migrate.discover import discover
from migrate.model import ConversionRequest, EntryPoint, JavaSource, Slice, SliceKind
from migrate.preprocess import Preprocessor

__all__ = ["llm_server"]

GOLDEN = Path(__file__).parent / "golden" / "prompts"

POSTTRAN = fixed(
    """
    IDENTIFICATION DIVISION.
    PROGRAM-ID. POSTTRAN.
    DATA DIVISION.
    WORKING-STORAGE SECTION.
    COPY ACCTREC.
    01 WS-DB-PASSWORD PIC X(12) VALUE 'hunter2pass'.
    01 WS-DATE PIC X(8).
    LINKAGE SECTION.
    01 LK-AMOUNT PIC S9(7)V99.
    PROCEDURE DIVISION USING LK-AMOUNT.
    MAIN-PARA.
        CALL 'DATEUTL' USING WS-DATE
        EXEC SQL SELECT BAL INTO :ACCT-BAL FROM ACCT END-EXEC
        ADD LK-AMOUNT TO ACCT-BAL
        DISPLAY 'POSTED ' ACCT-BAL
        GOBACK.
    """
)
ACCTREC = fixed(
    """
    01 ACCT-REC.
       05 ACCT-ID  PIC X(6).
       05 ACCT-BAL PIC S9(9)V99 COMP-3.
    """
)
DATEUTL_JAVA = """package migrated;

import migrate.runtime.Area;

/** Converted from DATEUTL. */
public final class Dateutl {
    public static final String PROGRAM_ID = "DATEUTL";
    private static final Area WS = Area.allocate(8);

    public static void call(Area p1) {
        p1.text();
    }

    public static void main(String[] args) {
        call(Area.allocate(8));
    }
}
"""


def posttran_request(root: Path, evidence: str = "") -> ConversionRequest:
    return program_request(
        root,
        "POSTTRAN",
        {"src/POSTTRAN.cbl": POSTTRAN, "copy/ACCTREC.cpy": ACCTREC},
        evidence=evidence,
        callees=(EntryPoint("DATEUTL", "Dateutl", ("LK-DATE",)),),
        dependency_sources=(JavaSource("migrated/Dateutl.java", DATEUTL_JAVA),),
    )


def rendered(request: ChatRequest) -> str:
    messages = request.body["messages"]
    assert isinstance(messages, list)
    return "".join(f"=== {m['role']} ===\n{m['content']}\n" for m in messages)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MIGRATE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing {path}; run with MIGRATE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"prompt differs from {path}"


POSTTRAN_JAVA = java_answer(
    ("migrated/Posttran.java", hello_java("Posttran", "POSTTRAN"))
)


def test_program_prompt_matches_golden(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"POSTTRAN": POSTTRAN_JAVA})
    converter = build_llm_converter(
        settings_for(llm_server, None), runtime=RUNTIME_STUB
    )

    converter.convert(posttran_request(tmp_path / "estate"))

    assert len(llm_server.requests) == 1
    check_golden("program.txt", rendered(llm_server.requests[0]))


def test_repair_prompt_matches_golden(llm_server: LLMServer, tmp_path: Path) -> None:
    broken = java_answer(
        (
            "migrated/Posttran.java",
            hello_java("Posttran", "POSTTRAN", "        int x = ;\n"),
        )
    )
    llm_server.script = repair_flow(broken, POSTTRAN_JAVA)
    converter = build_llm_converter(
        settings_for(llm_server, None), runtime=RUNTIME_STUB
    )
    converter.convert(posttran_request(tmp_path / "estate"))
    evidence = (
        "javac failed:\n"
        "migrated/Posttran.java:9: error: illegal start of expression\n"
        "        int x = ;\n"
    )

    repaired = converter.convert(posttran_request(tmp_path / "estate", evidence))

    assert len(llm_server.requests) == 2
    assert llm_server.requests[1].is_repair
    assert "int x = ;" not in repaired.sources[0].text
    check_golden("repair.txt", rendered(llm_server.requests[1]))


def test_record_prompt_matches_golden(llm_server: LLMServer, tmp_path: Path) -> None:
    root = tmp_path / "estate"
    (root / "copy").mkdir(parents=True)
    (root / "copy" / "ACCTREC.cpy").write_text(ACCTREC, encoding="utf-8")
    (root / "POSTTRAN.cbl").write_text(POSTTRAN, encoding="utf-8")
    source = Preprocessor(discover(root, Config())).expand_copybook("ACCTREC")
    request = ConversionRequest(
        slice=Slice(
            "ACCTREC",
            SliceKind.RECORD,
            (),
            ("ACCTREC",),
            ("copy/ACCTREC.cpy",),
            (),
            3,
            0,
        ),
        sources=(source,),
        java_package="migrated",
        callees=(),
    )
    record = """package migrated.records;

public final class Acctrec {
    public static final String[] LEVEL1_NAMES = {"ACCT-REC"};
    public static final int[] LEVEL1_LENGTHS = {12};
}
"""
    llm_server.script = by_slice(
        {"ACCTREC": java_answer(("migrated/records/Acctrec.java", record))}
    )
    converter = build_llm_converter(
        settings_for(llm_server, None), runtime=RUNTIME_STUB
    )

    conversion = converter.convert(request)

    assert [s.path for s in conversion.sources] == ["migrated/records/Acctrec.java"]
    check_golden("record.txt", rendered(llm_server.requests[0]))


def test_chunk_prompts_match_golden(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = part_java
    settings = settings_for(llm_server, None, max_prompt_tokens=1550)
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)

    converter.convert(longrun_request(tmp_path / "estate"))

    assert len(llm_server.requests) == 2
    for number, request in enumerate(llm_server.requests, start=1):
        check_golden(f"chunk-{number}.txt", rendered(request))
