"""The hybrid converter: the rules converter first, the LLM for the rest.

A slice goes to the LLM only when the rules converter reports constructs it
could not translate or raises :class:`InputError` on text it cannot read,
or when the judge rejected the previous attempt (``request.repair_evidence``
is set). Everything else costs no request.
"""

from __future__ import annotations

import dataclasses
import logging

from migrate.convert import Converter
from migrate.convert.llm.converter import LLMConverter
from migrate.errors import InputError
from migrate.model import Conversion, ConversionRequest

logger = logging.getLogger(__name__)


class HybridConverter:
    """Routes each slice to the rules converter or the LLM converter."""

    name = "hybrid"

    def __init__(self, rules: Converter, llm: LLMConverter) -> None:
        self.rules = rules
        self.llm = llm

    def convert(self, request: ConversionRequest) -> Conversion:
        """Return the rules converter's Java, or the LLM's when the rules
        converter left constructs out, could not read the slice, or the
        judge rejected an attempt. ``Conversion.converter`` names the
        converter whose Java it is."""
        reason = self._reason_for_llm(request)
        if isinstance(reason, Conversion):
            return reason
        logger.info(
            "slice %s: converting with the LLM, because %s", request.slice.id, reason
        )
        converted = self.llm.convert(request)
        return dataclasses.replace(
            converted, notes=(f"LLM used because {reason}",) + converted.notes
        )

    def _reason_for_llm(self, request: ConversionRequest) -> Conversion | str:
        """Return the rules conversion when it is complete, else why the LLM
        must convert the slice."""
        if request.repair_evidence:
            return "the judge rejected the previous attempt"
        try:
            conversion = self.rules.convert(request)
        except InputError as error:
            # NOTE: a construct the rules converter cannot parse (SORT, for
            # one) raises InputError instead of being reported unsupported.
            return f"the rules converter could not read the slice: {error}"
        # A repair prompt that follows shows this Java as the previous attempt.
        self.llm.remember(request.slice.id, conversion.sources)
        if not conversion.unsupported:
            return conversion
        return (
            f"the rules converter left {len(conversion.unsupported)} "
            f"constructs unsupported, first {conversion.unsupported[0]}"
        )

    def estimate_cost(self, request: ConversionRequest) -> float:
        """Return 0 when the rules converter handles the slice, else the LLM's
        estimate."""
        if isinstance(self._reason_for_llm(request), Conversion):
            return 0.0
        return self.llm.estimate_cost(request)
