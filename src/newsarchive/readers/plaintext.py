"""A plain-text mail body to paragraphs: hard wraps rejoined, attachment stubs set aside.

Mail is hard-wrapped at a fixed column (72 or so) by the sender's program. A line was
broken by the wrap, not by the writer, when the next line's first word would not have
fitted on it: that test rejoins wrapped prose and leaves short lines (a byline, a date,
a list, a signature) alone. Quoted lines (`> `) are never joined to other lines.
"""

from __future__ import annotations

import re

from newsarchive.model import Removed, RemovedKind

# Mailman's stub where an attachment was scrubbed or a MIME part followed.
NEXT_PART_RE = re.compile(r"^-{5,}\s*next part\s*-{5,}\s*$", re.IGNORECASE)
# The list footer Mailman appends, as a part of its own.
LIST_FOOTER_RE = re.compile(r"^_{10,}\s*$|^.{1,80}\bmailing list\s*$|^more information about the .{1,80}mailing list",
                            re.IGNORECASE | re.MULTILINE)
QUOTE_RE = re.compile(r"^\s*>")
LIST_ITEM_RE = re.compile(r"^(?:[-*•]\s|\d+[.)]\s|[a-z][.)]\s)")
# Hard wraps happen between these columns; outside them a line length says nothing.
MIN_WRAP, MAX_WRAP = 50, 100


def text_to_paragraphs(text: str) -> tuple[list[str], list[Removed]]:
    """Blank-line separated paragraphs of a plain-text body, with hard wraps rejoined,
    and the attachment stubs and list footers that followed it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    removed: list[Removed] = []
    for index, line in enumerate(lines):
        if NEXT_PART_RE.match(line):
            removed = _trailing_parts(lines[index:])
            lines = lines[:index]
            break
    width = wrap_width(lines)
    paragraphs = []
    for block in split_blocks(lines):
        paragraphs.append("\n".join(rejoin(block, width)) if width else "\n".join(block))
    return paragraphs, removed


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its lines (right-stripped). Quoted lines
    (`> `) form blocks of their own, apart from the writer's words around them, so that a
    reply's own words and the quote it answers are never one paragraph."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip() and line.strip() != ">":
            if current and bool(QUOTE_RE.match(current[-1])) != bool(QUOTE_RE.match(line)):
                blocks.append(current)
                current = []
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def wrap_width(lines: list[str]) -> int | None:
    """The column the body was wrapped at, or None when it does not look wrapped."""
    lengths = sorted(len(line.rstrip()) for line in lines
                     if MIN_WRAP <= len(line.rstrip()) <= MAX_WRAP and " " in line.strip()
                     and not QUOTE_RE.match(line))
    if len(lengths) < 2:
        return None
    # The longest wrapped line, not counting overlong ones (a pasted log line): wrapped
    # lines end within a few columns of the wrap, so the longest near the median.
    typical = lengths[(len(lengths) - 1) // 2]
    return max(length for length in lengths if length <= typical + 10)


def rejoin(block: list[str], width: int) -> list[str]:
    out: list[str] = []
    for index, line in enumerate(block):
        if out and _wrapped(block[index - 1], line, width):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _wrapped(previous: str, line: str, width: int) -> bool:
    if QUOTE_RE.match(previous) or QUOTE_RE.match(line) or LIST_ITEM_RE.match(line.strip()):
        return False
    if line.startswith((" ", "\t")) and not previous.startswith((" ", "\t")):
        return False  # indented code or a block set off from the prose
    first_word = line.strip().split(" ", 1)[0]
    last = len(previous.rstrip())
    # The next word would not have fitted: the wrap, not the writer, broke the line. A line
    # longer than the wrap column was not wrapped (a caption, a URL).
    return last + 1 + len(first_word) > width and MIN_WRAP - 10 <= last <= width


def _trailing_parts(lines: list[str]) -> list[Removed]:
    """`-------------- next part --------------` sections: list footers or attachment stubs."""
    sections: list[list[str]] = []
    for line in lines:
        if NEXT_PART_RE.match(line):
            sections.append([line])
        else:
            sections[-1].append(line)
    removed = []
    for section in sections:
        body = "\n".join(section[1:]).strip()
        footer = LIST_FOOTER_RE.search(body)
        cut = footer.start() if footer else len(body)
        removed.append(Removed(RemovedKind.ATTACHMENT, (section[0].strip() + "\n" + body[:cut]).strip()))
        if footer:
            removed.append(Removed(RemovedKind.FOOTER, body[cut:].strip()))
    return removed
