"""One target per KPI: a brief (or a model's reading of it) may state two targets of one kind ('120 orders and 80
sales'); the plan keeps the first and the second is shown back as not used, never dropped silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.contracts import BriefFact, KPITarget


@dataclass
class OnePerKPI:
    """The targets kept, the facts left once the unused targets' facts are taken out, and a not-used line each."""

    kept: list[KPITarget] = field(default_factory=list)
    facts: list[BriefFact] = field(default_factory=list)
    not_used: list[str] = field(default_factory=list)


def _value(k: KPITarget) -> str:
    return f"{k.name} {k.target:g}" + (f" on {k.channel}" if k.channel else "")


def one_per_kpi(targets: list[KPITarget], facts: list[BriefFact]) -> OnePerKPI:
    """Keep the first target of each (KPI, channel); say back each later one with the words it came from."""
    out = OnePerKPI()
    first: dict[tuple[str, str | None], KPITarget] = {}
    facts = list(facts)
    for k in targets:
        kept = first.setdefault((k.name, k.channel), k)
        if kept is k:
            out.kept.append(k)
            continue
        value = f"{k.name} {k.target:g}"
        said = next(
            (
                f
                for f in facts
                if f.field == "kpi_targets" and (f.value == value or f.value.startswith(value + " "))
            ),
            None,
        )
        if said is not None:
            facts.remove(said)
        words = f'"{said.source}" ({_value(k)})' if said else _value(k)
        out.not_used.append(
            f"{words}: a second {k.name} target; a plan keeps one target per KPI, the first stated "
            f"({_value(kept)})"
        )
    out.facts = facts
    return out
