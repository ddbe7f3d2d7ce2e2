"""Faults between the LLM converter and its model server: rate limits,
server errors, hangs, refused connections, and the client-side limits."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
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
from migrate.convert.llm.client import parse_retry_after
from migrate.convert.llm.limits import RateLimiter, TokenBucket
from migrate.model import ConversionRequest

__all__ = ["llm_server"]

GOOD = java_answer(("migrated/Hello.java", hello_java()))


def request_for(tmp_path: Path, name: str = "HELLO") -> ConversionRequest:
    cobol = fixed(
        f"""
        IDENTIFICATION DIVISION.
        PROGRAM-ID. {name}.
        DATA DIVISION.
        LINKAGE SECTION.
        01 LK-AMOUNT PIC 9(5).
        PROCEDURE DIVISION USING LK-AMOUNT.
            DISPLAY '{name}'
            GOBACK.
        """
    )
    return program_request(tmp_path / name, name, {f"src/{name}.cbl": cobol})


def gap(server: LLMServer) -> float:
    first, second = server.requests[:2]
    return second.started - first.started


@pytest.mark.parametrize("status", [429, 503])
def test_retry_waits_for_retry_after(
    llm_server: LLMServer, tmp_path: Path, status: int
) -> None:
    llm_server.script = sequence(
        Reply(status=status, headers=(("Retry-After", "1"),)), Reply(GOOD)
    )
    converter = build_llm_converter(settings_for(llm_server, None))

    conversion = converter.convert(request_for(tmp_path))

    assert conversion.sources
    assert conversion.requests == 2
    assert gap(llm_server) >= 1.0


def test_retry_after_http_date_parsed() -> None:
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))

    waited = parse_retry_after(later)

    assert waited is not None
    assert 28 <= waited <= 31
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("soon") is None


def test_server_errors_fail_after_retries(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = sequence(Reply(status=500))
    converter = build_llm_converter(settings_for(llm_server, None, max_retries=2))

    with pytest.raises(ConversionFailed) as caught:
        converter.convert(request_for(tmp_path))

    assert len(llm_server.requests) == 3
    assert caught.value.requests == 3
    message = str(caught.value)
    assert "slice HELLO" in message
    assert "unavailable after 3 attempts" in message
    assert "HTTP 500" in message


def test_garbage_body_is_retried(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply(raw=b"{not json"), Reply(GOOD))
    converter = build_llm_converter(settings_for(llm_server, None))

    conversion = converter.convert(request_for(tmp_path))

    assert conversion.sources
    assert len(llm_server.requests) == 2


def test_hang_times_out_then_retries(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply(GOOD, hang=10), Reply(GOOD))
    converter = build_llm_converter(settings_for(llm_server, None, request_timeout=1.0))
    started = time.monotonic()

    conversion = converter.convert(request_for(tmp_path))

    elapsed = time.monotonic() - started
    assert conversion.sources
    assert len(llm_server.requests) == 2
    assert 1.0 <= elapsed < 8


def test_hang_every_time_fails(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply(GOOD, hang=10))
    converter = build_llm_converter(
        settings_for(llm_server, None, request_timeout=0.5, max_retries=1)
    )

    with pytest.raises(ConversionFailed, match="timed out after 0.5 s"):
        converter.convert(request_for(tmp_path))


def test_connection_refused_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-refused-0000")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = LLMServer()
    settings = settings_for(
        server, None, api_base=f"http://127.0.0.1:{port}/v1", max_retries=1
    )
    converter = build_llm_converter(settings)

    with pytest.raises(ConversionFailed, match="unavailable after 2 attempts"):
        converter.convert(request_for(tmp_path))


def test_authentication_error_not_retried(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = sequence(Reply(status=401))
    converter = build_llm_converter(settings_for(llm_server, None))

    with pytest.raises(ConversionFailed, match="rejected the request: HTTP 401"):
        converter.convert(request_for(tmp_path))

    assert len(llm_server.requests) == 1


def test_outage_fails_only_its_slices(llm_server: LLMServer, tmp_path: Path) -> None:
    answers = {"GOOD1": "Good1", "GOOD2": "Good2"}

    def script(request: ChatRequest) -> Reply:
        name = answers.get(request.slice_id)
        if name is None:
            return Reply(status=502)
        return Reply(
            java_answer((f"migrated/{name}.java", hello_java(name, request.slice_id)))
        )

    llm_server.script = script
    converter = build_llm_converter(settings_for(llm_server, None, max_retries=2))
    requests = [request_for(tmp_path, name) for name in ("GOOD1", "DOWN", "GOOD2")]

    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(converter.convert, r) for r in requests]

    assert futures[0].result().sources
    assert futures[2].result().sources
    with pytest.raises(ConversionFailed, match="slice DOWN"):
        futures[1].result()


def test_concurrency_limited_to_agents(llm_server: LLMServer, tmp_path: Path) -> None:
    def script(request: ChatRequest) -> Reply:
        name = request.slice_id.capitalize()
        return Reply(
            java_answer((f"migrated/{name}.java", hello_java(name, request.slice_id))),
            hang=0.2,
        )

    llm_server.script = script
    converter = build_llm_converter(settings_for(llm_server, None, concurrency=3))
    requests = [request_for(tmp_path, f"PROG{n}") for n in range(12)]

    with ThreadPoolExecutor(12) as pool:
        conversions = list(pool.map(converter.convert, requests))

    assert all(c.sources for c in conversions)
    assert llm_server.log.max_in_flight == 3


def test_token_bucket_waits_when_empty() -> None:
    bucket = TokenBucket(600)  # 10 a second
    bucket.acquire(600)
    started = time.monotonic()

    waited = bucket.acquire(5)

    assert 0.4 <= time.monotonic() - started < 2
    assert waited >= 0.4


def test_token_bucket_shared_by_threads() -> None:
    bucket = TokenBucket(1200)  # 20 a second
    bucket.acquire(1200)
    started = time.monotonic()

    threads = [threading.Thread(target=bucket.acquire, args=(5,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # 20 units at 20 a second take one second, whatever the thread order.
    assert time.monotonic() - started >= 0.9


def test_rate_limiter_spaces_requests() -> None:
    limiter = RateLimiter(requests_per_minute=120, tokens_per_minute=0)
    for _ in range(120):
        limiter.acquire(tokens=10_000)
    started = time.monotonic()

    limiter.acquire(tokens=10_000)

    # 2 requests a second: the 121st waits about half a second.
    assert time.monotonic() - started >= 0.4


def test_rate_limiter_charges_actual_tokens() -> None:
    limiter = RateLimiter(requests_per_minute=0, tokens_per_minute=6000)  # 100 a second
    limiter.acquire(tokens=100)
    limiter.settle(estimated=100, actual=6000)
    started = time.monotonic()

    limiter.acquire(tokens=50)

    assert time.monotonic() - started >= 0.4
