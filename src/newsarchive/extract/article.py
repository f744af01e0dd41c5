"""From a Message to an Article, in small named steps.

For the whole message:

1. `start_draft`: the body's blocks as logical lines (hard wraps rejoined).
2. `take_footers`: list footers and signatures set aside.
3. `unquote_forward`: an article forwarded with `> ` quoting is unquoted.
4. `take_quotes`: quoted earlier mail in a reply set aside.
5. `split_digest`: a digest becomes one draft per piece.

For each article:

6. `take_forward_headers`: `Begin forwarded message:` and `Message: 2` header blocks set
   aside; their Date bounds the article's date.
7. `find_headline`: the headline, usually a repeat of the subject in the body; what
   stands above it is header (publication, date), the forwarder's note, or a label.
8. `read_header`: dek, publication, captions, byline and date above the body.
9. `sort_body`: body paragraphs against teasers, promos, ads, captions, bios, notes.
10. `read_wire_dateline`: `TOKYO, July 17 (Reuters) -` at the head of the body.
11. `split_flattened`: a body flattened to one long line split back into paragraphs.
12. `settle_dates`: the published date, never after the sent date.

Each step reads and fills a `Draft`; none does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr

from newsarchive.extract import boilerplate as bp
from newsarchive.extract import digest as dg
from newsarchive.extract import forward as fw
from newsarchive.extract.byline import Byline, clean_name, is_role_line, parse_byline
from newsarchive.extract.dates import (
    choose_published,
    day_month_with_year,
    find_date,
    parse_date_line,
)
from newsarchive.extract.people import find_people
from newsarchive.extract.publication import (
    AGENCY_CREDITS,
    URL_RE,
    lookup_publication,
    parse_publication_line,
    parse_publication_place,
    publication_from_copyright,
    publication_from_domain,
    publication_from_email,
    publication_in_text,
    subject_credit,
)
from newsarchive.extract.subject import list_from_list_id, parse_subject
from newsarchive.extract.text import (
    SENTENCE_ENDS,
    ends_sentence,
    split_sentences,
    squash,
    unwrap_block,
    word_count,
    words,
)
from newsarchive.model import Article, Message, Removed, RemovedKind

# How many logical lines below the headline may still be header (dek, byline, date …).
HEADER_WINDOW = 12
# A body paragraph this long with no paragraph breaks was flattened to one line.
FLATTENED_WORDS = 180

# `WASHINGTON (AP) —`, `TOKYO, July 17 (Reuters) -`, `NEW YORK --`, `SAN JOSE, Calif. —`,
# `MOSCOW, July 3. /TASS/.`, `BOSTON, July 24, 2025 /PRNewswire/ --`.
WIRE_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?))??"
    r"(?:,\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,\s*(?P<year>(?:19|20)\d{2}))?)\.?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .-]{0,30})\)|/(?P<slashed>[A-Za-z][A-Za-z .-]{0,30})/)?"
    r"(?:\s*(?:—|–|--|-|:)|(?<=/)\.)\s+(?=[A-Z0-9\"“‘'])"
)
# Al Jazeera's mixed-case dateline: `Khan Younis, Gaza – `.
PLACE_DASH_RE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+[–—]\s+(?=\S)"
)
# Header lines that only say where a story was filed: `Reporting from Kerrville, Texas`.
FILED_FROM_RE = re.compile(
    r"^(?:reporting|filed|writing) from\s+(?P<place>[A-Z][\w’'. -]+?)(?:,\s*[A-Z][\w. ]+)?\.?$",
    re.IGNORECASE,
)
# A date line that also names the place: `Jul 10th 2025|SHANGHAI`.
DATE_PLACE_RE = re.compile(r"[|•·]\s*(?P<place>[A-Z][A-Za-z .'’-]{2,30}?)\s*$")
BARE_DOMAIN_RE = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|cn|uk|jp|kr|in|sg|"
                            r"au|de|fr|edu|gov|int|news|info|io)$", re.IGNORECASE)
# Section labels and kickers that may stand in the header: kept out of the body.
LABEL_RE = re.compile(
    r"^(?:opinion|analysis|news analysis|commentary|guest essay|guest column|op-?ed|editorial|"
    r"exclusive|explainer|perspective|column|interview|feature|the big read|big read|comment|"
    r"essay|review|for immediate release|press release|news release|breaking(?: news)?|"
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:/\w+)? (?:19|20)\d{2})\.?$",
    re.IGNORECASE,
)
# The separators of a header line made of parts: `outlet | date`, `OUTLET - date - time`.
HEADER_PART_SPLIT_RE = re.compile(r"\s+[|•·-]\s+|\s*\|\s*")
# Whether a line has such a separator without a `|`: led by its rarer middle character,
# this is searched far faster than HEADER_PART_SPLIT_RE, which may start anywhere.
SPACED_PART_DASH_RE = re.compile(r"[•·-](?<=\s[•·-])(?=\s)")
# `Updated 6:52 p.m. ET`: a time of day under a date line.
TIME_ONLY_RE = re.compile(r"^(?:(?:updated|published|posted)\b:?\s*)?\d{1,2}[:.]\d{2}\s*"
                          r"(?:a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{1,4}T?)?$", re.IGNORECASE)
# Editors and translators named in a header are not authors.
EDITOR_LINE_RE = re.compile(r"^(?:(?:responsible |web |photo |copy )?editors?|edited by|translated by|"
                            r"translator|produced by)\s*:?\s+\S", re.IGNORECASE)
QUOTE_LINE_RE = re.compile(r"^\s*>")
BY_LINE_RE = re.compile(r"^by\s", re.IGNORECASE)
FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:(?:\[[^\]]*\]|re|aw|sv)\s*:?\s*)*(?:fwd?|fw|tr|wg)\s*:", re.IGNORECASE)
TITLE_PREFIX_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?\s+")
ATTRIBUTION_RE = re.compile(r"^On .{5,200}\bwrote:\s*$|^.{2,100} wrote:\s*$|^-+\s*Original Message\s*-+$",
                            re.IGNORECASE)
# Capitalised words that open a paragraph like a dateline and are none.
NOT_A_PLACE = {"NOTE", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
               "CORRECTION", "CLARIFICATION", "WATCH", "LIVE", "VIDEO", "PHOTOS", "FILE",
               "EDITOR'S NOTE", "EDITOR’S NOTE", "FACT CHECK", "WARNING", "ALERT", "FLASH",
               "URGENT", "FYI", "PS", "P.S", "P.S.", "BTW", "IMHO", "QOTW", "INFO", "DEBUG", "TODO",
               "Q", "A", "BACKGROUND", "CONTEXT", "SUMMARY", "NB", "N.B."}


@dataclass(slots=True)  # made and read for every block, by every step
class Block:
    lines: list[str]
    raw: str | None = None  # the block as the dump had it, for `removed`

    @property
    def text(self) -> str:
        return self.raw if self.raw is not None else "\n".join(self.lines)


@dataclass(slots=True)
class Draft:
    message: Message
    blocks: list[Block]
    article: Article
    is_reply: bool = False
    header_date: date | None = None
    wire_date: date | None = None
    evidence: str = ""
    body_blocks: list[Block] = field(default_factory=list)
    # A date that bounds publication when the message has no sent date: a forward's Date:.
    anchor: date | None = None
    in_digest: bool = False
    headline_in_body: bool = False  # the body repeats a headline: the message is an article
    forwarded: bool = False  # a forward header or `> ` quoting wrapped the content
    forward_subject: str | None = None  # the Subject: of a forward or digest header
    footers: list[Removed] = field(default_factory=list)


def extract_articles(message: Message) -> list[Article]:
    """Every article a message carries: one, or one per piece of a digest."""
    draft = start_draft(message)
    take_footers(draft)
    unquote_forward(draft)
    take_quotes(draft)
    drafts = split_digest(draft)
    for piece in drafts:
        take_forward_headers(piece)
        gather_evidence(piece)
        find_headline(piece)
        read_header(piece)
        sort_body(piece)
        read_wire_dateline(piece)
        read_subject_credit(piece)
        split_flattened(piece)
        settle_dates(piece)
        credit_sender(piece)
        piece.article.people = find_people(piece.article.paragraphs)
    return [piece.article for piece in drafts]


def extract_article(message: Message) -> Article:
    """The message's (first) article."""
    return extract_articles(message)[0]


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
            draft.footers = [Removed(RemovedKind.FOOTER, b.text) for b in tail]
            draft.article.removed.extend(draft.footers)
            return


