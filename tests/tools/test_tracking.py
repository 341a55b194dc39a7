"""Tracking links round-trip and keep the landing page's own parameters."""

import pytest

from tools.tracking import parse_tracking_url, tracking_url


def test_round_trip_keeps_existing_query() -> None:
    url = tracking_url(
        "https://shop.example.com/filters?ref=home",
        campaign_id="c1",
        channel="paid_search",
        program_id="p9",
        variant="B",
    )
    assert url.startswith("https://shop.example.com/filters?ref=home&utm_source=liftoff&utm_medium=cpc")
    ids = parse_tracking_url(url)
    assert ids is not None
    assert (ids.campaign_id, ids.program_id, ids.variant) == ("c1", "p9", "B")


def test_old_tracking_parameters_are_replaced() -> None:
    url = tracking_url("https://x.example/?utm_source=old&lo_c=zzz", campaign_id="c2", channel="email")
    assert "old" not in url and url.count("lo_c=") == 1
    ids = parse_tracking_url(url)
    assert ids is not None and ids.campaign_id == "c2" and ids.program_id is None


def test_plain_url_has_no_ids_and_bad_base_is_refused() -> None:
    assert parse_tracking_url("https://x.example/page?a=1") is None
    with pytest.raises(ValueError, match="absolute http"):
        tracking_url("shop.example.com", campaign_id="c", channel="email")
