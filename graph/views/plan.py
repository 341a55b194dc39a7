"""Review tabs: the blueprint, the lists (counts only), the assets with their claim links, the governance report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.views.text import kpi_text, money, pct
from guards.sentences import split_sentences
from guards.textnorm import CLAIM_SYMBOLS, fold_text

CLAIM_VERDICTS = frozenset({"supported", "unsupported", "no_claim"})
"""Verdicts of a sentence-level claims check."""


def blueprint_tables(
    bp: Mapping[str, Any], current: Mapping[str, float] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the blueprint tab: channels (budget split), KPI targets, gates, experiments, caps.

    ``current`` holds channel budgets after approved budget changes; the channel rows show them beside the plan.
    """
    cur = str(bp.get("currency", ""))
    total = float(bp.get("total_budget") or 0)
    caps = bp.get("caps") or {}
    per_channel_cap = caps.get("per_channel") or {}
    now = current or {}
    channels = [
        {
            "channel": c.get("channel"),
            "budget": money(c.get("budget"), cur),
            "budget now": money(now.get(str(c.get("channel")), c.get("budget")), cur),
            "share": pct(c.get("share")),
            "regions": ", ".join(c.get("regions") or []),
            "variants": ", ".join(c.get("variants") or []),
            "cap": money(per_channel_cap.get(c.get("channel")), cur),
            "why": c.get("rationale", ""),
        }
        for c in bp.get("channels") or []
    ]
    kpis = [
        {
            "kpi": k.get("name"),
            "target": _kpi_value(k.get("name"), k.get("target"), cur),
            "scope": k.get("channel") or "campaign",
        }
        for k in bp.get("kpi_targets") or []
    ]
    gates = [
        {
            "kpi": g.get("kpi"),
            "trips when": f"{'below' if g.get('direction') == 'min' else 'above'} "
            f"{_kpi_value(g.get('kpi'), g.get('threshold'), cur)}",
            "after days": g.get("after_days"),
            "action": g.get("action"),
        }
        for g in bp.get("gates") or []
    ]
    tests = [
        {
            "test": e.get("name"),
            "channel": e.get("channel"),
            "variants": " vs ".join(e.get("variants") or []),
            "split": " / ".join(pct(s, digits=0) for s in e.get("traffic_split") or []),
            "metric": e.get("metric"),
            "hypothesis": e.get("hypothesis"),
        }
        for e in bp.get("experiments") or []
    ]
    cap_rows = [
        {"cap": "campaign total", "limit": money(caps.get("total"), cur)},
        {"cap": "per day (all channels)", "limit": money(caps.get("per_day"), cur)},
    ]
    cap_rows += [{"cap": f"channel {ch}", "limit": money(v, cur)} for ch, v in per_channel_cap.items()]
    cap_rows.append({"cap": "control holdout", "limit": pct(bp.get("holdout_pct"), digits=0)})
    summary = [
        {"field": "objective", "value": bp.get("objective", "")},
        {"field": "budget", "value": money(total, cur)},
        {"field": "dates", "value": f"{bp.get('start_date')} to {bp.get('end_date')}"},
        {"field": "planner prompt", "value": bp.get("prompt_version", "")},
    ]
    return {
        "summary": summary,
        "channels": channels,
        "kpis": kpis,
        "gates": gates,
        "tests": tests,
        "caps": cap_rows,
    }


def _kpi_value(name: Any, value: Any, currency: str) -> str:
    return kpi_text(name, None if value is None else float(value), currency)


