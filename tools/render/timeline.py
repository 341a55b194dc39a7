"""The programs' calendar: when each channel/region/variant goes out, in the region's own time zone.

The sandbox publishes on the blueprint's start day; owned sends (email, SMS) go at the region's send hour and
paid flights run from the start of the first day to the end of the last, both in local time. Regions spanning
several zones are shown in their reference zone (named in the row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

REGION_TZ: dict[str, str] = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "UK": "Europe/London",
    "EU": "Europe/Berlin",
    "APAC": "Asia/Singapore",
}
"""Reference time zone per region (sends are scheduled in it)."""
SEND_HOUR = time(10, 0)
OWNED = ("email", "sms")


@dataclass(frozen=True)
class Slot:
    """One program on the calendar."""

    channel: str
    region: str
    variant: str
    time_zone: str
    starts_local: datetime
    ends_local: datetime
    state: str

    @property
    def starts_utc(self) -> datetime:
        """Start in UTC."""
        return self.starts_local.astimezone(ZoneInfo("UTC"))

    def row(self) -> dict[str, str]:
        """A table row (local and UTC times)."""
        fmt = "%a %d %b %Y %H:%M"
        return {
            "channel": self.channel,
            "region": self.region,
            "variant": self.variant,
            "starts (local)": f"{self.starts_local.strftime(fmt)} {self.starts_local.tzname()}",
            "ends (local)": f"{self.ends_local.strftime(fmt)} {self.ends_local.tzname()}",
            "time zone": self.time_zone,
            "starts (UTC)": self.starts_utc.strftime(fmt),
            "state": self.state,
        }


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def timeline(values: Mapping[str, Any]) -> list[Slot]:
    """Slots of every program (or, before launch, of every asset that would ship), ordered by local start."""
    bp = values.get("blueprint") or {}
    if not bp:
        return []
    start, end = _day(bp["start_date"]), _day(bp["end_date"])
    withheld = set(values.get("withheld_assets") or [])
    programs = list((values.get("programs") or {}).values())
    if programs:
        units = [
            (
                p["channel"],
                p["region"],
                str(p.get("variant") or p["asset_id"].rsplit("-", 1)[-1]),
                str(p.get("slot") or start),
                str(p["status"]),
            )
            for p in programs
        ]
    else:
        units = [
            (a["channel"], a["region"], a["variant"], str(start), "planned")
            for a in (values.get("assets") or {}).values()
            if a["id"] not in withheld
        ]
    slots = []
    for channel, region, variant, slot, state in units:
        tz_name = REGION_TZ.get(region, "UTC")
        tz = ZoneInfo(tz_name)
        first = _day(slot)
        if channel in OWNED:
            begins = datetime.combine(first, SEND_HOUR, tz)
            ends = begins
        else:
            begins = datetime.combine(first, time(0, 0), tz)
            ends = datetime.combine(max(end, first), time(23, 59), tz)
        slots.append(Slot(channel, region, variant, tz_name, begins, ends, state))
    return sorted(slots, key=lambda s: (s.starts_utc, s.channel, s.region, s.variant))
