"""Word classes the product reader uses: cue verbs, offer and product-type nouns, the words that end a name, and
the words that mark a name as something other than a product (occasions, venues, businesses, people, dates)."""

from __future__ import annotations

import re

from graph.models.offline.date_words import MON
from graph.models.offline.people import PEOPLE

CUE_VERBS = (
    r"launch(?:es|ing)?|re-?launch(?:es|ing)?|promot(?:e|es|ing)|push(?:es|ing)?|introduc(?:e|es|ing)|"
    r"roll(?:s|ing)?\s+out|(?:rent|hir)(?:e|es|s|ing)?\s+out|join(?:ing)?|add(?:s|ing)?|"
    r"sell(?:s|ing)?(?:\s+out|\s+more(?:\s+of)?)?|shift(?:ing)?\s+more\s+of|this\s+is\s+about|market(?:s|ing)?|"
    r"advertis(?:e|es|ing)|"
    r"boost(?:ing)?|grow(?:ing)?|get(?:ting)?|covers|focus(?:\s+on)?|about|product(?:'s|’s|\s+is)|"
    r"(?:the\s+)?(?:thing|focus|hero)\s+is|set(?:ting)?\s+up|"
    r"(?:range|product|collection|flavou?r|app|brand|line)\s*,|"
    # the same cues in the languages briefs arrive in: 'promouvoir le X', 'lanzar la app X'
    r"promouvoir|lancer|vendre|lanzar|promocionar|promover|vender|lanciare|promuovere|vendere|"
    # and conjugated: 'Club X lanza el Bono 10', 'nous lançons', 'wir verkaufen', 'we lanceren', 'lança'
    r"lan[cç](?:e|es|ent|ons|a|amos|am|ia|iamo)|lanzamos|lanza[n]?|promociona(?:mos|n)?|promueven?|promouvons|"
    r"promeut|promuove|promuoviamo|promove|promovemos|"
    r"vend(?:e|ons|ent|emos|en|iamo)|verkauf(?:en|t)|bewirbt|lanceert|lanceren|verkoopt|"
    r"verkopen|promoot|promoten|"
    # the Nordic, Polish and other Romance selling verbs: 'skal fremme X', 'queremos anunciar el X', 'wypromować X'
    r"fremme|fremmer|markedsf(?:ø|o)re|markedsf(?:ø|o)rer|lancere|lanserer|lansere|s(?:æ|ä|e)lge|s(?:æ|ä)lger|"
    r"s(?:ä|a)lja|s(?:ä|a)ljer|fr(?:ä|a)mja|marknadsf(?:ö|o)ra|marknadsf(?:ö|o)r|lansera|lanserar|promować|"
    r"wypromować|promujemy|sprzedawać|sprzedajemy|reklamować|anunciar|anunciamos|publicitar|divulgar|"
    r"pubblicizzare|pubblicizziamo|bewerben|vermarkten|promouvoir|faire\s+conna[iî]tre|"
    # what the audience is asked to do with it: 'book a Private Bridal Appointment', 'sign up for our ...'
    r"book(?:ing)?|buy(?:ing)?|order(?:ing)?|try(?:ing)?|offer(?:ing)?|fill(?:ing)?|sign(?:ing)?\s+up\s+(?:for|to)|"
    r"regist(?:er|ering)\s+for|enrol+(?:ing)?\s+(?:on|in|for|onto)|subscrib(?:e|ing)\s+to|awareness\s+of|"
    r"interest\s+in|demand\s+for|(?:get\s+)?(?:a\s+)?quotes?\s+for|"
    # the brief says which thing it is: 'product name on the menu is X', 'our appeal this year is the X'
    r"product\s+name(?:\s+[a-z]+){0,4}\s+is|(?:appeal|offer|product)(?:\s+this\s+(?:year|season|month))?\s+is|"
    r"(?:tickets|passes|places)\s+are"  # 'Tickets are the Maker Fair Family Pass'
)
FOREIGN_TYPE = (  # product-type nouns in the languages briefs arrive in, written before a name
    r"abonnement|abonnements|offre|formule|application|appli|app|gamme|collection|coffret|forfait|carte|"
    r"suscripci[oó]n|oferta|aplicaci[oó]n|gama|colecci[oó]n|paquete|bono|abono|tarifa|"
    r"abbonamento|offerta|applicazione|gamma|collezione|pacchetto|"
    r"assinatura|aplicativo|cole[cç][aã]o|pacote|"
    r"abo|angebot|kollektion|paket|tarif|aanbieding|pakket|collectie|"
    # courses, tours and lines, and the Nordic and Slavic collection words: 'il corso X', 'die Tour X', 'kolekcja X'
    r"corso|curso|cours|kurs|kurz|kurssi|tour|tournée|circuito|rundreise|reise|ruta|rota|linea|línea|linha|serie|"
    # passes and tickets: 'le pass cirque famille', 'el bono de temporada', 'la entrada familiar'
    r"pass|passe|billets?|entradas?|ingressos?|biglietti|biglietto|"
    r"série|reihe|kolekcja|kolekce|kolekcia|kollektionen|samling|samlingen|mallisto|sarja|edizione|edición|edition"
)
CHAT_STAMP = r"\[\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\]"
"""A chat message's time stamp: '[9:41 AM] jess: ...', '[18:02] Lou: ...' (the speaker follows it)."""
GLOSS_IS = re.compile(  # 'Toonverse Premium+ is our new monthly tier', 'Tallyfox is the latest app from ...'
    r"[ \t]+(?:is|are)[ \t]+(?:our|the|a|an)[ \t]+(?:new|latest|flagship|first|newest|own)\b"
)
ASKS = (  # what a campaign asks for, said before the product: 'tickets for Jazz on the Green'
    r"tickets|bookings|seats|places|sign-?ups|orders|enquiries|calls|installs|downloads|registrations|quotes|"
    r"trial\s+starts|trials|leads|pre-?orders|appointments|donations|subscribers|members|renewals|sales|units|copies|"
    # people who sign up to a scheme: 'monthly sponsors for Adopt a Donkey', 'backers for the Loom One'
    r"sponsors|supporters|backers|adopters|enrol(?:l)?ments|applications|entries|pledges|reservations|test\s+drives"
)
TIERS = re.compile(r"Pro|Plus|Premium|Max|Lite|Mini|Ultra|Prime|Deluxe|XL|Go")
"""A tier written after a name marks it as a product ('Streaks Pro', 'Budgetly Premium')."""