def list_tables(lists: Mapping[str, Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of the lists tab: per channel, per region, consent and exclusions. Counts only, never contacts."""
    channels, regions, excluded, consent = [], [], [], []
    for channel, t in sorted(lists.items()):
        channels.append(
            {
                "channel": channel,
                "list": t.get("id"),
                "eligible": int(t.get("eligible", 0)),
                "holdout (control)": int(t.get("holdout", 0)),
                "frequency cap days": (t.get("segment") or {}).get("frequency_cap_days"),
                "filters": "; ".join(
                    f"{f.get('field')} {f.get('op')} {f.get('value')}"
                    for f in (t.get("segment") or {}).get("filters") or []
                )
                or "everyone eligible",
            }
        )
        hold = t.get("holdout_by_region") or {}
        for region, n in sorted((t.get("by_region") or {}).items()):
            regions.append(
                {
                    "channel": channel,
                    "region": region,
                    "eligible": int(n),
                    "holdout": int(hold[region]) if region in hold else None,
                }
            )
        for reason, n in sorted((t.get("excluded") or {}).items()):
            excluded.append({"channel": channel, "excluded because": reason, "contacts": int(n)})
        for basis, n in sorted((t.get("consent_basis") or {}).items()):
            consent.append({"channel": channel, "consent basis": basis, "contacts": int(n)})
    return {"channels": channels, "regions": regions, "excluded": excluded, "consent": consent}


@dataclass(frozen=True)
class SentenceView:
    """One sentence of an asset with the check that settled it."""

    text: str
    verdict: str
    """'supported', 'unsupported', 'no_claim', another validator verdict, or '' when nothing checked it."""
    reason: str = ""
    claims: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    validator: str = ""

    @property
    def flagged(self) -> bool:
        """True when a check failed on this sentence."""
        return self.verdict not in ("", "supported", "no_claim", "pass", "passed", "ok")


@dataclass
class AssetView:
    """One asset as the assets tab shows it."""

    asset_id: str
    heading: str
    channel: str
    fields: dict[str, list[SentenceView]] = field(default_factory=dict)
    cited: list[str] = field(default_factory=list)
    status: str = ""
    notes: list[str] = field(default_factory=list)


def _subject_findings(
    report: Mapping[str, Any] | None, subject_id: str, version: int
) -> list[tuple[str, Mapping[str, Any]]]:
    out: list[tuple[str, Mapping[str, Any]]] = []
    for subject in (report or {}).get("subjects") or []:
        if subject.get("subject_id") != subject_id or int(subject.get("subject_version", 1)) != version:
            continue
        for result in subject.get("results") or []:
            out.extend((str(result.get("validator", "")), f) for f in result.get("findings") or [])
    return out


def _norm(text: str) -> str:
    return fold_text(text, keep=CLAIM_SYMBOLS)


def asset_views(
    assets: Mapping[str, Mapping[str, Any]],
    report: Mapping[str, Any] | None,
    withheld: list[str] | None = None,
) -> list[AssetView]:
    """Assets per channel and variant, each sentence linked to the approved claim it rests on.

    The links come from the pass report's sentence-level findings for the asset's current version; a
    sentence no finding mentions is shown with an empty verdict.
    """
    withheld_set = set(withheld or [])
    out = []
    for aid, a in sorted(
        assets.items(),
        key=lambda kv: (kv[1].get("channel", ""), kv[1].get("region", ""), kv[1].get("variant", "")),
    ):
        version = int(a.get("version", 1))
        findings = _subject_findings(report, aid, version)
        by_text: dict[str, SentenceView] = {}
        for validator, f in findings:
            text = str(f.get("text", ""))
            view = SentenceView(
                text,
                str(f.get("verdict", "")),
                str(f.get("reason", "")),
                tuple(f.get("claims") or ()),
                tuple(f.get("evidence") or ()),
                validator,
            )
            key = _norm(text)
            if key and (key not in by_text or view.flagged):
                by_text[key] = view
        status = (
            "withheld (not published)"
            if aid in withheld_set
            else ("checked" if findings else "not checked yet")
        )
        view_ = AssetView(
            aid,
            f"{a.get('channel')} / {a.get('region')} / variant {a.get('variant')} (v{version})",
            str(a.get("channel", "")),
            cited=list(a.get("cited_claim_ids") or []),
            status=status,
            notes=list(a.get("revision_notes") or []),
        )
        for name in ("subject", "headline", "body", "cta"):
            value = a.get(name)
            if not value:
                continue
            view_.fields[name] = [
                by_text.get(_norm(s), SentenceView(s, "")) for s in split_sentences(str(value))
            ]
        out.append(view_)
    return out


def governance_tables(report: Mapping[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Rows of the governance tab: one per subject and validator, and one per flagged sentence or item.

    Only the latest version of each subject is shown.
    """
    results, flagged = [], []
    subjects = (report or {}).get("subjects") or []
    latest: dict[str, int] = {}
    for subject in subjects:
        key = f"{subject.get('subject_type')}:{subject.get('subject_id')}"
        latest[key] = max(latest.get(key, 0), int(subject.get("subject_version", 1)))
    for subject in subjects:
        if (
            int(subject.get("subject_version", 1))
            < latest[f"{subject.get('subject_type')}:{subject.get('subject_id')}"]
        ):
            continue  # only the latest version of each subject
        sid = (
            f"{subject.get('subject_type')} {subject.get('subject_id')} v{subject.get('subject_version', 1)}"
        )
        for r in subject.get("results") or []:
            results.append(
                {
                    "subject": sid,
                    "validator": r.get("validator"),
                    "passed": bool(r.get("passed")),
                    "reasons": "; ".join(r.get("reasons") or []),
                }
            )
            for f in r.get("findings") or []:
                view = SentenceView(
                    str(f.get("text", "")), str(f.get("verdict", "")), str(f.get("reason", ""))
                )
                if view.flagged or not r.get("passed"):
                    if view.verdict in ("supported", "no_claim"):
                        continue
                    flagged.append(
                        {
                            "subject": sid,
                            "validator": r.get("validator"),
                            "sentence": view.text,
                            "verdict": view.verdict,
                            "reason": view.reason,
                            "approved wording": " | ".join(f.get("evidence") or []),
                            "suggested fix": f.get("suggested_fix") or "",
                        }
                    )
    exceptions = [
        {
            "exception": e.get("id"),
            "subject": f"{e.get('subject_type')} {e.get('subject_id')}",
            "validator": e.get("validator"),
            "route": e.get("route"),
            "reasons": "; ".join(e.get("reasons") or []),
        }
        for e in (report or {}).get("exceptions") or []
    ]
    return {"results": results, "flagged": flagged, "exceptions": exceptions}
