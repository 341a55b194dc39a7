"""Attribution of opportunities to campaigns: pure arithmetic over opportunities and touches.

Definitions (``W`` = the window in days, ``as_of`` = the day the figures are read at):

* An opportunity counts when it was created on or before ``as_of``; its stage is read on ``as_of``.
* A touch counts for an opportunity when it reached the opportunity's account inside the window
  ``[created_on - W, created_on]`` (both ends included).
* **Influenced**: the campaign has at least one counting touch. Several campaigns can influence one
  opportunity; each is credited with its full amount (influence is not a share).
* **Sourced**: the campaign made the *first* counting touch (earliest day; ties go to the smaller campaign id,
  so one opportunity is sourced by exactly one campaign or by none). Sourced implies influenced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tools.pipeline.model import Opportunity, Touch


@dataclass
class Tally:
    """Opportunities and amounts of one kind of credit.

    Attributes:
        opportunities: Opportunities credited.
        amount: Their total amount.
        open_amount: Amount still open on ``as_of``.
        won_amount: Amount closed won by ``as_of``.
        lost_amount: Amount closed lost by ``as_of``.
        by_stage: Amount per stage on ``as_of``.
        ids: Ids of the opportunities credited.
    """

    opportunities: int = 0
    amount: float = 0.0
    open_amount: float = 0.0
    won_amount: float = 0.0
    lost_amount: float = 0.0
    by_stage: dict[str, float] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)

    def add(self, opp: Opportunity, as_of: date) -> None:
        """Credit one opportunity."""
        stage = opp.stage_on(as_of) or "prospecting"
        self.opportunities += 1
        self.amount = round(self.amount + opp.amount, 2)
        self.by_stage[stage] = round(self.by_stage.get(stage, 0.0) + opp.amount, 2)
        if stage == "closed_won":
            self.won_amount = round(self.won_amount + opp.amount, 2)
        elif stage == "closed_lost":
            self.lost_amount = round(self.lost_amount + opp.amount, 2)
        else:
            self.open_amount = round(self.open_amount + opp.amount, 2)
        self.ids.append(opp.opportunity_id)


@dataclass
class Attribution:
    """What one campaign sourced and influenced.

    Attributes:
        campaign_id: Campaign credited.
        window_days: The window ``W``.
        as_of: Day the figures are read at.
        sourced: First-touch credit.
        influenced: Any-touch-in-window credit.
        considered: Opportunities looked at (created by ``as_of``).
    """

    campaign_id: str
    window_days: int
    as_of: date
    sourced: Tally = field(default_factory=Tally)
    influenced: Tally = field(default_factory=Tally)
    considered: int = 0


def touches_by_account(touches: Iterable[Touch]) -> dict[str, list[Touch]]:
    """Group touches per account, each list sorted (first touch first)."""
    out: dict[str, list[Touch]] = defaultdict(list)
    for t in touches:
        out[t.account_id].append(t)
    for lst in out.values():
        lst.sort()
    return dict(out)


def credit(opp: Opportunity, touches: Sequence[Touch], window_days: int) -> tuple[str | None, set[str]]:
    """Return (sourcing campaign or None, influencing campaigns) of one opportunity.

    Args:
        opp: The opportunity.
        touches: Touches of its account, sorted (see :func:`touches_by_account`).
        window_days: The window ``W``.

    Raises:
        ValueError: on a negative window.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0, got {window_days}")
    start = opp.created_on - timedelta(days=window_days)
    inside = [t for t in touches if start <= t.on <= opp.created_on]
    if not inside:
        return None, set()
    first = min(inside, key=lambda t: (t.on, t.campaign_id))
    return first.campaign_id, {t.campaign_id for t in inside}


def attribute(
    opportunities: Iterable[Opportunity],
    touches: Mapping[str, Sequence[Touch]] | Iterable[Touch],
    *,
    campaign_id: str,
    window_days: int,
    as_of: date,
) -> Attribution:
    """Credit a campaign with the opportunities it sourced and influenced.

    Args:
        opportunities: Opportunities (any accounts; those created after ``as_of`` are ignored).
        touches: Touches of every campaign (a mapping from :func:`touches_by_account`, or a flat iterable).
            Touches of other campaigns matter: they can make the first touch and take the sourcing credit.
        campaign_id: Campaign to credit.
        window_days: The window ``W`` in days.
        as_of: Day the figures are read at (stages and what counts as created).

    Raises:
        ValueError: on a negative window.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0, got {window_days}")
    by_account = touches if isinstance(touches, Mapping) else touches_by_account(touches)
    out = Attribution(campaign_id=campaign_id, window_days=window_days, as_of=as_of)
    for opp in sorted(opportunities, key=lambda o: (o.created_on, o.opportunity_id)):
        if opp.created_on > as_of:
            continue
        out.considered += 1
        visible = [t for t in by_account.get(opp.account_id, ()) if t.on <= as_of]
        sourcer, influencers = credit(opp, visible, window_days)
        if campaign_id in influencers:
            out.influenced.add(opp, as_of)
        if sourcer == campaign_id:
            out.sourced.add(opp, as_of)
    return out
