"""Copy that follows the campaign, at unit level: the call to action from the goal (any industry), A/B variants
that differ in their subject, product names written as names, and a body that says something besides its
disclaimers (issue 12, blind trials D2/D6/D7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.contracts import Asset
from graph.models.offline.compose import compose_copy
from graph.models.offline.cta import call_to_action, cta_intent
from guards.channel_limits import CHANNEL_LIMITS
from guards.copy_quality import check_copy_quality

# --- D7: the call to action follows the goal ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "cta"),
    [
        ("1,200 donations to the winter appeal", "Donate now"),  # charity
        ("raise £40k from regular givers and new donors", "Donate now"),  # fundraising, other wording
        ("250 demo requests from mid-market legal teams", "Book a demo"),  # B2B SaaS
        ("300 quote requests for rooftop solar", "Get a quote"),  # home energy
        ("5,000 free-trial starts and a trial-to-paid rate of 20%", "Start your trial"),
        ("8,000 app installs at a CPI under $4.00", "Download the app"),  # app
        ("3,000 new ISA accounts and £15m of new deposits", "Open an account"),  # bank
        ("1,500 room nights over the winter", "Book now"),  # hotel
        ("fill 400 tables on weekday evenings", "Book now"),  # restaurant
        ("1,000 online orders", "Shop now"),  # retail
        ("grow newsletter sign-ups to 20k", "Sign up"),  # publisher
        ("raise awareness of the brand among students", "Learn more"),  # nothing to act on: neutral
        (None, "Learn more"),  # no goal: never a blind 'Shop now'
    ],
)
def test_the_call_to_action_follows_the_goal(goal: str | None, cta: str) -> None:
    assert call_to_action("email", goal, CHANNEL_LIMITS["email"]["cta"]) == cta


@pytest.mark.parametrize(
    "goal", ["5,000 free-trial starts", "1,200 donations", "250 demo requests", "900 bookings"]
)
def test_a_call_to_action_states_no_claim(goal: str) -> None:
    """The CTA is read by the claims check with the rest of the asset: it never promises (no 'free', no figure)."""
    from graph.runtime.settings import REPO_ROOT
    from guards.claims import check_text
    from guards.library import load_library

    library = load_library(REPO_ROOT / "brand_library" / "brightwell")
    for channel, limits in CHANNEL_LIMITS.items():
        cta = call_to_action(channel, goal, limits["cta"])
        assert cta is not None
        verdicts = {
            s.verdict for s in check_text(f"{cta}.", library, region="UK", on=date(2027, 3, 1)).sentences
        }
        assert verdicts == {"no_claim"}, (cta, verdicts)


def test_the_goals_first_action_wins_over_later_words() -> None:
    assert cta_intent("drive trial signups") == "trial"
    assert cta_intent("600 demo requests, measured on sales pipeline") == "demo"


def test_the_call_to_action_respects_each_channels_limit() -> None:
    goal = "5,000 free-trial starts"
    for channel, limits in CHANNEL_LIMITS.items():
        cta = call_to_action(channel, goal, limits["cta"])
        assert cta is not None and len(cta) <= limits["cta"]
        assert "trial" in cta.lower() or "try" in cta.lower(), (channel, cta)
    assert call_to_action("display", goal, 15) == "Start trial"  # 'Start your trial' is 16
    assert call_to_action("display", goal, 5) is None  # nothing fits: no CTA rather than a cut one


def _payload(channel: str, variant: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "channel": channel,
        "variant": variant,
        "brand_name": "Lingomori",
        "product": "Lingomori Talk",
        "limits": CHANNEL_LIMITS[channel],
        "disclaimers": ["Cancel anytime."],
        "claims": [{"id": "c1", "text": "Lingomori Talk has 40 short lessons for travellers."}],
    }
    return {**base, **extra}


def test_the_composer_writes_the_goals_call_to_action() -> None:
    donate = compose_copy(_payload("paid_social", "A", goal="1,200 donations", brand_name="Hearthlight"))
    assert donate["cta"] == "Donate now"
    trial = compose_copy(_payload("display", "A", goal="5,000 free-trial starts"))
    assert trial["cta"] == "Start your trial"
    sms = compose_copy(_payload("sms", "A", goal="5,000 free-trial starts"))
    assert len(f"{sms['body']} {sms['cta']}") <= CHANNEL_LIMITS["sms"]["message"]


# --- D6: A/B subjects differ; product names stay names -------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},  # no theme, no audience: the generic lines only
        {"theme": "Lunar New Year"},
        {"theme": "winter", "audience": "families with young readers"},
        {"audience": "adults planning a trip to Japan"},
        {"product": "Quillstack Sign Pro", "brand_name": "Quillstack"},
        {"product": "Saltmere House", "brand_name": "Saltmere", "theme": "spring"},
        {"product": "winter coats", "brand_name": "Northway", "theme": "Black Friday"},
    ],
)
def test_email_variants_of_one_program_differ_in_subject(extra: dict[str, Any]) -> None:
    subjects = [compose_copy(_payload("email", v, **extra))["subject"] for v in ("A", "B", "C")]
    assert len(set(subjects)) == 3, subjects
    for variant in ("A", "B"):
        copy = compose_copy(_payload("email", variant, **extra))
        asset = Asset(
            id="a",
            version=1,
            channel="email",
            variant=variant,
            region="US",
            subject=copy["subject"],
            body=copy["body"],
            cta=copy["cta"],
            prompt_version="v1",
            prompt_hash="h",
            library_version="v",
            model="offline",
            disclaimer_spans=["Cancel anytime."],
        )
        assert check_copy_quality(asset).passed, check_copy_quality(asset).reasons


@pytest.mark.parametrize(
    ("product", "brand", "name"),
    [
        ("Lingomori Talk", "Lingomori", "Lingomori Talk"),
        ("Quillstack Sign Pro", "Quillstack", "Quillstack Sign Pro"),
        ("Easy ISA", "Fernbank", "Easy ISA"),
        ("Pendel 7E", "Spokehaus", "Pendel 7E"),
    ],
)
def test_a_proper_product_name_takes_no_article_and_is_never_shortened(
    product: str, brand: str, name: str
) -> None:
    for channel in ("email", "paid_social", "paid_search", "display"):
        for variant in ("A", "B"):
            copy = compose_copy(_payload(channel, variant, product=product, brand_name=brand))
            title = copy.get("subject") or copy["headline"]
            text = f"{title} {copy['body']}"
            assert f"the {name}" not in text, (channel, variant, text)
            short = name.split(" ", 1)[-1]
            if short != name and short in title:  # the name is whole wherever the title names it
                assert name in title, (channel, variant, title)


def test_a_description_keeps_its_article() -> None:
    copy = compose_copy(_payload("email", "A", product="winter coats", brand_name="Northway"))
    assert "the winter coats" in f"{copy['subject']} {copy['body']}"


# --- D2: a body that is only its disclaimers is never publishable --------------------------------------------

DISCLAIMER = "Subscription renews automatically at $89.99 a year until cancelled. Cancel anytime in your app store settings."


def _ad(body: str, spans: list[str]) -> Asset:
    return Asset(
        id="a",
        version=1,
        channel="paid_social",
        variant="A",
        region="US",
        headline="Say hello to Lingomori Talk",
        body=body,
        cta="Learn more",
        prompt_version="v1",
        prompt_hash="h",
        library_version="v",
        model="offline",
        disclaimer_spans=spans,
    )


def test_an_asset_that_says_nothing_besides_its_disclaimers_is_a_finding() -> None:
    bare = check_copy_quality(_ad(DISCLAIMER, [DISCLAIMER]))
    assert not bare.passed
    assert [f.verdict for f in bare.findings] == ["disclaimer_only"]
    two = "Terms apply. Cancel anytime."
    assert not check_copy_quality(_ad(two, ["Terms apply.", "Cancel anytime."])).passed  # several, still bare
    said = check_copy_quality(_ad(f"Speak before you land. {DISCLAIMER}", [DISCLAIMER]))
    assert said.passed, said.reasons
    # a sentence that is not one of the asset's disclaimer spans counts as saying something
    assert check_copy_quality(_ad(DISCLAIMER, [])).passed
