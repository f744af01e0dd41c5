"""What is not the article: promos, teasers, captions, ads, share rows, footers.

Rules are data: vocabularies and patterns at the top, one small classifier per kind
below. Each classifier looks at one block (a blank-line separated paragraph, as its
logical lines) and says whether the whole block is of its kind.
"""

from __future__ import annotations

import re

from newsarchive.extract.text import ends_sentence, words
from newsarchive.model import RemovedKind

# Paywall / subscription / newsletter vocabulary. A block is a promo when it is short and
# holds two of these, or one strong call to action standing alone.
PROMO_TERMS = [
    r"subscrib\w*", r"log ?in", r"sign ?in", r"sign up", r"register(?:ed)?", r"newsletters?",
    r"premium", r"exclusive content", r"free trial", r"unlock\w*", r"paywall", r"membership",
    r"members?-only", r"already a (?:subscriber|member)", r"create (?:an |a free )?account",
    r"download (?:our|the) app", r"get the app", r"inbox", r"special offer",
    r"\bper (?:month|week)\b", r"cancel anytime", r"support (?:our|independent) journalism",
    r"become a (?:member|subscriber|supporter)", r"access (?:our|all|unlimited)",
    r"unlimited (?:access|articles)", r"digital (?:access|subscription)", r"all-inclusive",
]
PROMO_RE = re.compile(r"\b(?:" + "|".join(PROMO_TERMS) + r")", re.IGNORECASE)
# Lines that are a call to action by themselves.
CALL_TO_ACTION_RE = re.compile(
    r"^(?:log ?in|sign ?in|sign up|subscribe(?: now| today)?|register|join now|"
    r"already a (?:subscriber|member)\??|start your free trial|continue reading|get started|"
    r"subscribe now|try (?:it )?(?:free|for free))[.!?]?$",
    re.IGNORECASE,
)

# Share-button rows and reading furniture.
SHARE_RE = re.compile(
    r"^(?:(?:share|tweet|email|print|save|copy link|facebook|twitter|x|linkedin|whatsapp|"
    r"reddit|telegram|gift (?:this )?article|comments?|\d+ comments?)[\s|·•,]*)+$"
    r"|^listen to (?:this )?article(?: \d+ min(?:utes?)?)?$"
    r"|^\d+\s*min(?:ute)?s? (?:read|listen)$"
    r"|^(?:reading time|estimated reading time):?\s*\d+\s*min(?:ute)?s?$"
    r"|^(?:follow|follow us|follow the author)(?: on [\w ]+)?$"
    r"|^(?:add|save|bookmark)(?: to| this)? (?:article|myft|reading list|list)$",
    re.IGNORECASE,
)
AD_RE = re.compile(r"^(?:advertisement|advert|sponsored(?: content)?|ad|story continues below"
                   r"(?: advertisement)?|scroll to continue(?: with content)?)$", re.IGNORECASE)

# Photo captions and credits.
CAPTION_RE = re.compile(
    r"(?:\bPhotos?:\s*\S|\bPhotograph(?:s|er)?:\s*\S|\bPicture:\s*\S|\bImage:\s*\S|"
    r"\bCredit:\s*\S|\((?:AP )?Photos? by [^)]*\)|\(AP Photo[/ ][^)]*\)|\((?:Reuters|AFP|Getty Images|EPA|Bloomberg|"
    r"Xinhua)[^)]*\)\s*$|\b(?:Getty Images|Shutterstock|AFP via Getty Images|"
    r"Pool photo via AP|File photo|Illustration:)\s*$|^(?:FILE\s*[-–—]|PHOTO:|IMAGE:))",
)

# Related-article markers: the line that introduces or is a teaser.
TEASER_PREFIX_RE = re.compile(
    r"^(?:read more|related|see also|also read|more on this|recommended|you may also like|"
    r"more from [\w ]+|most read|trending|read next|further reading|related articles?|"
    r"related stories|read also|watch)\s*[:>»|-]",
    re.IGNORECASE,
)
TEASER_ONLY_RE = re.compile(
    r"^(?:read more|related(?: articles?| stories| coverage)?|see also|recommended|"
    r"most read|more stories|trending now|read next)$",
    re.IGNORECASE,
)

