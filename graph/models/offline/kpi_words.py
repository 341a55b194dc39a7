"""The outcome nouns a counted target names, by KPI: what a count of sign-ups, leads or conversions is called in
English and in the other languages briefs arrive in ('500 sign-ups', '2 500 abonnements', '120 Buchungen',
'60 demandes de devis'). Regex fragments, matched whole-word and case-insensitively by ``kpis``."""

from __future__ import annotations

COUNT_KINDS: dict[str, tuple[str, ...]] = {
    "signups": (
        "sign[- ]?ups?",
        "signups",
        "subscriptions?",
        "subscribers",
        "registrations?",
        "registered",
        "members",
        "memberships",
        "free trials?",
        "trials?",
        "trial starts",
        "accounts",
        "account openings",
        "enrol(?:l)?(?:ments?)?",
        "followers",
        "pre-registrations",
        "donors",
        "givers",
        "supporters",
        "volunteers",
        "pledges",
        "patrons",
        "new users",
        "users",
        # French, Spanish, German, Dutch, Portuguese, Italian
        "abonnements?",
        "inscriptions?",
        "adh[ée]sions?",
        "suscripciones",
        "inscripciones",
        "registros",
        "altas",
        "assinaturas",
        "inscrições",
        "iscrizioni",
        "abbonamenti",
        "anmeldungen",
        "registrierungen",
        "abonnenten",
        "abos?",
        "mitglieder",
        "aanmeldingen",
        "abonnementen",
        "inschrijvingen",
    ),
    "leads": (
        "leads",
        r"demos?(?:\s+bookings)?",
        "calls",
        "phone calls",
        "demo requests",
        "enquiries",
        "inquiries",
        "mqls",
        "sqls",
        "quote requests",
        "applications",
        "requests",
        "contact requests",
        "callbacks",
        "calls",
        "phone calls",
        "opportunities",
        "valuations",
        "valuation requests",
        "quotes",
        "demandes(?:\\s+de\\s+(?:devis|contact|d[ée]mo|rendez-vous))?",
        "devis",
        "solicitudes",
        "presupuestos",
        "anfragen",
        "angebotsanfragen",
        "kontaktanfragen",
        "aanvragen",
        "offerteaanvragen",
        "pedidos\\s+de\\s+or[çc]amento",
        "richieste",
        "preventivi",
    ),
    "conversions": (
        "orders",
        "pre-?orders",
        "donations",
        "sales",
        "purchases",
        "bookings",
        "tickets",
        "passes",
        "units",
        "redemptions",
        "activations",
        "policies",
        # agreements and installs that close a sale: a contract signed, a loan funded, a system installed
        "contracts",
        "loans",
        "mortgages",
        "leases",
        "installations",
        "adoptions",
        # an assessment booked is a conversion, like a consultation (beside a purchase it is the step before it)
        "assessments",
        "rentals",
        "reactivations",
        "connections",
        "switches",
        "appointments",
        "treatments",
        "consultations",
        "viewings",
        "conversions",
        "downloads",
        "installs",
        "transactions",
        "checkouts",
        "deals",
        "customers",
        "buyers",
        "wills",
        "bikes",
        "renewals",
        "installs",
        "donations",
        "gifts",
        "visits",
        "jobs",
        "test drives",
        "test rides",
        "entries",
        "pre-orders",
        "preorders",
        "transfers",
        "packs",
        "boxes",
        "hampers",
        "vouchers",
        "copies",
        "kits",
        "bundles",
        "tins",
        "meals",
        "covers",
        "inspections",
        "commandes",
        "ventes",
        "r[ée]servations",
        "pedidos",
        "ventas",
        "reservas",
        "compras",
        "bestellungen",
        "buchungen",
        "verk[äa]ufe",
        "bestellingen",
        "boekingen",
        "ordini",
        "prenotazioni",
        "vendite",
        "encomendas",
        "citas",
        "rendez-vous",
        "appuntamenti",
        "termine",
        "afspraken",
    ),
}

