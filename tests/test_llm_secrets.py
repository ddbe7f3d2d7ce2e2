"""Secrets and keys: placeholders in prompts, values back in the Java, and
no API key in prompts, cache entries, errors or logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    DUMMY_KEY,
    ChatRequest,
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
from migrate.convert.llm.redact import SecretMask

__all__ = ["llm_server"]

SECRET_PROGRAM = fixed(
    """
    IDENTIFICATION DIVISION.
    PROGRAM-ID. LOGON.
    DATA DIVISION.
    WORKING-STORAGE SECTION.
    01 WS-USER-NAME   PIC X(8)  VALUE 'OPERATOR'.
    01 WS-DB-PASSWORD PIC X(12)
       VALUE 'hunter2pass'.
    01 WS-CONNECT     PIC X(40) VALUE 'DSN=BANK;UID=app;PWD=s3cr3t!x'.
    PROCEDURE DIVISION.
        DISPLAY 'LOGON ' WS-USER-NAME
        GOBACK.
    """
)


def secret_java(request: ChatRequest) -> Reply:
    """Echo each placeholder of the prompt into the Java, as a model would."""
    body = (
        '        String pw = "@@SECRET_1@@";\n'
        '        String dsn = "DSN=BANK;UID=app;PWD=@@SECRET_2@@";\n'
    )
    return Reply(
        java_answer(("migrated/Logon.java", hello_java("Logon", "LOGON", body)))
    )


def test_mask_data_item_value() -> None:
    mask = SecretMask()

    masked = mask.mask(
        "       01 WS-DB-PASSWORD PIC X(12)\n          VALUE 'hunter2pass'.\n"
    )

    assert "hunter2pass" not in masked
    assert "VALUE '@@SECRET_1@@'." in masked


def test_mask_secret_words() -> None:
    for name in (
        "WS-PASSWD",
        "API-KEY",
        "LK-TOKEN-ID",
        "SECRET-WORD",
        "DB-PWD",
        "WS-APIKEY",
    ):
        mask = SecretMask()

        masked = mask.mask(f'01 {name} PIC X(8) VALUE "abcd1234".')

        assert masked == f'01 {name} PIC X(8) VALUE "@@SECRET_1@@".', name


def test_mask_leaves_ordinary_items() -> None:
    text = "01 WS-NAME PIC X(10) VALUE 'WORLD'.\n01 WS-COUNT PIC 9 VALUE 0.\n"

    assert SecretMask().mask(text) == text


def test_mask_assignments_in_text() -> None:
    mask = SecretMask()
    text = (
        "//STEP1 EXEC PGM=LOGON,PARM='USER=ops1,PASSWORD=Tiger99'\n SET PWD=\"q w\"\n"
    )

    masked = mask.mask(text)

    assert "ops1" not in masked
    assert "Tiger99" not in masked
    assert "q w" not in masked
    assert "USER=@@SECRET_1@@,PASSWORD=@@SECRET_2@@" in masked
    assert 'PWD="@@SECRET_3@@"' in masked


def test_mask_same_value_same_placeholder() -> None:
    mask = SecretMask()

    masked = mask.mask("01 A-PWD PIC X(6) VALUE 'abc123'.\nPASSWORD=abc123\n")

    assert masked.count("@@SECRET_1@@") == 2
    assert mask.count == 1


def test_restore_escapes_for_java() -> None:
    mask = SecretMask()
    mask.mask("01 WS-PASSWORD PIC X(8) VALUE 'it''s\\\"x'.")

    restored = mask.restore('String pw = "@@SECRET_1@@";')

    assert restored == 'String pw = "it\'s\\\\\\"x";'


def test_hide_known_masks_java_text() -> None:
    mask = SecretMask()
    mask.mask("01 WS-PASSWORD PIC X(11) VALUE 'hunter2pass'.")

    hidden = mask.hide_known('String pw = "hunter2pass"; int hunter2passes;')

    assert hidden == 'String pw = "@@SECRET_1@@"; int hunter2passes;'


def test_secrets_round_trip(
    llm_server: LLMServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    llm_server.script = secret_java
    request = program_request(
        tmp_path / "estate", "LOGON", {"LOGON.cbl": SECRET_PROGRAM}
    )
    converter = build_llm_converter(settings_for(llm_server, tmp_path / "cache"))

    conversion = converter.convert(request)

    prompt = llm_server.requests[0].prompt
    assert "hunter2pass" not in prompt
    assert "s3cr3t!x" not in prompt
    assert "VALUE '@@SECRET_1@@'" in prompt
    assert "PWD=@@SECRET_2@@" in prompt
    java = conversion.sources[0].text
    assert 'String pw = "hunter2pass";' in java
    assert 'PWD=s3cr3t!x"' in java
    cached = "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "cache").rglob("*.json")
    )
    assert cached
    for secret in ("hunter2pass", "s3cr3t!x", DUMMY_KEY):
        assert secret not in cached
        assert secret not in caplog.text
        assert secret not in prompt


def test_repair_prompt_hides_restored_secret(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = secret_java
    request = program_request(
        tmp_path / "estate", "LOGON", {"LOGON.cbl": SECRET_PROGRAM}
    )
    converter = build_llm_converter(settings_for(llm_server, None))
    converter.convert(request)
    repair = program_request(
        tmp_path / "estate2",
        "LOGON",
        {"LOGON.cbl": SECRET_PROGRAM},
        evidence="stdout differs:\n-LOGON hunter2pass\n+LOGON\n",
    )

    converter.convert(repair)

    prompt = llm_server.requests[1].prompt
    assert "## Your previous answer" in prompt
    assert "hunter2pass" not in prompt
    assert '"@@SECRET_1@@"' in prompt
    assert "-LOGON @@SECRET_1@@" in prompt


def test_key_not_in_error_or_logs(
    llm_server: LLMServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = json.dumps(
        {"error": {"message": f"invalid key {DUMMY_KEY}", "type": "auth"}}
    )
    llm_server.script = sequence(Reply(status=401, raw=body.encode()))
    request = program_request(
        tmp_path / "estate", "LOGON", {"LOGON.cbl": SECRET_PROGRAM}
    )
    converter = build_llm_converter(settings_for(llm_server, tmp_path / "cache"))

    with pytest.raises(ConversionFailed) as caught:
        converter.convert(request)

    assert "invalid key <OPENAI_API_KEY>" in str(caught.value)
    assert DUMMY_KEY not in str(caught.value)
    assert DUMMY_KEY not in caplog.text
    assert "HTTP 401: OpenAIException - invalid key <OPENAI_API_KEY>" in caplog.text
