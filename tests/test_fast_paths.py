"""Shortcuts taken for speed must give what the plain rule gives, on any text."""

from __future__ import annotations

import random

import pytest

from newsarchive.model import WORD_RE, Article, count_words

# Every ASCII character, with the non-ASCII word characters and joiners that decide
# which way a paragraph is counted.
ALPHABET = [chr(c) for c in range(128)] + ["’", "é", "—", "\u00a0", "中"]


def random_texts(seed: int, count: int, size: int = 14) -> list[str]:
    rng = random.Random(seed)
    pool = ALPHABET + list("ab -'") * 8  # runs of words and joiners, often
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, size))) for _ in range(count)]


def test_count_words_is_the_pattern_over_the_body():
    texts = random_texts(1, 30000)
    for first, second in zip(texts[::2], texts[1::2], strict=True):
        text = first + "\n\n" + second
        assert count_words(text) == len(WORD_RE.findall(text)), text


def test_count_words_on_long_texts_of_any_share_of_non_ascii():
    """Few non-ASCII characters are stood in for; past STAND_IN_MOST the text is read
    line by line: both ways, on either side of the bound."""
    from newsarchive.model import STAND_IN_MOST

    rng = random.Random(11)
    for _ in range(2000):
        pieces = random_texts(rng.randint(0, 10**6), rng.randint(1, 12), size=rng.choice([14, 80]))
        text = rng.choice(["\n", "\n\n", " "]).join(pieces)
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        extra = STAND_IN_MOST - non_ascii + rng.randint(-2, 2)
        if extra > 0 and rng.random() < 0.5:  # just under, at or just over the bound
            text += "".join(rng.choice(["é", "—", "’", "中"]) for _ in range(extra))
        assert count_words(text) == len(WORD_RE.findall(text)), repr(text)


@pytest.mark.parametrize("text", ["a-b-c", "a--b", "--b", "'a'", "x'-y", "a - b", "it's", "a-", "-",
                                  "", "__", "a_b-c'd e--f'", "rock’n’roll", "café-au-lait"])
def test_count_words_on_joiners(text):
    assert count_words(text) == len(WORD_RE.findall(text))


def test_article_word_count_and_to_dict_agree():
    article = Article(headline="H", paragraphs=["One two-three it's.", "Café au lait — vite"])
    assert article.word_count == len(WORD_RE.findall(article.body)) == article.to_dict()["word_count"] == 7
    assert article.to_dict()["id"] == article.id