MORE_KINDS: dict[str, tuple[str, ...]] = {
    "signups": (
        # people who commit to something recurring are sign-ups, like donors and patrons
        "sponsors",
        "backers",
        "registrants",
        "enrollees",
        # saying yes to something free: an RSVP, a signature on a petition
        "rsvps",
        "signatures",
        # a place taken on a course or in a school: an admission is an enrolment
        "admissions",
        "admits",
        "intakes",
        "einschreibungen",
        "immatricolazioni",
        "admisiones",
        # Spanish, Portuguese, French, Italian: enrolments, subscribers, members
        "matr[íi]culas",
        "suscriptores",
        "socios",
        "miembros",
        "assinantes",
        "cadastros",
        "membros",
        "abonn[ée]s",
        "adh[ée]rents",
        "inscrits",
        "membres",
        "iscritti",
        "abbonati",
        # Polish, Indonesian, Finnish
        "rejestracj[ia]",
        "zapis(?:y|[óo]w)",
        "subskrypcj[ie]",
        "subskrybent(?:[óo]w|ci)",
        "cz[łl]onk[óo]w",
        "pendaftaran",
        "pendaftar",
        "anggota",
        "akun",
        "langganan",
        "rekister[öo]itym\\w*",
        "j[äa]sen(?:t[äa]|i[äa])",
        "tilaajaa",
    ),
    "leads": (
        # gated content asked for with contact details: a brochure or guide downloaded is a lead, an app is not
        "(?:brochure|guide|e-?book|white\\s?paper|report|checklist|catalog(?:ue)?|prospectus|toolkit|template|"
        "lookbook|price\\s+list|info\\s+pack)\\s+downloads",
        # a check or estimate asked for before buying, like a valuation
        "(?:eligibility|suitability|credit|affordability|quote|price)\\s+checks",
        "prospects",
        # an estimate asked for before buying, like a quote
        "estimates",
        # a form filled in or a meeting agreed: someone to follow up
        "(?:form|lead[- ]form)\\s+(?:fills|submissions|completions)",
        "meetings",
        # an application handed in is someone to follow up, in any language
        "candidaturas",
        "candidatures",
        "candidature",
        "bewerbungen",
        "sollicitaties",
        "ans[öo]kningar",
        "s[øo]knader",
        "ans[øo]gninger",
        "wnioski",
        "wniosk[óo]w",
        "hakemuks(?:ia|et)",
        # Spanish, Portuguese, Italian
        "consultas",
        "contactos",
        "cotizaciones",
        "contatos",
        "or[çc]amentos",
        "contatti",
        # Polish, Indonesian, Finnish
        "zapyta[ńn](?:\\s+ofertowych)?",
        "zapytania(?:\\s+ofertowe)?",
        "zg[łl]osze[ńn]",
        "zg[łl]oszenia",
        "lead[óo]w",
        "leady",
        "aplikasi",
        "pengajuan",
        "prospek",
        "permintaan",
        "yhteydenott\\w*",
        "tarjouspyyn\\w*",
        "liidi[äa]",
    ),
    "conversions": (
        # something handed in for a paid service or a competition, like an entry
        "submissions",
        "einsendungen",
        "inzendingen",
        # sales in Portuguese (Spanish 'ventas' and Italian 'vendite' are read above)
        "vendas",
        # tickets in the other languages briefs arrive in
        "entradas",
        "billets",
        "biglietti",
        "bilhetes",
        "ingressos",
        "kaartjes",
        "biljetter",
        "billetter",
        "bilet(?:y|[óo]w)",
        "tiket",
        "lippu(?:a|ja)",
        # Polish, Indonesian, Finnish
        "zam[óo]wie[ńn]",
        "zam[óo]wienia",
        "rezerwacj[ie]",
        "transakcji",
        "zakup[óo]w",
        "penjualan",
        "pesanan",
        "pemesanan",
        "pembelian",
        "transaksi",
        "tilausta",
        "tilaukset",
        "varausta",
        "varaukset",
    ),
}
"""Outcome nouns of the other languages briefs arrive in, inflected as they stand after a number."""

COMPOUND_HEADS: dict[str, tuple[str, ...]] = {
    "signups": (
        "anmeldungen",
        "registrierungen",
        "abonnenten",
        "mitglieder",
        "aanmeldingen",
        "inschrijvingen",
        "registraties",
        "abonnementen",
        "leden",
        "registreringar",
        "anm[äa]lningar",
        "medlemmar",
        "prenumeranter",
        "prenumerationer",
        "tilmeldinger",
        "p[åa]meldinger",
        "abonnenter",
        "abonnementer",
        "medlemmer",
        "registreringer",
    ),
    "leads": (
        "anfragen",
        "aanvragen",
        "f[öo]rfr[åa]gningar",
        "henvendelser",
        "foresp[øo]rsler",
        "foresp[øo]rgsler",
        "offerter",
        "offertes",
    ),
    "conversions": (
        "bestellungen",
        "buchungen",
        "reservierungen",
        "vertr[äa]ge",
        "abschl[üu]sse",
        "verk[äa]ufe",
        "k[äa]ufe",
        "bestellingen",
        "boekingen",
        "verkopen",
        "aankopen",
        "reserveringen",
        "bokningar",
        "best[äa]llningar",
        "k[öo]p",
        "f[öo]rs[äa]ljningar",
        "bestillinger",
        "bookinger",
        "reservationer",
        "ordrer",
        "k[øo]b",
        "kj[øo]p",
        # customers count as conversions, as in English ('Neukunden', 'nieuwe klanten', 'nya kunder')
        "kunden",
        "klanten",
        "kunder",
    ),
}
"""Heads of the compounds German, Dutch and the Scandinavian languages build: the last part names what is counted
('Demo-Anfragen', 'offertförfrågningar', 'Probefahrtbuchungen', 'nyhedsbrevstilmeldinger')."""

