"""Ctrl-C during a run: stop handing out slices, give the running ones a
grace period, then cancel them.

The SIGINT handler only sets flags and calls the stop callbacks, which set
flags too, because it runs between two bytecodes of the main thread, which
may be in the middle of a commit. The scheduler thread, which is the main
thread, acts on the flags at its next event through :meth:`Interrupt.check`,
at a point where no commit or journal write is half done.
"""

from __future__ import annotations

import contextlib
import logging
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType

logger = logging.getLogger(__name__)

# Default seconds the running slices get to finish after the first Ctrl-C.
DEFAULT_GRACE_SECONDS = 5.0


class RunCancelled(Exception):
    """Raised in the scheduler thread when an interrupted run stops waiting
    for the slices still running."""


class Interrupt:
    """The state of Ctrl-C for one run. The first Ctrl-C stops new work and
    starts the grace period. The end of the grace period, or a second
    Ctrl-C, cancels the running slices."""

    def __init__(self, grace: float = DEFAULT_GRACE_SECONDS) -> None:
        self.grace = grace
        # True once Ctrl-C was pressed.
        self.requested = False
        # True once the run stopped waiting for its running slices.
        self.cancelled = False
        self._again = False
        self._deadline = math.inf
        self._logged = False
        self._on_stop: list[Callable[[], None]] = []

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the first Ctrl-C, from the signal handler; it
        must only set flags."""
        self._on_stop.append(callback)

    @contextlib.contextmanager
    def installed(self) -> Iterator[Interrupt]:
        """Handle SIGINT while the block runs. Outside the main thread, where
        Python cannot set signal handlers, nothing is installed."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self._handle)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)

    def request(self) -> None:
        """Act as if Ctrl-C was pressed: the first call stops new work, the
        second cancels the running slices."""
        if self.requested:
            self._again = True
            return
        self.requested = True
        self._deadline = time.monotonic() + self.grace
        for callback in self._on_stop:
            callback()

    def check(self) -> None:
        """Log the interrupt once; raise :class:`RunCancelled` when the grace
        period is over or Ctrl-C came twice. Called in the scheduler thread."""
        if not self.requested:
            return
        if not self._logged:
            self._logged = True
            logger.warning(
                "interrupted: no new slice starts; the running ones get %gs to "
                "finish (press Ctrl-C again to cancel them now)",
                self.grace,
            )
        if self._again or time.monotonic() >= self._deadline:
            self.cancelled = True
            logger.warning("cancelling the running slices; they stay pending")
            raise RunCancelled

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.request()
