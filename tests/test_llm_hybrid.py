"""The hybrid converter: the rules converter first, the LLM only for what
it leaves out and for repairs."""

from __future__ import annotations

from pathlib import Path

from conftest import fixed
from llm_server import (
    LLMServer,
    by_slice,
    java_answer,
    llm_server,
    program_request,
    settings_for,
)

from migrate.convert.llm import build_llm_converter
from migrate.convert.rules import RulesConverter
from migrate.model import ConversionRequest

__all__ = ["llm_server"]


def program(name: str, statement: str) -> str:
    return fixed(
        f"""
        IDENTIFICATION DIVISION.
        PROGRAM-ID. {name}.
        DATA DIVISION.
        WORKING-STORAGE SECTION.
        01 WS-A PIC X(21).
        PROCEDURE DIVISION.
        MAIN-PARA.
            {statement}
            DISPLAY 'DONE'
            GOBACK.
        P1.
            DISPLAY 'P1'.
        P2.
            DISPLAY 'P2'.
        """
    )


def request_for(
    root: Path, name: str, statement: str, evidence: str = ""
) -> ConversionRequest:
    return program_request(
        root, name, {f"{name}.cbl": program(name, statement)}, evidence=evidence
    )


def rules_answer(request: ConversionRequest) -> str:
    """The answer the server gives: the rules converter's Java for the slice,
    in the answer format."""
    conversion = RulesConverter().convert(request)
    return java_answer(*((s.path, s.text) for s in conversion.sources))


def test_complete_rules_conversion_sends_nothing(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    request = request_for(tmp_path / "estate", "PLAIN", "MOVE 'X' TO WS-A")
    converter = build_llm_converter(settings_for(llm_server, None), hybrid=True)

    conversion = converter.convert(request)

    assert llm_server.requests == []
    assert conversion.converter == "rules"
    assert conversion.sources == RulesConverter().convert(request).sources
    assert converter.estimate_cost(request) == 0.0


def test_unsupported_construct_goes_to_llm(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    request = request_for(tmp_path / "estate", "ALTERED", "ALTER P1 TO PROCEED TO P2")
    assert RulesConverter().convert(request).unsupported
    llm_server.script = by_slice({"ALTERED": rules_answer(request)})
    converter = build_llm_converter(settings_for(llm_server, None), hybrid=True)

    conversion = converter.convert(request)

    assert len(llm_server.requests) == 1
    assert not llm_server.requests[0].is_repair
    assert conversion.converter == "llm"
    assert conversion.requests == 1
    assert conversion.notes[0].startswith(
        "LLM used because the rules converter left 1 constructs"
    )
    assert "ALTER statement" in conversion.notes[0]
    assert [s.path for s in conversion.sources] == ["migrated/Altered.java"]


def test_unreadable_slice_goes_to_llm(llm_server: LLMServer, tmp_path: Path) -> None:
    request = request_for(
        tmp_path / "estate", "SORTER", "SORT SF ON ASCENDING KEY K USING A GIVING B"
    )
    plain = request_for(tmp_path / "plain", "SORTER", "MOVE 'X' TO WS-A")
    llm_server.script = by_slice({"SORTER": rules_answer(plain)})
    converter = build_llm_converter(settings_for(llm_server, None), hybrid=True)

    conversion = converter.convert(request)

    assert len(llm_server.requests) == 1
    assert conversion.converter == "llm"
    assert "could not read the slice" in conversion.notes[0]


def test_repair_goes_to_llm(llm_server: LLMServer, tmp_path: Path) -> None:
    first = request_for(tmp_path / "estate", "PLAIN", "MOVE 'X' TO WS-A")
    llm_server.script = by_slice({"PLAIN": rules_answer(first)})
    converter = build_llm_converter(settings_for(llm_server, None), hybrid=True)
    rules_java = converter.convert(first).sources[0].text
    evidence = "stdout differs at line 1:\n-DONE\n+DONE.\n"

    repaired = converter.convert(
        request_for(tmp_path / "estate2", "PLAIN", "MOVE 'X' TO WS-A", evidence)
    )

    assert len(llm_server.requests) == 1
    prompt = llm_server.requests[0].prompt
    assert llm_server.requests[0].is_repair
    assert "-DONE\n+DONE." in prompt
    # The previous attempt shown is the rules converter's Java, numbered.
    first_line = rules_java.splitlines()[0]
    assert f"   1 | {first_line}" in prompt
    assert repaired.converter == "llm"
    assert (
        repaired.notes[0] == "LLM used because the judge rejected the previous attempt"
    )