def test_normalise_for_id_spacing_shortcut_is_split_and_join():
    import unicodedata

    from newsarchive.model import _QUOTES, normalise_for_id

    def plain(text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        for mark, replacement in _QUOTES.items():
            text = text.replace(mark, replacement)
        return " ".join(text.casefold().split())

    spaces = [" ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "\x85"]
    rng = random.Random(2)
    words = ["Word", "ÉTÉ", "’quoted”", "Straße", "ﬁ", "İstanbul", "x", "—", "‘a–b", "\u0301", "e\u0301", "\uff07"]
    for _ in range(20000):
        parts = [rng.choice(words + spaces) for _ in range(rng.randint(0, 8))]
        text = "".join(parts)
        normalise_for_id.cache_clear()
        assert normalise_for_id(text) == plain(text), repr(text)


def test_text_of_ascii_and_marks_is_nfkc_already():
    """normalise_for_id skips NFKC for a text that is ASCII but for the marks it replaces:
    each mark is NFKC and composes with no ASCII character or other mark, either side."""
    import unicodedata

    from newsarchive.model import _QUOTES

    others = [chr(c) for c in range(128)] + list(_QUOTES)
    for mark in _QUOTES:
        assert unicodedata.combining(mark) == 0
        for other in others:
            for pair in (mark + other, other + mark):
                assert unicodedata.normalize("NFKC", pair) == pair, repr(pair)


def test_eml_sniff_line_by_line_is_the_split_head():
    from newsarchive.readers import eml

    def plain(head: bytes) -> bool:
        lines = head.lstrip(b"\r\n").split(b"\n")
        names: list[bytes] = []
        for line in lines[:400]:
            line = line.rstrip(b"\r")
            if not line.strip():
                break
            if line[:1] in (b" ", b"\t"):
                if not names:
                    return False
                continue
            match = eml.HEADER_LINE_RE.match(line)
            if not match:
                return False
            names.append(match.group("name").lower())
        else:
            if len(lines) > 400:
                return False
        return any(name in eml.MAIL_HEADERS for name in names)

    rng = random.Random(4)
    pieces = [b"From: a", b"X-Foo: b", b" folded", b"\tfolded", b"", b"\r", b"prose line", b"Subject:x", b"\n"]
    heads = [b"", b"\n", b"From: a", b"From: a\n", b"From: a\r\n\r\nbody", b"From: a\n" * 399 + b"To: b",
             b"From: a\n" * 400, b"From: a\n" * 400 + b"To: b", b"From: a\n" * 401]
    for _ in range(20000):
        heads.append(b"\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))))
    for head in heads:
        assert eml.sniff(head) == plain(head), head


def test_is_json_shortcut_answers_as_parsing_does():
    import json

    from newsarchive.readers import JSON_START_RE, _is_json

    def plain(head: bytes) -> bool:
        stripped = head.lstrip()
        if stripped[:1] not in (b"{", b"["):
            return False
        try:
            json.loads(head.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return JSON_START_RE.match(stripped) is not None
        return True

    rng = random.Random(5)
    pieces = [b"[", b"]", b"{", b"}", b" ", b"\n", b"\x0c", b"\"a\"", b":", b",", b"1", b"-2", b"true", b"null",
              b"NaN", b"Infinity", b"x", b"[List]", b"\xc3\xa9", b"\xff"]
    for _ in range(30000):
        head = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _is_json(head) == plain(head), head
    assert not _is_json(b"[China-Watch] Subject line\n\nBody")
    assert _is_json(b"[" + b" " * 100 + b"true]")


def test_signed_note_tail_holds_any_match():
    import re._parser

    from newsarchive.extract import forward as fw

    widest = re._parser.parse(fw.SIGNED_NOTE_RE.pattern, fw.SIGNED_NOTE_RE.flags).getwidth()[1]
    assert widest + 1 < fw.SIGNED_NOTE_TAIL  # and a final newline `$` may stand before


def test_squash_shortcut_is_split_and_join():
    from newsarchive.extract.text import squash

    rng = random.Random(6)
    pieces = ["a", "bc", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u200b", "\x1c", "é", "\xad"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert squash(text) == " ".join(text.split()), repr(text)


def test_furniture_token_limit_is_the_word_count():
    from newsarchive.extract import boilerplate as bp

    for count in range(0, 20):
        line = " ".join(["Word"] * count)
        assert bp._at_most_tokens(line, 8) == (len(bp.words(line)) <= 8)


def test_every_date_pattern_needs_a_year():
    from newsarchive.extract import dates

    for pattern in dates.DATE_PATTERNS:
        assert "(?P<year>(?:19|20)\\d{2})" in pattern.pattern or "(?P<year>(?:19|20)\\d{{2}})" in pattern.pattern
    for text in ["2019-08-17", "17 Aug 2019", "Aug. 17, 2019", "2019/8/17", "17/08/2019", "Aug 17", "no date"]:
        found = dates.find_date(text)
        assert (found is not None) == (dates.YEAR_RE.search(text) is not None and text != "Aug 17")


def test_first_char_dispatch_matches_as_the_whole_pattern():
    from newsarchive.extract import boilerplate as bp
    from newsarchive.extract.cues import FirstCharDispatch

    samples = ["Advertisement", "advert", "Share", "5 min read", "Reading time: 4 min", "Foo mailing list",
               "_____________", "-- ", "--", "Read more: x", "Related", "Key points", "About Acme Corp",
               "###", "-30-", "(END)", "Tags: a, b", "Listen to this article 3:02", "∙ Paid", "中文版",
               "Sent from my iPhone", "To unsubscribe, write", "Follow us on X", "12", "x", "", " ",
               "Copyright 2020", "The article was first published", "http://example.org/mailman/listinfo/x",
               "Media contact:", "For more information", "Source Acme Corp", "ſhare", "K-pop",
               "Keep reading", "Kelvin", "\u212aey points"]
    rng = random.Random(7)
    for _ in range(20000):
        samples.append("".join(rng.choice(["a", "S", "k", " ", ":", "5", "-", "#", "(", "ſ", "\u212a", "re",
                                           "ad", "share", "min", "read", "more", "$", "é"])
                               for _ in range(rng.randint(0, 6))))
    from newsarchive.extract import forward as fw

    samples += ["Begin forwarded message:", "---------- Forwarded message ---------", "**Forwarded message**",
                "-- Forwarded by X --", "BEGIN FORWARDED MESSAGE"]
    for pattern in (bp.OPENING_RE, bp.CALL_TO_ACTION_RE, bp.SHARE_RE, fw.FORWARD_MARKER_RE):
        dispatch = FirstCharDispatch(pattern)
        for text in samples:
            assert (dispatch.match(text) is None) == (pattern.match(text) is None), (pattern.pattern[:30], text)


def test_single_spaced_is_split_and_join():
    from newsarchive.model import single_spaced

    rng = random.Random(8)
    pieces = ["a", "bc", " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f",
              "\u00a0", "\u2028", "\u200b", "é", "\x85"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        spaced = " ".join(text.split()) == text
        if single_spaced(text):
            assert spaced, repr(text)
        elif "\u200b" not in text:  # the only unprintable character here that is no space
            assert not spaced, repr(text)


def test_lower_start_is_the_pattern():
    from newsarchive.extract.text import LOWER_START_RE, _lower_start

    for first in ["", "a", "z", "A", "(", '"', "“", "‘", "'", "é", "1", " "]:
        for second in ["", "a", "q", "B", "(", "é"]:
            text = first + second + "rest"[: len(first)]
            assert _lower_start(text) == (LOWER_START_RE.match(text) is not None), text


def test_dedupe_keys_are_the_plain_definition():
    """body_hash and sketch as first defined: the words of the normalised body (`\\w+`),
    hashed joined by spaces; crc32 of every run of five words joined by spaces, the
    SKETCH_SIZE smallest distinct ones. Stored databases hold these values."""
    import hashlib
    import re
    import zlib

    from newsarchive.dedupe import MIN_DEDUPE_WORDS, SHINGLE_WORDS, SKETCH_SIZE, dedupe_keys, shingles, sketch
    from newsarchive.model import normalise_for_id

    def plain_shingles(words: list[str]) -> set[int]:
        if len(words) < SHINGLE_WORDS:
            return {zlib.crc32(" ".join(words).encode())} if words else set()
        return {zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
                for i in range(len(words) - SHINGLE_WORDS + 1)}

    def plain(body: str) -> tuple[str | None, list[int]]:
        words = re.findall(r"\w+", normalise_for_id(body))
        if len(words) < MIN_DEDUPE_WORDS:
            return None, []
        return (hashlib.sha256(" ".join(words).encode()).hexdigest()[:24],
                sorted(plain_shingles(words))[:SKETCH_SIZE])

    rng = random.Random(9)
    vocabulary = ["the", "Minister", "said", "on", "Tuesday", "rock’n’roll", "café", "Straße", "ﬁnance", "中文",
                  "it's", "well-known", "“quoted”", "—", "...", ",", "x", "42", "_", "İstanbul", "\u00a0", "\n\n"]
    bodies = ["", "Thanks, will do", "a b c d", " ".join(["word"] * 24), " ".join(["word"] * 25),
              "one two three four five " * 10, "one two three four five " * 300, "a b " * 40, "é " * 60,
              " ".join(str(n) for n in range(MIN_DEDUPE_WORDS)), " ".join(str(n) for n in range(3000))]
    for _ in range(3000):
        size = rng.choice([rng.randint(0, 60), rng.randint(0, 400)])
        words = [rng.choice(vocabulary) for _ in range(size)]
        if rng.random() < 0.3:  # repeated text: a phrase over and over, as boilerplate is
            words = words[:rng.randint(1, 8)] * rng.randint(1, 60)
        bodies.append(" ".join(words))
    for body in bodies:
        keys = dedupe_keys(body)
        assert (keys.body_hash, keys.sketch) == plain(body), body[:80]
        words = re.findall(r"\w+", normalise_for_id(body))
        assert shingles(words) == plain_shingles(words)
        assert sketch(words) == sorted(plain_shingles(words))[:SKETCH_SIZE]


def test_count_words_on_every_short_row_of_word_classes():
    """count_words reads each character by its class and its two characters before: every
    row of up to five characters over the classes (ASCII and not) is every case it meets."""
    from itertools import product

    classes = ["a", "_", "'", "-", "’", " ", ".", "é", "中", "—", "\u00a0"]
    for size in range(6):
        for chars in product(classes, repeat=size):
            text = "".join(chars)
            assert count_words(text) == len(WORD_RE.findall(text)), repr(text)


def test_article_values_are_the_row_and_fingerprint():
    """article_values builds the stored row its own faster way: the same values as
    article_to_row (with fingerprint), on extracted articles and on odd dicts."""
    import math

    from conftest import SAMPLE

    from newsarchive.extract import extract
    from newsarchive.readers import read_path
    from newsarchive.store import ARTICLE_COLUMNS, article_to_row, article_values

    def plain(article: dict) -> list:
        row = article_to_row(article)
        return [row[c] for c in ARTICLE_COLUMNS]

    def outcome(make, article: dict) -> object:
        try:
            return make(article)
        except (TypeError, ValueError) as exc:  # a surrogate, an unsortable key: both refuse
            return type(exc)

    articles = [a.to_dict() for m in read_path(SAMPLE) for a in extract(m)]
    assert articles
    rng = random.Random(10)
    strings = ["", "plain", "é", "\x7f", "a\x7fb", "\x00\x1f", "\t\r\n\b\f", '"quoted"', "back\\slash", "\\u00e9",
               "中文", "\ud800", "\U0001f600", "’", "body", "}", ", "]
    values = strings + [None, 0, -1, 1.5, math.nan, math.inf, True, [], {}, ["a", 1], {"z": 1, "a": [None]}]
    base = articles[0]
    for _ in range(3000):
        article = dict(base)
        for key in rng.sample(sorted(article), rng.randint(0, 4)):
            if rng.random() < 0.2:
                del article[key]
            else:
                article[key] = rng.choice(values)
        if rng.random() < 0.5:
            article["body"] = "".join(rng.choice(strings) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.1:
            article[rng.choice(["aaa", "bod", "bodz", "zzz", "body ", 1])] = rng.choice(values)
        articles.append(article)
    articles += [{}, {"body": "x"}, {"body": "x", "source": {"path": "p"}}, {"body": None}, {"sources": None}]
    refused = 0
    for article in articles:
        expected = outcome(plain, article)
        refused += isinstance(expected, type)
        assert outcome(article_values, article) == expected, article
    assert 0 < refused < len(articles) / 4


def test_article_values_after_a_value_it_cannot_encode():
    """The encoders are built once: one that failed half-way must not remember the
    containers it was in (the encoder's circular-reference marks)."""
    from newsarchive.store import ARTICLE_COLUMNS, article_to_row, article_values

    authors: list = ["a", object()]
    with pytest.raises(TypeError):
        article_values({"body": "x", "authors": authors})
    authors.pop()
    article = {"body": "x", "authors": authors}
    row = article_to_row(article)
    assert article_values(article) == [row[c] for c in ARTICLE_COLUMNS]


# Characters that lead, or end, the lines the shortcuts below are taken on, with the
# non-ASCII ones that case-insensitive matching folds to ASCII letters.
LEADS = [chr(c) for c in range(128)] + ["ſ", "\u212a", "İ", "é", "\u00a0", "\u2028", "’", "”", "…", "©"]


def _opening_samples(seed: int, words: list[str], count: int = 20000) -> list[str]:
    rng = random.Random(seed)
    samples = [lead + rest for lead in LEADS for rest in ["", " by Ann Lee", "opyright 2020", "eporting by Ann"]]
    for _ in range(count):
        samples.append("".join(rng.choice(LEADS + words) for _ in range(rng.randint(0, 6))))
    return samples


def test_anchored_alternatives_skip_only_texts_they_cannot_match():
    from newsarchive.extract import boilerplate as bp

    words = ["reporting", " by ", "copyright", "(c) 2020", "source: ", "contact the editor", "with assistance from",
             "contributed to this report", "©", "FILE - ", "PHOTO:", "[image]", "this article first appeared"]
    samples = _opening_samples(9, words)
    for rule in (bp.CAPTION, bp.COPYRIGHT, bp.CREDIT):
        for name, part in rule.parts.items():
            every = frozenset({name})
            for text in samples:
                assert rule.search(text, every) == (part.search(text) is not None), (name, text)


def test_forward_marker_and_field_leads_are_the_patterns():
    from newsarchive.extract import forward as fw

    words = ["Begin forwarded message:", "---------- Forwarded message ---------", "**Forwarded message**",
             "From: Ann", "*Date*: x", "subject:", "Reply-To: b", "cc:", "  ", "-- Forwarded by X --"]
    for text in _opening_samples(10, words):
        assert fw.is_forward_marker(text) == (fw.FORWARD_MARKER_RE.match(text.strip()) is not None), text
        assert fw.is_forward_field(text) == (fw.FORWARD_FIELD_RE.match(text.strip()) is not None), text


def test_ends_sentence_shortcut_is_the_pattern():
    from newsarchive.extract import text as tx

    rng = random.Random(11)
    ends = [".", "!", "?", "…", ":", ";", '"', "'", "”", "’", ")", "]", " ", "\t", "\u00a0", "a", "1", ",", "-"]
    for _ in range(30000):
        line = "".join(rng.choice(ends) for _ in range(rng.randint(0, 16)))
        assert tx.ends_sentence(line) == bool(tx.SENTENCE_END_RE.search(line.rstrip()[-12:])), repr(line)


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_unwrap_block_sentence_end_is_ends_sentence(monkeypatch):
    """unwrap_block tests a line's end inline: the same answer as ends_sentence's pattern."""
    from newsarchive.extract import text as tx

    rng = random.Random(12)
    pieces = ["The rate rose", "a", "said.", "(AP)", "“quoted”", "x.)", "it'", "end:", "so —", "more\u2026",
              "and", "then", "the", "ok]"]
    blocks = ["\n".join(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
                        for _ in range(rng.randint(2, 6))) for _ in range(3000)]
    fast = [tx.unwrap_block(block) for block in blocks]
    monkeypatch.setattr(tx, "SENTENCE_ENDS", frozenset())
    monkeypatch.setattr(tx, "SENTENCE_CLOSERS", _Everything())
    assert [tx.unwrap_block(block) for block in blocks] == fast


def test_quiet_blocks_classify_as_with_every_rule(monkeypatch):
    from newsarchive.extract import boilerplate as bp

    assert bp._QUIET_SHORTCUT  # else the shortcut is never taken, and this tests nothing
    words = ["Copyright", "(c) 2021", "Sign up", "Join now", "Continue reading", "Get started", "Try it free",
             "Subscribe now", "Advertisement", "Share", "Read more:",
             "Related", "Key points", "-- ", "Foo mailing list", "To unsubscribe", "Contacts:", "###", "the",
             "rate", " ", "\n"]
    samples = _opening_samples(13, words)
    blocks = [[line] for line in samples] + [[a, b] for a, b in zip(samples[::2], samples[1::2], strict=False)]
    blocks = [[line for line in block if line.strip()] for block in blocks]
    blocks = [block for block in blocks if block]
    screens = [bp.possible_rules(" ".join(block)) for block in blocks]
    fast = [bp.classify_block(block, possible) for block, possible in zip(blocks, screens, strict=True)]
    monkeypatch.setattr(bp, "_QUIET_SHORTCUT", False)
    assert [bp.classify_block(block, possible) for block, possible in zip(blocks, screens, strict=True)] == fast
    assert sum(possible == bp.QUIET for possible in screens) > 1000


def test_subject_likeness_precheck_never_rules_out_a_match():
    from newsarchive.extract import article as art

    rng = random.Random(14)
    words = ["Fed", "fed", "FED", "rates", "Rate", "rise", "’s", "'s", "Straße", "STRASSE", "İstanbul", "istanbul",
             "ΣΟΦΟΣ", "σοφος", "a", "the", "-", "x’y", "x'y", "ﬁne", "fine", "rock’n’roll"]
    checked = 0
    for _ in range(30000):
        subject = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        line = " ".join(rng.choice(words) for _ in range(rng.randint(0, 7)))
        subject_words = art._word_set(subject)
        if not subject_words:
            continue
        alike = art._jaccard(art._word_set(line), subject_words) >= 0.6
        checked += alike
        assert art._may_be_alike(line, subject_words) or not alike, (subject, line)
    assert checked > 200


def test_first_agency_part_is_where_the_split_pattern_starts():
    from newsarchive.extract import article as art

    rng = random.Random(15)
    pieces = ["AFP", "Reuters", " ", "  ", "\t", "\u00a0", ",", "/", ";", "&", "and", "band", "ands", "x", "é", "."]
    for _ in range(40000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        match = art.AGENCY_LIST_SPLIT_RE.search(text)
        assert art._first_agency_part_end(text) == (match.start() if match else len(text)), repr(text)


def test_possessive_minutes_label_is_the_old_pattern():
    import re

    from newsarchive.extract import boilerplate as bp

    old = re.compile(r"^[\w ]{0,30}:\s*\d+\s*min(?:ute)?s?(?: read)?$", re.IGNORECASE)
    new = re.compile(r"^[\w ]{0,30}+:\s*\d+\s*min(?:ute)?s?(?: read)?$", re.IGNORECASE)
    assert new.pattern[1:] in bp.SHARE_RE.pattern
    rng = random.Random(16)
    pieces = ["Read", " ", ":", "5", "min", "minutes", " read", "é", "_", "x" * 29, "\n", "ſ", "K"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert (new.match(text) is None) == (old.match(text) is None), repr(text)


def test_teaser_line_ending_in_a_sentence_mark_is_never_headline_shaped():
    from newsarchive.extract import boilerplate as bp
    from newsarchive.extract.text import SENTENCE_ENDS

    for mark in SENTENCE_ENDS:
        for words in range(0, 30):
            assert not bp.is_headline_shaped(" ".join(["Word"] * words) + mark)


def test_case_folding_never_shortens_nor_makes_spaces():
    """What publication.LONGEST_NAME relies on, for every character."""
    import sys

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert folded, code
        assert char.isspace() or not any(c.isspace() for c in folded), code


def test_publication_lookup_length_bound_is_the_plain_lookup():
    from newsarchive.extract import publication as pub

    def plain(name: str) -> str | None:
        key = pub.SPACES_RE.sub(" ", name.strip().strip(".,:;").casefold())
        bare = pub.LEADING_THE_RE.sub("", key)
        return pub._ALIAS_INDEX.get(key) or (pub._ALIAS_INDEX.get(bare) if " " in bare else None)

    keys = sorted(pub._ALIAS_INDEX, key=len)[-12:] + ["reuters", "the times"]
    rng = random.Random(17)
    pads = ["", " ", "  ", "\t", "\u00a0", ".", ",", ":;", "the ", "The\t", "THE  ", "x", "ß", "ss"]
    names = []
    for _ in range(20000):
        key = rng.choice(keys)
        key = key.upper() if rng.random() < 0.3 else key
        key = key.replace(" ", rng.choice([" ", "  ", "\t", "\u00a0 "])) if rng.random() < 0.3 else key
        names.append(rng.choice(pads) + rng.choice(pads) + key + rng.choice(pads) + rng.choice(pads))
    assert sum(plain(name) is not None for name in names) > 2000
    for name in names:
        assert pub.lookup_publication.__wrapped__(name) == plain(name), repr(name)


def test_screen_search_first_lists_what_findall_lists():
    from newsarchive.extract import boilerplate as bp
    from newsarchive.extract.cues import cue_text

    screen = bp.SCREEN

    def plain(text: str) -> frozenset[str]:
        found = screen.unscreened
        for cue in set(screen._pattern.findall(cue_text(text))):
            found = found | screen._rules_of[cue]
        return found

    rng = random.Random(18)
    words = ["the", "article", "was", "first", "published", "photo", "Photos:", "subscribe", "sign", "up", "log",
             "in", "more", "articles", "left", "rights", "reserved", "(AP", "Photo/", "x", ",", "-", "\n", "é",
             "source", "follow", "us", "on", "contributed", "to", "this", "report"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    assert sum(plain(text) != screen.unscreened for text in texts) > 5000
    for text in texts:
        assert screen.possible(text) == plain(text), text


def test_take_quotes_block_precheck_is_the_line_loop(monkeypatch):
    from newsarchive.extract import article as art
    from newsarchive.model import Article, Message

    rng = random.Random(19)
    pieces = ["> quoted", ">", "On Mon, Ann wrote:", "Ann WROTE:", "wrote", "-----Original Message-----", "- x",
              "text", "more text here", "a-b", "x > y", "İ", "ſ", ":", "\u212a"]
    blocks = [[" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]
              for _ in range(4000)]

    def run() -> tuple[list[list[str]], list[str]]:
        draft = art.Draft(Message(path="x", format="text"), [art.Block(list(b)) for b in blocks], Article())
        art.take_quotes(draft)
        return [b.lines for b in draft.blocks], [r.text for r in draft.article.removed]

    fast = run()
    monkeypatch.setattr(art, "_may_quote", lambda lines: True)
    assert run() == fast
    assert len(fast[1]) > 500


def test_publication_with_role_first_word_precheck_is_the_plain_search():
    from newsarchive.extract import byline as bl
    from newsarchive.extract import publication as pub

    def plain(piece: str) -> str | None:
        tokens = piece.split(None, 5)
        for cut in range(1, min(len(tokens), 5)):
            name = pub.lookup_publication(" ".join(tokens[:cut]))
            if name and bl.ROLE_RE.match(" ".join(piece.split()[cut:])):
                return name
        return None

    rng = random.Random(20)
    outlets = ["Reuters", "The Washington Post", "washington post", "THE TIMES", "Associated Press", "AP", ".Reuters",
               "Reuters.", "..", ":", "The", "the\u00a0Guardian"]
    roles = ["Staff", "Staff Writer", "correspondent", "reporter", "x", "Jane Doe", "", "Writer."]
    pieces = [" ".join(rng.choice(outlets + roles) for _ in range(rng.randint(0, 5))) for _ in range(20000)]
    assert sum(plain(piece) is not None for piece in pieces) > 300
    for piece in pieces:
        assert bl._publication_with_role(piece) == plain(piece), piece


def test_bio_shape_lead_guards_are_the_patterns(monkeypatch):
    from newsarchive.extract import boilerplate as bp

    words = ["The writer is a fellow", "this author was", "Write to Jane Doe at jane@x.org", "contact Ann Lee at a@b.c",
             "Jane Doe is a reporter", "Email Bo Li at b@l.cn", " ", "x"]
    samples = _opening_samples(21, words, count=10000)
    fast = [bp._bio_name_by_shape(text.strip(), text) for text in samples]
    monkeypatch.setattr(bp, "_NOT_WRITER_IS_LEADS", frozenset())
    monkeypatch.setattr(bp, "_NOT_WRITE_TO_LEADS", frozenset())
    assert [bp._bio_name_by_shape(text.strip(), text) for text in samples] == fast
    assert sum(name is not None for name in fast) > 200