OFFER_NOUNS = (  # what a business offers, goods or services, singular or plural
    r"offers?|deals?|sets?|bundles?|editions?|specials?|menus?|packages?|packs?|kits?|ranges?|collections?|"
    r"box(?:es)?|pass(?:es)?|services?|plans?|courses?|class(?:es)?|masterclass(?:es)?|memberships?|"
    r"subscriptions?|cards?|vouchers?|appeals?|tickets?|sessions?|workshops?|lessons?|clinics?|appointments?|"
    r"visits?|checks?|consultations?|treatments?|install(?:ation)?s?|alterations?|repairs?|cleans?|tours?|walks?|"
    r"charters?|cruises?|hampers?|tins|jars|breaks|stays|retreats?|experiences?|polic(?:y|ies)|programmes?|"
    r"programs?|rentals?|clubs?|schemes?|leagues?|catering|"
    # evenings sold by the seat and services sold by the visit or the season: 'our la traviata gala', 'seasonal
    # driveway clearing contract', 'a free damp survey'
    r"galas?|concerts?|recitals?|screenings?|tastings?|inspections?|surveys?|contracts?|"
    # services named by what is done or kept: 'indoor boat storage', 'van hire', 'airport parking', 'dog grooming'
    r"storage|hire|parking|boarding|grooming|tuition|coaching"
)

