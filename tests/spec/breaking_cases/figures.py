"""The figures of the reference set: the checker's verdict on every case against the written one.

    exact agreement   the most severe level reported equals the case's `expect`
    missed breaking   `expect: breaking` and the checker reported nothing breaking
    false breaking    the checker reported something breaking where `expect` is not breaking
    crashes           the checker raised

The empirical figures run the SDK of each base against the example mock of each head: an
empirical break on a case the checker judged not breaking is a disagreement of the two verdicts,
one on a case expected not breaking is a false empirical break.
"""

from __future__ import annotations

import json
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from codegen._diff import SpecDiff
from codegen._findings import Change
from codegen.empirical import EmpiricalVerdict, run_probes

from . import Case, load_cases

_RANK = {"breaking": 0, "warning": 1, "info": 2, "none": 3}


def verdict_of(changes: list[Change]) -> str:
    """The most severe level among the findings, or `none`."""
    return min((c.level for c in changes), key=_RANK.__getitem__, default="none")


@dataclass
class Outcome:
    """The checker on one case."""

    case: Case
    verdict: str = "none"
    findings: set[tuple[str, str]] = field(default_factory=set)
    crash: str = ""
    empirical: EmpiricalVerdict | None = None

    @property
    def missing(self) -> list[tuple[str, str]]:
        return [f for f in self.case.finds if f not in self.findings]

    @property
    def unexpected(self) -> list[tuple[str, str]]:
        return [f for f in self.case.absent if f in self.findings]

    @property
    def empirical_break(self) -> bool:
        return self.empirical is not None and bool(self.empirical.breaking)


def run_case(case: Case) -> Outcome:
    """The document comparison of one case."""
    base, head = case.documents()
    try:
        changes = SpecDiff(base, head).changes()
    except Exception:  # a crash is a figure of the reference set, not an error of the runner
        return Outcome(case, crash=traceback.format_exc(limit=3))
    return Outcome(case, verdict_of(changes), {(c.rule, c.pointer) for c in changes})


def add_empirical(outcomes: list[Outcome]) -> None:
    """The empirical verdict for every case: one probe process per base, bases in parallel."""
    by_base: dict[str, list[Outcome]] = {}
    for outcome in outcomes:  # a case with a `base_patch` has a base (and an SDK) of its own
        key = json.dumps([outcome.case.base, outcome.case.base_patch])
        by_base.setdefault(key, []).append(outcome)

    def probe(key: str) -> None:
        group = by_base[key]
        heads = [(o.case.id, o.case.documents()[1], "examples") for o in group]
        verdicts = run_probes(group[0].case.base_document(), heads)
        for o in group:
            o.empirical = verdicts[o.case.id]

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(probe, sorted(by_base, key=lambda k: -len(by_base[k]))))


@dataclass(frozen=True)
class Figures:
    """What issue 12 asks to report, and the cases behind each count."""

    outcomes: tuple[Outcome, ...]

    def _where(self, test: object) -> list[Outcome]:
        return [o for o in self.outcomes if callable(test) and test(o)]

    @property
    def cases(self) -> int:
        return len(self.outcomes)

    @property
    def exact(self) -> list[Outcome]:
        return self._where(lambda o: not o.crash and o.verdict == o.case.expect)

    @property
    def missed_breaking(self) -> list[Outcome]:
        return self._where(lambda o: o.case.expect == "breaking" and o.verdict != "breaking")

    @property
    def false_breaking(self) -> list[Outcome]:
        return self._where(lambda o: o.case.expect != "breaking" and o.verdict == "breaking")

    @property
    def crashes(self) -> list[Outcome]:
        return self._where(lambda o: bool(o.crash))

    @property
    def finding_mismatches(self) -> list[Outcome]:
        return self._where(lambda o: bool(o.missing or o.unexpected))

    @property
    def empirical_disagreements(self) -> list[Outcome]:
        return self._where(lambda o: o.empirical_break and o.verdict != "breaking")

    @property
    def empirical_false_breaking(self) -> list[Outcome]:
        return self._where(lambda o: o.empirical_break and o.case.expect != "breaking")

    def render(self) -> str:
        """The figures as the lines the issue asks for, then every disagreement."""
        n = self.cases
        exact = len(self.exact)
        lines = [
            f"cases: {n}",
            f"exact agreement: {exact}/{n} ({100 * exact / n:.1f} %)",
            f"missed breaking: {len(self.missed_breaking)}"
            f" (of {sum(o.case.expect == 'breaking' for o in self.outcomes)} breaking cases)",
            f"false breaking: {len(self.false_breaking)} ({100 * len(self.false_breaking) / n:.1f} %)",
            f"crashes: {len(self.crashes)}",
            f"expected findings missing: {len(self.finding_mismatches)}",
        ]
        per_class = Counter(o.case.klass for o in self.outcomes)
        lines.append(
            "cases per class: " + ", ".join(f"{k} {v}" for k, v in sorted(per_class.items()))
        )
        if any(o.empirical is not None for o in self.outcomes):
            probed = [
                o for o in self.outcomes if o.empirical is not None and not o.empirical.skipped
            ]
            breaks = [o for o in probed if o.empirical_break]
            confirmed = [o for o in breaks if o.verdict == "breaking"]
            lines += [
                f"empirical: {len(probed)} cases probed, {len(breaks)} with a break"
                f" ({len(confirmed)} also breaking by the rules),"
                f" disagreements {len(self.empirical_disagreements)},"
                f" false breaking {len(self.empirical_false_breaking)}",
            ]
        for o in self.outcomes:
            if o.crash or o.verdict != o.case.expect or o.missing or o.unexpected:
                lines.append(
                    f"  {o.case.id}: expected {o.case.expect}, got {o.verdict}"
                    + (f"; missing {o.missing}" if o.missing else "")
                    + (f"; unexpected {o.unexpected}" if o.unexpected else "")
                    + (f"; crash {o.crash.splitlines()[-1]}" if o.crash else "")
                )
        for o in self.empirical_disagreements:
            assert o.empirical is not None
            lines.append(f"  empirical break without a rule: {o.case.id}: {o.empirical.breaking}")
        return "\n".join(lines)


def evaluate(*, empirical: bool = False, cases: list[Case] | None = None) -> Figures:
    """Run the checker (and, if asked, the empirical verdict) on the reference set."""
    outcomes = [run_case(c) for c in (cases if cases is not None else load_cases())]
    if empirical:
        add_empirical(outcomes)
    return Figures(tuple(outcomes))
