"""Bylines: who wrote an article, where they filed from, and for which agency.

Fewer authors beat wrong ones: a part of a byline that does not look like a person's
name is dropped, never guessed into `authors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsarchive.extract.publication import ALIAS_FIRST_WORDS, lookup_publication
from newsarchive.extract.text import squash

# Roles and desks that follow a name in a byline; dropped.
ROLE_PATTERNS = [
    r"(?:senior |chief |special |foreign |diplomatic |political |economics |china |us |asia )*"
    r"(?:staff |contributing |senior |special |chief )?"
    r"(?:reporter|writer|correspondent|editor|columnist|contributor|analyst|journalist|"
    r"producer|photographer|commentator|bureau chief|staff)s?",
    # A desk before a role: "Environment editor", "Computing Editor", "Tokyo correspondent".
    r"(?:[A-Za-z.]+ ){1,2}(?:reporter|writer|correspondent|editor|columnist|analyst|"
    r"bureau chief)s?",
    r"(?:[\w.]+ )?staff writers?",
    r"[a-z.]+ staff",  # "Globe Staff", "Post staff"
    r"foreign service",
    r"special to (?:the )?[\w .]+",
    r"for (?:the )?[A-Z][\w .]+",
    # The look-ahead checks the end first: a line of prose is not searched for " bureau"
    # at every length of `[\w .]+`.
    r"(?:in|from) [A-Z](?=.*+(?<= bureau)$)[\w .]+ bureau",
    r"opinion",
    r"guest (?:essay|column)",
]
ROLE_RE = re.compile(r"^(?:" + "|".join(ROLE_PATTERNS) + r")$", re.IGNORECASE)

# Honorifics and academic titles in front of a name; dropped.
TITLE_RE = re.compile(
    r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Rev|Reverend|Gen|Col|Capt|Amb|Hon)\.?\s+",
    re.IGNORECASE,
)

# Lower-case words that belong inside names across cultures.
NAME_PARTICLES = {
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "del", "della", "di", "du",
    "la", "le", "bin", "binti", "bint", "ibn", "al", "el", "ter", "ten", "y", "zu", "st.",
}

# Words that are never part of a person's name in a byline: site chrome and roles.
NOT_NAME_WORDS = {
    "email", "author", "authors", "ago", "hours", "hour", "minutes", "min", "updated",
    "published", "share", "follow", "staff", "reporter", "reporters", "writer", "editor",
    "editors", "correspondent", "news", "agency", "agencies", "the", "and", "with",
    "comment", "comments", "read", "more", "photo", "photos", "video", "opinion", "analysis",
    "subscribe", "view", "profile", "twitter", "facebook", "contact", "wires", "desk",
    "press", "post", "times", "journal", "daily", "report", "bureau", "briefing",
    # Greetings and sign-offs in list mail: "Hi Glyph", "Many Thanks David".
    "hi", "hello", "hey", "dear", "thanks", "thank", "many", "cheers", "regards", "best",
    "greetings", "sincerely", "yours", "kind", "warm", "all", "folks", "everyone",
    # Site furniture and section names that turn up as capitalised short lines.
    "google", "apple", "source", "badge", "preferred", "newsletter", "podcast", "topics",
    "related", "latest", "live", "updates", "update", "world", "business", "politics",
    "markets", "economy", "technology", "sport", "sports", "culture", "science", "health",
    "climate", "edition", "section", "page", "home", "menu", "search", "sign", "log",
    "subscriber", "premium", "exclusive", "breaking", "watch", "listen",
    "audio", "gallery", "image", "images", "getty", "continue", "reading", "advertisement",
}

NAME_TOKEN_RE = re.compile(r"^(?:(?:[A-Z]\.){2,4}|[A-Z][a-zà-ÿ]*\.|[A-ZÀ-Þ][\w’'À-ÿ]*(?:-[A-Za-zÀ-ÿ][\w’'À-ÿ]*)*)$")
BY_RE = re.compile(r"^(?:(?:written|posted|commentary|analysis|essay|opinion|story|words|text)\s+)?by[:\s]+",
                   re.IGNORECASE)
# `[SOURCE: The Washington Post, AUTHOR: Doug Struck]`: the author field of a source tag.
AUTHOR_FIELD_RE = re.compile(r"(?:^|[\[,]\s*)AUTHORS?:\s*(?P<names>[^\]\n]+?)\s*\]?$", re.IGNORECASE)
SEPARATOR_RE = re.compile(r"\s+(?:\||/|—|–|-{1,2})\s+")
SPLIT_NAMES_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
IN_PLACE_RE = re.compile(r"^(?P<names>.+?)\s+in\s+(?P<place>[A-Z][\w’'. -]+)$")
GLUED_IN_PLACE_RE = re.compile(r"^(?P<names>.+?[a-z])in\s+(?P<place>[A-Z][\w’'. -]+)$")


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    publication: str | None = None


def parse_byline(line: str, evidence: str = "", require_by: bool = False) -> Byline | None:
    """Parse one byline line; None when it is not a byline.

    `evidence` is other text of the article (the author bio, a "Reporting by" credit):
    it decides between readings of an ambiguous line, such as `Dewey Simin Beijing`
    (Dewey Sim, in Beijing) against a real surname ending in "in".
    """
    text = squash(line).strip(" .")
    if not text or len(text) > 160:
        return None
    field_match = AUTHOR_FIELD_RE.search(text)
    if field_match:
        text = "By " + field_match.group("names")
    has_by = bool(BY_RE.match(text))
    if require_by and not has_by:
        return None
    parsed = _parse_byline_text(text, has_by, evidence)
    # The parse is cached; the caller gets its own copy, free to change.
    return None if parsed is None else Byline(list(parsed.authors), parsed.dateline, parsed.publication)


# Cached: several steps ask about the same header line, with or without `require_by`.
@lru_cache(maxsize=1024)
def _parse_byline_text(text: str, has_by: bool, evidence: str) -> Byline | None:
    text = BY_RE.sub("", text)
    result = Byline()

    # "A | Bloomberg", "A / Associated Press", "A - Reuters": split off the credit.
    parts = SEPARATOR_RE.split(text)
    kept: list[str] = []
    for part in parts:
        publication = lookup_publication(part)
        if publication:
            result.publication = result.publication or publication
        else:
            kept.append(part)
    text = ", ".join(kept)
    if not text:
        return result if has_by and result.publication else None

    authors: list[str] = []
    for piece in SPLIT_NAMES_RE.split(text):
        piece = piece.strip(" .,;")
        agency = lookup_publication(piece) or _publication_with_role(piece) if piece else None
        if not piece or (ROLE_RE.match(piece) and not agency):
            continue
        if agency:
            result.publication = result.publication or agency
            continue
        piece, trailing = _split_trailing_publication(piece)
        if trailing:
            result.publication = result.publication or trailing
        names, place, _prior = max(_place_readings(piece),
                                   key=lambda r: _reading_score(r, evidence))
        name = clean_name(names) or _repair_from_evidence(names, evidence)
        if name and not has_by and len([t for t in name.split() if t.lower() not in NAME_PARTICLES]) > 3:
            name = None  # a bare line of four capitalised words is more often furniture
        if name:
            authors.append(name)
            result.dateline = result.dateline or place
        elif not has_by:
            return None  # a bare line with a non-name part is no byline
    if not authors and not (has_by and result.publication):
        return None
    result.authors = authors
    return result


EVIDENCE_NAME_RE = re.compile(r"\b([A-Z][a-z’'-]+(?:\s+[A-Z]\.)?\s+[A-Z][A-Za-z’'-]+)\b")


def _repair_from_evidence(piece: str, evidence: str) -> str | None:
    """A name run together by a bad strip (`Abgoodnough` from `By ABBY GOODNOUGH`),
    repaired only when the bio or a credit names someone it was made from: the letters
    of a first-name prefix and the whole surname."""
    token = piece.strip()
    if " " in token or len(token) < 6 or not evidence:
        return None
    folded = token.casefold()
    for match in EVIDENCE_NAME_RE.finditer(evidence):
        candidate = match.group(1)
        first, last = candidate.split()[0].casefold(), candidate.split()[-1].casefold()
        if folded.endswith(last) and first.startswith(folded[: len(folded) - len(last)]) \
                and len(folded) > len(last):
            return candidate
    return None


def _split_trailing_publication(piece: str) -> tuple[str, str | None]:
    """`JOSH BOAK Associated Press` -> (`JOSH BOAK`, Associated Press): an outlet glued
    to the last name without a separator."""
    tokens = piece.split()
    for cut in range(2, len(tokens)):
        rest = " ".join(tokens[cut:])
        name = lookup_publication(rest) or _publication_with_role(rest)
        if name:
            return " ".join(tokens[:cut]), name
    return piece, None


def _publication_with_role(piece: str) -> str | None:
    """`Reuters Staff`, `Washington Post Staff Writer`: an outlet and a role, no person."""
    tokens = piece.split(None, 5)  # the first words; all of them only for a known outlet
    # Every name looked up below starts with the first word, stripped of `.,:;` on the
    # left (or on both sides, alone): one that starts no outlet's name rules them all out.
    if not tokens or tokens[0].lstrip(".,:;").casefold() not in ALIAS_FIRST_WORDS \
            and tokens[0].strip(".,:;").casefold() not in ALIAS_FIRST_WORDS:
        return None
    for cut in range(1, min(len(tokens), 5)):
        name = lookup_publication(" ".join(tokens[:cut]))
        if name and ROLE_RE.match(" ".join(piece.split()[cut:])):
            return name
    return None


def is_role_line(line: str) -> bool:
    """A line that only gives the byline's role: `Washington Post Staff Writer`."""
    text = squash(line).strip(" .,")
    return bool(ROLE_RE.match(text) or _publication_with_role(text))


