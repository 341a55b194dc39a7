"""Brand-independent vocabulary of marketing claims: what makes a sentence a claim, which words carry claims,
which words are harmless filler, number qualifiers, units and general synonyms.

Brand-specific words (product names, the brand's own synonyms) live in the brand library, never here.
"""

from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(["a", "an", "the", "and", "or", "but", "so", "yet", "if", "then", "as", "at", "by", "for", "from", "in", "into", "of", "on", "onto", "to", "with", "via", "this", "that", "these", "those", "there", "here", "it", "its", "it's", "itself", "they", "them", "their", "theirs", "we", "us", "our", "ours", "you", "your", "yours", "he", "she", "his", "her", "him", "i", "me", "my", "mine", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "both", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing", "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "again", "further", "once", "about", "between", "through", "during", "before", "after", "while", "because", "both", "either", "s", "t", "ll", "re", "ve", "d", "m", "o", "y", "let", "lets", "let's", "get", "gets", "got", "getting"])
"""Function words (never claim-bearing on their own; claim-bearing uses are handled by the quantity parser)."""

FILLER: frozenset[str] = frozenset(["enjoy", "enjoying", "discover", "meet", "say", "hello", "welcome", "try", "trying", "start", "starting", "switch", "switching", "choose", "choosing", "pick", "grab", "order", "ordering", "shop", "shopping", "buy", "buying", "purchase", "make", "makes", "making", "made", "keep", "keeps", "keeping", "help", "helps", "helping", "love", "loving", "like", "find", "finding", "see", "seeing", "look", "looking", "give", "gives", "giving", "take", "takes", "taking", "bring", "brings", "go", "goes", "going", "come", "comes", "coming", "want", "wants", "need", "needs", "use", "using", "used", "put", "sip", "sips", "pour", "pours", "drink", "drinks", "drinking", "today", "now", "tonight", "tomorrow", "week", "weekend", "day", "days", "daily", "everyday", "morning", "evening", "time", "times", "moment", "anytime", "home", "house", "kitchen", "family", "families", "household", "households", "people", "everyone", "everybody", "anyone", "someone", "yourself", "life", "lives", "way", "ways", "thing", "things", "lot", "lots", "little", "bit", "plenty", "simply", "simple", "simpler", "easily", "easy", "just", "really", "even", "still", "already", "always-on", "ready", "set", "go", "new", "favourite", "favorite", "great", "good", "nice", "lovely", "fresh", "freshly", "crisp", "cool", "cold", "delicious", "tasty", "refreshing", "beautiful", "beautifully", "designed", "design", "sleek", "smart", "stylish", "thoughtfully", "made", "well", "quality", "everyday", "go-to", "perfect-for", "moment", "moments", "glass", "glasses", "cup", "cups", "sip", "water's", "wherever", "whenever", "whatever", "however", "also", "plus", "too", "along", "together", "around", "across", "throughout", "thanks", "thank", "please", "here's", "there's", "what's", "that's", "it's", "you're", "we're", "you'll", "we'll", "your", "yours", "ours", "brand", "range", "collection", "line", "product", "products", "learn", "more", "info", "information", "details", "detail", "visit", "site", "online", "website", "web", "app", "link", "click", "tap", "button", "today's", "need-to-know", "hey", "hi", "friends", "friend", "fellow", "best-kept", "part", "parts", "piece", "big", "small", "little", "size", "sizes", "very", "too", "much", "such", "own", "same", "other", "others", "up", "down", "out", "away", "back", "into", "onto", "upon", "yet", "mean", "means", "meaning"])
"""Harmless marketing filler: tolerated when a claim sentence adds it to an approved claim's wording."""

