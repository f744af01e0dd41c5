"""Duplicate detection: the keys that say two articles are one. Pure functions, no I/O.

The same article turns up many times in an archive: forwarded to two lists, under
another subject tag, as HTML and as text, with a teaser or promo left in or out. Three
tests, cheapest first:

1. the id (normalised headline and body) is the same: the same article;
2. the normalised body alone hashes the same (`body_hash`): another subject or headline;
3. word 5-shingles of the body overlap by at least NEAR_DUPLICATE_SIMILARITY (Jaccard).
   Comparing every pair is quadratic, so each body gets a bottom-k sketch (the SKETCH_SIZE
   smallest shingle hashes); bodies whose sketches share at least SKETCH_MIN_SHARED values
   are candidates, and only candidates are compared shingle by shingle.

Short bodies ("Thanks, will do") are identical across unrelated messages, so bodies under
MIN_DEDUPE_WORDS words are never folded by tests 2 and 3.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from newsarchive.model import normalise_for_id

SHINGLE_WORDS = 5
SKETCH_SIZE = 16
# Two sets with Jaccard >= 0.9 share about 0.9 * SKETCH_SIZE of their bottom-k values;
# half is a generous floor that still keeps unrelated bodies apart.
SKETCH_MIN_SHARED = 8
NEAR_DUPLICATE_SIMILARITY = 0.9
MIN_DEDUPE_WORDS = 25
# How many times SKETCH_SIZE shingle hashes `sketch` expects under its cut-off.
SKETCH_BOUND_SHARE = 3

_WORD_RE = re.compile(r"\w+")
# For an all-ASCII text, `\w` is exactly the bytes [0-9A-Za-z_]: mapping every other byte
# to a space and splitting gives the words of _WORD_RE.findall, already encoded, with no
# regular expression run (three times faster; nearly every body is ASCII once normalised).
_ASCII_NON_WORD_TO_SPACE = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ")
                                 for c in range(128)) + b" " * 128


@dataclass
class DedupeKeys:
    body_hash: str | None
    sketch: list[int]


def body_words(body: str) -> list[str]:
    return _WORD_RE.findall(normalise_for_id(body))


def _body_word_bytes(body: str) -> list[bytes]:
    """body_words(body), each word UTF-8 encoded: what the hashes are taken over."""
    text = normalise_for_id(body)
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).split()
    return list(map(str.encode, _WORD_RE.findall(text)))


def shingles(words: list[str]) -> set[int]:
    """Stable 32-bit hashes of every run of SHINGLE_WORDS words (the whole text if shorter)."""
    return _shingle_set(list(map(str.encode, words)))


def _shingle_set(words: list[bytes]) -> set[int]:
    """shingles() of words already encoded."""
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(b" ".join(words))} if words else set()
    return set(_shingle_hashes(words))


def _shingle_hashes(words: list[bytes]) -> Iterator[int]:
    """The hash of each run of SHINGLE_WORDS words (encoded), repeats included (len(words) >= 5).

    UTF-8 is concatenative, so joining encoded words gives the encoded joined text: the
    same crc32 as a shingle joined as text and then encoded, without an encode per shingle.
    """
    # map/zip keep the per-shingle work in C: this runs for every article ingested.
    # Each of the five runs is an iterator over `words` advanced to its first word (the
    # itertools "consume" recipe), not a copy of the list from there: four copies of a
    # long body's words cost a twentieth of the sketch.
    runs = [iter(words) for _ in range(SHINGLE_WORDS)]
    for start, run in enumerate(runs):
        next(islice(run, start, start), None)
    return map(zlib.crc32, map(b" ".join, zip(*runs, strict=False)))


def sketch(words: list[str]) -> list[int]:
    """The SKETCH_SIZE smallest shingle hashes, smallest first."""
    if len(words) < SHINGLE_WORDS:
        return sorted(shingles(words))[:SKETCH_SIZE]
    return _sketch(list(map(str.encode, words)))


def _sketch(words: list[bytes]) -> list[int]:
    """sketch() of words already encoded (at least SHINGLE_WORDS of them)."""
    # Hashes are uniform over 32 bits, so about SKETCH_BOUND_SHARE * SKETCH_SIZE of them
    # fall under this bound: keeping those (filter runs in C) spares building and
    # ranking the whole set. Too few distinct ones under it, and all are ranked: the
    # bound only decides how fast the sketch comes, never what it is.
    runs = len(words) - SHINGLE_WORDS + 1
    bound = (SKETCH_BOUND_SHARE * SKETCH_SIZE << 32) // runs
    small = set(filter(bound.__gt__, _shingle_hashes(words)))
    # A bound above every 32-bit hash (a body of at most SKETCH_BOUND_SHARE * SKETCH_SIZE
    # runs) kept them all: a short body of repeated text needs no second pass.
    if len(small) >= SKETCH_SIZE or bound > 0xFFFFFFFF:
        return sorted(small)[:SKETCH_SIZE]
    return heapq.nsmallest(SKETCH_SIZE, set(_shingle_hashes(words)))


def dedupe_keys(body: str) -> DedupeKeys:
    """The body hash and sketch of one article; empty for bodies too short to fold."""
    words = _body_word_bytes(body)
    if len(words) < MIN_DEDUPE_WORDS:
        return DedupeKeys(None, [])
    body_hash = hashlib.sha256(b" ".join(words)).hexdigest()[:24]
    return DedupeKeys(body_hash, _sketch(words))


def similarity(body_a: str, body_b: str) -> float:
    """Jaccard similarity of two bodies' shingle sets, 0.0 to 1.0."""
    a = _shingle_set(_body_word_bytes(body_a))
    b = _shingle_set(_body_word_bytes(body_b))
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
