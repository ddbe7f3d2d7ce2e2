"""The LLM converter: prompts from a slice, answers from the cache or the
model, Java from the answers.

A slice that cannot be converted raises :class:`ConversionFailed` (model
unavailable, request rejected, answer rejected twice, prompt too large),
and the pipeline records it on the slice. The converter never writes Java
files: it returns :class:`JavaSource` values for the judge.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass, field

from migrate.convert.llm.answer import AnswerRejected, ParsedAnswer, parse_answer
from migrate.convert.llm.assemble import merge_parts
from migrate.convert.llm.cache import CachedAnswer, ResponseCache, cache_key
from migrate.convert.llm.errors import ConversionFailed
from migrate.convert.llm.javaapi import java_api
from migrate.convert.llm.planning import (
    CHARS_PER_TOKEN,
    Budget,
    estimate_tokens,
    expected_answer_tokens,
    plan_prompts,
)
from migrate.convert.llm.prompts import (
    PromptInput,
    clip_evidence,
    rejection_section,
    repair_section,
    system_prompt,
    truncation_section,
    user_prompt,
)
from migrate.convert.llm.redact import SecretMask
from migrate.convert.llm.sender import Sender
from migrate.convert.llm.settings import (
    DEFAULT_MAX_OUTPUT_TOKENS,
    DEFAULT_MAX_PROMPT_TOKENS,
    LLMSettings,
)
from migrate.convert.llm.targets import targets_for
from migrate.model import (
    Conversion,
    ConversionRequest,
    JavaSource,
    SliceKind,
    Unsupported,
)

logger = logging.getLogger(__name__)

# Answers per prompt: the first, and one more after a rejected or cut-off one.
ANSWER_ROUNDS = 2


@dataclass
class Usage:
    """Requests, tokens and cost of one conversion."""

    requests: int = 0
    cached: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    unpriced: bool = False
    notes: list[str] = field(default_factory=list)


class LLMConverter:
    """Converts slices with a model reached through litellm; shared by all
    worker threads."""

    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        sender: Sender,
        cache: ResponseCache | None,
        runtime: tuple[JavaSource, ...],
    ) -> None:
        self.settings = settings
        self.sender = sender
        self.cache = cache
        self.runtime = runtime
        self.runtime_api = "\n\n".join(
            java_api(s, instance_members=True) for s in runtime
        )
        client = sender.client
        self.budget = Budget(
            prompt_tokens=settings.max_prompt_tokens
            or client.max_input_tokens()
            or DEFAULT_MAX_PROMPT_TOKENS,
            answer_tokens=settings.max_output_tokens
            or client.max_output_tokens()
            or DEFAULT_MAX_OUTPUT_TOKENS,
        )
        self._previous: dict[str, tuple[JavaSource, ...]] = {}
        self._lock = threading.Lock()

    def remember(self, slice_id: str, sources: tuple[JavaSource, ...]) -> None:
        """Record the Java of an attempt, for the repair prompt that may follow."""
        with self._lock:
            self._previous[slice_id] = sources

    def convert(self, request: ConversionRequest) -> Conversion:
        """Convert the slice of ``request``; raise :class:`ConversionFailed`
        or :class:`BudgetExhausted`."""
        slice_id = request.slice.id
        if request.slice.kind is SliceKind.RUNTIME:
            return Conversion(
                slice_id,
                self.runtime,
                converter=self.name,
                notes=("runtime library copied; no request sent",),
            )
        if self.settings.budget_usd > 0:
            # A slice whose expected cost would pass the budget sends no
            # request, so that no money is spent on part of a slice that the
            # budget would stop.
            self.sender.ledger.admit(self.estimate_cost(request), slice_id)
        mask = SecretMask()
        prompts = self._plan(request)
        usage = Usage()
        unsupported: list[Unsupported] = []
        try:
            sources = self._convert_prompts(prompts, request, mask, usage, unsupported)
        except ConversionFailed as error:
            error.requests += usage.requests
            error.tokens_in = usage.tokens_in
            error.tokens_out = usage.tokens_out
            error.cost_usd = usage.cost_usd
            raise

        # The sources keep their placeholders here, for a later repair prompt.
        self.remember(slice_id, sources)
        return self._conversion(
            request, sources, unsupported, usage, mask, len(prompts)
        )

    def _convert_prompts(
        self,
        prompts: tuple[PromptInput, ...],
        request: ConversionRequest,
        mask: SecretMask,
        usage: Usage,
        unsupported: list[Unsupported],
    ) -> tuple[JavaSource, ...]:
        parts: dict[str, list[str]] = {}
        for prompt in prompts:
            parsed = self._answer(prompt, request, mask, usage)
            for source in parsed.sources:
                parts.setdefault(source.path, []).append(source.text)
            unsupported.extend(parsed.unsupported)
        return self._assemble(request, parts)

    def estimate_cost(self, request: ConversionRequest) -> float:
        """Return the expected cost in US dollars of the requests
        ``convert(request)`` would send; answers in the cache cost 0."""
        if request.slice.kind is SliceKind.RUNTIME:
            return 0.0
        mask = SecretMask()
        total = 0.0
        for prompt in self._plan(request):
            messages = self._messages(prompt, request, mask, "")
            if self._cached(messages) is not None:
                continue
            tokens_in = estimate_tokens(messages[0]["content"] + messages[1]["content"])
            total += self.sender.expected_cost(tokens_in, self._answer_tokens(prompt))
        return total

    def _plan(self, request: ConversionRequest) -> tuple[PromptInput, ...]:
        dependency_api = "\n\n".join(
            java_api(s, instance_members=False) for s in request.dependency_sources
        )
        whole = PromptInput(
            slice_id=request.slice.id,
            kind=request.slice.kind,
            package=request.java_package,
            targets=targets_for(request),
            sources=request.sources,
            runtime_api=self.runtime_api,
            dependency_api=dependency_api,
            callees=request.callees,
        )
        return plan_prompts(
            whole,
            self.budget,
            lambda prompt: self._repair_text(prompt, request),
        )

    def _repair_text(self, prompt: PromptInput, request: ConversionRequest) -> str:
        if not request.repair_evidence:
            return ""
        with self._lock:
            previous = self._previous.get(request.slice.id, ())
        # A chunk's prompt gets the evidence only, because the whole class
        # would not fit in it.
        if prompt.chunk is not None:
            previous = ()
        paths = {target.path for target in prompt.targets}
        listed = tuple(s for s in previous if s.path in paths)
        evidence = request.repair_evidence
        if prompt.evidence_tokens:
            evidence = clip_evidence(evidence, prompt.evidence_tokens * CHARS_PER_TOKEN)
        return repair_section(listed, evidence)

    def _messages(
        self,
        prompt: PromptInput,
        request: ConversionRequest,
        mask: SecretMask,
        note: str,
    ) -> list[dict[str, str]]:
        user = user_prompt(prompt)
        repair = self._repair_text(prompt, request)
        text = "\n".join(part for part in (user, repair, note) if part)
        return [
            {"role": "system", "content": system_prompt(prompt.package)},
            {"role": "user", "content": mask.mask(text)},
        ]

    def _answer_tokens(self, prompt: PromptInput) -> int:
        return min(expected_answer_tokens(prompt), self.budget.answer_tokens)

    def _key(self, messages: list[dict[str, str]]) -> str:
        return cache_key(
            self.settings.model,
            messages,
            self.settings.temperature,
            self.settings.max_output_tokens,
        )

    def _cached(self, messages: list[dict[str, str]]) -> CachedAnswer | None:
        return self.cache.get(self._key(messages)) if self.cache is not None else None

    def _answer(
        self,
        prompt: PromptInput,
        request: ConversionRequest,
        mask: SecretMask,
        usage: Usage,
    ) -> ParsedAnswer:
        """Get one accepted answer for ``prompt``, from the cache or the model."""
        slice_id = request.slice.id
        targets = prompt.targets[:1] if prompt.chunk is not None else prompt.targets
        note = ""
        reason = ""
        first: list[dict[str, str]] = []
        for _round in range(ANSWER_ROUNDS):
            messages = self._messages(prompt, request, mask, note)
            first = first or messages
            hit = self._cached(messages)
            if hit is not None:
                try:
                    parsed = parse_answer(hit.text, targets)
                    usage.cached += 1
                    return parsed
                except AnswerRejected as error:
                    logger.warning(
                        "slice %s: ignoring cached answer: %s", slice_id, error
                    )
            entry = self._send(messages, prompt, slice_id, usage)
            if entry.finish_reason == "length":
                reason = f"the answer was cut off after {entry.tokens_out} tokens"
                logger.warning(
                    "slice %s: %s; sending the prompt again", slice_id, reason
                )
                note = truncation_section(
                    self.settings.max_output_tokens, entry.tokens_out
                )
                continue
            try:
                parsed = parse_answer(entry.text, targets)
            except AnswerRejected as error:
                reason = f"rejected answer: {error}"
                logger.warning(
                    "slice %s: %s; sending the prompt again", slice_id, reason
                )
                note = rejection_section(str(error))
                continue
            # Stored under the first prompt too, so that a re-run finds the
            # accepted answer without repeating the rejected exchange.
            for key_messages in (first, messages):
                self._store(key_messages, entry)
            return parsed
        raise ConversionFailed(
            slice_id,
            f"{reason} (after {ANSWER_ROUNDS} answers)",
            hint="try another model, or raise the max output tokens setting",
        )

    def _send(
        self,
        messages: list[dict[str, str]],
        prompt: PromptInput,
        slice_id: str,
        usage: Usage,
    ) -> CachedAnswer:
        tokens_in = estimate_tokens(messages[0]["content"] + messages[1]["content"])
        sent = self.sender.send(
            messages,
            slice_id,
            tokens_in,
            self._answer_tokens(prompt),
            self.settings.max_output_tokens,
        )
        usage.requests += sent.attempts
        usage.tokens_in += sent.answer.tokens_in
        usage.tokens_out += sent.answer.tokens_out
        if sent.cost_usd is None:
            usage.unpriced = True
        else:
            usage.cost_usd += sent.cost_usd
        return CachedAnswer(
            model=self.settings.model,
            temperature=self.settings.temperature,
            max_tokens=self.settings.max_output_tokens,
            messages=tuple((m["role"], m["content"]) for m in messages),
            text=sent.answer.text,
            finish_reason=sent.answer.finish_reason,
            tokens_in=sent.answer.tokens_in,
            tokens_out=sent.answer.tokens_out,
        )

    def _store(self, messages: list[dict[str, str]], entry: CachedAnswer) -> None:
        if self.cache is not None:
            self.cache.put(self._key(messages), entry)

    def _assemble(
        self, request: ConversionRequest, parts: dict[str, list[str]]
    ) -> tuple[JavaSource, ...]:
        sources: list[JavaSource] = []
        for target in targets_for(request):
            texts = parts.get(target.path, [])
            try:
                text = merge_parts(texts, target.class_name)
            except AnswerRejected as error:
                raise ConversionFailed(
                    request.slice.id, f"cannot join the parts of {target.path}: {error}"
                ) from None
            sources.append(JavaSource(target.path, text))
        return tuple(sources)

    def _conversion(
        self,
        request: ConversionRequest,
        sources: tuple[JavaSource, ...],
        unsupported: list[Unsupported],
        usage: Usage,
        mask: SecretMask,
        prompt_count: int,
    ) -> Conversion:
        notes = [
            f"model {self.settings.model}: {usage.requests} requests, "
            f"{usage.cached} answers from the cache"
        ]
        if prompt_count > 1:
            notes.append(
                f"converted in {prompt_count} prompts to fit "
                f"{self.budget.prompt_tokens} prompt and "
                f"{self.budget.answer_tokens} answer tokens"
            )
        if usage.unpriced:
            notes.append(
                f"no price known for model {self.settings.model}; its cost counts as 0"
            )
        missing = mask.missing_from([s.text for s in sources])
        if missing:
            notes.append(
                f"secret placeholders missing from the Java: {', '.join(missing)}"
            )
        restored = tuple(
            dataclasses.replace(s, text=mask.restore(s.text)) for s in sources
        )
        return Conversion(
            slice_id=request.slice.id,
            sources=restored,
            unsupported=tuple(unsupported),
            converter=self.name,
            notes=tuple(notes),
            requests=usage.requests,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            cost_usd=usage.cost_usd,
        )
