"""Forwards: the article inside someone else's mail.

A forwarded article comes wrapped: the forwarder's own note (`FYI`, `[Note: …]`), a
`Begin forwarded message:` or `---------- Forwarded message ---------` header block, and
sometimes the whole article quoted with `> `. These rules find the wrapping so that the
article steps see the article alone.
"""

from __future__ import annotations

import re

from newsarchive.extract.cues import ruled_out_leads
from newsarchive.extract.text import squash, word_count

QUOTE_PREFIX_RE = re.compile(r"^\s*>\s?")
FORWARD_MARKER_RE = re.compile(
    r"^(?:-{2,}\s*(?:Forwarded|Original) message\s*-{2,}|Begin forwarded message:?|"
    r"-{2,}\s*Forwarded by .*-{2,}|\*{0,2}Forwarded message\*{0,2}:?)$",
    re.IGNORECASE,
)
FORWARD_FIELD_RE = re.compile(r"^\*?(?:From|Date|Sent|Subject|To|Cc|Reply-To)\*?:\s*\S?", re.IGNORECASE)
# The ASCII characters no match of these can start with: a line led by one (most lines
# of prose) is answered without a call to the pattern.
_NO_MARKER_LEADS = ruled_out_leads(FORWARD_MARKER_RE)
_NO_FIELD_LEADS = ruled_out_leads(FORWARD_FIELD_RE)
FORWARD_DATE_RE = re.compile(r"^\*?(?:Date|Sent)\*?:\s*(?P<date>.+)$", re.IGNORECASE)

# The forwarder's own words around an article.
NOTE_RE = re.compile(
    r"^\[(?:note|n\.?b\.?|ed(?:itor)?['’]?s? note|comment|mod(?:erator)?(?:['’]s)? note|"
    r"list (?:owner|editor|moderator))\b.*\]$"
    r"|^\[[^\]]{10,}\]$"
    r"|^(?:note|n\.b\.?)\s*[:–—-]"  # "Note: …", never "Note that …"
    r"|^(?:fyi|fwiw|ps|p\.s\.)\b[:,.!\s-]"
    r"|^(?:fyi|fwiw)\.?$"
    r"|^(?:hi|hello|dear|greetings)\b[\w ,]{0,30}[,!:]",
    re.IGNORECASE | re.DOTALL,
)
# A short block signed off by its writer: "Worth reading. -- Tom".
SIGNED_NOTE_RE = re.compile(r"\s(?:--|—|–)\s?[A-Z][\w.]{0,20}\.?\]?$")
# More characters than a match of SIGNED_NOTE_RE holds (27): it is searched for in a
# text's tail only, not at every space of a paragraph.
SIGNED_NOTE_TAIL = 40


def is_quoted_forward(lines: list[str]) -> bool:
    """A block that is mostly `>` lines with enough text to be an article."""
    quoted = [ln for ln in lines if QUOTE_PREFIX_RE.match(ln)]
    if len(quoted) < 3 or len(quoted) < 0.6 * len(lines):
        return False
    return word_count(" ".join(quoted)) >= 40


def unquote(lines: list[str]) -> list[list[str]]:
    """Quoted lines with the `>` taken off, split into blocks at empty quoted lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        text = QUOTE_PREFIX_RE.sub("", line, count=1).strip() if QUOTE_PREFIX_RE.match(line) else line.strip()
        if not text:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(text)
    if current:
        blocks.append(current)
    return blocks


def is_forward_marker(line: str) -> bool:
    """`FORWARD_MARKER_RE.match(line.strip())`: `Begin forwarded message:` and the like."""
    stripped = line.strip()
    return stripped[:1] not in _NO_MARKER_LEADS and FORWARD_MARKER_RE.match(stripped) is not None


def is_forward_field(line: str) -> bool:
    """`FORWARD_FIELD_RE.match(line.strip())`: a mail header field (From:, Date: …)."""
    stripped = line.strip()
    return stripped[:1] not in _NO_FIELD_LEADS and FORWARD_FIELD_RE.match(stripped) is not None


def is_forward_header(lines: list[str]) -> bool:
    """`Begin forwarded message:` or a block of mail header fields (From:, Date:, Subject:)."""
    if is_forward_marker(lines[0]):
        return True
    if len(lines) < 2:
        return False  # two fields are needed
    fields = sum(1 for ln in lines if is_forward_field(ln))
    return fields >= 2 and fields >= len(lines) - 1


def forward_date_text(lines: list[str]) -> str | None:
    for line in lines:
        match = FORWARD_DATE_RE.match(line.strip())
        if match:
            return match.group("date")
    return None


FORWARD_SUBJECT_RE = re.compile(r"^\*?Subject\*?:\s*(?P<subject>.+)$", re.IGNORECASE)


def forward_subject_text(lines: list[str]) -> str | None:
    for line in lines:
        match = FORWARD_SUBJECT_RE.match(line.strip())
        if match:
            return match.group("subject").strip()
    return None


def is_note(text: str, max_words: int = 60) -> bool:
    """The forwarder's note: bracketed, `FYI`/`Note:`-led, a greeting, or signed `-- Name`."""
    text = squash(text)
    if not text:
        return False
    shaped = NOTE_RE.match(text) or SIGNED_NOTE_RE.search(text[-SIGNED_NOTE_TAIL:])
    return bool(shaped) and word_count(text) <= max_words  # counting costs more: last
