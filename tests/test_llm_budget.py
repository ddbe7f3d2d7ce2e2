"""Tokens, cost and the budget of the LLM converter."""

from __future__ import annotations

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

from migrate.convert import BudgetExhausted
from migrate.convert.llm import build_llm_converter
from migrate.convert.llm.client import load_litellm
from migrate.model import ConversionRequest

__all__ = ["llm_server"]

PRICED_MODEL = "openai/gpt-4o-mini"
GOOD = java_answer(("migrated/Hello.java", hello_java()))


def hello_request(root: Path) -> ConversionRequest:
    cobol = fixed(
        """
        IDENTIFICATION DIVISION.
        PROGRAM-ID. HELLO.
        PROCEDURE DIVISION.
            DISPLAY 'HELLO'
            GOBACK.
        """
    )
    return program_request(root, "HELLO", {"HELLO.cbl": cobol})


def server_usage(server: LLMServer) -> tuple[int, int]:
    """Return the prompt and completion tokens the server reported, by the
    same chars / 4 rule it uses."""
    tokens_in = tokens_out = 0
    for request in server.requests:
        tokens_in += sum(len(str(m["content"])) for m in request.body["messages"]) // 4
    tokens_out = len(GOOD) // 4 * len(server.requests)
    return tokens_in, tokens_out


def test_usage_and_cost_filled_in(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    converter = build_llm_converter(settings_for(llm_server, None, model=PRICED_MODEL))

    conversion = converter.convert(hello_request(tmp_path))

    tokens_in, tokens_out = server_usage(llm_server)
    prices = load_litellm().model_cost["gpt-4o-mini"]
    expected = (
        tokens_in * prices["input_cost_per_token"]
        + tokens_out * prices["output_cost_per_token"]
    )
    assert conversion.requests == 1
    assert conversion.tokens_in == tokens_in
    assert conversion.tokens_out == tokens_out
    assert conversion.cost_usd == pytest.approx(expected)
    assert conversion.cost_usd > 0


def test_usage_sums_every_request(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = sequence(Reply(status=500), Reply("no code"), Reply(GOOD))
    converter = build_llm_converter(settings_for(llm_server, None, model=PRICED_MODEL))

    conversion = converter.convert(hello_request(tmp_path))

    # Three requests were sent; the 500 reported no usage.
    assert conversion.requests == 3
    answered = llm_server.requests[1:]
    prompt_tokens = sum(
        sum(len(str(m["content"])) for m in r.body["messages"]) // 4 for r in answered
    )
    assert conversion.tokens_in == prompt_tokens
    assert conversion.tokens_out == len("no code") // 4 + len(GOOD) // 4


def test_unknown_model_costs_zero(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    converter = build_llm_converter(settings_for(llm_server, None))

    conversion = converter.convert(hello_request(tmp_path))

    assert conversion.cost_usd == 0.0
    assert conversion.tokens_in > 0
    assert any(
        "no price known for model openai/test-model" in n for n in conversion.notes
    )
    assert converter.estimate_cost(hello_request(tmp_path)) == 0.0


def test_estimate_cost_zero_once_cached(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    converter = build_llm_converter(
        settings_for(llm_server, tmp_path / "cache", model=PRICED_MODEL)
    )
    request = hello_request(tmp_path / "estate")
    before = converter.estimate_cost(request)

    converter.convert(request)

    assert before > 0
    assert converter.estimate_cost(request) == 0.0
    assert llm_server.requests  # estimate_cost itself sent nothing else
    assert len(llm_server.requests) == 1


def test_budget_stops_before_sending(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    converter = build_llm_converter(
        settings_for(llm_server, None, model=PRICED_MODEL, budget_usd=1e-7)
    )

    with pytest.raises(BudgetExhausted) as caught:
        converter.convert(hello_request(tmp_path))

    assert llm_server.requests == []
    assert "budget of $0.0000 would be passed" in str(caught.value)
    assert "slice HELLO" in str(caught.value)
    assert "--budget-usd" in caught.value.hint


def test_budget_stops_second_slice(llm_server: LLMServer, tmp_path: Path) -> None:
    llm_server.script = by_slice({"HELLO": GOOD})
    probe = build_llm_converter(settings_for(llm_server, None, model=PRICED_MODEL))
    expected = probe.estimate_cost(hello_request(tmp_path / "one"))
    converter = build_llm_converter(
        settings_for(llm_server, None, model=PRICED_MODEL, budget_usd=expected * 1.5)
    )
    first = converter.convert(hello_request(tmp_path / "one"))

    with pytest.raises(BudgetExhausted):
        converter.convert(hello_request(tmp_path / "two"))

    assert first.cost_usd > 0
    assert len(llm_server.requests) == 1
