"""Digests: one message carrying several articles.

A digest is a run of pieces between separator lines (`*****`, `-----`, `=====`), often
after a table of contents. The message is a digest when at least two pieces look like
articles on their own: a short headline-shaped line, a header line (byline, date or
publication) near the top, and prose below. Anything else is one article, whose stray
separators are set aside.
"""

from __future__ import annotations

import re

from newsarchive.extract.text import ends_sentence, word_count

SEPARATOR_RE = re.compile(r"^(?:[*=~#_-]\s?){3,}$|^(?:[*=~#-]{2,}\s*)?(?:end of (?:article|story)|"
                          r"article \d+ of \d+)(?:\s*[*=~#-]{2,})?$", re.IGNORECASE)
# A contents list: an intro line ("In this issue:") and list items, or numbered lines.
TOC_INTRO_RE = re.compile(
    r"^(?:in this (?:issue|digest|edition)|today'?s (?:articles|stories|topics|items)|"
    r"(?:table of )?contents|topics|headlines|today'?s headlines|this week)\b.*:?$",
    re.IGNORECASE,
)
TOC_ITEM_RE = re.compile(r"^(?:\d{1,2}[.)]|[-*•])\s+\S")
# The header fields of a Mailman digest's `Message: 2` block, not part of the piece's text.
MAIL_FIELD_RE = re.compile(r"^(?:Message|From|Date|Subject|To|Cc|Message-ID|Content-Type)\s*:", re.IGNORECASE)
# Words of prose a piece needs to count as an article (a wire brief has a paragraph or two).
MIN_PROSE_WORDS = 20


def is_separator(lines: list[str]) -> bool:
    return len(lines) == 1 and bool(SEPARATOR_RE.match(lines[0].strip()))


def is_contents(lines: list[str]) -> bool:
    """A table of contents: a list of headlines, no prose."""
    items = [ln for ln in lines if TOC_ITEM_RE.match(ln.strip())]
    intro = bool(TOC_INTRO_RE.match(lines[0].strip()))
    if len(items) >= 2 and (intro or len(items) == len(lines)):
        return all(not ends_sentence(ln) or TOC_INTRO_RE.match(ln) for ln in items)
    return False


def split_pieces(blocks: list) -> list[list] | None:
    """The blocks grouped into pieces at separators, or None when there are none."""
    pieces: list[list] = [[]]
    found = False
    for block in blocks:
        pieces[-1].append(block)
        if is_separator(block.lines):
            found = True
            pieces.append([])
    if not found:
        return None
    return [p for p in pieces if p]


def looks_like_article(piece: list, is_header_line) -> bool:
    """A headline-shaped line near the top, a header line (date, byline, outlet) just
    below it, and some prose."""
    lines = [ln for block in piece for ln in block.lines if not MAIL_FIELD_RE.match(ln.strip())]
    head = lines[:8]
    titles = [i for i, ln in enumerate(head)
              if 1 <= word_count(ln) <= 25 and not ends_sentence(ln) and ln.strip()[:1].isupper()
              and not is_header_line(ln)]
    if not titles or not any(is_header_line(ln) for ln in head[titles[0] + 1:titles[0] + 5]):
        return False
    prose = sum(word_count(ln) for ln in lines if word_count(ln) >= 12)
    return prose >= MIN_PROSE_WORDS
