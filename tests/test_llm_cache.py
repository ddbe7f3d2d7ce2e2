"""The LLM response cache: re-runs send nothing, failures are never kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    LLMServer,
    Reply,
    by_slice,
    hello_java,
    java_answer,
    llm_server,
    program_request,
    sequence,
    settings_for,
)

from migrate.convert.llm import ConversionFailed, build_llm_converter
from migrate.convert.llm.cache import CachedAnswer, ResponseCache, cache_key

__all__ = ["llm_server"]

HELLO = fixed(
    """
    IDENTIFICATION DIVISION.
    PROGRAM-ID. HELLO.
    PROCEDURE DIVISION.
        DISPLAY 'HELLO'
        GOBACK.
    """
)
GOOD = java_answer(("migrated/Hello.java", hello_java()))


def test_second_conversion_sends_nothing(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    request = program_request(tmp_path / "estate", "HELLO", {"HELLO.cbl": HELLO})
    settings = settings_for(llm_server, tmp_path / "cache")
    first = build_llm_converter(settings).convert(request)

    second = build_llm_converter(settings).convert(request)

    assert len(llm_server.requests) == 1
    assert second.sources == first.sources
    assert second.requests == 0
    assert second.tokens_in == 0
    assert second.cost_usd == 0.0
    assert "1 answers from the cache" in second.notes[0]


def test_cache_survives_new_server_port(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    request = program_request(tmp_path / "estate", "HELLO", {"HELLO.cbl": HELLO})
    build_llm_converter(settings_for(llm_server, tmp_path / "cache")).convert(request)
    other = LLMServer(by_slice({"HELLO": GOOD})).start()
    try:
        build_llm_converter(settings_for(other, tmp_path / "cache")).convert(request)
        assert other.requests == []
    finally:
        other.stop()


def test_changed_program_misses_cache(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    settings = settings_for(llm_server, tmp_path / "cache")
    build_llm_converter(settings).convert(
        program_request(tmp_path / "one", "HELLO", {"HELLO.cbl": HELLO})
    )
    changed = HELLO.replace("'HELLO'", "'HELLO AGAIN'")

    build_llm_converter(settings).convert(
        program_request(tmp_path / "two", "HELLO", {"HELLO.cbl": changed})
    )

    assert len(llm_server.requests) == 2


def test_temperature_is_part_of_key() -> None:
    messages = [{"role": "user", "content": "convert"}]

    cold = cache_key("openai/m", messages, 0.0, 0)

    assert cold != cache_key("openai/m", messages, 0.7, 0)
    assert cold != cache_key("openai/m", messages, 0.0, 4096)
    assert cold != cache_key("openai/other", messages, 0.0, 0)
    assert cold == cache_key("openai/m", list(messages), 0.0, 0)


def test_failed_answer_not_cached(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply("no code"), Reply("still no code"), Reply(GOOD))
    request = program_request(tmp_path / "estate", "HELLO", {"HELLO.cbl": HELLO})
    settings = settings_for(llm_server, tmp_path / "cache")
    with pytest.raises(ConversionFailed):
        build_llm_converter(settings).convert(request)
    assert not list((tmp_path / "cache").rglob("*.json"))

    conversion = build_llm_converter(settings).convert(request)

    assert conversion.sources
    assert len(llm_server.requests) == 3


def test_cache_write_leaves_no_temporary(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    entry = CachedAnswer("openai/m", 0.0, 0, (("user", "hi"),), "answer", "stop", 1, 2)

    cache.put("ab" + "0" * 62, entry)
    cache.put("ab" + "0" * 62, entry)

    files = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert files == ["ab" + "0" * 62 + ".json"]
    assert cache.get("ab" + "0" * 62) == entry


def test_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    key = "cd" + "1" * 62
    path = tmp_path / "cache" / "cd" / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{truncated", encoding="utf-8")

    assert cache.get(key) is None


def test_cache_entry_holds_prompt_and_answer(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    request = program_request(tmp_path / "estate", "HELLO", {"HELLO.cbl": HELLO})

    build_llm_converter(settings_for(llm_server, tmp_path / "cache")).convert(request)

    (entry_path,) = (tmp_path / "cache").rglob("*.json")
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    assert entry["model"] == "openai/test-model"
    assert entry["text"] == GOOD
    assert entry["messages"][1][0] == "user"
    assert "Slice: HELLO" in entry["messages"][1][1]


def test_corrected_answer_cached_for_first_prompt(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    llm_server.script = sequence(Reply("no code"), Reply(GOOD))
    request = program_request(tmp_path / "estate", "HELLO", {"HELLO.cbl": HELLO})
    settings = settings_for(llm_server, tmp_path / "cache")
    first = build_llm_converter(settings).convert(request)

    second = build_llm_converter(settings).convert(request)

    assert len(llm_server.requests) == 2
    assert second.sources == first.sources
    assert second.requests == 0
