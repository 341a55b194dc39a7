"""Campaign dates in the languages briefs paste in, whole months and seasons named as the run, and distractor dates
kept out: families of phrasings (none taken from a dataset), each read through the offline engine."""

from __future__ import annotations

from datetime import date

import pytest

from graph.models.offline.handlers import extract_brief
from graph.models.offline.month_names import foreign_name, month_number

TODAY = "2026-12-07"
D = date


def _dates(text: str) -> tuple[date | None, date | None, int | None]:
    got = extract_brief({"brief_text": text, "today": TODAY})

    def day(v: object) -> date | None:
        return date.fromisoformat(v) if isinstance(v, str) else None  # type: ignore[return-value]

    return day(got.get("start_date")), day(got.get("end_date")), got.get("duration_days")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # French: du … au, '1er', a year after the second end only
        ("Vente des paniers garnis, du 2 novembre au 20 décembre 2027.", D(2027, 11, 2), D(2027, 12, 20)),
        ("Campagne du 1er juin au 15 juillet 2027 sur Facebook.", D(2027, 6, 1), D(2027, 7, 15)),
        ("Dates : du 3 au 17 février.", D(2027, 2, 3), D(2027, 2, 17)),
        ("Période : 5 avril jusqu'au 9 mai 2027.", D(2027, 4, 5), D(2027, 5, 9)),
        # Spanish and Portuguese: del … al, de … a/até, 'de 2027'
        ("Campaña del 3 de mayo al 30 de junio de 2027.", D(2027, 5, 3), D(2027, 6, 30)),
        ("Fechas: 10 de enero hasta el 28 de febrero de 2027.", D(2027, 1, 10), D(2027, 2, 28)),
        ("Período: 1 de setembro até 31 de outubro de 2027.", D(2027, 9, 1), D(2027, 10, 31)),
        # Italian: dal … al
        ("Promozione dal 12 aprile al 23 maggio 2027.", D(2027, 4, 12), D(2027, 5, 23)),
        # German: vom … bis, '1.' as a day
        ("Aktionszeitraum vom 3. Mai bis 14. Juni 2027.", D(2027, 5, 3), D(2027, 6, 14)),
        ("Laufzeit: 1. September bis 31. Oktober 2027.", D(2027, 9, 1), D(2027, 10, 31)),
        # Dutch, Swedish, Danish, Polish
        ("Looptijd van 6 september tot 17 oktober 2027.", D(2027, 9, 6), D(2027, 10, 17)),
        ("Actie: 1 juni t/m 31 augustus 2027.", D(2027, 6, 1), D(2027, 8, 31)),
        ("Kampanjen körs 2 februari till 15 mars 2027.", D(2027, 2, 2), D(2027, 3, 15)),
        ("Kampagnen kører 1. marts til 30. april 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Kampania od 3 do 28 lutego 2027.", D(2027, 2, 3), D(2027, 2, 28)),
        # dotted numeric dates with spaces (Czech, Slovak), a slashed range settled by its unambiguous end
        ("Termín: 2. 3. 2027 - 30. 4. 2027.", D(2027, 3, 2), D(2027, 4, 30)),
        ("Flight 2/5/2027-28/6/2027, Instagram.", D(2027, 5, 2), D(2027, 6, 28)),
        ("Flight 5/2/2027 to 6/28/2027, Instagram.", D(2027, 5, 2), D(2027, 6, 28)),
    ],
)
def test_ranges_in_other_languages(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a sentence ending in a number, the next opening with an English date: not '8. March'
        ("Keep the CPA under $8. March 6 through April 4, 2027.", D(2027, 3, 6), D(2027, 4, 4)),
        ("We want a ROAS of 4. April 1-30, 2027.", D(2027, 4, 1), D(2027, 4, 30)),
        ("Cost per lead below £15. January 2027 only.", D(2027, 1, 1), D(2027, 1, 31)),
        ("Avg basket is €42. October 4 – October 29, 2027.", D(2027, 10, 4), D(2027, 10, 29)),
        # a numbered list item opening with a month is not a day
        ("Timeline:\n1. March 2027 teaser\n2. April 2027 launch", D(2027, 3, 1), D(2027, 3, 31)),
    ],
)
def test_numbers_before_a_month_are_not_days(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "In January we want to reach first-time buyers in Leeds. £3k on Facebook.",
            D(2027, 1, 1),
            D(2027, 1, 31),
        ),
        ("Push the Oak Bench range in March, Scotland only. £4k on Google.", D(2027, 3, 1), D(2027, 3, 31)),
        ("We'd like to sell gym memberships to students in Cork in February.", D(2027, 2, 1), D(2027, 2, 28)),
        ("Im April wollen wir Fahrräder an Pendler in Köln verkaufen.", D(2027, 4, 1), D(2027, 4, 30)),
        (
            "En janvier, nous voulons vendre le forfait ski aux familles à Lyon.",
            D(2027, 1, 1),
            D(2027, 1, 31),
        ),
        ("Queremos vender el curso en marzo a estudiantes de Sevilla.", D(2027, 3, 1), D(2027, 3, 31)),
        # 'from <month>' and a length: the month gives the start, the length the end
        ("From March, for six weeks, sell the Tea Box to offices in Bristol.", D(2027, 3, 1), D(2027, 4, 11)),
        (
            "À partir de janvier pendant 6 semaines, vendre le forfait aux familles.",
            D(2027, 1, 1),
            D(2027, 2, 11),
        ),
        (
            "Starting in February, eight weeks, sell the Oak Desk to home workers.",
            D(2027, 2, 1),
            D(2027, 3, 28),
        ),
        # a length given too: the month gives the start
        (
            "In May, run it for three weeks: sell the Tea Box to offices in Bristol.",
            D(2027, 5, 1),
            D(2027, 5, 21),
        ),
    ],
)
def test_a_month_named_as_the_run(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "For spring we want to sell garden kits to allotment holders in Kent.",
            D(2027, 3, 1),
            D(2027, 5, 31),
        ),
        (
            "Next summer we want to fill the campsite with families from Utrecht.",
            D(2027, 6, 1),
            D(2027, 8, 31),
        ),
        ("We need 900 bookings for the lodges this autumn. £5k on Facebook.", D(2027, 9, 1), D(2027, 11, 30)),
        # under way: from today to its end
        (
            "This winter, the council wants to promote free boiler checks to pensioners.",
            D(2026, 12, 7),
            D(2027, 2, 28),
        ),
        # southern hemisphere: winter is June to August
        (
            "We need donor bookings in Queensland over winter. A$60k on Facebook.",
            D(2027, 6, 1),
            D(2027, 8, 31),
        ),
        ("Sell ski passes in New Zealand this winter. NZ$20k on Instagram.", D(2027, 6, 1), D(2027, 8, 31)),
    ],
)
def test_a_season_named_as_the_run(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Sales peak in January for us. Sell the Deluxe Kit to bakers in Leeds, £3k on Facebook.",
        "The water is 17 degrees in spring. Sell the Surf Camp to travellers in Germany, €7k on Instagram.",
        "Promote the Spring Refresh Package to homeowners in Charlotte, $4k on Facebook.",
        "Our outdoor pools open in May. Sell season passes to families in Graz.",
        "We were founded in March 2019 and sell garden sheds to homeowners in Kent.",
        "Sell the Summer Sale bundle to parents in Leeds, £2k on Facebook.",
        "A lot of our members renew in April. Sell the upgrade to members in Bath.",
        # a month in a sentence that states a fact rather than asks for the campaign
        "Sell the Oak Desk to home workers in Leeds. Our financial year starts in April.",
        "Sell the Oak Desk to home workers in Leeds. We sell most desks in September.",
        "Sell the Oak Desk to home workers in Leeds. The new range arrives in March.",
        "Sell the Oak Desk to home workers in Leeds. Our MD retires in June.",
        "Sell the Oak Desk to home workers in Leeds. We'll review results in March.",
        "Sell the Oak Desk to home workers in Leeds. Send me the plan this week; I'm away in January.",
        "Sell the Oak Desk to home workers in Leeds. For summer we have a separate budget.",
    ],
)
def test_a_month_or_season_that_is_not_the_run(text: str) -> None:
    assert _dates(text)[:2] == (None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the campaign's own dates over the event's or another activity's
        (
            "Gala dinner Feb 13-14 at the Grand Hotel. Promote Jan 18 - Feb 12, 2027.",
            D(2027, 1, 18),
            D(2027, 2, 12),
        ),
        (
            "The markets run on weekends from 4 to 20 December. Please start the ads this Friday, 11 December, "
            "and stop them on 19 December.",
            D(2026, 12, 11),
            D(2026, 12, 19),
        ),
        (
            "The fair is open 1 to 10 May 2027. Launch the campaign on 12 April 2027 and end it on 30 April 2027.",
            D(2027, 4, 12),
            D(2027, 4, 30),
        ),
        (
            "Advertise 3 May to 21 June 2027; the festival itself runs 25 to 27 June 2027.",
            D(2027, 5, 3),
            D(2027, 6, 21),
        ),
        (
            'Event: "Wine & Cheese Night", Mar 5-6 at The Loft, Denver. Ads: Feb 1 - Mar 4, 2027.',
            D(2027, 2, 1),
            D(2027, 3, 4),
        ),
        (
            "Sell tickets for the Harvest Fair (9-10 October 2027) to families in York. Ads 1 September - 8 October "
            "2027.",
            D(2027, 9, 1),
            D(2027, 10, 8),
        ),
        (
            "Our webinar, 18-19 May 2027, needs sign-ups from CFOs. Campaign: 19 April - 17 May 2027.",
            D(2027, 4, 19),
            D(2027, 5, 17),
        ),
        # a past day that starts nothing (the date of the notes) is not the start
        ("Meeting notes, 4 December 2026. Run it in January.", D(2027, 1, 1), D(2027, 1, 31)),
        # a deadline on the timing line is not the end
        (
            "6. Timing\nSix weeks from 1 March 2027. Proposals to this RFP by 18 December 2026.",
            D(2027, 3, 1),
            D(2027, 4, 11),
        ),
        (
            "Timing: 4 weeks starting 7 June 2027. Creative sign-off due 10 May 2027.",
            D(2027, 6, 7),
            D(2027, 7, 4),
        ),
    ],
)
def test_the_campaign_dates_over_distractors(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Von März bis Mai 2027 auf Instagram und Facebook.", D(2027, 3, 1), D(2027, 5, 31)),
        ("Campaña de marzo a mayo de 2027 en Instagram.", D(2027, 3, 1), D(2027, 5, 31)),
        ("Entre septembre et novembre 2027, sur Facebook.", D(2027, 9, 1), D(2027, 11, 30)),
        ("Kör kampanjen i mars och april 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Campagna da giugno a luglio 2027 su Instagram.", D(2027, 6, 1), D(2027, 7, 31)),
        (
            "Sell the Oak Desk to home workers in Leeds. Advertise from October to November 2027 on Google.",
            D(2027, 10, 1),
            D(2027, 11, 30),
        ),
    ],
)
def test_a_range_of_months_in_other_languages(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end", "days"),
    [
        ("Campagne de 6 semaines à partir du 1er mars 2027.", D(2027, 3, 1), D(2027, 4, 11), 42),
        ("Kampagne für 4 Wochen ab dem 3. Mai 2027.", D(2027, 5, 3), D(2027, 5, 30), 28),
        ("Campaña de 8 semanas a partir del 1 de marzo de 2027.", D(2027, 3, 1), D(2027, 4, 25), 56),
        ("Looptijd: 3 maanden vanaf 1 februari 2027.", D(2027, 2, 1), D(2027, 4, 30), 89),
        ("Kampanjen pågår i 6 veckor från 1 mars 2027.", D(2027, 3, 1), D(2027, 4, 11), 42),
        ("Campagna di 10 giorni dal 5 aprile 2027.", D(2027, 4, 5), D(2027, 4, 14), 10),
    ],
)
def test_a_length_in_other_languages(text: str, start: date, end: date, days: int) -> None:
    assert _dates(text) == (start, end, days)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a run already over is a past campaign, not this one
        (
            "Our 2026 campaign ran from 1 March to 20 April 2026 and sold 300 boxes. This time: 1 March to 30 April "
            "2027.",
            D(2027, 3, 1),
            D(2027, 4, 30),
        ),
        (
            "Last autumn's push (5 September - 30 October 2026) did well. Run the new one 6 September - 31 October "
            "2027.",
            D(2027, 9, 6),
            D(2027, 10, 31),
        ),
        ("Last year we advertised 1-20 March 2026.", None, None),
    ],
)
def test_a_past_run_is_not_the_campaign(text: str, start: date | None, end: date | None) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Launch Monday 4 January 2027, end Sunday 31 January 2027.", D(2027, 1, 4), D(2027, 1, 31)),
        ("Kick off on the 4th of January and wrap up on the 31st.", D(2027, 1, 4), D(2027, 1, 31)),
        ("Ads go live on 1 March and come down on 15 April 2027.", D(2027, 3, 1), D(2027, 4, 15)),
        ("Start 1 March 2027 and switch the ads off on 15 April 2027.", D(2027, 3, 1), D(2027, 4, 15)),
        ("Begin on 6 September 2027, stop them on 3 October 2027.", D(2027, 9, 6), D(2027, 10, 3)),
        ("Go live 2 May 2027 and pull the ads down on 30 May 2027.", D(2027, 5, 2), D(2027, 5, 30)),
    ],
)
def test_an_end_said_with_a_verb(text: str, start: date, end: date) -> None:
    assert _dates("Sell the Oak Desk to home workers in Leeds. " + text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # days of the week before the dates, in the brief's language
        ("Du lundi 4 janvier au dimanche 31 janvier 2027.", D(2027, 1, 4), D(2027, 1, 31)),
        ("Von Montag, 4. Januar bis Sonntag, 31. Januar 2027.", D(2027, 1, 4), D(2027, 1, 31)),
        ("Del lunes 1 de marzo al domingo 28 de marzo de 2027.", D(2027, 3, 1), D(2027, 3, 28)),
        ("Van maandag 1 maart tot en met zondag 28 maart 2027.", D(2027, 3, 1), D(2027, 3, 28)),
        # the end of a month as the end, in the brief's language
        ("Du 1er mars à fin avril 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Vom 1. März bis Ende April 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Del 1 de marzo a finales de abril de 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Van 1 maart tot eind april 2027.", D(2027, 3, 1), D(2027, 4, 30)),
        # a day range inside one month
        ("De 3 a 10 de março de 2027.", D(2027, 3, 3), D(2027, 3, 10)),
    ],
)
def test_weekdays_and_month_ends_in_other_languages(text: str, start: date, end: date) -> None:
    assert _dates(text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Run it through February and March.", D(2027, 2, 1), D(2027, 3, 31)),
        ("February through April.", D(2027, 2, 1), D(2027, 4, 30)),
        ("Timing: October – November.", D(2027, 10, 1), D(2027, 11, 30)),
        ("Spring 2027 campaign, £5k on Meta.", D(2027, 3, 1), D(2027, 5, 31)),
        ("January to March sales were up 20%.", None, None),
        ("The water is warm in summer.", None, None),
        # another day named in the brief's language is not the start
        (
            "Les pistes ouvrent le 12 décembre. Campagne à partir du 1er décembre 2026 pendant 3 semaines.",
            D(2026, 12, 1),
            D(2026, 12, 21),
        ),
        (
            "Inscripciones hasta el 15 de febrero. Campaña del 10 de enero al 14 de febrero de 2027.",
            D(2027, 1, 10),
            D(2027, 2, 14),
        ),
    ],
)
def test_months_without_days(text: str, start: date | None, end: date | None) -> None:
    assert _dates("Sell the Oak Desk to home workers in Leeds. " + text)[:2] == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a day, its month and a two-digit year
        ("1 Mar 27 – 15 Apr 27.", D(2027, 3, 1), D(2027, 4, 15)),
        ("From 3 May '27 for 4 weeks.", D(2027, 5, 3), D(2027, 5, 30)),
        ("Live 6 Sept 27 to 3 Oct 27 on Meta.", D(2027, 9, 6), D(2027, 10, 3)),
        # not a year: a time, or a number outside the campaign years
        ("Launch 1 March 10 am, for 6 weeks.", D(2027, 3, 1), D(2027, 4, 11)),
        # an ISO interval, a range after an article in German
        ("2027-03-01/2027-04-30.", D(2027, 3, 1), D(2027, 4, 30)),
        ("Den 3. März 2027 bis den 17. März 2027.", D(2027, 3, 3), D(2027, 3, 17)),
        # German day ranges inside a month
        ("Aktion 1.–31. März 2027.", D(2027, 3, 1), D(2027, 3, 31)),
        ("Vom 01. bis 31. März 2027.", D(2027, 3, 1), D(2027, 3, 31)),
        ("Dal 1° al 31 marzo 2027.", D(2027, 3, 1), D(2027, 3, 31)),
    ],
)
def test_short_years_and_day_ranges(text: str, start: date, end: date) -> None:
    assert _dates("Sell the Oak Desk to home workers in Leeds. " + text)[:2] == (start, end)


def test_month_names_come_from_locale_data() -> None:
    assert [
        month_number(w) for w in ("décembre", "decembre", "Sept.", "maart", "lutego", "März", "joulukuuta")
    ] == [
        12,
        12,
        9,
        3,
        2,
        3,
        12,
    ]
    assert foreign_name("Mai") and foreign_name("April") and not foreign_name("March")
