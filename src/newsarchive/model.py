"""The data that flows through newsarchive: Message (from readers), Article (from extract).

`Article.to_dict()` is the export schema: every key is always present, null or [] when
unknown. Other tools read it, so keys are only ever added, never renamed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any


class RemovedKind(StrEnum):
    """Why a block of the dump was set aside from the article body."""

    TEASER = "teaser"  # a related-article headline standing alone in the body
    PROMO = "promo"  # paywall, subscription, newsletter, app promotion
    CAPTION = "caption"  # photo caption or credit (also in `captions`)
    BIO = "bio"  # the author's bio (also in `author_bio`)
    FOOTER = "footer"  # archive or mailing-list footer
    QUOTE = "quote"  # quoted earlier mail in a reply
    NOTE = "note"  # the forwarder's own note around an article
    AD = "ad"  # "Advertisement"
    SHARE = "share"  # share-button rows, "Listen to this article", "5 min read"
    COPYRIGHT = "copyright"  # copyright and "first appeared in" lines
    ATTACHMENT = "attachment"  # "-------------- next part --------------" stubs
    HEADER = "header"  # forwarded-message header blocks
    CREDIT = "credit"  # "(Reporting by …; Editing by …)" lines
    OTHER = "other"  # set aside for a reason not listed above


@dataclass
class Removed:
    kind: RemovedKind
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": str(self.kind), "text": self.text}


@dataclass
class Message:
    """One message as a container holds it: headers and body, nothing article-specific.

    `paragraphs` are the body's blocks in order; a block may hold several lines
    (a header block, a hard-wrapped paragraph): the extractor decides what they are.
    """

    subject: str | None = None
    sender: str | None = None
    sent: datetime | None = None
    paragraphs: list[str] = field(default_factory=list)
    list_id: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    path: str | None = None
    format: str = "text"
    position: int | None = None
    # Container boilerplate the reader recognised (the archive's own footer).
    archive_generator: str | None = None
    archive_footer: str | None = None
    # Container boilerplate the reader set aside itself (Mailman's attachment stubs and
    # "More information about the … mailing list"), and captions found in the markup.
    removed: list[Removed] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


@dataclass
class Person:
    """A person an article's body mentions: the fullest name used, how often they are
    named, the roles they are given there and the shorter forms used for them."""

    name: str
    mentions: int = 1
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mentions": self.mentions, "roles": list(self.roles),
                "aliases": list(self.aliases)}


@dataclass
class Article:
    # `list` in the export; named list_name here so that it does not shadow the builtin.
    list_name: str | None = None
    subject: str | None = None
    headline: str | None = None
    dek: str | None = None
    publication: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: date | None = None
    sent: datetime | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    author_bio: str | None = None
    removed: list[Removed] = field(default_factory=list)
    archive_generator: str | None = None
    archive_footer: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    # People mentioned in the body, most mentioned first (authors are in `authors`).
    people: list[Person] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return count_words(self.body)

    @property
    def id(self) -> str:
        """Stable id: a hash of the normalised headline and body.

        The same article gives the same id in any database and from any container;
        whitespace, quote style and case do not change it. A message with no body
        (nothing but a subject) adds its sent date so that two such messages differ.
        """
        return self._id(self.body)

    def _id(self, body: str) -> str:
        """`id`, given the body (to_dict has it already)."""
        parts = [normalise_for_id(self.headline or ""), normalise_for_id(body)]
        if not body.strip():
            parts.append(self.sent.isoformat() if self.sent else "")
            parts.append(str(self.source.get("message_id") or ""))
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        return digest[:16]

    def to_dict(self) -> dict[str, Any]:
        body = self.body  # joined once, for the body, the id and the word count
        return {
            "id": self._id(body),
            "list": self.list_name,
            "subject": self.subject,
            "headline": self.headline,
            "dek": self.dek,
            "publication": self.publication,
            "authors": list(self.authors),
            "dateline": self.dateline,
            "published": self.published.isoformat() if self.published else None,
            "sent": self.sent.isoformat() if self.sent else None,
            "body": body,
            "captions": list(self.captions),
            "author_bio": self.author_bio,
            "removed": [r.to_dict() for r in self.removed],
            "archive": {"generator": self.archive_generator, "footer": self.archive_footer},
            "source": dict(self.source),
            "sources": [dict(self.source)],
            "word_count": count_words(body),
            "people": [p.to_dict() for p in self.people],
        }


WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


# count_words reads a text as a row of word classes, one byte per character, each class a
# set of bits: a word character of WORD_RE (WORD), a joiner, which WORD_RE takes between
# two word characters only (JOINER | NOT_WORD), or anything else (OTHER | NOT_WORD).
_WORD, _JOINER, _OTHER, _NOT_WORD = 0x80, 0x01, 0x04, 0x40
# A word starts at a word character whose character before is OTHER, or is a JOINER with
# a NOT_WORD before it (the text begins after two OTHER). In an integer holding the row,
# byte i at bits 8i, these shifts move those bits of the byte before (OTHER, JOINER) and
# two before (NOT_WORD) onto the WORD bit of byte i, so that ANDs leave the word starts.
# Nothing else is left set: onto the other bits a class sets (0, 2, 6) the first shift
# brings bits no class sets (3, 5, 1), and so does the second onto bits 0 and 2 (1, 3)
# and the third onto bit 6 (5). A test checks every row of up to five characters.
_AFTER_OTHER, _AFTER_JOINER, _TWO_AFTER_NOT_WORD = 13, 15, 17
# Most non-ASCII characters count_words stands in for (a Python call each run of them);
# a text with more (French, Russian, Chinese) is read line by line as before.
STAND_IN_MOST = 32


def _word_classes_table() -> bytes:
    """For `count_words`: each ASCII character's word class byte (non-ASCII characters
    are stood in for by ASCII ones of their class first, see `_ascii_stand_in`)."""
    table = bytearray([_OTHER | _NOT_WORD] * 256)
    for byte in range(128):
        char = chr(byte)
        if re.fullmatch(r"\w", char):
            table[byte] = _WORD
        elif WORD_RE.fullmatch(f"a{char}a"):
            table[byte] = _JOINER | _NOT_WORD
    return bytes(table)


_WORD_CLASSES = _word_classes_table()
_TEXT_START = bytes([_OTHER | _NOT_WORD] * 2)


@lru_cache(maxsize=1024)
def _ascii_stand_in(char: str) -> str:
    """An ASCII character WORD_RE reads as it reads `char`: a word character, a joiner or
    neither (WORD_RE looks at nothing else)."""
    if re.fullmatch(r"\w", char):
        return "a"
    return "'" if WORD_RE.fullmatch(f"a{char}a") else " "


def _stand_in_errors(error: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: each character ASCII cannot encode as its `_ascii_stand_in`."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(map(_ascii_stand_in, error.object[error.start:error.end])), error.end


codecs.register_error("newsarchive.word-class", _stand_in_errors)


def count_words(text: str) -> int:
    """`len(WORD_RE.findall(text))`, without making a string of each word: the text as a
    row of word classes, its word starts found all at once with integer shifts (see
    _AFTER_OTHER) and counted. A text with a few non-ASCII characters has them stood in
    for by ASCII ones of their class, character for character (an error handler call a
    run of them); one with many is cut at its line breaks, which no word spans, and a
    piece with any of them is left to the pattern itself."""
    if text.isascii():
        return _count_ascii_words(text.encode("ascii"))
    if len(text) - len(text.encode("ascii", "ignore")) <= STAND_IN_MOST:
        return _count_ascii_words(text.encode("ascii", "newsarchive.word-class"))
    return sum(_count_ascii_words(piece.encode("ascii")) if piece.isascii() else len(WORD_RE.findall(piece))
               for piece in text.split("\n"))


def _count_ascii_words(data: bytes) -> int:
    row = int.from_bytes(_TEXT_START + data.translate(_WORD_CLASSES), "little")
    starts = row & ((row << _AFTER_OTHER) | ((row << _AFTER_JOINER) & (row << _TWO_AFTER_NOT_WORD)))
    return starts.bit_count()


_QUOTES = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


# The id and the dedupe keys (dedupe.py) both normalise the body, one after the other:
# the second time is a lookup.
@lru_cache(maxsize=4)
def normalise_for_id(text: str) -> str:
    """Fold what differs between renderings of one article: case, quotes, spacing."""
    if not text.isascii():  # ASCII is NFKC already, and holds none of the marks
        # The marks are NFKC already and start or join no composition (a test checks):
        # a text that is ASCII but for them is NFKC already too, and only needs them
        # replaced. Any other, NFKC first, as the rule says.
        plain = _replace_marks(text)
        text = plain if plain.isascii() else _replace_marks(unicodedata.normalize("NFKC", text))
    folded = text.lower() if text.isascii() else text.casefold()  # the same on ASCII, and faster
    # A body is its paragraphs, each spaced singly, between blank lines: with those made
    # spaces it is usually spaced already, and splitting it into words only to join them
    # again is most of the cost. (Split at the one character "\n", the text is searched
    # several times faster than for the two of "\n\n"; newlines never stand in a text
    # spaced singly, so whichever way they go the answer is the same.)
    flat = " ".join(filter(None, folded.split("\n")))
    return flat if single_spaced(flat) else " ".join(folded.split())


def _replace_marks(text: str) -> str:
    # str.translate goes character by character once the text holds any non-ASCII
    # character; replacing the few marks that are there is many times faster.
    for mark, plain in _QUOTES.items():
        if mark in text:
            text = text.replace(mark, plain)
    return text


_DOUBLE_SPACE_RE = re.compile("  ")  # searched faster than `"  " in text` on long text


def single_spaced(text: str) -> bool:
    """True only if `" ".join(text.split()) == text`: no whitespace but single spaces
    between words. Every whitespace character but the space is unprintable (so a text
    with an unprintable character is never called spaced, and is split and joined as
    before); in ASCII text the few there are are looked for one by one, many times faster."""
    if text[:1] == " " or text[-1:] == " " or _DOUBLE_SPACE_RE.search(text) is not None:
        return False
    if text.isascii():  # the whitespace of ASCII other than the space, spelled out: no loop
        return "\n" not in text and "\t" not in text and "\r" not in text and "\x0b" not in text \
            and "\x0c" not in text and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text \
            and "\x1f" not in text
    return text.isprintable()
