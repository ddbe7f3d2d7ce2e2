"""Answer parsing of the LLM converter: what it accepts, what it rejects,
and what the converter does with a rejected or cut-off answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    LLMServer,
    Reply,
    hello_java,
    java_answer,
    llm_server,
    program_request,
    sequence,
    settings_for,
)

from migrate.convert.llm import ConversionFailed, build_llm_converter
from migrate.convert.llm.answer import AnswerRejected, check_path, parse_answer
from migrate.convert.llm.targets import JavaTarget
from migrate.model import ConversionRequest, SliceKind, SourcePos

__all__ = ["llm_server"]

HELLO = fixed(
    """
    IDENTIFICATION DIVISION.
    PROGRAM-ID. HELLO.
    DATA DIVISION.
    LINKAGE SECTION.
    01 LK-AMOUNT PIC 9(5).
    PROCEDURE DIVISION USING LK-AMOUNT.
    MAIN-PARA.
        DISPLAY 'HELLO'
        GOBACK.
    """
)
TARGET = JavaTarget(
    "migrated/Hello.java",
    "migrated",
    "Hello",
    "HELLO",
    SliceKind.PROGRAM,
    ("LK-AMOUNT",),
)
GOOD = java_answer(("migrated/Hello.java", hello_java()))


def hello_request(tmp_path: Path) -> ConversionRequest:
    return program_request(tmp_path / "estate", "HELLO", {"src/HELLO.cbl": HELLO})


def rejection(text: str) -> str:
    with pytest.raises(AnswerRejected) as caught:
        parse_answer(text, (TARGET,))
    return str(caught.value)


def test_parse_answer_takes_fenced_java() -> None:
    parsed = parse_answer(GOOD, (TARGET,))

    assert [s.path for s in parsed.sources] == ["migrated/Hello.java"]
    assert parsed.sources[0].text.startswith("package migrated;")
    assert "// File:" not in parsed.sources[0].text


def test_parse_answer_path_before_fence() -> None:
    text = f"File: `migrated/Hello.java`\n```java\n{hello_java()}```\n"

    parsed = parse_answer(text, (TARGET,))

    assert parsed.sources[0].path == "migrated/Hello.java"


def test_parse_answer_ignores_other_languages() -> None:
    text = "```text\n// File: migrated/Evil.java\nclass Evil {}\n```\n" + GOOD

    parsed = parse_answer(text, (TARGET,))

    assert [s.path for s in parsed.sources] == ["migrated/Hello.java"]


def test_parse_answer_reads_unsupported_lines() -> None:
    text = GOOD + "UNSUPPORTED: src/HELLO.cbl:8 EXEC CICS SEND\n"

    parsed = parse_answer(text, (TARGET,))

    assert len(parsed.unsupported) == 1
    assert parsed.unsupported[0].pos == SourcePos("src/HELLO.cbl", 8)
    assert parsed.unsupported[0].construct == "EXEC CICS SEND"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I cannot convert this program.", "no ```java code block"),
        ("```java\n" + hello_java() + "```\n", "names no file"),
        (java_answer(("../../etc/x.java", hello_java())), "leaves the output folder"),
        (java_answer(("/etc/Hello.java", hello_java())), "must be relative"),
        (java_answer(("migrated\\Hello.java", hello_java())), "must be relative"),
        (java_answer(("C:/migrated/Hello.java", hello_java())), "must be relative"),
        (
            java_answer(("migrated/my-dir/Hello.java", hello_java())),
            "not a Java identifier",
        ),
        (java_answer(("migrated/Hello.txt", hello_java())), "must end in .java"),
        (java_answer(("migrated/Other.java", hello_java("Other"))), "not requested"),
        (
            java_answer(("migrated/Hello.java", hello_java("Other"))),
            "expected class Hello",
        ),
        (
            java_answer(
                ("migrated/Hello.java", hello_java().replace("package migrated;", ""))
            ),
            "expected 'migrated'",
        ),
        (GOOD + GOOD, "twice"),
    ],
    ids=[
        "no-code",
        "no-path",
        "dotdot",
        "absolute",
        "backslash",
        "drive",
        "bad-identifier",
        "not-java",
        "unexpected-file",
        "wrong-class",
        "wrong-package",
        "duplicate",
    ],
)
def test_parse_answer_rejects(text: str, expected: str) -> None:
    assert expected in rejection(text)


def test_parse_answer_missing_file_rejected() -> None:
    other = JavaTarget(
        "migrated/Other.java", "migrated", "Other", "OTHER", SliceKind.PROGRAM
    )

    with pytest.raises(AnswerRejected, match="lacks migrated/Other.java"):
        parse_answer(GOOD, (TARGET, other))


def test_check_path_accepts_package_path() -> None:
    check_path("migrated/records/Acctrec.java")


def test_converter_escape_path_fails_slice(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = sequence(Reply(java_answer(("../../etc/x", hello_java()))))
    converter = build_llm_converter(settings_for(llm_server, tmp_path / "cache"))

    with pytest.raises(ConversionFailed) as caught:
        converter.convert(hello_request(tmp_path))

    assert "leaves the output folder" in str(caught.value)
    assert caught.value.slice_id == "HELLO"
    # The first answer and one correction, and neither was cached.
    assert len(llm_server.requests) == 2
    assert "## Your previous answer was rejected" in llm_server.requests[1].prompt
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_converter_no_code_then_code(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(
        Reply("Sorry, here is an explanation only."), Reply(GOOD)
    )
    converter = build_llm_converter(settings_for(llm_server, None))

    conversion = converter.convert(hello_request(tmp_path))

    assert [s.path for s in conversion.sources] == ["migrated/Hello.java"]
    assert conversion.requests == 2
    assert "no ```java code block" in llm_server.requests[1].prompt


def test_converter_no_code_twice_fails(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply("No code here."))
    converter = build_llm_converter(settings_for(llm_server, None))

    with pytest.raises(ConversionFailed, match="no ```java code block") as caught:
        converter.convert(hello_request(tmp_path))

    assert len(llm_server.requests) == 2
    assert caught.value.requests == 2
    assert caught.value.tokens_in > 0


def test_converter_truncated_answer_retried(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = sequence(Reply(GOOD[:80], finish_reason="length"), Reply(GOOD))
    converter = build_llm_converter(
        settings_for(llm_server, tmp_path / "cache", max_output_tokens=400)
    )

    conversion = converter.convert(hello_request(tmp_path))

    assert conversion.sources[0].text.startswith("package migrated;")
    assert len(llm_server.requests) == 2
    retry = llm_server.requests[1]
    assert "## Your previous answer was cut off" in retry.prompt
    assert "output limit of 400 tokens" in retry.prompt
    assert retry.body["max_tokens"] == 400
    # Only the complete answer is cached, under the first and second prompts.
    entries = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in (tmp_path / "cache").rglob("*.json")
    ]
    assert len(entries) == 2
    assert all(entry["text"] == GOOD for entry in entries)


def test_converter_truncated_twice_fails(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply(GOOD[:80], finish_reason="length"))
    converter = build_llm_converter(settings_for(llm_server, None))

    with pytest.raises(ConversionFailed, match="cut off"):
        converter.convert(hello_request(tmp_path))