COPYRIGHT_RE = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved\.?$|"
    r"^this (?:article|story|piece|essay) (?:first |originally )?(?:appeared|was published)\b|"
    r"^(?:originally|first) published (?:in|by|on)\b",
    re.IGNORECASE,
)

# Mailing-list and archive footers.
LIST_FOOTER_RE = re.compile(
    r"^_{10,}$|^[\w .-]+ mailing list$|^more information about the [\w .-]+ mailing list|"
    r"^https?://\S+/(?:mailman|listinfo|lists?)/\S*$|^to unsubscribe\b|"
    r"^you (?:are receiving|received) this (?:message|email) because|"
    r"^-- ?$|^sent from my (?:iphone|ipad|android|mobile)",
    re.IGNORECASE,
)

# Bio sentences: a name, then one of these.
BIO_VERB_RE = re.compile(
    r"^(?P<name>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+)\s+(?:is|was|has been|covers|writes|"
    r"reports|joined|leads|heads|serves)\b",
)
BIO_ROLE_RE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|fellow|professor|"
    r"contributor|author|analyst|director|chief|bureau|desk|researcher|lecturer|senior|"
    r"founder|host|economist|scholar)\b",
    re.IGNORECASE,
)


def is_promo(lines: list[str]) -> bool:
    text = " ".join(lines)
    if len(words(text)) > 120:
        return False
    hits = len(PROMO_RE.findall(text))
    actions = sum(1 for line in lines if CALL_TO_ACTION_RE.match(line.strip()))
    return hits >= 2 or actions >= 1 and (hits >= 1 or len(lines) == 1)


def is_share(lines: list[str]) -> bool:
    return all(SHARE_RE.match(line.strip()) for line in lines)


def is_ad(lines: list[str]) -> bool:
    return all(AD_RE.match(line.strip()) for line in lines)


def is_caption(line: str) -> bool:
    return bool(CAPTION_RE.search(line)) and len(words(line)) <= 80


def is_teaser_marker(lines: list[str]) -> bool:
    first = lines[0].strip()
    return bool(TEASER_PREFIX_RE.match(first) or TEASER_ONLY_RE.match(first))


def is_copyright(lines: list[str]) -> bool:
    return all(COPYRIGHT_RE.search(line.strip()) for line in lines) and len(words(" ".join(lines))) < 60


def is_list_footer(lines: list[str]) -> bool:
    return bool(lines) and LIST_FOOTER_RE.match(lines[0].strip()) is not None


def is_headline_shaped(line: str) -> bool:
    """A short line with no closing punctuation: a headline, a teaser or a subhead."""
    count = len(words(line))
    return 5 <= count <= 25 and not ends_sentence(line) and not line.rstrip().endswith(",")


def bio_name(paragraph: str) -> str | None:
    """The name a bio paragraph is about, or None when the paragraph is no bio."""
    match = BIO_VERB_RE.match(paragraph.strip())
    if not match or len(words(paragraph)) > 120:
        return None
    if not BIO_ROLE_RE.search(paragraph[: 200]):
        return None
    return match.group("name")


def classify_block(lines: list[str]) -> RemovedKind | None:
    """The boilerplate kind of a block that needs no context, or None."""
    if is_list_footer(lines):
        return RemovedKind.FOOTER
    if is_ad(lines):
        return RemovedKind.AD
    if is_share(lines):
        return RemovedKind.SHARE
    if is_teaser_marker(lines):
        return RemovedKind.TEASER
    if is_copyright(lines):
        return RemovedKind.COPYRIGHT
    if is_promo(lines):
        return RemovedKind.PROMO
    if all(is_caption(line) for line in lines):
        return RemovedKind.CAPTION
    return None
