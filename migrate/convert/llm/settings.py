"""Settings of the LLM converters, taken from the converter options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migrate.convert import ConverterOptions
from migrate.errors import UsageError

# Limits when neither the settings nor litellm's model data give one.
DEFAULT_MAX_PROMPT_TOKENS = 16_000
DEFAULT_MAX_OUTPUT_TOKENS = 8_192


@dataclass(frozen=True)
class LLMSettings:
    """How the LLM converter talks to its model."""

    model: str
    api_base: str = ""
    # Temperature and max output tokens are part of the cache key.
    # Temperature 0 makes the answers of most models reproducible.
    temperature: float = 0.0
    # 0 sends no max_tokens, so the provider's default applies, and plans
    # with litellm's max output tokens for the model.
    max_output_tokens: int = 0
    # 0 takes litellm's max input tokens for the model, or the default.
    max_prompt_tokens: int = 0
    request_timeout: float = 120.0
    # Retries of one request after a 429, 5xx, timeout or connection error.
    max_retries: int = 5
    # The wait before retry n is backoff_base * 2**(n - 1) seconds, at most
    # backoff_max, times a random factor from 0.5 to 1. A Retry-After
    # header replaces it.
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    requests_per_minute: int = 0
    tokens_per_minute: int = 0
    budget_usd: float = 0.0
    concurrency: int = 4
    cache_dir: Path | None = None

    @classmethod
    def from_options(cls, options: ConverterOptions) -> LLMSettings:
        """Build the settings of ``options``; raise :class:`UsageError`
        without a model."""
        if not options.model:
            raise UsageError(
                f"the {options.name} converter needs a model",
                hint="pass --model, for example --model openai/gpt-4o-mini",
            )
        return cls(
            model=options.model,
            api_base=options.api_base,
            temperature=options.temperature,
            max_output_tokens=options.max_output_tokens,
            max_prompt_tokens=options.max_prompt_tokens,
            request_timeout=options.request_timeout,
            requests_per_minute=options.requests_per_minute,
            tokens_per_minute=options.tokens_per_minute,
            budget_usd=options.budget_usd,
            concurrency=max(1, options.agents),
            cache_dir=options.cache_dir,
        )
