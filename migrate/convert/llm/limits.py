"""Client-side limits shared by every worker thread: requests and tokens
per minute, and the budget in US dollars."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from migrate.convert import BudgetExhausted


class TokenBucket:
    """A thread-safe token bucket of at most ``per_minute`` units that
    refills at ``per_minute`` units a minute."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError(f"per_minute must be positive, not {per_minute}")
        self.capacity = float(per_minute)
        self._rate = per_minute / 60.0
        self._level = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self, amount: float) -> float:
        """Take ``amount`` units, waiting until the bucket contains them, and
        return the seconds waited. An amount above the capacity waits for a
        full bucket, so that one large request cannot block forever."""
        amount = min(amount, self.capacity)
        waited = 0.0
        while True:
            with self._lock:
                self._refill()
                if self._level >= amount:
                    self._level -= amount
                    return waited
                pause = (amount - self._level) / self._rate
            self._sleep(pause)
            waited += pause

    def debit(self, amount: float) -> None:
        """Take ``amount`` more units without waiting; the level may go
        below zero, which delays the next requests."""
        with self._lock:
            self._refill()
            self._level -= amount

    def _refill(self) -> None:
        now = self._clock()
        self._level = min(self.capacity, self._level + (now - self._stamp) * self._rate)
        self._stamp = now


class RateLimiter:
    """Requests and tokens per minute; a limit of 0 is no limit."""

    def __init__(self, requests_per_minute: int, tokens_per_minute: int) -> None:
        self._requests = (
            TokenBucket(requests_per_minute) if requests_per_minute > 0 else None
        )
        self._tokens = TokenBucket(tokens_per_minute) if tokens_per_minute > 0 else None

    def acquire(self, tokens: int) -> float:
        """Wait for one request and ``tokens`` tokens; return the seconds
        waited."""
        waited = 0.0
        if self._requests is not None:
            waited += self._requests.acquire(1)
        if self._tokens is not None:
            waited += self._tokens.acquire(tokens)
        return waited

    def settle(self, estimated: int, actual: int) -> None:
        """Charge the difference between the actual and estimated tokens."""
        if self._tokens is not None and actual > estimated:
            self._tokens.debit(actual - estimated)


class BudgetLedger:
    """The money spent and reserved by all workers against one budget;
    a budget of 0 is no budget."""

    def __init__(self, budget_usd: float) -> None:
        self.budget_usd = budget_usd
        self.spent_usd = 0.0
        self._reserved = 0.0
        self._lock = threading.Lock()

    def admit(self, expected_usd: float, slice_id: str) -> None:
        """Raise :class:`BudgetExhausted` if a slice expected to cost
        ``expected_usd`` in all would pass the budget. Nothing is reserved,
        because each of the slice's requests reserves its own cost."""
        with self._lock:
            self._check(expected_usd, f"slice {slice_id} is expected to cost")

    def reserve(self, expected_usd: float, slice_id: str) -> None:
        """Reserve the expected cost of one request, or raise
        :class:`BudgetExhausted` if it would pass the budget."""
        with self._lock:
            self._check(
                expected_usd,
                f"the next request for slice {slice_id} is expected to cost",
            )
            self._reserved += expected_usd

    def _check(self, expected_usd: float, next_cost: str) -> None:
        # Called with the lock held.
        committed = self.spent_usd + self._reserved
        if self.budget_usd > 0 and committed + expected_usd > self.budget_usd:
            raise BudgetExhausted(
                f"budget of ${self.budget_usd:.4f} would be passed: "
                f"${self.spent_usd:.4f} spent, ${self._reserved:.4f} "
                f"reserved by requests in flight, and {next_cost} "
                f"${expected_usd:.4f}",
                hint="raise --budget-usd to convert the remaining slices",
            )

    def settle(self, expected_usd: float, actual_usd: float) -> None:
        """Replace a reservation by the actual cost (0 for a failed request)."""
        with self._lock:
            self._reserved = max(0.0, self._reserved - expected_usd)
            self.spent_usd += actual_usd