# Cached: every reading of every byline piece is cleaned, by several steps.
@lru_cache(maxsize=4096)
def clean_name(text: str) -> str | None:
    """A person's name from a byline piece, in normal case; None if it is not one."""
    text = TITLE_RE.sub("", text.strip())
    # Drop a trailing role glued by a comma-less space: "Jane Doe Staff Reporter".
    tokens = text.split()
    while len(tokens) > 2 and ROLE_RE.match(" ".join(tokens[-2:])):
        tokens = tokens[:-2]
    while len(tokens) > 1 and ROLE_RE.match(tokens[-1]):
        tokens = tokens[:-1]
    if not 2 <= len(tokens) <= 5:
        return None
    if any(t.lower().strip(".,") in NOT_NAME_WORDS for t in tokens):
        return None
    # Re-case a name written wholly in capitals (`By JOHN SMITH`) and any capitalised word
    # too long for initials (`John SMITH`); in `JP Calderone` the capitals are initials.
    shouting = all(t.isupper() for t in tokens if any(c.isalpha() for c in t))
    cased = [name_case(t, first=(i == 0)) if shouting or len(t) > 3 else t
             for i, t in enumerate(tokens)]
    for token in cased:
        if token.lower() in NAME_PARTICLES:
            continue
        if not NAME_TOKEN_RE.match(token):
            return None
    if cased[0].lower() in NAME_PARTICLES or cased[-1].lower() in NAME_PARTICLES:
        return None
    return " ".join(cased)


INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
NAME_PART_START_RE = re.compile(r"(^|[-’'])([a-zà-ÿ])")
MAC_RE = re.compile(r"^(Ma?c)([a-z])")


def name_case(token: str, first: bool = False) -> str:
    """`SMITH` -> `Smith`, `O'BRIEN` -> `O'Brien`, `MCDONALD` -> `McDonald`; others kept."""
    if not (token.isupper() and len(token.strip(".")) > 1) or INITIALS_RE.fullmatch(token):
        return token  # already cased, or initials ("T.C.A.")
    lower = token.lower()
    if not first and lower in NAME_PARTICLES:
        return lower
    out = NAME_PART_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), lower)
    out = MAC_RE.sub(lambda m: m.group(1) + m.group(2).upper(), out) if len(out) > 4 else out
    return out


def _place_readings(text: str) -> list[tuple[str, str | None, float]]:
    """The ways `text` can split into names and a dateline place, each with a prior.

    A line with "in Place" at its end most likely names a dateline; when the "in" is
    glued to the name (`Simin Beijing`), the reading that keeps "Simin" as a surname
    with a bare place is kept too, and evidence decides.
    """
    readings: list[tuple[str, str | None, float]] = [(text, None, 0.0)]
    spaced = IN_PLACE_RE.match(text)
    if spaced:
        readings.append((spaced.group("names"), spaced.group("place").strip(), 0.5))
    glued = GLUED_IN_PLACE_RE.match(text)
    if glued:
        readings.append((glued.group("names"), glued.group("place").strip(), 0.5))
        head, _, place = text.rpartition(" ")
        readings.append((head, place, 0.25))
    return readings


def _reading_score(reading: tuple[str, str | None, float], evidence: str) -> float:
    names, _place, prior = reading
    name = clean_name(names)
    if not name:
        return prior - 1.0
    score = prior + 1.0
    if evidence and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", evidence, re.IGNORECASE):
        score += 2.0
    return score
