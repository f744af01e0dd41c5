"""From a Message to an Article, in small named steps.

1. `split_lines`: the body's blocks as logical lines (hard wraps rejoined).
2. `take_footers`: list footers, signatures and quoted replies set aside.
3. `find_headline`: the headline, usually a repeat of the subject in the body.
4. `read_header`: dek, publication, captions, byline and date above the body.
5. `sort_body`: body paragraphs against teasers, promos, ads, captions, bios.
6. `read_wire_dateline`: `TOKYO, July 17 (Reuters) -` at the head of the body.
7. `settle_dates`: the published date, never after the sent date.

Each step reads and fills a `Draft`; none does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsarchive.extract import boilerplate as bp
from newsarchive.extract.byline import Byline, is_role_line, parse_byline
from newsarchive.extract.dates import (
    choose_published,
    day_month_with_year,
    parse_date_line,
)
from newsarchive.extract.publication import (
    AGENCY_CREDITS,
    parse_publication_line,
    publication_from_copyright,
    publication_from_domain,
)
from newsarchive.extract.subject import list_from_list_id, parse_subject
from newsarchive.extract.text import ends_sentence, squash, unwrap_block, words
from newsarchive.model import Article, Message, Removed, RemovedKind

# How many logical lines below the headline may still be header (dek, byline, date …).
HEADER_WINDOW = 12

# `WASHINGTON (AP) —`, `TOKYO, July 17 (Reuters) -`, `NEW YORK --`, `SAN JOSE, Calif. —`.
WIRE_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?))??"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .-]{0,30})\))?"
    r"\s*(?:—|–|--|-|:)\s+(?=\S)"
)
# Credits that confirm a byline: "(Reporting by Jane Doe; Editing by …)".
CREDIT_RE = re.compile(
    r"^\(?\s*(?:reporting|additional reporting|writing|editing|compiled|contributing)\s+by\b.*\)?\.?$"
    r"|^[-—–]*\s*with assistance from\b.{0,200}$"
    r"|^.{0,120}\bcontributed (?:reporting )?(?:to )?(?:this )?(?:report|story|article)\.?$",
    re.IGNORECASE,
)
QUOTE_LINE_RE = re.compile(r"^\s*>")
ATTRIBUTION_RE = re.compile(r"^On .{5,200}\bwrote:\s*$|^.{2,100} wrote:\s*$|^-+\s*Original Message\s*-+$",
                            re.IGNORECASE)
FORWARD_HEADER_RE = re.compile(
    r"^(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:?)$", re.IGNORECASE
)
FORWARD_FIELD_RE = re.compile(r"^(?:From|Date|Sent|Subject|To|Cc|Reply-To):\s", re.IGNORECASE)


@dataclass
class Block:
    lines: list[str]
    raw: str | None = None  # the block as the dump had it, for `removed`

    @property
    def text(self) -> str:
        return self.raw if self.raw is not None else "\n".join(self.lines)


@dataclass
class Draft:
    message: Message
    blocks: list[Block]
    article: Article
    is_reply: bool = False
    header_date: date | None = None
    wire_date: date | None = None
    evidence: str = ""
    body_blocks: list[Block] = field(default_factory=list)


def extract_article(message: Message) -> Article:
    draft = start_draft(message)
    take_footers(draft)
    take_quotes(draft)
    gather_evidence(draft)
    find_headline(draft)
    read_header(draft)
    sort_body(draft)
    read_wire_dateline(draft)
    settle_dates(draft)
    return draft.article


def start_draft(message: Message) -> Draft:
    tag, clean_subject, is_reply = parse_subject(message.subject)
    article = Article(
        list_name=tag or list_from_list_id(message.list_id),
        subject=message.subject,
        sent=message.sent,
        archive_generator=message.archive_generator,
        archive_footer=message.archive_footer,
        source=_source(message),
    )
    article.headline = clean_subject
    if message.archive_footer:
        article.removed.append(Removed(RemovedKind.FOOTER, message.archive_footer))
    article.removed.extend(message.removed)
    article.captions.extend(message.captions)
    article.removed.extend(Removed(RemovedKind.CAPTION, caption) for caption in message.captions)
    blocks = [Block(unwrap_block(p), p) for p in message.paragraphs]
    return Draft(message, [b for b in blocks if b.lines], article, is_reply=is_reply)


def take_footers(draft: Draft) -> None:
    """A mailing-list footer or a signature ends the message: all below it is set aside."""
    for index, block in enumerate(draft.blocks):
        if bp.is_list_footer(block.lines):
            tail = draft.blocks[index:]
            draft.blocks = draft.blocks[:index]
            draft.article.removed.extend(Removed(RemovedKind.FOOTER, b.text) for b in tail)
            return


def take_quotes(draft: Draft) -> None:
    """Quoted earlier mail (`> ` lines and their `On … wrote:` line) goes to `removed`."""
    kept: list[Block] = []
    for block in draft.blocks:
        own: list[str] = []
        quoted: list[str] = []
        for line in block.lines:
            if QUOTE_LINE_RE.match(line) or (ATTRIBUTION_RE.match(line) and len(block.lines) <= 3):
                quoted.append(line)
            else:
                own.append(line)
        if quoted:
            draft.article.removed.append(Removed(RemovedKind.QUOTE, "\n".join(quoted)))
        if own:
            kept.append(Block(own))
    draft.blocks = kept


def gather_evidence(draft: Draft) -> None:
    """Text that can confirm a byline: bio-shaped and credit paragraphs near the end."""
    tail = draft.blocks[-4:]
    pieces = [b.text for b in tail if bp.bio_name(b.text) or CREDIT_RE.match(b.text)]
    draft.evidence = "\n".join(pieces)


def find_headline(draft: Draft) -> None:
    """The body's first lines usually repeat the subject as the headline: take that copy
    (it keeps the article's own quote marks); otherwise the subject stands as headline."""
    subject_words = _word_set(draft.article.headline or "")
    for index, block in enumerate(draft.blocks[:3]):
        line = block.lines[0]
        if len(words(line)) > 40:
            break
        similar = subject_words and _jaccard(_word_set(line), subject_words) >= 0.6
        if similar or (not subject_words and bp.is_headline_shaped(line)):
            draft.article.headline = squash(line)
            for earlier in draft.blocks[:index]:  # section labels above the headline
                draft.article.removed.append(Removed(RemovedKind.OTHER, earlier.text))
            rest = block.lines[1:]
            draft.blocks = ([Block(rest)] if rest else []) + draft.blocks[index + 1:]
            return


def read_header(draft: Draft) -> None:
    """Dek, publication, captions, byline and date between the headline and the body."""
    article = draft.article
    lines = [(i, line) for i, block in enumerate(draft.blocks) for line in block.lines]
    consumed = 0
    dek_index: int | None = None
    byline_found = False
    kinds: list[str | None] = []
    for position, (_block_index, line) in enumerate(lines[:HEADER_WINDOW]):
        kind = _header_kind(line, lines, position, draft, byline_found)
        kinds.append(kind)
        if kind == "byline":
            byline_found = True
        if kind is None:
            if position == 0 and dek_index is None and not WIRE_DATELINE_RE.match(line) \
                    and len(words(line)) <= 60:
                dek_index = position
                consumed = position + 1
                continue
            break
        consumed = position + 1
    if dek_index is not None:
        header_after_dek = any(k for k in kinds[dek_index + 1:consumed])
        dek = lines[dek_index][1]
        if not header_after_dek and ends_sentence(dek):
            # A lone prose line under the headline is the body's first paragraph.
            consumed = 0 if consumed == dek_index + 1 else consumed
            dek_index = None
        else:
            article.dek = squash(dek)
    if consumed == 0:
        draft.body_blocks = draft.blocks
        return
    for position, (_block_index, line) in enumerate(lines[:consumed]):
        if position == dek_index:
            continue
        _apply_header_line(draft, line, kinds[position])
    draft.body_blocks = _regroup(lines[consumed:], draft.blocks)


def sort_body(draft: Draft) -> None:
    """Each remaining block is body, or set aside by kind."""
    article = draft.article
    blocks = draft.body_blocks
    bio_index = _find_bio(draft)
    seen_body = False
    for index, block in enumerate(blocks):
        if index == bio_index:
            article.author_bio = squash(" ".join(block.lines))
            article.removed.append(Removed(RemovedKind.BIO, block.text))
            continue
        kind = bp.classify_block(block.lines)
        if kind is None and CREDIT_RE.match(block.text):
            kind = RemovedKind.CREDIT
        if kind is None and FORWARD_HEADER_RE.match(block.lines[0]):
            kind = RemovedKind.HEADER
        if kind is None and len(block.lines) == 1 and seen_body and index + 1 < len(blocks) \
                and bp.is_headline_shaped(block.lines[0]):
            kind = RemovedKind.TEASER
        if kind is RemovedKind.COPYRIGHT and not article.publication:
            article.publication = publication_from_copyright(block.lines[0])
        if kind is not None:
            article.removed.append(Removed(kind, block.text))
            if kind is RemovedKind.CAPTION:
                article.captions.extend(squash(line) for line in block.lines)
            continue
        for line in block.lines:
            if bp.is_caption(line) and len(block.lines) > 1:
                article.captions.append(squash(line))
                article.removed.append(Removed(RemovedKind.CAPTION, line))
            else:
                article.paragraphs.append(squash(line))
                seen_body = True


def read_wire_dateline(draft: Draft) -> None:
    """A wire dateline opening the body gives the place, the agency and a day without year."""
    article = draft.article
    if not article.paragraphs:
        return
    match = WIRE_DATELINE_RE.match(article.paragraphs[0])
    if not match or len(match.group("place")) < 3:
        return
    place = match.group("place")
    if not any(len(token) >= 3 and token.isupper() for token in place.split()):
        return
    article.dateline = article.dateline or _place_case(place)
    agency = match.group("agency")
    if agency and not article.publication:
        article.publication = AGENCY_CREDITS.get(agency.strip()) or parse_publication_line(agency)
    if match.group("date"):
        anchor = article.sent.date() if article.sent else None
        year = anchor.year if anchor else date.today().year
        found = day_month_with_year(match.group("date"), year)
        if found and anchor and found > anchor:
            found = day_month_with_year(match.group("date"), year - 1)
        draft.wire_date = found


def settle_dates(draft: Draft) -> None:
    draft.article.published = choose_published(draft.header_date or draft.wire_date,
                                               draft.article.sent)


def _header_kind(line: str, lines: list[tuple[int, str]], position: int, draft: Draft,
                 byline_found: bool) -> str | None:
    stripped = line.strip()
    if bp.SHARE_RE.match(stripped) or bp.AD_RE.match(stripped):
        return "share"
    if bp.is_caption(stripped):
        return "caption"
    if parse_date_line(stripped):
        return "date"
    if len(words(stripped)) <= 8 and parse_publication_line(stripped):
        return "publication"
    if byline_found:
        return "role" if is_role_line(stripped) else None
    if parse_byline(stripped, draft.evidence, require_by=True):
        return "byline"
    bare = parse_byline(stripped, draft.evidence)
    if bare and bare.authors and _bare_byline_allowed(bare, lines, position, draft):
        return "byline"
    return None


def _bare_byline_allowed(byline: Byline, lines: list[tuple[int, str]], position: int,
                         draft: Draft) -> bool:
    """A name line without "By" is a byline only with support: the bio or a credit names
    the person, or it stands beside a date or publication line in the header."""
    if draft.evidence and any(name.lower() in draft.evidence.lower() for name in byline.authors):
        return True
    neighbours = [lines[i][1] for i in (position - 1, position + 1) if 0 <= i < len(lines)]
    return any(parse_date_line(n) or parse_publication_line(n) for n in neighbours)


def _apply_header_line(draft: Draft, line: str, kind: str | None) -> None:
    article = draft.article
    text = squash(line)
    if kind == "caption":
        article.captions.append(text)
        article.removed.append(Removed(RemovedKind.CAPTION, line))
    elif kind == "date":
        draft.header_date = draft.header_date or parse_date_line(text)
    elif kind == "publication":
        article.publication = article.publication or parse_publication_line(text)
    elif kind == "byline":
        byline = parse_byline(text, draft.evidence)
        if byline:
            article.authors = article.authors or byline.authors
            article.dateline = article.dateline or byline.dateline
            article.publication = article.publication or byline.publication
    elif kind == "share":
        article.removed.append(Removed(RemovedKind.SHARE, line))


def _find_bio(draft: Draft) -> int | None:
    """The author bio: one of the last two blocks, about an author (or a named person when
    the byline is missing), shaped `Name is a reporter …`."""
    blocks = draft.body_blocks
    authors = [a.lower() for a in draft.article.authors]
    for index in range(len(blocks) - 1, max(len(blocks) - 3, -1), -1):
        name = bp.bio_name(" ".join(blocks[index].lines))
        if not name:
            continue
        lowered = name.lower()
        if not authors or any(lowered == a or a.startswith(lowered + " ") for a in authors):
            return index
    return None


def _regroup(lines: list[tuple[int, str]], originals: list[Block]) -> list[Block]:
    """Lines back into their blocks; a block left whole keeps its raw text."""
    blocks: list[Block] = []
    indexes: list[int] = []
    for block_index, line in lines:
        if not indexes or block_index != indexes[-1]:
            blocks.append(Block([]))
            indexes.append(block_index)
        blocks[-1].lines.append(line)
    for block, index in zip(blocks, indexes, strict=True):
        if block.lines == originals[index].lines:
            block.raw = originals[index].raw
    return blocks


def _source(message: Message) -> dict:
    source: dict = {"path": message.path, "format": message.format}
    if message.message_id:
        source["message_id"] = message.message_id
    if message.in_reply_to:
        source["in_reply_to"] = message.in_reply_to
    if message.position is not None:
        source["position"] = message.position
    return source


def _word_set(text: str) -> set[str]:
    return {w.casefold().replace("’", "'") for w in words(text)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _place_case(place: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in place.split())


__all__ = ["extract_article", "publication_from_domain"]
