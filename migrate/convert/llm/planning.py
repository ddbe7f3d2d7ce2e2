"""Fit a slice into prompts: one prompt when it fits the budget, else one
per program, and a long program in chunks of its PROCEDURE DIVISION.

Two limits apply. The prompt must fit the model's input budget, and the
Java answer must fit its output limit. The answer is estimated from the
COBOL listing the prompt shows: ``ANSWER_FACTOR`` answer tokens per
listing token.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from migrate.convert.llm.chunking import (
    Chunk,
    ChunkTooLarge,
    procedure_units,
    split_procedure,
)
from migrate.convert.llm.errors import ConversionFailed
from migrate.convert.llm.prompts import (
    PromptInput,
    listing,
    listing_line,
    system_prompt,
    user_prompt,
)
from migrate.model import SliceKind

# Characters per token: OpenAI's rule of thumb for English text, used here
# for COBOL and Java too. Prompts are sized by this estimate.
CHARS_PER_TOKEN = 4
# Java tokens per token of COBOL listing: an estimate, since Java spells out
# in calls what COBOL writes in clauses.
ANSWER_FACTOR = 2.0
MIN_ANSWER_TOKENS = 256
# Tokens of a repair section besides the evidence: its headings, its
# closing request, and the line that counts the evidence left out.
REPAIR_OVERHEAD_TOKENS = 64

Extra = Callable[[PromptInput], str]


@dataclass(frozen=True)
class Budget:
    """The limits of one request: prompt tokens, and the answer tokens the
    model may write."""

    prompt_tokens: int
    answer_tokens: int

    @property
    def listing_tokens(self) -> int:
        """The listing tokens whose Java fits in the answer limit."""
        return int(self.answer_tokens / ANSWER_FACTOR)


def estimate_tokens(text: str) -> int:
    """Return an estimate of the tokens of ``text``: characters / 4."""
    return len(text) // CHARS_PER_TOKEN + 1


def expected_answer_tokens(prompt: PromptInput) -> int:
    """Return the estimated tokens of the Java answer to ``prompt``."""
    return max(MIN_ANSWER_TOKENS, int(listing_tokens(prompt) * ANSWER_FACTOR))


def listing_tokens(prompt: PromptInput) -> int:
    """Return the estimated tokens of the COBOL listing of ``prompt``."""
    return sum(estimate_tokens(listing(s, prompt.chunk)) for s in prompt.sources)


def plan_prompts(
    whole: PromptInput, budget: Budget, extra: Extra
) -> tuple[PromptInput, ...]:
    """Return the prompts for the slice of ``whole``, each within
    ``budget`` with ``extra(prompt)`` appended. Raise
    :class:`ConversionFailed` when a paragraph alone passes the budget."""
    if _fits(whole, budget, extra) or len(whole.sources) == 1:
        singles = [whole]
    else:
        singles = [
            dataclasses.replace(whole, sources=(source,), targets=(target,))
            for source, target in zip(whole.sources, whole.targets, strict=True)
        ]
    prompts: list[PromptInput] = []
    for single in singles:
        if _fits(single, budget, extra):
            prompts.append(single)
        else:
            prompts.extend(_chunks(single, budget, extra))
    return tuple(prompts)


def _fits(prompt: PromptInput, budget: Budget, extra: Extra) -> bool:
    return (
        _tokens(prompt, extra) <= budget.prompt_tokens
        and listing_tokens(prompt) <= budget.listing_tokens
    )


def _tokens(prompt: PromptInput, extra: Extra) -> int:
    text = system_prompt(prompt.package) + user_prompt(prompt) + extra(prompt)
    return estimate_tokens(text)


def _chunks(prompt: PromptInput, budget: Budget, extra: Extra) -> list[PromptInput]:
    source = prompt.sources[0]
    target = prompt.targets[0]
    shared_end, units = procedure_units(source)
    if prompt.kind is not SliceKind.PROGRAM or not units:
        what = "copybook" if prompt.kind is not SliceKind.PROGRAM else "program"
        raise ConversionFailed(
            prompt.slice_id,
            f"{what} {target.cobol_name} cannot be split at SECTION or "
            f"paragraph boundaries, and its prompt needs about "
            f"{_tokens(prompt, extra)} tokens, more than the "
            f"{budget.prompt_tokens} allowed, or an answer of more than "
            f"{budget.answer_tokens} tokens",
            hint="raise the max prompt or max output tokens setting",
        )

    empty = dataclasses.replace(prompt, chunk=Chunk(1, 2, shared_end, (), units))
    # Each chunk lists its own unit names once more.
    names = sum(len(unit.name) + 2 for unit in units) // CHARS_PER_TOKEN
    for_answer = budget.listing_tokens - listing_tokens(empty)
    limit = _evidence_limit(empty, budget, extra, names, for_answer)
    if limit:
        prompt = dataclasses.replace(prompt, evidence_tokens=limit)
        empty = dataclasses.replace(empty, evidence_tokens=limit)
    for_prompt = budget.prompt_tokens - _tokens(empty, extra) - names
    available = max(min(for_prompt, for_answer), 0)

    try:
        chunks = split_procedure(source, _line_costs(prompt), available)
    except ChunkTooLarge as error:
        raise ConversionFailed(
            prompt.slice_id,
            f"program {target.cobol_name} does not fit in chunks of "
            f"{budget.prompt_tokens} prompt tokens and {budget.answer_tokens} "
            f"answer tokens: {error}",
            hint="raise the max prompt or max output tokens setting",
        ) from None
    return [dataclasses.replace(prompt, chunk=chunk) for chunk in chunks]


def _evidence_limit(
    empty: PromptInput, budget: Budget, extra: Extra, names: int, for_answer: int
) -> int:
    """Return the tokens a repair's evidence may take in each chunk, or 0
    when it needs no limit. The evidence of a whole class can be longer
    than the room a chunk has for code. So it is cut to leave each chunk at
    least half the code it could list without a repair."""
    repair = extra(empty)
    if not repair:
        return 0
    spare = budget.prompt_tokens - _tokens(empty, lambda prompt: "") - names
    room = max(min(spare, for_answer), 0)
    limit = spare - room // 2 - REPAIR_OVERHEAD_TOKENS
    if limit <= 0 or estimate_tokens(repair) <= limit:
        return 0
    return limit


def _line_costs(prompt: PromptInput) -> list[int]:
    """Return the estimated tokens of each line of the program's listing."""
    source = prompt.sources[0]
    costs: list[int] = []
    for number, line in enumerate(source.text.splitlines(), start=1):
        if line.strip():
            rendered = listing_line(source, number, line)
            costs.append((len(rendered) + 1) // CHARS_PER_TOKEN + 1)
        else:
            costs.append(0)
    return costs