BOUNDARY = frozenset(
    [
        "in",
        "to",
        "with",
        "at",
        "from",
        "over",
        "across",
        "on",
        "by",
        "this",
        "next",
        "starting",
        "and",
        "we",
        "we'd",
        "we're",
        "we’re",
        "we’d",
        # a product's arrival said after it: 'the 2027 Horizon 26RL travel trailers coming in'
        "coming",
        "arriving",
        "landing",
        "launching",
        "hitting",
        "para",
        "per",
        "pour",
        "für",
        # and in the Nordic languages and Polish: 'Varmepumpe Nord 9 kW til boligejere', 'för familjer', 'dla firm'
        "til",
        # modal verbs in the languages briefs arrive in: 'Fietslease Zakelijk moet live', 'X muss bekannt werden'
        "must",
        "should",
        "could",
        "moet",
        "moeten",
        "muss",
        "müssen",
        "skal",
        "ska",
        "må",
        "för",
        "dla",
        "med",
        "auprès",
        "voor",
        "us",
        "we've",
        "we’ve",
        "i've",
        "i’ve",
        "i'm",
        "i’m",
        "they're",
        "they’re",
        "i",
        "our",
        "it",
        "they",
        "you",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "will",
        "would",
        "can",
        "needs",
        "need",
        "wants",
        "und",
        "entre",
        "bij",
        "bei",
        "unter",
        "chez",
        "presso",
        "tra",
        "fra",
        "dans",
        "naar",
        "nel",
        "nella",
        "im",
        "em",
        "want",
        "goes",
        "go",
        "went",
        "aims",
        "raises",
        "sells",
        "during",
        "before",
        "after",
        "via",
        "using",
        "through",
        "until",
        "who",
        "that",
        "which",
        "starts",
        "runs",
        "returns",
        "opens",
        "launches",
        "—",
        "–",
        "-",
        "campaign",
        "push",
        "launch",
        "so",
        "as",
        "aimed",
        "among",
        "targeting",
        "reaching",
        "speaking",
        "here",
        "release",
        "update",
        "drop",
        "promo",
        "now",
        "please",
        "takes",
        "took",
        "gets",
        "makes",
        "comes",
        "lands",
        "hits",
        "costs",
        "includes",
        "offers",
        "helps",
        "lets",
        "means",
        "doing",
        "into",
        "onto",
        "ahead",
        "sale",
        # Hindi postpositions and copula written in Latin letters: 'Kisan Easy Tractor Loan ka', 'X ke liye'
        "ka",
        "ki",
        "ke",
        "ko",
        "hai",
        "hain",
        # 'in' and 'and' in the Slavic, Nordic and Romance languages: 'Kawa Górska Premium w Krakowie'
        "w",
        "we",
        "na",
        "v",
        "ve",
        "och",
        "og",
        "en",
        "et",
        "y",
        "e",
    ]
)
PRONOUNS = frozenset(
    [
        "us",
        "we",
        "i",
        "it",
        "they",
        "you",
        "this",
        "our",
        "in",
        "to",
        "with",
        "at",
        "from",
        "on",
        "by",
        "and",
        "—",
    ]
)
PEOPLE_WORD = re.compile(
    rf"\b(?:{PEOPLE}|teams?|staff|leaders?|heads?|startups|companies|firms|brands|businesses|agencies|schools|"
    r"universities|charities|retailers|chains|trusts|practices|offices|\w{3,}(?:ers|ists|ians))\b",
    re.IGNORECASE,
)

