"""Brand-independent vocabulary of marketing claims, one concept per module.

- ``plain_words``: function words and harmless marketing filler (never a claim on their own).
- ``claim_terms``: the words that make a sentence a claim, by category, and how strongly they do; its
  category tables live in ``claim_terms_standing``, ``claim_terms_health_environment``,
  ``claim_terms_commerce`` and ``claim_terms_product``.
- ``quantity_words``: spelled-out numbers, multipliers, scale words, units and currency symbols.
- ``qualifier_words``: words around a number that qualify, condition, direct or scope it.
- ``negations``: negation words.
- ``word_variants``: US/UK spellings and general synonym groups.

Brand-specific words (product names, the brand's own synonyms) live in the brand library, never here.
"""
