"""The Content node itself (offline engine, no graph run): the brief's theme and product lead the copy, the
disclaimer is marked as a span, and what could not be used is said in the asset's notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy  # noqa: F401  (imported once up front: the numpy import race is issue 16, not this test)
from langgraph.runtime import Runtime

from graph.context import CampaignContext
from graph.contracts import Asset, Blueprint, Brief, Caps, ChannelPlan, KPITarget
from graph.nodes.content import content
from graph.runtime.services import release
from tests.copywriting.brands import write_kettlewise
from tests.graph.conftest import make_settings

DISCLAIMER = (
    "Offer ends 30 September 2027. Minimum order of £20 applies, see kettlewise.example for 14-day returns."
)


def _task(channel: str, theme: str | None, key_messages: list[str]) -> dict[str, object]:
    brief = Brief(
        text="b",
        brand="kettlewise",
        product="Kettlewise Aria kettle",
        theme=theme,
        audience="students moving into halls",
        key_messages=key_messages,
    )
    bp = Blueprint(
        campaign_name="c",
        brief=brief,
        objective="o",
        currency="GBP",
        total_budget=1000,
        start_date=date(2027, 10, 1),
        end_date=date(2027, 10, 28),
        channels=[ChannelPlan(channel=channel, budget=1000, share=1, regions=["UK"], variants=["A"])],  # type: ignore[list-item]
        kpi_targets=[KPITarget(name="conversions", target=5)],
        caps=Caps(total=1000, per_channel={channel: 1000}, per_day=100),
        prompt_version="v1",
    )
    return {
        "campaign_id": "cmp-test0001",
        "trace_id": "trc-1",
        "brand": "kettlewise",
        "blueprint": bp.model_dump(mode="json"),
        "channel": channel,
        "variant": "A",
        "region": "UK",
        "version": 1,
        "findings": [],
        "previous": None,
        "key_messages": key_messages,
    }


def test_content_node_leads_with_product_and_theme_and_says_what_it_left_out(
    liftoff_home: Path, tmp_path: Path
) -> None:
    settings = make_settings(liftoff_home, brand_library_dir=write_kettlewise(tmp_path / "libs"))
    runtime = Runtime(context=CampaignContext(settings=settings))
    try:
        out = content(_task("email", "back to school", ["Tea for the whole flat."]), runtime)  # type: ignore[arg-type]
        email = Asset.model_validate(next(iter(out["assets"].values())))
        lead = f"{email.subject} {email.body.split('. ')[0]}".lower()
        assert "aria kettle" in lead and "back to school" in lead
        assert email.body.count(DISCLAIMER) == 1 and email.disclaimer_spans == [DISCLAIMER]
        assert "Tea for the whole flat." in email.body
        assert "15% off" not in email.body  # the autumn offer expires before the 1 October slot
        assert not any("not in this" in n for n in email.revision_notes)

        out = content(
            _task("sms", "back to school", ["Tea for the whole flat, every single morning."]), runtime
        )  # type: ignore[arg-type]
        sms = Asset.model_validate(next(iter(out["assets"].values())))
        assert len(f"{sms.body} {sms.cta or ''}") <= 160 and sms.body.count(DISCLAIMER) == 1
        notes = " ".join(sms.revision_notes)
        assert "back to school" in sms.body.lower() or "theme not in this sms asset" in notes
        assert "every single morning" in sms.body or "key message not in this sms asset" in notes

        out = content(_task("email", "summer sale, 50% off", []), runtime)  # type: ignore[arg-type]
        sale = Asset.model_validate(next(iter(out["assets"].values())))
        assert "50% off" not in sale.full_text()
        assert any("summer sale" in n and "reads as a factual claim" in n for n in sale.revision_notes)
    finally:
        release(settings)