def unquote_forward(draft: Draft) -> None:
    """An article forwarded inside `> ` quoting is the message's content, not a quote.
    Only a forward (a `Fwd:` subject or a forward marker above the quote) is unquoted,
    and never a quote introduced by `… wrote:`, which is a reply whatever its subject."""
    if draft.is_reply:
        return
    forward = bool(FORWARD_SUBJECT_RE.match(draft.article.subject or ""))
    blocks: list[Block] = []
    for block in draft.blocks:
        forward = forward or any(fw.is_forward_marker(line) for line in block.lines)
        if forward and not _replying(blocks, block) and fw.is_quoted_forward(block.lines):
            draft.forwarded = True
            blocks.extend(Block(unwrap_block("\n".join(lines)), "\n".join(lines))
                          for lines in fw.unquote(block.lines))
        else:
            blocks.append(block)
    draft.blocks = blocks


def _replying(before: list[Block], block: Block) -> bool:
    """A `… wrote:` line ends the block before or opens this one."""
    return bool(before) and _is_attribution(before[-1].lines[-1]) or any(
        _is_attribution(line) for line in block.lines[:2])


def _is_attribution(line: str) -> bool:
    """`ATTRIBUTION_RE.match(line)`, tried only on a line that could match: one with
    "wrote:" in it or led by a dash, as each alternative needs."""
    return (line.startswith("-") or ":" in line and "wrote:" in line.lower()) and ATTRIBUTION_RE.match(line) is not None