GREETING = (  # how a brief or an email opens, in the languages briefs arrive in: never a product
    r"hi|hello|hey|dear|hiya|greetings|bonjour|bonsoir|salut|hola|buenos\s+d[ií]as|buenas|ol[aá]|bom\s+dia|ciao|"
    r"buongiorno|salve|hallo|moin|servus|gr[üu](?:ß|ss)\s+(?:gott|dich|euch)|guten\s+(?:tag|morgen)|"
    r"sehr\s+geehrte\w*|liebe[rs]?|goedemorgen|goedemiddag|hoi|hej|hei|tere|ahoj|cze[sś][cć]|dzie[nń]\s+dobry|"
    r"kia\s+ora|g'?day|namaste|cher|ch[eè]re|chers|estimad[oa]s?|querid[oa]s?|caro|cara|cari"
)
OCCASION = (  # days a product is sold for: 'for Valentine's Day', 'for the Frühlingsfest'
    r"(?:the\s+)?(?:black\s+friday|cyber\s+monday|christmas|xmas|easter|halloween|mother'?s\s+day|father'?s\s+day|"
    r"valentine'?s(?:\s+day)?|new\s+year|diwali|eid|ramadan|hanukkah|thanksgiving|white\s+day|lunar\s+new\s+year|"
    r"st\.?\s+patrick'?s|mid-?autumn|oktoberfest|[A-ZÀ-ÖØ-ÞĄĆČĎĘĚŁŃŇŐŘŚŠŤŰŹŻŽ][\w'’]*\s+(?:day|eve|festival|fest|week|weekend)|\w+fest)"
)
NOT_NAME = re.compile(
    rf"^(?:{GREETING}|the|our|a|an|its|their|my|this|that|we|i|hi|hello|hey|dear|please|campaign|brief|notes?|meeting|team|"
    r"client|budget|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"black\s+friday|cyber\s+monday|christmas|easter|halloween|mother's|father's|valentine's|new\s+year|"
    r"subject|re|fw|ps|ok|yes|no|goal|target|audience|start|end)\b",
    re.IGNORECASE,
)
BRIEF_WORDS = re.compile(  # 'Media budget', 'Seasonal hook', 'Key message': the brief's own vocabulary
    r"\b(?:budget|message|hook|goal|audience|channels?|kpis?|timing|list|lists|followers|traffic|footfall|ads|"
    r"adverts|budżet|budzet|presupuesto|orçamento|bilancio|budjetti|rozpočet|költségkeret|bütçe)\b",
    re.IGNORECASE,
)
VENUE = re.compile(  # where a business sells, not what it sells: 'our Camden store', 'the Hopyard taproom', 'the Royal Oak pub'
    r"stores?|shops?|sites?|branch(?:es)?|studios?|clinics?|taproom|restaurants?|caf[eé]s?|salons?|page|website|"
    r"list|lists|community|area|campus|venue|locations?|outlets?|team|pub|bar|brewery|bakery|farm|hotel|theatre|"
    r"museum|gallery|school|college|university|practice|firm|agency|company|club|centre|center|hall|trust|charity|"
    r"foundation|council|hospital|library|church|market|group|partners|ltd|inc|llc|co",
    re.IGNORECASE,
)
EVENT_NOUNS = (
    r"suppers?|dinners?|brunch(?:es)?|feasts?|banquets?|shows?|musicals?|plays?|"
    r"galas?|concerts?|recitals?|screenings?|tastings?|performances?"
)
"""An event people buy a seat at; an event is never the organisation that speaks ('The Lobster Supper is looking
for diners')."""
EVENT_NOUN = re.compile(EVENT_NOUNS, re.IGNORECASE)
PRODUCT_TYPE = re.compile(  # nouns that name something sold, for a name written without a cue
    rf"(?:e-)?(?:{OFFER_NOUNS}|line|tool|app|platform|software|suite|kit|sets?|packs?|boxes|bundles|plans|cards|passes|"
    r"programme|program|bootcamp|insurance|cover|account|subscription|shoes?|boots|trainers|sneakers|jackets?|"
    r"shirts?|dress(?:es)?|bags?|cases?|watch(?:es)?|glasses|tents?|bikes?|e-bikes?|scooters?|cars?|vans?|"
    r"phones?|laptops?|headphones|speakers?|tv|camera|serum|cream|cleanser|shampoo|lotion|candles?|tiles|sofas?|"
    r"chairs?|tables?|beds?|mattress(?:es)?|duvets?|drinks?|juices?|beers?|wines?|gin|coffee|tea|bars?|snacks?|"
    r"meals?|vitamins|supplements?|drops|toys?|games?|books?|magazine|tickets?|vouchers?|blends?|chews|soda|"
    r"lipsticks?|mascara|perfume|fragrance|cookies|biscuits|granola|cereal|chocolates?|crisps|chips|sauces?|rum|"
    r"vodka|whisky|whiskey|cider|lager|ale|stout|backpacks?|rucksacks?|headsets?|earbuds|controllers?|kettles?|"
    r"blenders?|toasters?|vacuums?|lamps?|rugs?|pillows?|towels?|socks|hoodies?|jeans|coats?|hats?|gloves|"
    r"trousers|leggings|swimwear|sunglasses|helmets?|rackets?|balls?|mats?|appeal|apartments|homes|villas|flats|"
    r"residences|lofts|cottages|tours?|cruises?|fares?|stout|pesto|sauce|cakes?|kombucha|cameras?|doorbells?|suits?|"
    r"tees|t-shirts?|posters?|prints?|rooms?|isa|apps|hampers?|clubs?|"
    # goods whose plural ends like a people noun ('-ers'): 'Nordic Knit jumpers' are sold, not reached
    r"jumpers|sweaters|stickers|chargers|burgers|planners|markers|containers|heaters|coolers|filters|printers|"
    r"routers|trackers|slippers|diapers|nappies|shakers|grinders|dryers|steamers|lockers|binders|boxers|"
    r"aligners|trailers|campers|sliders|blockers|cleaners|fryers|mixers|warmers|feeders|sprayers|rollers|"
    # machines and fittings sold to homes and businesses
    r"stairlifts?|lifts?|pumps?|boilers?|panels?|batteries|inverters?|"
    r"figures?|figurines?|consoles?|tablets?|monitors?|tyres?|tires?|wheels?|oils?|sets?|contracts?|leases?|"
    r"loans?|mortgages?|"
    # evenings and shows sold by the seat: 'the Tidewater Lobster Supper', 'our Christmas puppet show'
    rf"{EVENT_NOUNS})",
    re.IGNORECASE,
)