# --- Claim triggers by category (stems and phrases are matched on normalised text) --------------------------
CLAIM_TERMS: dict[str, tuple[str, ...]] = {
    "certification": (
        "certified", "certification", "certify", "accredited", "accreditation", "approved", "approval",
        "tested", "lab-tested", "laboratory", "lab", "proven", "clinically", "clinical", "verified",
        "endorsed", "recommended", "nsf", "ansi", "iso", "fda", "epa", "wqa", "ul", "tuv", "kitemark", "standard",
        "compliant", "compliance", "registered", "patented", "patent", "official", "independently",
        "independent",
    ),
    "award": (
        "award", "awards", "award-winning", "winner", "winning", "won", "voted", "rated", "rating", "prize",
        "best buy", "editor's choice", "shortlisted", "finalist", "accolade",
    ),
    "superlative": (
        "best", "best-selling", "bestselling", "#1", "number one", "no. 1", "leading", "top", "top-rated",
        "ultimate", "unbeatable", "unmatched", "unrivalled", "unrivaled", "world-class", "perfect", "fastest",
        "cleanest", "purest", "safest", "healthiest", "cheapest", "greatest", "strongest", "longest", "most",
        "least", "first", "only", "finest", "highest", "lowest", "world's", "industry-leading", "market-leading",
    ),
    "comparative": (
        "better", "faster", "cleaner", "clearer", "fresher", "longer", "cheaper", "healthier", "safer",
        "purer", "greener", "smarter", "stronger", "quicker", "easier", "tastier", "crisper", "superior",
        "improved", "more", "less", "fewer", "lower", "higher", "greater", "outperforms", "outperform", "beats",
        "compared", "versus", "vs", "than", "twice", "double", "triple", "times", "younger", "older", "newer",
        "lighter", "heavier", "warmer", "softer", "gentler", "quieter", "brighter", "thinner", "thicker", "wider",
        "bigger", "smaller", "larger", "taller", "deeper", "richer", "calmer", "drier", "sooner", "louder",
        "tougher", "sharper", "slower", "fuller", "closer", "bolder", "firmer", "smoother", "sturdier", "roomier",
        "milder", "kinder", "shorter", "stronger", "sweeter", "happier", "lower-cost",
    ),
    "health": (
        "health", "healthy", "healthier", "safe", "safer", "safety", "pure", "purify", "purifies", "purified",
        "purifying", "clean", "cleaner", "contaminant", "contaminants", "toxin", "toxins", "toxic", "non-toxic",
        "lead", "mercury", "chlorine", "fluoride", "arsenic", "pfas", "pfoa", "pfos", "bacteria", "bacterial",
        "virus", "viruses", "germs", "microplastic", "microplastics", "pesticide", "pesticides", "herbicides",
        "nitrate", "nitrates", "cadmium", "copper", "zinc", "voc", "vocs", "limescale", "sediment", "heavy metals",
        "metals", "chemicals", "chemical", "hormones", "pharmaceuticals", "cyst", "cysts", "bpa", "bpa-free",
        "disease", "illness", "immune", "immunity", "cure", "cures", "heal", "heals", "treat", "treats",
        "prevent", "prevents", "protect", "protects", "protection", "detox", "medical",
        "doctor", "doctors", "dermatologist", "sterile", "antibacterial", "hypoallergenic", "odour", "odor",
        "taste", "impurities", "harmful", "hazardous", "risk", "risks", "skin", "hair", "vitamin", "minerals",
        "nutrients", "organic", "natural", "all-natural", "chemical-free", "toxin-free", "repair", "repairs",
        "damage", "weight", "lose weight", "weight loss", "joints", "digestion", "digestive", "allergy", "allergies",
        "allergic", "allergen", "eczema", "acne", "wrinkles", "anti-ageing", "anti-aging", "heart", "cholesterol",
        "blood", "inflammation", "sleep", "energy", "wellbeing", "well-being", "stress", "anxiety",
    ),
    "environmental": (
        "plastic", "plastics", "plastic-free", "recycle", "recycled", "recycling", "recyclable", "reusable",
        "reuse", "waste", "zero-waste", "landfill", "ocean", "oceans", "planet", "environment", "environmental",
        "environmentally", "eco", "eco-friendly", "green", "sustainable", "sustainably", "sustainability",
        "carbon", "co2", "emissions", "climate", "neutral", "biodegradable", "compostable", "renewable",
        "footprint", "packaging", "take-back", "single-use", "fsc", "vegan", "cruelty-free",
    ),
    "offer": (
        "free", "offer", "offers", "deal", "deals", "discount", "discounts", "discounted", "save", "saves",
        "saving", "savings", "off", "sale", "promo", "promotion", "coupon", "code", "voucher", "bonus", "gift",
        "bogo", "subscribe", "subscription", "shipping", "delivery", "delivered", "postage", "returns",
        "trial", "complimentary", "bundle", "clearance", "members",
    ),
    "price": (
        "price", "prices", "priced", "cost", "costs", "costing", "cheap", "cheaper", "cheapest", "affordable",
        "value", "pay", "budget", "expensive", "money", "dollars", "pounds", "euros",
        "cents", "pence",
    ),
    "outcome": (
        "results", "result", "outcomes", "effects", "benefits", "difference", "transformation", "transforms",
    ),
    "guarantee": (
        "guarantee", "guaranteed", "guarantees", "warranty", "warranties", "money-back", "refund", "refunds",
        "refundable", "promise", "promises", "risk-free", "lifetime", "satisfaction", "no-quibble", "returnable",
    ),
    "availability": (
        "available", "availability", "stock", "in-stock", "stores", "store", "stockists", "stockist", "retailers",
        "retailer", "sold", "sells", "ships", "ship", "shipped", "nationwide", "worldwide", "countries",
        "country", "launch", "launches", "launched", "exclusive", "exclusively", "limited", "until", "ends",
        "online", "supermarkets", "pharmacies", "pharmacy",
    ),
    "performance": (
        "remove", "removes", "removed", "removing", "removal", "reduce", "reduces", "reduced", "reducing",
        "reduction", "eliminate", "eliminates", "eliminated", "elimination", "filter", "filters", "filtered",
        "filtering", "filtration", "block", "blocks", "blocking", "kill", "kills", "killing", "capture",
        "captures", "trap", "traps", "lasts", "last", "lasting", "long-lasting", "replaces", "replace", "cuts",
        "cut", "holds", "capacity", "flow", "fast", "quick", "instantly", "instant", "effective", "efficient",
        "powerful", "works", "proven", "fits", "compatible", "durable", "lifespan", "made", "contains",
        "strips", "neutralises", "neutralizes", "absorbs", "softens", "boosts", "improves", "enhances",
    ),
    "suitability": (
        "suitable", "suited", "ideal", "appropriate", "compatible", "safe for", "approved for", "works with",
        "tolerated", "tolerates", "gentle enough",
    ),
    "resistance": (
        "resistant", "resistance", "water-resistant", "waterproof", "weatherproof", "sweat-proof", "sweatproof",
        "shockproof", "fireproof", "proof", "repellent", "hard-wearing", "unbreakable", "leak-proof", "leakproof",
        "non-slip", "anti-slip", "stain-resistant", "scratch-resistant",
    ),
    "absolute": (
        "all", "every", "always", "never", "100%", "completely", "totally", "entirely", "fully", "forever",
        "permanent", "permanently", "zero", "nothing", "none", "absolutely", "guaranteed", "whole", "any",
        "everything", "instantly",
    ),
}
"""Words (or phrases) that make a sentence a factual claim, by category."""