def take_forward_headers(draft: Draft) -> None:
    """`Begin forwarded message:` and From:/Date:/Subject: blocks are not the article; the
    forward's Date bounds the article's date when the message itself has none."""
    kept: list[Block] = []
    for block in draft.blocks:
        if fw.is_forward_header(block.lines):
            draft.forwarded = True
            draft.article.removed.append(Removed(RemovedKind.HEADER, block.text))
            draft.forward_subject = draft.forward_subject or fw.forward_subject_text(block.lines)
            when = fw.forward_date_text(block.lines)
            found = find_date(when) if when else None
            if found and draft.anchor is None:
                draft.anchor = found[0]
            continue
        kept.append(block)
    draft.blocks = kept


def split_digest(draft: Draft) -> list[Draft]:
    """One draft per article of a digest; the message's own draft otherwise.

    Material before the first piece (a contents list, a note) goes with the first piece,
    each separator with the piece it closes, the list footer with the last piece.
    """
    pieces = dg.split_pieces(draft.blocks)
    if pieces is None:
        return [draft]
    articles = [p for p in pieces if dg.looks_like_article(p, _is_digest_header_line)]
    if len(articles) < 2:
        _set_aside_separators(draft)
        return [draft]
    drafts: list[Draft] = []
    pending: list[Block] = []
    for piece in pieces:
        if not any(piece is a for a in articles):
            pending.extend(piece)
            continue
        piece = pending + piece
        pending = []
        if not drafts:
            child = draft
            child.article.removed = [r for r in child.article.removed if r not in draft.footers]
        else:
            child = Draft(draft.message, [], _new_article(draft), anchor=draft.anchor)
        child.in_digest = True
        child.blocks = piece
        _set_aside_separators(child)
        drafts.append(child)
    if pending:
        drafts[-1].blocks.extend(pending)
        _set_aside_separators(drafts[-1])
    drafts[-1].article.removed.extend(draft.footers)
    return drafts


def _set_aside_separators(draft: Draft) -> None:
    """Separator lines and a digest's contents list are no part of any article."""
    kept: list[Block] = []
    for block in draft.blocks:
        if dg.is_separator(block.lines) or dg.is_contents(block.lines):
            draft.article.removed.append(Removed(RemovedKind.OTHER, block.text))
        else:
            kept.append(block)
    draft.blocks = kept


def _new_article(draft: Draft) -> Article:
    """A fresh article for another piece of the same message."""
    base = draft.article
    return Article(list_name=base.list_name, subject=base.subject, sent=base.sent,
                   archive_generator=base.archive_generator,
                   archive_footer=base.archive_footer, source=dict(base.source))


def take_quotes(draft: Draft) -> None:
    """Quoted earlier mail (`> ` lines and their `On … wrote:` line) goes to `removed`."""
    kept: list[Block] = []
    for block in draft.blocks:
        # A single line (most blocks, once hard wraps are rejoined) is looked at once; a
        # longer block, where quoted mail is, goes through the lines as it would anyway.
        if len(block.lines) == 1 and not _may_quote(block.lines):
            kept.append(Block(block.lines[:]))  # as below: the line its own
            continue
        own: list[str] = []
        quoted: list[str] = []
        for position, line in enumerate(block.lines):
            # `">" in line`: what QUOTE_LINE_RE needs, found without a regex call.
            if ">" in line and QUOTE_LINE_RE.match(line) or (_is_attribution(line) and (
                    len(block.lines) <= 3 or _quoted_at(block.lines, position + 1))):
                quoted.append(line)
            else:
                own.append(line)
        if quoted:
            draft.article.removed.append(Removed(RemovedKind.QUOTE, "\n".join(quoted)))
        if own:
            kept.append(Block(own))
    draft.blocks = kept


def _may_quote(lines: list[str]) -> bool:
    """False only when no line is quoted mail or an attribution: each needs a `>`, a
    leading `-` or "wrote:" (see `_is_attribution`), looked for in the whole block at
    once. ("wrote:" cannot straddle a line break, and lower-casing makes it of no other
    characters than its own capitals.)"""
    text = "\n".join(lines)
    return ">" in text or text.startswith("-") or "\n-" in text or ":" in text and "wrote:" in text.lower()


def _quoted_at(lines: list[str], position: int) -> bool:
    return position < len(lines) and QUOTE_LINE_RE.match(lines[position]) is not None


def gather_evidence(draft: Draft) -> None:
    """Text that can confirm a byline: bio-shaped and credit paragraphs near the end."""
    tail = draft.blocks[-4:]
    pieces = [b.text for b in tail if bp.bio_name(b.text)
              or bp.is_credit(b.text, bp.possible_rules(" ".join(b.lines)))]
    draft.evidence = "\n".join(pieces)


