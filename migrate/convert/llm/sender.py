"""Send one prompt to the model with concurrency, rate and budget limits,
and retry what may succeed on another try.

The retry loop is ours rather than litellm's ``num_retries``: it waits what
a Retry-After header requests, it releases the concurrency slot while it
waits, every retry passes the rate limiter again, and every retry is
logged with its slice.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass

from migrate.convert.llm.client import ChatAnswer, ChatClient, ProviderError
from migrate.convert.llm.errors import ConversionFailed
from migrate.convert.llm.limits import BudgetLedger, RateLimiter
from migrate.convert.llm.settings import LLMSettings

logger = logging.getLogger(__name__)

# The longest Retry-After that is honoured; a longer one counts as an outage.
MAX_RETRY_AFTER = 300.0


@dataclass(frozen=True)
class Sent:
    """An answer with its cost; ``cost_usd`` is None for a model without a
    known price."""

    answer: ChatAnswer
    cost_usd: float | None
    attempts: int


class Sender:
    """Sends prompts for every worker thread of one converter."""

    def __init__(self, settings: LLMSettings, client: ChatClient) -> None:
        self.settings = settings
        self.client = client
        self.limiter = RateLimiter(
            settings.requests_per_minute, settings.tokens_per_minute
        )
        self.ledger = BudgetLedger(settings.budget_usd)
        self._slots = threading.BoundedSemaphore(settings.concurrency)
        self._random = random.Random()

    def expected_cost(self, tokens_in: int, tokens_out: int) -> float:
        """Return the price of that usage, 0 for a model without a price."""
        return self.client.cost(tokens_in, tokens_out) or 0.0

    def send(
        self,
        messages: list[dict[str, str]],
        slice_id: str,
        tokens_in: int,
        tokens_out: int,
        max_tokens: int,
    ) -> Sent:
        """Send ``messages`` and return the answer; ``tokens_in`` and
        ``tokens_out`` are estimates for the limits. Raise
        :class:`BudgetExhausted` before sending past the budget, and
        :class:`ConversionFailed` once retries are spent or on an error
        that no retry fixes."""
        expected = self.expected_cost(tokens_in, tokens_out)
        self.ledger.reserve(expected, slice_id)
        actual = 0.0
        try:
            sent = self._send_with_retries(
                messages, slice_id, tokens_in + tokens_out, max_tokens
            )
            actual = sent.cost_usd or 0.0
            return sent
        finally:
            self.ledger.settle(expected, actual)

    def _send_with_retries(
        self,
        messages: list[dict[str, str]],
        slice_id: str,
        tokens: int,
        max_tokens: int,
    ) -> Sent:
        attempts = self.settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            self.limiter.acquire(tokens)
            try:
                with self._slots:
                    answer = self.client.complete(
                        messages, self.settings.temperature, max_tokens
                    )
            except ProviderError as error:
                try:
                    pause = self._pause_after(error, attempt, attempts, slice_id)
                except ConversionFailed as failed:
                    failed.requests = attempt
                    raise
                logger.info(
                    "slice %s: %s from %s; retrying in %.1f s (attempt %d of %d)",
                    slice_id,
                    error,
                    self.client.model,
                    pause,
                    attempt,
                    attempts,
                )
                time.sleep(pause)
                continue
            self.limiter.settle(tokens, answer.tokens_in + answer.tokens_out)
            cost = self.client.cost(answer.tokens_in, answer.tokens_out)
            return Sent(answer, cost, attempt)
        raise AssertionError("unreachable: the last attempt raises or returns")

    def _pause_after(
        self, error: ProviderError, attempt: int, attempts: int, slice_id: str
    ) -> float:
        """Return the wait before the next attempt, or raise
        :class:`ConversionFailed` when there is none."""
        model = self.client.model
        if not error.retryable:
            logger.warning("slice %s: %s from %s; not retried", slice_id, error, model)
            raise ConversionFailed(
                slice_id,
                f"model {model} rejected the request: {error}",
                hint="check the model name, --api-base and the API key variable",
            )
        if attempt == attempts:
            logger.warning(
                "slice %s: %s from %s; giving up after %d attempts",
                slice_id,
                error,
                model,
                attempts,
            )
            raise ConversionFailed(
                slice_id,
                f"model {model} unavailable after {attempts} attempts, last: {error}",
                hint="check that the model server is up, then run again",
            )
        if error.retry_after is not None:
            if error.retry_after > MAX_RETRY_AFTER:
                raise ConversionFailed(
                    slice_id,
                    f"model {model} asked to retry after {error.retry_after:.0f} s "
                    f"(more than {MAX_RETRY_AFTER:.0f} s): {error}",
                    hint="lower --requests-per-minute, or run again later",
                )
            return error.retry_after
        backoff = self.settings.backoff_base * 2 ** (attempt - 1)
        jitter = self._random.uniform(0.5, 1.0)
        return min(self.settings.backoff_max, backoff) * jitter