CLAIM_CATEGORIES_FOR_TOPICS: dict[str, str] = {
    "health": "health", "environmental": "environmental", "offer": "offer", "price": "price",
    "guarantee": "guarantee", "availability": "availability", "award": "award", "certification": "certification",
    "comparative": "comparison",
}
"""Claim category -> library topic (for conditional disclaimers inferred from text)."""

WEAK_TRIGGERS: frozenset[str] = frozenset({
    "more", "less", "only", "just", "from", "all", "every", "any", "made", "last", "off", "ship", "code", "times",
    "value", "top", "first", "most", "least", "whole", "store", "online", "money", "launch", "limited", "until",
    "works", "fast", "quick", "taste", "save", "clean", "ends", "risk", "green", "neutral", "skin", "hair", "lab",
    "standard", "official", "fits", "contains", "gift", "members", "trial", "none", "nothing", "zero", "treat",
    "treats", "region", "heart", "blood", "sleep", "energy", "stress", "damage", "weight", "proof", "ideal",
    "appropriate", "tolerated", "younger", "older", "newer", "lighter", "heavier", "warmer", "softer", "gentler",
    "quieter", "brighter", "thinner", "thicker", "wider", "bigger", "smaller", "larger", "taller", "deeper",
    "richer", "calmer", "drier", "sooner", "louder", "tougher", "sharper", "slower", "fuller", "closer", "bolder",
    "firmer", "smoother", "sturdier", "roomier", "milder", "kinder", "shorter", "sweeter", "happier",
})
"""Trigger words too common to make a claim on their own: a sentence needs another trigger or a number."""

