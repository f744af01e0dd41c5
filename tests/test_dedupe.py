"""Duplicate keys: what counts as the same article, and what does not."""

from __future__ import annotations

import hashlib
import heapq
import zlib

from conftest import SAMPLE

from newsarchive.dedupe import (
    MIN_DEDUPE_WORDS,
    NEAR_DUPLICATE_SIMILARITY,
    SKETCH_MIN_SHARED,
    SKETCH_SIZE,
    body_words,
    dedupe_keys,
    shingles,
    similarity,
    sketch,
)

BODY = "\n\n".join(block for block in SAMPLE.read_text(encoding="utf-8").split("\n\n")[3:]
                   if len(block.split()) > 12)
OTHER = ("Japan's exports fell for a second straight month in June as shipments to the "
         "United States slumped under tariffs, data showed on Thursday, adding pressure on an "
         "economy already struggling with weak consumption and a weaker yen. " * 4)


def _shared(a: list[int], b: list[int]) -> int:
    return len(set(a) & set(b))


def test_spacing_quotes_and_case_give_the_same_body_hash():
    variant = BODY.replace("’", "'").replace("“", '"').replace("”", '"').replace(" ", "  ")
    variant = variant.replace("\n\n", "\n \n").upper()
    assert dedupe_keys(variant).body_hash == dedupe_keys(BODY).body_hash
    assert similarity(BODY, variant) == 1.0


def test_a_changed_promo_is_a_near_duplicate():
    promo = "Sign up for our newsletter and get the best of the Post in your inbox every day."
    variant = BODY + "\n\n" + promo
    assert dedupe_keys(variant).body_hash != dedupe_keys(BODY).body_hash
    assert similarity(BODY, variant) >= NEAR_DUPLICATE_SIMILARITY
    assert _shared(dedupe_keys(BODY).sketch, dedupe_keys(variant).sketch) >= SKETCH_MIN_SHARED


def test_half_the_same_text_is_not_a_near_duplicate():
    paragraphs = BODY.split("\n\n")
    half = "\n\n".join(paragraphs[: len(paragraphs) // 2]) + "\n\n" + OTHER * 3
    assert similarity(BODY, half) < NEAR_DUPLICATE_SIMILARITY
    assert _shared(dedupe_keys(BODY).sketch, dedupe_keys(OTHER).sketch) < SKETCH_MIN_SHARED


def test_short_bodies_are_never_folded():
    keys = dedupe_keys("Thanks, I will forward this to the list tomorrow.")
    assert len("Thanks, I will forward this to the list tomorrow.".split()) < MIN_DEDUPE_WORDS
    assert keys.body_hash is None and keys.sketch == []


def test_the_sketch_is_the_smallest_shingle_hashes_however_repetitive_the_body():
    # The sketch ranks only hashes under a bound when enough fall under it; bodies that
    # repeat themselves (few distinct shingles) must still give the true smallest ones.
    bodies = [BODY, OTHER, "word " * 300, "one two " * 200, "a b c d e f g " * 40,
              " ".join(f"w{i % 17}" for i in range(500)), " ".join(f"w{i}" for i in range(26))]
    for body in bodies:
        words = body_words(body)
        assert sketch(words) == heapq.nsmallest(SKETCH_SIZE, shingles(words))
        assert sketch(words) == sorted(set(sketch(words)))
    assert dedupe_keys("word " * 300).sketch == [zlib.crc32(b"word word word word word")]


def test_the_keys_are_taken_over_the_words_of_body_words_whatever_the_script():
    # ASCII bodies are split without the regular expression, others with it: both must
    # give the stored values (those of the text joined as words, then encoded).
    bodies = [BODY, OTHER, "snake_case and CamelCase, x1 2y; ok_ _ __ " * 10,
              "Café déjà vu — naïve Ωmega ﬁne ² ٣ 中文 文字 😀 İstanbul ǅ\u00a0nbsp " * 6,
              "tab\tnew\nline\rcr\x0bvt\x0cff\x1cfs\x85nel end " * 8]
    for body in bodies:
        words = body_words(body)
        keys = dedupe_keys(body)
        assert keys.body_hash == hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:24]
        runs = {zlib.crc32(" ".join(words[i:i + 5]).encode("utf-8")) for i in range(len(words) - 4)}
        assert keys.sketch == sorted(runs)[:SKETCH_SIZE] == sketch(words)
        assert similarity(body, body) == 1.0
