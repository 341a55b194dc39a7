"""Words that name people: the vocabulary the audience reader (``audience``) and the product reader lean on.

A people phrase has a head naming a group of people or organisations ('parents', 'law firms', 'brides-to-be',
'16 to 18 year olds', 'over 65s') and qualifiers after it: an age, a place, a relative clause.
"""

from __future__ import annotations

import re

_THINGS_ERS = (
    r"(?:orders|offers|banners|vouchers|stickers|posters|trailers|burgers|sneakers|trainers|speakers|containers|"
    r"covers|matters|numbers|letters|papers|filters|mailers|newsletters|headers|answers|others|hampers|"
    r"blenders|toasters|heaters|boilers|chargers|routers|printers|timers|planners|starters|sliders|towers|flowers|"
    r"powers|waters|winners|dinners|centers|corners|layers|quarters|teasers)"
)
PEOPLE = (
    "people|persons|adults|kids|children|teens|teenagers|parents|mums|moms|mothers|dads|fathers|families|couples|"
    "women|men|students|graduates|undergraduates|professionals|owners|homeowners|renters|tenants|landlords|buyers|"
    "shoppers|customers|clients|users|subscribers|members|fans|lovers|enthusiasts|gamers|players|travell?ers|"
    "commuters|drivers|workers|employees|staff|managers|directors|leaders|executives|founders|freelancers|retirees|"
    "seniors|patients|residents|locals|readers|listeners|viewers|runners|cyclists|gardeners|cooks|bakers|"
    "developers|engineers|designers|marketers|teachers|nurses|doctors|investors|savers|borrowers|donors|"
    "volunteers|visitors|guests|diners|drinkers|vegans|vegetarians|millennials|boomers|makers|crafters|"
    "bookkeepers|accountants|shoppers|owners|households|singles|newlyweds|expats|hobbyists|athletes|golfers|"
    # life stages, roles and groups
    "friends|brides|grooms|best\\s+men|bridesmaids|fianc[ée]es?|grandparents|grandchildren|carers|caregivers|"
    "pensioners|toddlers|babies|infants|youngsters|youth|pupils|learners|riders|apprentices|trainees|applicants|"
    "candidates|jobseekers|job\\s+seekers|voters|citizens|taxpayers|motorists|neighbou?rs|veterans|supporters|"
    "followers|alumni|newcomers|beginners|novices|guys|girls|boys|ladies|gents|grads|undergrads|postgrads|"
    "freshers|entrepreneurs|solopreneurs|nerds|geeks|buffs|foodies|fanatics|aficionados|connoisseurs|devotees|"
    "clinicians|physicians|dentists|vets|pharmacists|surgeons|lawyers|solicitors|attorneys|architects|"
    "tradespeople|tradies|coaches|tutors|educators|academics|researchers|scientists|analysts|officers|"
    "ceos|cfos|ctos|cmos|cios|admins|administrators|recruiters|creators|influencers|hikers|skiers|climbers|"
    "surfers|swimmers|dancers|anglers|farmers|growers|breeders|mums-to-be|parents-to-be|expectant\\s+parents|(?:[a-z]+-)?goers|"
    + "|".join(
        (
            # German
            "leute|menschen|kunden|kundinnen|familien|paare|eltern|kinder|frauen|männer|jugendliche|studierende|"
            "studenten|senioren|reisende|touristen|mitarbeitende|fachkräfte|ärzte|ärzten|kindern|männern|"
            "selbstständigen|selbständigen|leiter(?:n|innen)|erwachsene|anfänger(?:n|innen)?|"
            # nouns in -er, plural and dative plural: 'Wanderer', 'an Freiberuflern'
            "(?:rentner|urlauber|wanderer|radfahrer|liebhaber|inhaber|besitzer|unternehmer|gründer|entscheider|"
            "lehrer|sportler|freiberufler|bewohner|mieter|käufer|händler|hundebesitzer)n?",
            # French
            "gens|personnes|familles|enfants|femmes|hommes|étudiants|jeunes|retraités|voyageurs|touristes|"
            "propriétaires|dirigeants|gérants|maîtres|responsables|professionnels|artisans|médecins|enseignants|"
            "sportifs|randonneurs|amoureux|passionnés|particuliers|adultes|débutants",
            # Spanish
            "personas|gente|clientes|familias|parejas|padres|madres|niños|mujeres|hombres|estudiantes|jóvenes|"
            "jubilados|amantes|aficionados|viajeros|turistas|propietarios|dueños|directivos|profesionales|adultos|principiantes|"
            "médicos|profesores|deportistas|pacientes|emprendedores",
            # Italian
            "persone|clienti|famiglie|coppie|genitori|bambini|uomini|studenti|giovani|anziani|pensionati|amanti|"
            "appassionati|viaggiatori|turisti|proprietari|titolari|professionisti|medici|insegnanti|adulti|principianti",
            # Portuguese
            "pessoas|famílias|casais|mães|crianças|mulheres|homens|estudantes|jovens|idosos|aposentados|"
            "reformados|apaixonados|viajantes|donos|proprietários|profissionais|iniciantes",
            # Dutch, Polish, Scandinavian
            "mensen|klanten|gezinnen|ouders|kinderen|vrouwen|mannen|jongeren|liefhebbers|reizigers|eigenaren|"
            "ondernemers|ludzie|klienci|klientki|rodziny|rodzice|dzieci|kobiety|mężczyźni|studenci|młodzież|"
            "seniorzy|miłośnicy|turyści|właściciele|dorośli|początkujący|volwassenen|kunder|familjer|familier|föräldrar|"
            "forældre|kvinnor|kvinder|vuxna|voksne|nybörjare|nybegynnere",
        )
    )
)
"""Plural nouns naming a group of people, in English and in the languages briefs arrive in (a word that is also a
common word of another language, such as French 'par' or Italian 'donne', is left out)."""
AGE = (
    r"(?:\d{1,2}\s?(?:[-–]|to)\s?\d{1,2}|\d{1,2}\+?)(?:\s*|-)(?:year|yr)s?(?:\s*|-)olds?\b"
    r"|(?:over|under)[- ]\d{2}s\b|\d{2}\s?[-–]\s?\d{2}s\b|\d{2}\+(?=\s|$|[,.])|\d0s\b|\d0-?somethings?\b"
)
"""An age that names people on its own: '16 to 18 year olds', '17-year-olds', '18–24 year olds', 'over 65s',
'18-34s'."""
AGE_RE = re.compile(AGE, re.IGNORECASE)
AGE_TAIL = re.compile(
    r"(?:(?:aged?|ages|between|from|de|entre|von|zwischen|tra|dai|da|mellan|mellom|tussen|van|w\s+wieku|"
    r"i\s+(?:åldern|alderen))\s+)?"
    r"\d{1,2}\s?(?:[-–]|to|and|a|à|bis|und|et|e|y|och|og|till|til|tot|en|do)\s?\d{1,2}\s*\+?"
    r"(?:\s*(?:years?(?:\s+old)?|yrs?|y/?o|años|anos|ans|jahre|anni|år|jaar|lat|vuotta|let))?"
    r"|(?:aged?\s+)?\d{2}\s?\+(?:\s*(?:years?|años|anos|ans|jahre|anni|år|jaar|lat))?",
    re.IGNORECASE,
)
"""An age said on its own after a comma, in the languages briefs arrive in: '25 a 45 años', '35–60 år', 'aged
30-50', 'zwischen 30 und 50 Jahre', '18+'."""
ACRONYMS = (
    r"(?!(?:APIs|KPIs|SKUs|URLs|PDFs|CTAs|FAQs|DMs|CPAs|CPCs|CPMs|QRs|USPs|OKRs|TVs|PCs|ATMs|EVs|SUVs|SMSs|"
    r"LEDs|DVDs|CDs|IDs|PRs|ETFs|ISAs|NFTs|MRIs|ADRs)\b)[A-Z]{2,5}s"
)
"""Plural acronyms that name people ('OFWs', 'GPs', 'HNWIs', 'IFAs'), not the things marketers count ('KPIs')."""
AGENTS = (
    r"(?:[a-zà-ÿ]*[åäöæø][a-zà-ÿ]*(?:are|ere)|"
    r"(?!(?:motores|sectores|factores|vectores|horarios|comentarios|salarios|escenarios|calendarios|"
    r"territori|settori|fattori|motori|colori)\b)"
    r"[a-zà-ÿ]\w{2,}(?:adores|adoras|idores|tores|toras|tori|trici|istas|isti|iste|eurs|euses|istes|arios|arias|"
    r"ejere|eiere|ägare|brugere|brukere))"
)
"""Agent nouns of other languages by their endings, as '-ers' and '-ists' are in English: 'universitarios',
'ristoratori', 'compradores', 'voyageurs', 'boligejere', 'husägare' (a few things with those endings left out), and
the Nordic agent nouns in '-are'/'-ere' written with a Nordic letter ('längdskidåkare', 'löpare', 'kjøpere'; the
letter keeps out English 'software' and Italian infinitives)."""
PEOPLE_RE = re.compile(
    rf"\b(?:(?i:{PEOPLE})|(?!{_THINGS_ERS}\b)(?:[a-z]\w{{2,}}|[A-Z]{{2,}}\w*?)(?:ers|ists|ians)|{AGENTS}|{ACRONYMS}|(?i:{AGE}))\b"
    r"(?![\w'’]*\s+(?:Day|Days|Eve|Night|Week|Weekend|Month)\b|['’]s?\s+[A-Z])"
)  # 'Rivers' is a name; 'pre-orders' and 'sneakers' are things; "Singles' Day", "Gardeners' World" are names
ORGS_RE = re.compile(
    r"\b(?:teams?|staff|leaders|heads|startups|companies|firms|brands|businesses|agencies|schools|universities|"
    r"charities|retailers|chains|practices|offices|athletes|collectors|lovers|owners|professionals|creatives|"
    r"traders|contractors|flyers|fliers|couples|over-\d+s|smes|smbs|nonprofits|non-profits|clinics|salons|"
    r"councils|clubs|landlords)\b",
    re.IGNORECASE,
)
VERBISH = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|need|needs|want|wants|like|love|have|has|"
    r"run|use|keep|make|please|let|launch|promote|sell|get|hit|drive|see|review|supply|grow|boost|win|increase)\b",
    re.I,
)
_HEAD_END = re.compile(
    r"[,(]|\s(?:in|at|who|that|with|from|aged|across|around|near|living|based|on|for|to|within)\b",
    re.IGNORECASE,
)


def names_people(value: str) -> bool:
    """True when a phrase names a group of people or organisations in its head, the words before its first
    qualifier ('HR teams who ...', 'independent café and bakery owners in Australia')."""
    cut = _HEAD_END.search(value)
    head = " ".join((value[: cut.start()] if cut else value).split()[:5])
    return bool(PEOPLE_RE.search(head) or ORGS_RE.search(head)) and not VERBISH.match(value)
