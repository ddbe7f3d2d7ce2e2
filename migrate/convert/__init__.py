"""Converters: turn one slice's COBOL into Java sources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from migrate.errors import MigrateError, UsageError
from migrate.model import Conversion, ConversionRequest

CONVERTER_NAMES = ("rules", "llm", "hybrid")


class Converter(Protocol):
    """Anything that converts a slice. Implementations never print, and they
    report every construct they could not translate in
    ``Conversion.unsupported`` instead of dropping it."""

    name: str

    def convert(self, request: ConversionRequest) -> Conversion:
        """Convert the slice in ``request`` to Java sources."""
        ...

    def estimate_cost(self, request: ConversionRequest) -> float:
        """Return the expected cost in US dollars of converting ``request``."""
        ...


class BudgetExhausted(MigrateError):
    """Raised by a converter when the next request would pass the budget."""


@dataclass(frozen=True)
class ConverterOptions:
    """How ``migrate run`` chooses and drives a converter."""

    name: str = "rules"
    model: str = ""
    api_base: str = ""
    max_attempts: int = 3
    requests_per_minute: int = 0  # 0: no client-side limit
    tokens_per_minute: int = 0
    budget_usd: float = 0.0  # 0: no budget
    request_timeout: float = 120.0
    cache_dir: Path | None = None
    agents: int = 4
    temperature: float = 0.0
    # Token limits of one request; 0 takes the model's limits from litellm.
    max_prompt_tokens: int = 0
    max_output_tokens: int = 0


def make_converter(options: ConverterOptions) -> Converter:
    """Build the converter that ``options.name`` selects."""
    if options.name == "rules":
        from migrate.convert.rules import RulesConverter

        return RulesConverter()
    if options.name in ("llm", "hybrid"):
        from migrate.convert.llm import make_llm_converter

        return make_llm_converter(options)
    raise UsageError(
        f"unknown converter {options.name!r}",
        hint=f"choose one of: {', '.join(CONVERTER_NAMES)}",
    )
