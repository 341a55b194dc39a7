"""Rule families of the goal, KPI, place, channel, date, theme, holdout and echo readers (issue 12, fifth round).

Every sentence here is written for this file (other industries and word orders than the dev sets) and goes
through the offline engine's extraction, as a brief would.
"""

from __future__ import annotations

import pytest

from graph.models.offline.handlers import extract_brief


def _x(text: str) -> dict[str, object]:
    return extract_brief({"brief_text": text, "today": "2026-12-07"})


@pytest.mark.parametrize(
    ("text", "share"),
    [
        (
            "Promote the Lumen desk lamp, $6k on Facebook. Keep one in ten subscribers back as a control group.",
            0.1,
        ),
        ("Email our members about the Spring Gala, £900. Hold out 1 in 5 as a control.", 0.2),
        ("okay so the Nimbus umbrella, 8k euros, email, and keep a fifteen percent holdout please", 0.15),
        ("Budget £2,000 on email. We'll hold back twenty per cent of the list to measure lift.", 0.2),
        ("Channel: email only\nHoldout: withhold a quarter of the list", 0.25),
        ("Send the loyalty offer by SMS, $3k, and withhold a fifth of the customers as the control", 0.2),
        ("newsletter push, 12 pct hold-out, $4k", 0.12),
        ("Budget: €5.000\nControl: 5 %", 0.05),
    ],
)
def test_a_holdout_share_in_words_fractions_or_pct(text: str, share: float) -> None:
    assert _x(text)["holdout_pct"] == pytest.approx(share)


@pytest.mark.parametrize(
    "text",
    [
        "Our pest control service for 20% of homes in Leeds, £3k on Facebook.",
        "We sell remote control cars, 10% off for Christmas, $2k on Instagram.",
        "Quality control found 5% fewer returns last year. Budget $4k on Google.",
    ],
)
def test_control_that_is_not_a_control_group_is_no_holdout(text: str) -> None:
    assert _x(text)["holdout_pct"] is None