def find_headline(draft: Draft) -> None:
    """The body's first lines usually repeat the subject as the headline: take that copy
    (it keeps the article's own quote marks). A digest piece, or a message whose subject
    is not repeated, takes its first headline-shaped line. What stands above the headline
    is header (a publication, a date, a URL), the forwarder's note, or a section label."""
    subject_words = _word_set(draft.article.headline or "")
    lines = [(b, i, line) for b, block in enumerate(draft.blocks[:6])
             for i, line in enumerate(block.lines)][:14]
    found: int | None = None
    # The first line like the subject that is no header line; the tests are pure, so the
    # cheap likeness goes first, and header-ness is asked only of a line like the subject.
    for position, (_b, _i, line) in enumerate(lines if subject_words else []):
        if word_count(line) <= 40 and _may_be_alike(line, subject_words) \
                and _jaccard(_word_set(line), subject_words) >= 0.6 \
                and not _is_header_line(line) and not fw.is_forward_field(line):
            found = position
            break
    # A list member's own subject ("Worth reading"): the body's title stands as the
    # headline when header lines (a byline, a date) follow it. A reply under a subject
    # of its own never takes one, and its lines are not searched for it.
    if found is None and (draft.in_digest or not subject_words or not draft.is_reply):
        title = _first_title(lines)
        if title is not None and (draft.in_digest or not subject_words or not draft.is_reply
                                  and any(_dates_or_credits(ln) for _b, _i, ln in lines[title + 1:title + 4])):
            found = title
    if found is None:
        if draft.article.headline is None and draft.forward_subject:
            draft.article.headline = parse_subject(draft.forward_subject)[1]
        return
    block_index, line_index, line = lines[found]
    draft.article.headline = squash(line)
    draft.headline_in_body = True
    whole = {b for b, _i, _line in lines[:found]} - {block_index}
    for b in sorted(whole):
        _pre_headline_block(draft, draft.blocks[b])
    for b, _i, earlier in lines[:found]:
        if b == block_index:
            _pre_headline_line(draft, earlier, draft.blocks[b])
    rest = draft.blocks[block_index].lines[line_index + 1:]
    draft.blocks = ([Block(rest)] if rest else []) + draft.blocks[block_index + 1:]


def _dates_or_credits(line: str) -> bool:
    """A line under a title that makes it a headline: a date, a `By` byline, an outlet."""
    stripped = line.strip()
    return bool(parse_date_line(stripped) or parse_byline(stripped, require_by=True)
                or word_count(stripped) <= 8 and parse_publication_line(stripped))


# How a title begins: a capital or a digit, perhaps after an opening quote or bracket.
TITLE_START_RE = re.compile(r"^[\"“‘'(]?[A-Z0-9]")


def _first_title(lines: list[tuple[int, int, str]]) -> int | None:
    for position, (_b, _i, line) in enumerate(lines):
        # A line that does not begin as a title is passed over whatever it is: that is
        # asked first, the costlier tests only of a line that does.
        if not TITLE_START_RE.match(line.strip()):
            continue
        if _is_header_line(line) or fw.is_note(line) or bp.classify_block([line]) \
                or fw.is_forward_field(line):
            continue
        count = word_count(line)
        if 3 <= count <= 25 and not ends_sentence(line) and not line.rstrip().endswith(","):
            return position
        if count > 25:
            return None
    return None


def _pre_headline_block(draft: Draft, block: Block) -> None:
    """A block above the headline: header lines are read; a block with any prose in it
    is the forwarder's note, kept whole."""
    kinds = [_header_kind(line, [], 0, draft, byline_found=True) for line in block.lines]
    if all(k in {"date", "publication", "url"} for k in kinds) or len(block.lines) == 1:
        for line in block.lines:
            _pre_headline_line(draft, line, block)
        return
    text = squash(" ".join(block.lines))
    if fw.is_note(text) or any(ends_sentence(line) for line in block.lines):
        draft.article.removed.append(Removed(RemovedKind.NOTE, block.text))
    else:
        for line in block.lines:
            _pre_headline_line(draft, line, block)


def _pre_headline_line(draft: Draft, line: str, block: Block) -> None:
    """A line above the headline: header facts are read, the rest set aside by kind."""
    text = squash(line)
    kind = _header_kind(line, [], 0, draft, byline_found=True)
    if kind in {"date", "publication", "url"}:
        _apply_header_line(draft, line, kind)
        return
    removed_text = block.text if len(block.lines) == 1 else line
    if fw.is_note(text) or ends_sentence(text):
        draft.article.removed.append(Removed(RemovedKind.NOTE, removed_text))
    else:
        boiler = bp.classify_block([text])
        draft.article.removed.append(Removed(boiler or RemovedKind.OTHER, removed_text))


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
                    and word_count(line) <= 60:
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
    draft.body_blocks = _blocks_after(draft.blocks, consumed)


