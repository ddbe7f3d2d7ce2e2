"""Many worker threads on one LLM converter against a faulty server: the
in-flight limit holds, every slice converts, and a re-run sends nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    LLMServer,
    by_slice,
    flaky,
    hello_java,
    java_answer,
    llm_server,
    program_request,
    settings_for,
)

from migrate.convert.llm import build_llm_converter
from migrate.model import Conversion, ConversionRequest

__all__ = ["llm_server"]

SLICES = 50


def estate(root: Path) -> tuple[list[ConversionRequest], dict[str, str]]:
    """Return one request per program and the server's answer for each."""
    requests: list[ConversionRequest] = []
    answers: dict[str, str] = {}
    for number in range(SLICES):
        name = f"PROG{number:02d}"
        cobol = fixed(
            f"""
            IDENTIFICATION DIVISION.
            PROGRAM-ID. {name}.
            PROCEDURE DIVISION.
                DISPLAY '{name}'
                GOBACK.
            """
        )
        requests.append(program_request(root / name, name, {f"{name}.cbl": cobol}))
        class_name = name.capitalize()
        answers[name] = java_answer(
            (f"migrated/{class_name}.java", hello_java(class_name, name))
        )
    return requests, answers


def convert_all(
    converter: object, requests: list[ConversionRequest]
) -> list[Conversion]:
    with ThreadPoolExecutor(SLICES) as pool:
        return list(pool.map(converter.convert, requests))  # type: ignore[attr-defined]


@pytest.mark.parametrize("agents", [8, 50])
def test_faulty_server_many_threads(
    llm_server: LLMServer, tmp_path: Path, agents: int
) -> None:
    requests, answers = estate(tmp_path / "estate")
    llm_server.script = flaky(
        by_slice(answers), rate=0.3, seed=7, hang=5.0, max_faults_per_slice=3
    )
    settings = settings_for(
        llm_server,
        tmp_path / "cache",
        concurrency=agents,
        max_retries=8,
        request_timeout=3.0,
    )

    first = convert_all(build_llm_converter(settings), requests)

    assert [c.slice_id for c in first] == [r.slice.id for r in requests]
    assert all(len(c.sources) == 1 for c in first)
    assert llm_server.log.max_in_flight <= agents
    sent = len(llm_server.requests)
    assert sent > SLICES  # some faults were retried
    # An attempt can fail before the server logs it (a pooled connection the
    # server closed), so the converters may count more than the server saw.
    assert sum(c.requests for c in first) >= sent

    second = convert_all(build_llm_converter(settings), requests)

    assert len(llm_server.requests) == sent
    assert [c.sources for c in second] == [c.sources for c in first]
    assert all(c.requests == 0 for c in second)
