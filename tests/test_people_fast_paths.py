"""The people step's shortcuts must give what the plain rule gives, on any text (the
whole step's are checked against the token-by-token reading in test_extract_people.py)."""

from __future__ import annotations

import random


def test_sentence_opener_is_a_lone_word_read_as_opening_a_sentence():
    # A `SENTENCE_OPENER_RE` word is `LONE_WORD_RE`'s, and its entries skip
    # `_word_before_full_stop` when `_Found` asks whether they open a sentence untitled:
    # that must be the plain rule's answer. (That the lone word may be read there at all is
    # checked against the token-by-token reading in test_extract_people.py.)
    from newsarchive.extract.people import (
        ABBREVIATIONS,
        KNOWN_AS_ENDINGS,
        LONE_WORD_RE,
        SENTENCE_OPENER_RE,
        Tokens,
        _opens_sentence_untitled,
        _opens_untitled,
    )

    # What the pattern takes for granted: the word before, all lower-case, is no
    # abbreviation, and no `known as` word ends in a full stop.
    assert not any(word.isascii() and word.islower() for word in ABBREVIATIONS)
    assert all(word.isalpha() for word in KNOWN_AS_ENDINGS)
    pieces = ["said", "st", "a", "ab", "xyz", "Mr", "it", "x/ab", "ab1", "and", "as", "known", "of", "de",
              "Smith", "The", "Of", "De", "Rubio's", "al-Assad", "J", "a" * 19, "b" * 20, "c" * 21,
              ", the foreign minister,", ", the president", ",", "(", "”"]
    gaps = [" ", " ", ". ", ".\n", ". ", ".  ", ".\t", "\n", "", "."]
    rng = random.Random(7)
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(1, 8)))
        tokens = Tokens(text)
        for capital in range(4, len(text)):
            opener = SENTENCE_OPENER_RE.match(text, capital)
            if opener is None:
                continue
            matched += 1
            lone = LONE_WORD_RE.match(text, capital)
            assert lone is not None and lone.end() == opener.end(), text
            end = opener.end()
            assert _opens_untitled((tokens, capital, end, "", "", True)) \
                == _opens_sentence_untitled(tokens, capital, end), (text, capital)
    assert matched > 1000


def test_inverted_attribution_searches_only_where_a_match_can_start():
    from newsarchive.extract.people import ATTRIBUTION_BEFORE_RE, _inverted_attribution

    pieces = ["said", "SAID", "Said", "ſaid", "resaid", "added", "noted", "continued", "x", "3", "_", "said_",
              " ", "  ", "\n", "\t", "\u00a0", ",", ":", ";", ".", ", ", ": ", ",,", "—", "é"]
    rng = random.Random(11)
    found = 0
    for _ in range(30000):
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        plain = ATTRIBUTION_BEFORE_RE.search(before) is not None
        found += plain
        assert _inverted_attribution(before) == plain, repr(before)
    assert found > 1000