def sort_body(draft: Draft) -> None:
    """Each remaining block is body, or set aside by kind."""
    article = draft.article
    blocks = draft.body_blocks
    bio_index = _find_bio(draft)
    # Each block's cue words and boilerplate kind, once: the search for the last body
    # block from the end and the sort below both need them.
    screens = [bp.possible_rules(" ".join(block.lines)) for block in blocks]
    boilerplate = [bp.classify_block(block.lines, possible)
                   for block, possible in zip(blocks, screens, strict=True)]
    last_body = _last_body_index(blocks, boilerplate)
    carries_article = _carries_article(draft)
    seen_body = False
    for index, block in enumerate(blocks):
        if index == bio_index:
            article.author_bio = squash(" ".join(block.lines))
            article.removed.append(Removed(RemovedKind.BIO, block.text))
            continue
        kind = boilerplate[index]
        if kind is None:
            kind = _block_kind(block, index, blocks, seen_body, last_body, carries_article, screens[index])
        if kind is RemovedKind.COPYRIGHT and not article.publication:
            article.publication = _publication_from_lines(block.lines)
        if kind is RemovedKind.CREDIT and not article.publication and block.text.lower().startswith("source"):
            article.publication = parse_publication_line(block.text)
        if kind is RemovedKind.CREDIT and not article.authors and BY_LINE_RE.match(block.lines[0]):
            _apply_trailing_byline(draft, block)
        if kind in NAMING_KINDS and not article.publication:
            # A contact address (`editor@caixin.com`) or the outlet's own promo names it.
            article.publication = publication_from_email(block.text) or publication_in_text(block.text)
        if kind is not None:
            article.removed.append(Removed(kind, block.text))
            if kind is RemovedKind.CAPTION:
                article.captions.extend(squash(line) for line in block.lines)
            continue
        for line in block.lines:
            # A caption standing in a block of prose; the block's cue words rule out most.
            if len(block.lines) > 1 and bp.is_caption(line, screens[index]):
                article.captions.append(squash(line))
                article.removed.append(Removed(RemovedKind.CAPTION, line))
            else:
                article.paragraphs.append(squash(line))
                seen_body = True


# Set-aside blocks that may name the outlet: a credit, its promo, a contact line.
NAMING_KINDS = frozenset({RemovedKind.CREDIT, RemovedKind.PROMO, RemovedKind.OTHER})


def credit_sender(draft: Draft) -> None:
    """List talk (a reply, or a message quoting earlier mail, with no article in it) is
    the sender's own writing: the sender is its author, when the From header names a
    person. An address alone gives no author: none is invented."""
    article = draft.article
    if article.authors or _carries_article(draft) or not draft.message.sender:
        return
    quoted = any(item.kind is RemovedKind.QUOTE for item in article.removed)
    if not (draft.is_reply or quoted):
        return
    name = sender_name(draft.message.sender)
    if name:
        article.authors = [name]


def sender_name(sender: str) -> str | None:
    """The person in a From header: `Ann Reader <ann@example.org>`, `ann at example.org
    (Ann Reader)`, `"Reader, Ann" <…>`; None when it holds only an address."""
    display, address = parseaddr(sender)
    if not display and "@" not in sender and " at " not in sender:
        display = sender  # the reader already reduced it to a name
    display = display.strip().strip('"').strip()
    if "," in display:  # "Reader, Ann"
        last, _, first = display.partition(",")
        display = f"{first.strip()} {last.strip()}"
    if not display or "@" in display or " at " in display.lower():
        return None
    return clean_name(display)


def _carries_article(draft: Draft) -> bool:
    """The message holds an article (a headline in its body, a digest piece, a forward),
    so words around it can be someone's note; in plain list talk they are the message."""
    return draft.headline_in_body or draft.in_digest or draft.forwarded


def _block_kind(block: Block, index: int, blocks: list[Block], seen_body: bool,
                last_body: int, article_message: bool = True,
                possible: frozenset[str] | None = None) -> RemovedKind | None:
    """The kind of a block that `bp.classify_block` leaves as body, from its place
    (`possible`: the block's `bp.possible_rules`)."""
    if bp.is_credit(block.text, possible) or (index > last_body and _is_agency_credit(block.lines)):
        return RemovedKind.CREDIT
    # A byline standing after the body (an author box at the foot of the page).
    if index > last_body and BY_LINE_RE.match(block.lines[0]) and len(block.lines) <= 3 \
            and parse_byline(block.lines[0], require_by=True):
        return RemovedKind.CREDIT
    if fw.is_forward_marker(block.lines[0]):
        return RemovedKind.HEADER
    # The forwarder's note opens or closes the message, outside the article's prose.
    if article_message and (not seen_body or index > last_body) and fw.is_note(block.text):
        return RemovedKind.NOTE
    # Stray site furniture above the first paragraph or below the last: short title-case
    # lines that are no sentence ("Google Preferred Source badge", a row of topic tags).
    if (not seen_body or index > last_body) and bp.is_furniture(block.lines):
        return RemovedKind.OTHER
    # (A line ending in a sentence mark is no headline: most single lines of prose are
    # answered from their last character, without the call.)
    if len(block.lines) == 1 and seen_body and index + 1 < len(blocks) \
            and block.lines[0][-1:] not in SENTENCE_ENDS and bp.is_headline_shaped(block.lines[0]):
        return RemovedKind.TEASER
    return None