DONE_PARTICIPLES = (
    "sold|booked|purchased|bought|ordered|redeemed|placed|completed|vendid[oa]s|vendu(?:e?s)?|vendut[ie]|verkauft[e]?|"
    "verkocht[e]?|s[åa]lda|s[åa]lt|solgte?|sprzedanych|terjual|myyty[äa]?|reservad[oa]s|r[ée]serv[ée]e?s|"
    "gebucht[e]?|geboekt[e]?|bokade|booket|prenotat[ie]|zarezerwowanych"
)
"""'sold', 'booked', 'completed' and the same participles in the other languages ('jamones vendidos', 'verkaufte
Flaschen', 'sålda biljetter'): whatever is counted before or after them is a conversion."""


def kind_patterns() -> dict[str, str]:
    """Per KPI kind, one regex alternation of its outcome nouns, compounds included (matched whole-word)."""
    return {
        kind: "|".join(COUNT_KINDS[kind] + MORE_KINDS[kind])
        + r"|(?:\w+-?)?(?:"
        + "|".join(COMPOUND_HEADS[kind])
        + ")"
        for kind in COUNT_KINDS
    }


RATE_WORDS: dict[str, str] = {
    "open_rate": r"[öo]ffnungsrate|taux\s+d['’]ouverture|tasa\s+de\s+apertura|tasso\s+di\s+apertura|"
    r"taxa\s+de\s+abertura|openingsratio|openingspercentage|[öo]ppningsgrad|[öo]ppningsfrekvens|[åa]bningsrate|"
    r"[åa]pningsrate|wsp[óo][łl]czynnik\s+otwar[ćc]|avausprosentti|tingkat\s+(?:buka|pembukaan)",
    "ctr": r"durchklickrate|klickrate|taux\s+de\s+clics?|tasa\s+de\s+clics?|porcentaje\s+de\s+clics|"
    r"percentuale\s+di\s+clic|tasso\s+di\s+clic|taxa\s+de\s+cliques|klikfrequentie|klickfrekvens|klikrate|"
    r"klikkfrekvens|wsp[óo][łl]czynnik\s+klikalno[śs]ci|napsautussuhde|rasio\s+klik(?:-tayang)?",
    "conversion_rate": r"konversionsrate|konversionsquote|konvertierungsrate|taux\s+de\s+conversion|"
    r"tasa\s+de\s+conversi[óo]n|tasso\s+di\s+conversione|taxa\s+de\s+convers[ãa]o|conversieratio|"
    r"conversiepercentage|konverteringsgrad|konverteringsrate|konverteringsfrekvens|"
    r"wsp[óo][łl]czynnik\s+konwersji|konversioprosentti|tingkat\s+konversi",
}
"""Rates named in the other languages briefs arrive in, as the ad platforms translate them ('Öffnungsrate',
'taux d'ouverture', 'Klickrate' and 'taux de clics' for CTR, 'tasa de conversión', 'konverteringsgrad')."""

REVENUE_WORDS = (
    r"umsatz|ums[äa]tze|erl[öo]s|chiffre\s+d['’]affaires|ingresos|facturaci[óo]n|fatturato|ricavi|omzet|"
    r"oms[äa]ttning(?:en)?|oms[æe]tning(?:en)?|omsetning(?:en)?|przych[óo]d(?:u|y|[óo]w)?|faturamento|receita|"
    r"liikevaihto|pendapatan|売上|매출|营收|營收|销售额|銷售額"
)
"""Revenue in the other languages briefs arrive in ('50.000 € Umsatz', 'chiffre d'affaires de 80 000 €',
'fatturato di 60.000 €', 'omsättning 500 000 kr', 'faturamento de R$ 200.000')."""