# a day and a month in any language the dates are read in (one month vocabulary: month_names)
DATE_IN = re.compile(rf"(?i:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MON}(?!\w)|\b{MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)")
DEGREE = re.compile(r"MSc|MBA|BSc|BA|MA|MEng|PhD|PgCert|PgDip|LLM|BEd|MRes|HND|HNC|BTEC")
ORG_END = re.compile(
    r"\s(?:Trust|Vets|Gyms?|Foundation|Charity|Council|Ltd|Inc|LLC|Co|Kitchen|Dental|Clinic|Hospital|Bank|"
    r"Brewery|Bakery|Studios?|Accountants|Solicitors|Estates|Agency|Group)$"
)
EVENT_TAIL = re.compile(
    r"(?:\s+[a-z]+-[a-z]+)?\s+(?:(?:(?:renewals?|retention|acquisition|awareness|reactivation|win-?back|upsell|"
    r"cross-sell|referral|loyalty|sign-?ups?|lead-?gen)\s+)?(?:drive|blitz)|sale|event|open\s+day|open\s+evening|launch|promo|campaign|push|drop|release|"
    r"relaunch|restock|giveaway|webinar|brief|enrol+ments?|spring|summer|autumn|winter|season|"
    # what the campaign does for it, said after the name: 'WarmLoft grant scheme awareness', 'X Figure pre-orders'
    r"awareness|pre-?orders?|pre-?sales?|advertising|marketing)$"
)
SEASONAL = re.compile(  # a time a product is sold in, written before or after its name: 'Narrowboat Breaks Easter'
    rf"(?i:(?:chinese|lunar)\s+new\s+year|new\s+year(?:'s)?|black\s+friday|cyber\s+monday|christmas|xmas|easter|"
    r"halloween|mother'?s\s+day|mothers\s+day|father'?s\s+day|fathers\s+day|valentine'?s(?:\s+day)?|diwali|eid|"
    r"ramadan|hanukkah|thanksgiving|mid-?autumn|back[\s-]+to[\s-]+school|spring|summer|autumn|fall|winter|festive|"
    rf"holiday|{MON})"
)
ADVERB = re.compile(
    r"(?!(?:month|week|dai|year|quarter|hour|night|fami|ear|friend|love|ug|ho|jel|bel|ital|supp)ly$)[a-z]{2,}ly|"
    r"only|too|also|now|again|please|first|mainly|mostly"
)
HOUSING = re.compile(
    r"homes|apartments|flats|residences|lofts|villas|cottages|plots|houses|townhouses|bungalows",
    re.IGNORECASE,
)
"""Homes are sold at a development: 'Shared Ownership homes at Millbrook Quay' names the development too."""
TRAVEL = re.compile(
    r"packages|breaks|holidays|tours|cruises|trips|getaways|flights|escapes|retreats?|safaris?|treks?",
    re.IGNORECASE,
)
"""Trips are sold to a place: 'Golden Week packages to Okinawa' names the destination too."""
TIME_WORD = re.compile(
    r"(?:year|day|week|weekend|month|season|eve|night|period|rush|holidays?|break|time|term|half-term|budget|"
    r"total|date|hi|hello|both|all)s?",
    re.IGNORECASE,
)
"""Words that name a time or a part of the brief, never a product on their own ('St Patrick's Day', 'Easter
weekend', 'the Christmas rush')."""
STYLE_PREFIX = re.compile(r"^[\w-]+-style\s+")  # 'Nest-style ThermoSense thermostat': a comparison

TIME_LEAD = re.compile(
    r"^(?:for|in|by|from|during|over|until|till|before|after|through(?:out)?|this|next|last|early|late|mid|end\s+of)"
    r"[\s-]+(?:the\s+)?(?:q[1-4]|h[12]|\d{4}|spring|summer|autumn|fall|winter|holidays?|quarter|year|month|week|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b",
    re.IGNORECASE,
)
"""A time phrase at the start ('For Q1 we want...', 'In January', 'Next spring'): timing, never a product name."""

COMPOUND_HEAD = re.compile(
    r"[a-zà-ÿ]{4,}(?:box|kit|set|sett|sæt|pakket|paket|pakke|pass|kort|karte|kaart|abo|app|tour|kurs|cursus|resa|"
    r"reise|reis|lån|lening|kredit|krediet|meny|menu|abonnement|abonnemang)"
)
"""A lowercase compound whose head is a product noun, as the Germanic and Nordic languages write them: 'Hollandse
Nieuwe haringbox' (herring box), 'Glidfäst Pro vallningskit' (waxing kit), 'Alpen Wanderpass'."""