AGENCY_LIST_SPLIT_RE = re.compile(r"\s*[,/;&]\s*|\s+and\s+")
# The marks and the word that AGENCY_LIST_SPLIT_RE splits at, each found by a fast literal
# search: the pattern itself, which may start with spaces, is tried at every position.
AGENCY_LIST_MARKS = ",/;&"
AGENCY_LIST_AND_RE = re.compile(r"and(?<=\sand)(?=\s)")


def _first_agency_part_end(text: str) -> int:
    """Where the first part of an agency list ends: `AGENCY_LIST_SPLIT_RE.search(text).start()`,
    or the length of `text` when it has no separator."""
    end = len(text)
    for mark in AGENCY_LIST_MARKS:
        found = text.find(mark, 0, end)
        if found >= 0:
            end = found
    # An `and` before the first mark: its separator starts at the spaces before it.
    word = AGENCY_LIST_AND_RE.search(text, 0, end)
    if word:
        end = word.start() - 1
    elif end == len(text):
        return end  # no separator
    return len(text[:end].rstrip())


def _is_agency_credit(lines: list[str]) -> bool:
    """`dpa, Reuters` or `AFP/AP` below a story: the agencies it was compiled from."""
    if len(lines) != 1:
        return False
    # The parts one at a time: a line of prose fails at its first, and is never split whole.
    text = lines[0].strip(" .()")
    first = text[:_first_agency_part_end(text)]
    if first and not lookup_publication(first):
        return False  # as the loop below would at its first part, found here far faster
    start = 0
    known = False
    for separator in AGENCY_LIST_SPLIT_RE.finditer(text):
        part = text[start:separator.start()]
        if part and not lookup_publication(part):
            return False
        known = known or bool(part)
        start = separator.end()
    last = text[start:]
    return bool(lookup_publication(last)) if last else known


def _apply_trailing_byline(draft: Draft, block: Block) -> None:
    byline = parse_byline(block.lines[0], draft.evidence, require_by=True)
    if byline:
        draft.article.authors = byline.authors
        draft.article.publication = draft.article.publication or byline.publication
    for line in block.lines[1:]:
        if is_role_line(line):
            draft.article.publication = draft.article.publication or publication_in_text(line) \
                or parse_publication_line(re.sub(r"(?i)\s+staff.*$", "", line))


def _last_body_index(blocks: list[Block], boilerplate: list[RemovedKind | None]) -> int:
    """The last block that may be article prose: not a note and not boilerplate
    (`boilerplate`: each block's `bp.classify_block`)."""
    for index in range(len(blocks) - 1, -1, -1):
        lines = blocks[index].lines
        if boilerplate[index] is None and not fw.is_note(" ".join(lines)) \
                and not bp.is_furniture(lines) and not _is_agency_credit(lines) \
                and not (BY_LINE_RE.match(lines[0]) and parse_byline(lines[0], require_by=True)):
            return index
    return -1


def _publication_from_lines(lines: list[str]) -> str | None:
    for line in lines:
        name = publication_from_copyright(line) or publication_from_domain(line)
        if name:
            return name
    return None


def read_wire_dateline(draft: Draft) -> None:
    """A wire dateline opening the body gives the place, the agency and a day without year."""
    article = draft.article
    if not article.paragraphs:
        return
    # The first paragraph of prose: a stray line of site furniture may stand above it.
    first = next((p for p in article.paragraphs[:3] if word_count(p) >= 12), article.paragraphs[0])
    mixed = PLACE_DASH_RE.match(first)
    if mixed and _carries_article(draft):
        article.dateline = article.dateline or mixed.group("place")
        return
    match = WIRE_DATELINE_RE.match(first)
    if not match or len(match.group("place")) < 3:
        return
    place = match.group("place")
    if not any(len(token) >= 3 and token.isupper() for token in place.split()) \
            or place.strip(" .:") in NOT_A_PLACE:
        return
    credited = match.group("agency") or match.group("slashed") or match.group("date")
    if not credited and not _carries_article(draft):
        return  # `PGP: …` in list talk: a bare capitalised word is no dateline there
    article.dateline = article.dateline or _place_case(place)
    agency = match.group("agency") or match.group("slashed")
    if agency and not article.publication:
        article.publication = AGENCY_CREDITS.get(agency.strip()) or lookup_publication(agency)
    if match.group("date"):
        anchor = _anchor(draft)
        if match.group("year"):
            found = day_month_with_year(match.group("date"), int(match.group("year")))
        elif anchor:
            found = day_month_with_year(match.group("date"), anchor.year)
            if found and found > anchor:
                found = day_month_with_year(match.group("date"), anchor.year - 1)
        else:
            found = None  # a day without a year, and nothing to take the year from
        draft.wire_date = found


def read_subject_credit(draft: Draft) -> None:
    """A subject that carries the outlet, as a saved page title does (`Headline | Reuters`,
    `Headline - The Japan Times`, `FT: Headline`): the publication when the dump names it
    nowhere else, and the headline without it when the body gave none."""
    if draft.in_digest:
        return
    subject = parse_subject(draft.article.subject)[1] or ""
    credit = subject_credit(subject)
    if not credit:
        return
    title, publication = credit
    draft.article.publication = draft.article.publication or publication
    if not draft.headline_in_body and draft.article.headline == subject:
        draft.article.headline = title


