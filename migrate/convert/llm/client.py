"""The one module that imports litellm: one chat request, no retries.

litellm is imported on first use, because its import takes seconds, and
only after the environment variables that keep it offline are set. It then
reads its bundled price list instead of fetching one, and it loads no
tokenizer from the network. Its callbacks stay empty, so nothing is sent to any
logging or telemetry service.
"""

from __future__ import annotations

import email.utils
import logging
import os
import re
import threading
import time
import warnings
from dataclasses import dataclass
from types import ModuleType
from typing import Any

logger = logging.getLogger(__name__)

_import_lock = threading.Lock()
_litellm: ModuleType | None = None

# HTTP statuses worth another try: timeouts, conflicts, rate limits and
# server faults.
RETRYABLE_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
# Environment variables whose values are credentials, by name.
_SECRET_ENV = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)", re.IGNORECASE)


def load_litellm() -> ModuleType:
    """Import and configure litellm once, offline."""
    global _litellm
    with _import_lock:
        if _litellm is None:
            os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
            os.environ["LITELLM_OFFLINE_MODE"] = "true"
            os.environ["LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS"] = "True"
            # litellm's pydantic models warn about ReadOnly TypedDict items
            # when its provider modules load, which is on the first request.
            warnings.filterwarnings(
                "ignore",
                message=r".*using the `ReadOnly` qualifier",
                category=UserWarning,
            )
            import litellm

            # suppress_debug_info stops the "Give Feedback / Get Help" lines
            # litellm prints on every error. litellm 1.110 has no telemetry
            # setting; older releases read litellm.telemetry.
            litellm.suppress_debug_info = True
            litellm.telemetry = False
            litellm.callbacks = []
            litellm.success_callback = []
            litellm.failure_callback = []
            # Drop sampling parameters a model does not accept, such as
            # temperature on some reasoning models, instead of failing.
            litellm.drop_params = True
            # litellm's own debug logs may print request details.
            for name in ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy"):
                logging.getLogger(name).setLevel(logging.WARNING)
            _litellm = litellm
    return _litellm


@dataclass(frozen=True)
class ChatAnswer:
    """The text of one completion and its usage."""

    text: str
    finish_reason: str
    tokens_in: int
    tokens_out: int


class ProviderError(Exception):
    """One failed request: its HTTP status (0 without one), whether another
    try may succeed, and the wait that a Retry-After header requests."""

    def __init__(
        self, message: str, *, status: int, retryable: bool, retry_after: float | None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


class ChatClient:
    """Sends chat requests to one model through litellm."""

    def __init__(self, model: str, api_base: str, timeout: float) -> None:
        self.model = model
        self.api_base = api_base
        self.timeout = timeout
        self._litellm = load_litellm()

    def complete(
        self, messages: list[dict[str, str]], temperature: float, max_tokens: int
    ) -> ChatAnswer:
        """Send one request, with no retries; raise :class:`ProviderError`."""
        litellm = self._litellm
        extra: dict[str, Any] = {}
        if self.api_base:
            extra["api_base"] = self.api_base
        if max_tokens:
            extra["max_tokens"] = max_tokens
        try:
            response = litellm.completion(
                model=self.model,
                messages=messages,
                temperature=temperature,
                timeout=self.timeout,
                # Retries are ours, so that Retry-After is honoured and
                # every retry is logged and rate-limited.
                max_retries=0,
                num_retries=0,
                stream=False,
                **extra,
            )
        except tuple(litellm.LITELLM_EXCEPTION_TYPES) as error:
            raise _provider_error(error, litellm, self.timeout) from None
        return _answer_of(response)

    def cost(self, tokens_in: int, tokens_out: int) -> float | None:
        """Return the price in US dollars of that usage, or None when
        litellm has no price for the model."""
        try:
            prompt_cost, answer_cost = self._litellm.cost_per_token(
                model=self.model,
                prompt_tokens=tokens_in,
                completion_tokens=tokens_out,
            )
        except Exception:  # noqa: BLE001 - litellm raises plain Exception too
            return None
        return float(prompt_cost) + float(answer_cost)

    def max_input_tokens(self) -> int | None:
        """Return the model's input limit from litellm's data, if known."""
        return self._model_limit("max_input_tokens")

    def max_output_tokens(self) -> int | None:
        """Return the model's output limit from litellm's data, if known."""
        return self._model_limit("max_output_tokens")

    def _model_limit(self, key: str) -> int | None:
        try:
            info = self._litellm.get_model_info(self.model)
        except Exception:  # noqa: BLE001 - unknown models raise plain Exception
            return None
        value = info.get(key)
        return int(value) if value else None


def _answer_of(response: Any) -> ChatAnswer:
    choice = response.choices[0]
    usage = getattr(response, "usage", None)
    return ChatAnswer(
        text=choice.message.content or "",
        finish_reason=str(choice.finish_reason or ""),
        tokens_in=int(getattr(usage, "prompt_tokens", 0) or 0),
        tokens_out=int(getattr(usage, "completion_tokens", 0) or 0),
    )


def _provider_error(
    error: Exception, litellm: ModuleType, timeout: float
) -> ProviderError:
    status = int(getattr(error, "status_code", 0) or 0)
    if isinstance(error, litellm.Timeout):
        return ProviderError(
            f"request timed out after {timeout:g} s",
            status=408,
            retryable=True,
            retry_after=None,
        )
    retryable = (
        status in RETRYABLE_STATUSES
        or status >= 500
        or isinstance(
            error, (litellm.APIConnectionError, litellm.APIResponseValidationError)
        )
    )
    message = redact(str(getattr(error, "message", "") or error))
    return ProviderError(
        f"HTTP {status or 'error'}: {_first_line(message)}",
        status=status,
        retryable=retryable,
        retry_after=_retry_after(error),
    )


def _retry_after(error: Exception) -> float | None:
    headers = getattr(error, "litellm_response_headers", None)
    if headers is None:
        response = getattr(error, "response", None)
        headers = getattr(response, "headers", None)
    if not headers:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    return parse_retry_after(headers.get("retry-after"))


def parse_retry_after(value: str | None) -> float | None:
    """Return the seconds a Retry-After value requests: a number of seconds
    or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    # litellm prefixes its class name, twice: "litellm.RateLimitError:
    # RateLimitError: OpenAIException - ..."
    line = re.sub(r"^(?:litellm\.\w+:\s*)?(?:\w+Error:\s*)?", "", line)
    return line[:300]


def redact(text: str) -> str:
    """Replace the values of credential environment variables in ``text``."""
    for name, value in os.environ.items():
        if len(value) >= 8 and _SECRET_ENV.search(name) and value in text:
            text = text.replace(value, f"<{name}>")
    return text