SOFT_COMPARATIVES: frozenset[str] = frozenset({
    "younger", "older", "newer", "lighter", "heavier", "warmer", "softer", "gentler", "quieter", "brighter",
    "thinner", "thicker", "wider", "bigger", "smaller", "larger", "taller", "deeper", "richer", "calmer", "drier",
    "sooner", "louder", "tougher", "sharper", "slower", "fuller", "closer", "bolder", "firmer", "smoother",
    "sturdier", "roomier", "milder", "kinder", "shorter", "sweeter", "happier",
})
"""Everyday comparatives: a comparison only with 'than' or right after a quantity ('6 years younger')."""

HARD_NOVEL_CATEGORIES: tuple[str, ...] = (
    "certification", "award", "superlative", "comparative", "health", "environmental", "offer", "price",
    "guarantee", "availability", "absolute", "outcome", "suitability", "resistance",
)
"""A claim-sentence word from these categories that the approved claim lacks always makes it unsupported."""

SOFT_CLAIM_WORDS: frozenset[str] = frozenset({
    "only", "just", "from", "made", "any", "online", "money", "value", "last", "lasting", "store", "ship",
    "whole", "first", "top", "code", "offer", "offers",
})
"""Category words with an everyday sense as well; added to a claim they count as wording, not as a new claim."""

# --- Numbers ---------------------------------------------------------------------------------------------------
NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
    "dozen": 12,
}
"""Spelled-out numbers."""

MULTIPLIER_WORDS: dict[str, float] = {"twice": 2, "double": 2, "triple": 3, "treble": 3, "quadruple": 4}
"""Words that state a multiple ('twice as fast')."""

SCALE_WORDS: dict[str, float] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "k": 1000, "m": 1_000_000}
"""Words that scale a preceding number ('2 thousand', '1.5 million')."""

UNITS: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "pc": "%",
    "l": "litre", "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "ltr": "litre",
    "ml": "ml", "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml",
    "gallon": "gallon", "gallons": "gallon", "gal": "gallon", "oz": "oz", "ounce": "oz", "ounces": "oz",
    "fl oz": "oz", "cup": "cup", "cups": "cup", "pint": "pint", "pints": "pint",
    "second": "second", "seconds": "second", "sec": "second", "secs": "second", "s": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "business day": "business day", "business days": "business day", "working day": "business day",
    "working days": "business day",
    "micron": "micron", "microns": "micron", "µm": "micron", "um": "micron", "micrometre": "micron",
    "micrometres": "micron", "nm": "nm", "mm": "mm", "cm": "cm", "m": "metre", "metre": "metre",
    "metres": "metre", "meter": "metre", "meters": "metre", "km": "km", "kg": "kg", "g": "g", "gram": "g",
    "grams": "g", "lb": "lb", "lbs": "lb", "ppm": "ppm", "ppb": "ppb", "kwh": "kwh",
    "x": "x", "times": "x", "fold": "x",
    "dollar": "USD", "dollars": "USD", "usd": "USD", "pound": "GBP", "pounds": "GBP", "gbp": "GBP",
    "euro": "EUR", "euros": "EUR", "eur": "EUR", "cent": "cent", "cents": "cent", "pence": "pence", "p": "pence",
    "star": "star", "stars": "star",
}
"""Unit words after a number -> canonical unit."""

CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "us$": "USD", "c$": "CAD",
                                    "ca$": "CAD", "a$": "AUD"}
"""Currency symbols before a number."""

QUALIFIERS: dict[tuple[str, ...], str] = {
    ("up", "to"): "up_to", ("as", "much", "as"): "up_to", ("as", "many", "as"): "up_to",
    ("a", "maximum", "of"): "up_to", ("maximum", "of"): "up_to", ("max",): "up_to", ("maximum",): "up_to",
    ("at", "least"): "at_least", ("a", "minimum", "of"): "at_least", ("minimum", "of"): "at_least",
    ("min",): "at_least", ("minimum",): "at_least", ("no", "less", "than"): "at_least",
    ("no", "fewer", "than"): "at_least", ("starting", "at"): "at_least", ("from",): "at_least",
    ("more", "than"): "more_than", ("over",): "more_than", ("above",): "more_than", ("greater", "than"): "more_than",
    ("in", "excess", "of"): "more_than", ("upwards", "of"): "more_than", ("beyond",): "more_than",
    ("larger", "than"): "more_than", ("bigger", "than"): "more_than", ("longer", "than"): "more_than",
    ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("within",): "less_than", ("smaller", "than"): "less_than",
    ("shorter", "than"): "less_than", ("no", "more", "than"): "at_most", ("at", "most"): "at_most",
    ("about",): "approx", ("around",): "approx", ("approximately",): "approx", ("approx",): "approx",
    ("roughly",): "approx", ("nearly",): "approx", ("almost",): "approx", ("close", "to"): "approx",
    ("some",): "approx", ("circa",): "approx", ("~",): "approx",
    ("exactly",): "exact", ("only",): "exact", ("just",): "exact", ("a", "full"): "exact",
}
"""Phrases right before a number -> qualifier."""