def split_flattened(draft: Draft) -> None:
    """A body flattened to one long line is split back into paragraphs: news paragraphs
    hold a sentence or two, so a lone paragraph of four sentences or more (or a very
    long one) was flattened. It is cut after every second sentence, and where a
    quotation opens."""
    article = draft.article
    if len(article.paragraphs) > 2:
        return
    paragraphs: list[str] = []
    for paragraph in article.paragraphs:
        sentences = split_sentences(paragraph)
        flattened = word_count(paragraph) >= FLATTENED_WORDS or (
            len(article.paragraphs) == 1 and len(sentences) >= 4 and word_count(paragraph) >= 60)
        if not flattened:
            paragraphs.append(paragraph)
            continue
        current: list[str] = []
        for sentence in sentences:
            opens_quote = sentence[:1] in "\"“"
            if current and (len(current) >= 2 or opens_quote):
                paragraphs.append(" ".join(current))
                current = []
            current.append(sentence)
        if current:
            paragraphs.append(" ".join(current))
    article.paragraphs = paragraphs


def settle_dates(draft: Draft) -> None:
    candidate = draft.header_date or draft.wire_date or _caption_date(draft.article)
    anchor = _anchor(draft)
    if candidate and anchor and candidate > anchor:
        candidate = None  # never after the message that carries it
    # No sent date: the forward's own Date is when the article was mailed on.
    draft.article.published = choose_published(candidate, draft.article.sent) or draft.anchor


def _caption_date(article: Article) -> date | None:
    """A wire photo caption's full date (`… Wednesday, Nov. 15, 2023. (AP Photo/…)`): the
    day of the story when nothing else dates it."""
    for caption in article.captions:
        found = find_date(caption)
        if found:
            return found[0]
    return None


def _anchor(draft: Draft) -> date | None:
    """The latest the article can date from: the sent date, else a forward's Date."""
    return draft.article.sent.date() if draft.article.sent else draft.anchor


def _header_kind(line: str, lines: list[tuple[int, str]], position: int, draft: Draft,
                 byline_found: bool) -> str | None:
    stripped = line.strip()
    if bp.SHARE_RE.match(stripped) or bp.AD_RE.match(stripped):
        return "share"
    if bp.is_caption(stripped):
        return "caption"
    if parse_date_line(stripped):
        return "date"
    if URL_RE.fullmatch(stripped) or BARE_DOMAIN_RE.match(stripped):
        return "url"
    if _has_header_parts(stripped) and _pipe_parts_kinds(stripped, draft):
        return "parts"
    if word_count(stripped) <= 10 and parse_publication_line(stripped):
        return "publication"
    if LABEL_RE.match(stripped) or EDITOR_LINE_RE.match(stripped) or TIME_ONLY_RE.match(stripped):
        return "label"
    if FILED_FROM_RE.match(stripped):
        return "filed"
    if parse_publication_place(stripped):
        return "publication"
    if byline_found:
        return "role" if is_role_line(stripped) else None
    if parse_byline(stripped, draft.evidence, require_by=True):
        return "byline"
    bare = parse_byline(stripped, draft.evidence)
    if bare and bare.authors and _bare_byline_allowed(bare, lines, position, draft):
        return "byline"
    return None


def _has_header_parts(line: str) -> bool:
    """`HEADER_PART_SPLIT_RE.search(line)`: a `|` anywhere, or a dash or bullet between spaces."""
    return "|" in line or SPACED_PART_DASH_RE.search(line) is not None


def _pipe_parts_kinds(line: str, draft: Draft) -> list[tuple[str, str]]:
    """`chinadaily.com.cn | Updated: 2025-06-09 20:31`: a header line of header parts,
    each with its kind; empty when any part is not header."""
    parts = [p.strip() for p in HEADER_PART_SPLIT_RE.split(line) if p.strip()]
    if len(parts) < 2:
        return []
    kinds = [_header_kind(part, [], 0, draft, byline_found=True) for part in parts]
    if "date" not in kinds and "url" not in kinds:
        return []
    last_known = max(i for i, k in enumerate(kinds) if k in {"date", "url"})
    for position, kind in enumerate(kinds):
        known = kind in {"date", "url", "publication", "share", "label"}
        # Section tags may trail the date: `KYODO NEWS - Jul 16, 2025 - 17:22 | Japan, All`.
        if not known and not (position > last_known and word_count(parts[position]) <= 3):
            return []
    return [(p, k) for p, k in zip(parts, kinds, strict=True) if k]


def _is_digest_header_line(line: str) -> bool:
    """What marks a digest piece as an article: a date, a `By` byline, an outlet line."""
    stripped = line.strip()
    if word_count(stripped) > 20:
        return False
    return bool(parse_date_line(stripped) or parse_byline(stripped, require_by=True)
                or word_count(stripped) <= 8 and parse_publication_line(stripped))


