"""The LLM converters, ``llm`` and ``hybrid``, reached through litellm.

litellm is imported only when one of them is built, by
:mod:`migrate.convert.llm.client`.
"""

from __future__ import annotations

from migrate.convert import Converter, ConverterOptions
from migrate.convert.llm.cache import ResponseCache
from migrate.convert.llm.client import ChatClient
from migrate.convert.llm.converter import LLMConverter
from migrate.convert.llm.errors import ConversionFailed
from migrate.convert.llm.hybrid import HybridConverter
from migrate.convert.llm.sender import Sender
from migrate.convert.llm.settings import LLMSettings
from migrate.model import JavaSource
from migrate.runtime import runtime_sources

__all__ = [
    "ConversionFailed",
    "LLMSettings",
    "make_llm_converter",
    "build_llm_converter",
]


def make_llm_converter(options: ConverterOptions) -> Converter:
    """Build the converter ``options.name`` selects, ``llm`` or ``hybrid``."""
    return build_llm_converter(
        LLMSettings.from_options(options), hybrid=options.name == "hybrid"
    )


def build_llm_converter(
    settings: LLMSettings,
    *,
    hybrid: bool = False,
    runtime: tuple[JavaSource, ...] | None = None,
) -> Converter:
    """Build an LLM converter, or a hybrid one, from explicit settings.
    ``runtime`` replaces the runtime library's sources in the prompts."""
    client = ChatClient(settings.model, settings.api_base, settings.request_timeout)
    cache = ResponseCache(settings.cache_dir / "llm") if settings.cache_dir else None
    sources = runtime_sources() if runtime is None else runtime
    llm = LLMConverter(settings, Sender(settings, client), cache, sources)
    if not hybrid:
        return llm
    from migrate.convert.rules import RulesConverter

    return HybridConverter(RulesConverter(), llm)
