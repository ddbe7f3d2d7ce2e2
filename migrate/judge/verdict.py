"""What the judge gets for one slice, and what it decides."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from migrate.model import Conversion, ExpandedSource, JavaSource, Job, Slice

# The evidence line of a slice that no job exercises yet. Evidence lines
# appear after a colon in logs, so they start in lower case.
NOT_EXERCISED_EVIDENCE = "behaviour not exercised by any job or test yet"
# The commit trailer of such a slice, in the ``Key: value`` form of git.
NOT_EXERCISED = "Behaviour: not exercised by any job or test yet"


class VerdictKind(enum.Enum):
    """ACCEPTED commits the slice; REJECTED sends it back for repair with
    the evidence; FAILED ends it, because no conversion could pass."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    FAILED = "failed"


@dataclass(frozen=True)
class Verdict:
    """The judge's decision on one conversion, with its evidence and the
    checks that ran (``compile``, ``job BANKDAY``, ``record layout``)."""

    kind: VerdictKind
    evidence: str
    checks: tuple[str, ...] = ()
    # False when the slice passed on compilation alone.
    exercised: bool = True

    @property
    def accepted(self) -> bool:
        return self.kind is VerdictKind.ACCEPTED

    def summary(self) -> str:
        """Return the first line of the evidence."""
        lines = self.evidence.strip().splitlines()
        return lines[0] if lines else self.kind.value


@dataclass(frozen=True)
class JudgeTask:
    """One conversion to verify, with what it compiles and runs against."""

    slice: Slice
    conversion: Conversion
    # The runtime and the Java of the verified slices this one needs: its
    # dependencies and the other slices of the jobs it completes.
    context: tuple[JavaSource, ...]
    # The slice that wrote each context file, by path, for conflict reports.
    context_owners: tuple[tuple[str, str], ...]
    jobs: tuple[Job, ...]
    # A record slice's copybooks, each expanded on its own.
    copybooks: tuple[ExpandedSource, ...] = ()