def _is_header_line(line: str) -> bool:
    """A line that is plainly header, whatever its neighbours: date, publication, URL,
    a `By …` byline, a section label."""
    stripped = line.strip()
    if word_count(stripped) > 20:
        return False
    if parse_date_line(stripped) or URL_RE.fullmatch(stripped) or LABEL_RE.match(stripped):
        return True
    if word_count(stripped) <= 8 and parse_publication_line(stripped):
        return True
    return parse_byline(stripped, require_by=True) is not None


def _bare_byline_allowed(byline: Byline, lines: list[tuple[int, str]], position: int,
                         draft: Draft) -> bool:
    """A name line without "By" is a byline only with support: the bio or a credit names
    the person, or it stands beside a date or publication line in an article's header.
    A message with no headline in its body is talk, where a lone name is a sign-off."""
    if draft.evidence and any(name.lower() in draft.evidence.lower() for name in byline.authors):
        return True
    if not draft.headline_in_body:
        return False
    neighbours = [lines[i][1] for i in (position - 1, position + 1) if 0 <= i < len(lines)]
    if position + 1 < len(lines) and is_role_line(lines[position + 1][1]):
        return True  # "Ovais Subhani" over "Senior Correspondent"
    return any(parse_date_line(n) or parse_publication_line(n) or parse_publication_place(n)
               for n in neighbours)


def _apply_header_line(draft: Draft, line: str, kind: str | None) -> None:
    article = draft.article
    text = squash(line)
    if kind == "caption":
        article.captions.append(text)
        article.removed.append(Removed(RemovedKind.CAPTION, line))
    elif kind == "date":
        draft.header_date = draft.header_date or parse_date_line(text)
        place = DATE_PLACE_RE.search(text)
        if place and not find_date(place.group("place")):
            article.dateline = article.dateline or _place_case(place.group("place"))
    elif kind == "url":
        article.publication = article.publication or publication_from_domain(
            text if URL_RE.match(text) else "https://" + text)
    elif kind == "parts":
        for part, part_kind in _pipe_parts_kinds(text, draft):
            if part_kind != "share":  # "4 min read" beside the date stays with the line
                _apply_header_line(draft, part, part_kind)
    elif kind == "filed":
        article.dateline = article.dateline or FILED_FROM_RE.match(text).group("place").strip()
    elif kind == "publication":
        with_place = parse_publication_place(text)
        if with_place:
            article.publication = article.publication or with_place[0]
            article.dateline = article.dateline or with_place[1]
        else:
            article.publication = article.publication or parse_publication_line(text)
            # `From the San Jose Mercury News, Mar. 4, 1996`; `[SOURCE: …, AUTHOR: …]`
            found = find_date(text)
            draft.header_date = draft.header_date or (found[0] if found else None)
            byline = parse_byline(text) if "author" in text.lower() else None
            if byline and byline.authors and not article.authors:
                article.authors = byline.authors
    elif kind == "byline":
        byline = parse_byline(text, draft.evidence)
        if byline:
            article.authors = article.authors or byline.authors
            article.dateline = article.dateline or byline.dateline
            article.publication = article.publication or byline.publication
    elif kind == "share":
        article.removed.append(Removed(RemovedKind.SHARE, line))
    elif kind == "role":
        # "Special to The Washington Post", "Washington Post Staff Writer"
        article.publication = article.publication or publication_in_text(text)


def _find_bio(draft: Draft) -> int | None:
    """The author bio: one of the last three blocks, about an author (or a named person
    when the byline is missing), shaped `Name is a reporter …` or `Write to Name at …`."""
    blocks = draft.body_blocks
    authors = [a.lower() for a in draft.article.authors]
    for index in range(len(blocks) - 1, max(len(blocks) - 4, -1), -1):
        name = bp.bio_name(" ".join(blocks[index].lines))
        if not name:
            continue
        if name == bp.ANY_AUTHOR:
            return index
        titled = TITLE_PREFIX_RE.match(name)
        lowered = TITLE_PREFIX_RE.sub("", name).lower()
        if not authors or any(lowered == a or a.startswith(lowered + " ")
                              or (titled and a.endswith(" " + lowered)) for a in authors):
            return index
    return None


def _blocks_after(blocks: list[Block], consumed: int) -> list[Block]:
    """The blocks past their first `consumed` lines: the rest of a block cut short (with
    its raw text only when nothing was cut), then the later blocks as they are."""
    for index, block in enumerate(blocks):
        if consumed < len(block.lines):
            if consumed == 0:
                return blocks[index:]
            return [Block(block.lines[consumed:]), *blocks[index + 1:]]
        consumed -= len(block.lines)
    return []


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


def _may_be_alike(line: str, subject_words: set[str]) -> bool:
    """False only when `_jaccard(_word_set(line), subject_words) < 0.6`: that needs three
    fifths of the subject's words in the line, and each word of the line, folded, stands
    in the line folded (folding goes character by character). Substring tests cost far
    less than splitting the line into a set of words."""
    folded = line.casefold().replace("’", "'")
    hits = sum(1 for word in subject_words if word in folded)
    return 5 * hits >= 3 * len(subject_words)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _place_case(place: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in place.split())
