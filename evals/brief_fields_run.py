"""Run one brief-fields case: extract the brief on the offline engine and score every field it states."""

from __future__ import annotations

import time
from datetime import date

from evals.brief_fields import BriefFieldsCase, extract_offline, score_fields
from evals.evaluators.base import Evaluation
from evals.results import CaseResult
from graph.brief.echo import unused_sentences
from graph.contracts import BriefFact


def run_brief_fields_case(
    case: BriefFieldsCase, *, check_date: date, suite: str, repeat: int = 0
) -> CaseResult:
    """Extract one brief on the offline engine and score every field (counts: ``<field>_ok`` and ``scored``)."""
    t0 = time.perf_counter()
    got = extract_offline(case.brief, check_date)
    got["unused"] = unused_sentences(
        case.brief, [BriefFact.model_validate(f) for f in got.get("facts") or []]
    )
    latency = time.perf_counter() - t0
    scores = score_fields(case.expect, got)
    ev = Evaluation("brief_fields")
    for name, (ok, detail) in scores.items():
        ev.check(name, ok, detail)
        ev.counts[f"{name}_ok"] = int(ok)
    ev.counts["scored"] = 1
    passed = all(ok for ok, _ in scores.values())
    return CaseResult(
        suite=suite,
        case_id=case.id,
        repeat=repeat,
        passed=passed,
        status="ok" if passed else "wrong",
        latency_s=latency,
        checks=ev.checks,
        counts=ev.counts,
        scores={n: float(ok) for n, (ok, _) in scores.items()},
        tags=[*case.tags, f"shape={case.shape}", f"industry={case.industry}"],
    )
