"""Small text helpers shared by the extraction steps."""

from __future__ import annotations

import re
from functools import lru_cache

from newsarchive.model import single_spaced

# A line that ends a sentence: terminal punctuation, possibly inside closing quotes/brackets.
SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$|[\"”’]\s*$")
# How a text with no trailing space that SENTENCE_END_RE matches ends: a last character
# of `SENTENCE_ENDS` always makes a match; one of `SENTENCE_CLOSERS` only after an end
# mark, which the pattern decides; any other character never does.
SENTENCE_ENDS = frozenset(".!?…:;\"”’")
SENTENCE_CLOSERS = frozenset("')]")
WORD_RE = re.compile(r"[\w’'-]+")
LOWER_START_RE = re.compile(r"^[\"“‘'(]?[a-z]")
# LOWER_START_RE's two classes, for `_lower_start`.
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_OPENERS = frozenset("\"“‘'(")
URL_START_RE = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
# The letters a line that URL_START_RE matches starts with.
URL_LEADS = frozenset("hHwW")
# A sentence boundary: end punctuation (and closing quotes), a space, then a capital or an
# opening quote. Initials and common abbreviations ("U.S.", "Mr.", "Jan.") do not count.
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")
ABBREVIATION_RE = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Co|Corp|Ltd|"
    r"No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|a\.m|p\.m)\.)$")


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


# Texts longer than this are counted afresh each time rather than kept in the cache.
WORD_COUNT_CACHE_CHARS = 4000


def word_count(text: str) -> int:
    """`len(words(text))`. Several steps ask how long the same line or block is (is it
    header, a headline, a note, short enough to be boilerplate?): it is counted once."""
    if len(text) > WORD_COUNT_CACHE_CHARS:
        return len(WORD_RE.findall(text))
    return _cached_word_count(text)


@lru_cache(maxsize=1024)
def _cached_word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


def ends_sentence(line: str) -> bool:
    # Only the tail can end a sentence; searching the whole line would make rejoining a
    # long hard-wrapped block quadratic.
    tail = line.rstrip()[-12:]
    last = tail[-1:]
    return last in SENTENCE_ENDS or last in SENTENCE_CLOSERS and SENTENCE_END_RE.search(tail) is not None


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    # Most text asked about is a logical line, spaced singly already: then it is the answer.
    if single_spaced(text):
        return text
    return " ".join(text.split())


def unwrap_block(block: str) -> list[str]:
    """A block's lines as logical lines: hard-wrapped prose is rejoined, list lines kept.

    A line is joined to the next when it does not end a sentence and the next one starts
    in lower case, or when the block is hard-wrapped at a fixed column and the next line's
    first word would not have fitted on this one. Short standalone lines (a byline, a
    date, "LOG IN") stay separate.
    """
    if "\n" not in block:  # one line: nothing to rejoin
        line = block.strip()
        return [line] if line else []
    lines = [line for line in map(str.strip, block.split("\n")) if line]
    if len(lines) <= 1:
        return lines
    widths = [len(line) for line in lines[:-1]]
    wrap_width = max(widths)
    wrapped = len(lines) >= 3 and 50 <= wrap_width <= 100 and min(widths) >= wrap_width - 25
    # Marks no line of most blocks holds, looked for once in the block rather than in
    # each line: a quote mark, a `… wrote:` (which joining can never make: it has no
    # space or hyphen).
    quoting = ">" in block
    replying = "wrote:" in block
    out = [lines[0]]
    previous = lines[0]  # out[-1]: a stripped line, or stripped lines joined
    for before, line in zip(lines, lines[1:], strict=False):
        if line[:1] in URL_LEADS and URL_START_RE.match(line) \
                or quoting and line.startswith(">") != previous.startswith(">") \
                or replying and previous.endswith("wrote:"):
            out.append(line)  # a URL, or the edge of quoted mail, never continues a line
            previous = line
            continue
        # `ends_sentence(previous)`: `previous` has no trailing space to strip.
        lead = line[:1]  # `_lower_start(line)`, without the call: this runs for every line
        lower = lead in _LOWER or lead in _OPENERS and line[1:2] in _LOWER
        join = (len(before) >= 40 and lower and previous[-1:] not in SENTENCE_ENDS and (
            previous[-1:] not in SENTENCE_CLOSERS or not SENTENCE_END_RE.search(previous[-12:]))) or (
            wrapped and _fills_the_wrap(before, line, wrap_width) and not _is_list_item(line)
        )
        if join:
            if previous.endswith("-") and not previous.endswith(" -") and lower:
                previous = previous + line  # a word hyphenated across the wrap
            else:
                previous = previous + " " + line
            out[-1] = previous
        else:
            out.append(line)
            previous = line
    return out


def _lower_start(line: str) -> bool:
    """`LOWER_START_RE.match(line)`, read off the first two characters without a regex call."""
    lead = line[:1]
    return lead in _LOWER or lead in _OPENERS and line[1:2] in _LOWER


def _fills_the_wrap(before: str, line: str, wrap_width: int) -> bool:
    """A hard wrap moved the next word down only because it would not fit."""
    return len(before) + 1 + len(line.split(None, 1)[0]) > wrap_width - 3


LIST_ITEM_RE = re.compile(r"^(?:[-*•]\s|\d+[.)]\s)")


def _is_list_item(line: str) -> bool:
    return bool(LIST_ITEM_RE.match(line))


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences, not split after initials or common abbreviations."""
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_SPLIT_RE.finditer(text):
        end = match.end(1)
        if ABBREVIATION_RE.search(text[max(start, match.start() - 6):match.start()]):
            continue
        sentences.append(text[start:end].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
