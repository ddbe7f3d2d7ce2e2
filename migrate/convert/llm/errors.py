"""The error an LLM conversion raises when a slice cannot be converted."""

from __future__ import annotations

from migrate.errors import ExitCode, MigrateError


class ConversionFailed(MigrateError):
    """Raised when a slice's conversion fails: the model server stayed
    unavailable or rejected the request, the answer was rejected twice, or
    the prompt does not fit the context budget.

    The pipeline records ``str(error)`` on the slice and goes on with the
    slices that do not depend on it. The message never contains an API key.
    """

    exit_code = ExitCode.SLICES_FAILED

    def __init__(self, slice_id: str, reason: str, *, hint: str = "") -> None:
        super().__init__(f"slice {slice_id}: {reason}", hint=hint)
        self.slice_id = slice_id
        self.reason = reason
        # What the failed conversion spent, as in ``Conversion``.
        self.requests = 0
        self.tokens_in = 0
        self.tokens_out = 0
        self.cost_usd = 0.0
