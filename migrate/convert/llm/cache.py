"""The response cache: accepted answers by model, prompt and sampling.

A re-run of an unchanged estate builds the same prompts, so it finds every
answer here and sends no request. Only answers that passed the answer
checks are stored. Prompts are stored with secret placeholders, never with
the secrets, and no entry holds an API key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

# Bump when the entry layout changes, so that old entries are misses.
CACHE_VERSION = 1


@dataclass(frozen=True)
class CachedAnswer:
    """One stored answer, with the prompt that produced it."""

    model: str
    temperature: float
    max_tokens: int
    messages: tuple[tuple[str, str], ...]
    text: str
    finish_reason: str
    tokens_in: int
    tokens_out: int


def cache_key(
    model: str, messages: list[dict[str, str]], temperature: float, max_tokens: int
) -> str:
    """Return the hex SHA-256 of everything that determines an answer."""
    material = json.dumps(
        {
            "version": CACHE_VERSION,
            "model": model,
            "temperature": temperature,
            "max_tokens": max_tokens,
            "messages": messages,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResponseCache:
    """JSON files under ``folder``, one per answer, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        """Return the entry for ``key``, or None; an unreadable entry is a
        miss."""
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["messages"] = tuple(tuple(pair) for pair in data["messages"])
            return CachedAnswer(**data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            logger.warning("ignoring unreadable cache entry %s: %s", path, error)
            return None

    def put(self, key: str, entry: CachedAnswer) -> None:
        """Store ``entry`` under ``key``: write a temporary file in the same
        folder, then rename it over the entry."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(asdict(entry), indent=1, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=".tmp-", suffix=".json"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