CONDITION_QUALIFIERS: frozenset[tuple[str, ...]] = frozenset({
    ("larger", "than"), ("bigger", "than"), ("smaller", "than"), ("longer", "than"), ("shorter", "than"),
})
"""Qualifiers that always restrict what the claim applies to ('particles larger than 2 microns')."""

CONDITION_LEADS: frozenset[str] = frozenset({
    "on", "for", "with", "when", "if", "orders", "order", "purchases", "purchase", "baskets", "basket", "spend",
    "spending", "spends", "items", "particles", "sizes",
})
"""Words shortly before a bounded number that make it a condition ('free shipping on orders over $35')."""

DIRECTION_WORDS: dict[str, str] = {
    "more": "more", "extra": "more", "additional": "more", "greater": "more", "higher": "more",
    "less": "less", "fewer": "less", "lower": "less", "cheaper": "less", "off": "off",
}
"""Words right after a quantity that give its direction ('300 fewer bottles', '25% off')."""

SCOPE_LEADS: frozenset[str] = frozenset({"per", "a", "an", "each", "every"})
"""Words that start a rate scope right after a quantity ('per litre', 'a day')."""

NEGATIONS: frozenset[str] = frozenset({"not", "no", "never", "without", "don't", "doesn't", "isn't", "won't",
                                       "can't", "cannot", "nor", "aren't"})
"""Negation words (a claim sentence negated where the approved wording is not is unsupported)."""

SPELLING: dict[str, str] = {
    "liter": "litre", "liters": "litres", "odor": "odour", "odors": "odours", "flavor": "flavour",
    "flavors": "flavours", "color": "colour", "colors": "colours", "program": "programme",
    "programs": "programmes", "aluminum": "aluminium", "fiber": "fibre", "center": "centre",
    "favorite": "favourite", "optimize": "optimise", "recognized": "recognised", "neutralize": "neutralise",
    "neutralizes": "neutralises", "catalog": "catalogue", "meter": "metre", "meters": "metres",
    "gray": "grey", "jewelry": "jewellery",
}
"""US -> UK spelling, so either matches the other."""

GENERAL_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("remove", "removes", "removal", "reduce", "reduction", "cut", "cuts", "decrease",
     "filter out", "filters out", "take out", "takes out", "get rid of", "gets rid of", "strip out", "strips out"),
    ("shipping", "delivery", "postage", "shipped", "delivered", "ships"),
    ("free", "free of charge", "at no cost", "at no extra cost", "no charge", "complimentary"),
    ("order", "orders", "purchase", "purchases", "basket", "spend"),
    ("refund", "money back", "money-back", "your money back"),
    ("guarantee", "guaranteed", "guarantees"),
    ("certified", "certification", "certify", "certifies"),
    ("discount", "off", "save", "saving", "savings"),
    ("store", "stores", "retailer", "retailers", "stockist", "stockists"),
    ("fast", "quick", "quickly", "rapid", "rapidly"),
    ("replace", "replaces", "swap", "swaps", "replacing"),
    ("last", "lasts", "lasting"),
    ("taste", "flavour", "tastes"),
    ("odour", "smell", "smells", "odours"),
    ("buy", "buying", "purchase", "purchasing"),
    ("award", "awards", "prize"),
    ("winner", "won", "winning", "win", "wins", "voted", "awarded", "crowned", "took home", "was named",
     "were named", "was voted", "was awarded", "is named"),
    ("return", "returned", "send back", "sent back"),
    ("use", "used", "using"),
    ("come with", "comes with", "include", "includes", "including", "included", "backed by", "carries", "carry"),
    ("available", "sold", "on sale"),
    ("across", "throughout", "around"),
    ("subscribe", "subscription", "subscribers"),
    ("recycled", "recycled-content"),
    ("microplastics", "microplastic", "plastic particles", "microplastic particles"),
    ("bottled water", "bottles of water", "bottled"),
)
"""Groups of general words that mean the same in a claim (a paraphrase may use any of a group)."""
