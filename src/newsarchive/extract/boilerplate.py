"""What is not the article: promos, teasers, captions, ads, share rows, footers.

Rules are data: vocabularies and patterns at the top, one small classifier per kind
below. Each classifier looks at one block (a blank-line separated paragraph, as its
logical lines) and says whether the whole block is of its kind.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from newsarchive.extract.cues import Alternatives, CueScreen, FirstCharDispatch, ruled_out_leads, word_cues
from newsarchive.extract.text import WORD_RE, ends_sentence, word_count, words
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
    r"thanks for reading", r"receive new posts", r"support (?:my|our) work", r"email notifications?",
    r"letters section", r"submit a (?:response|letter)", r"free (?:daily |weekly )?newsletter",
    r"enter your email", r"privacy notice", r"letters to the editor", r"news alerts?",
    r"whatsapp channel", r"telegram channel", r"get the latest news", r"full access",
    r"free for \d+ (?:days?|weeks?|months?)", r"for just [$£€]", r"top stories",
    r"more articles? (?:this|in this|left|remaining)", r"read the rest", r"articles? left",
    r"follow (?:the |us |our )?[\w ]{0,40}\bon (?:facebook|instagram|twitter|x|threads|tiktok|linkedin)",
]
# Matched against lower-cased text: the terms are lower case, and IGNORECASE makes this
# long alternation four times slower on every body paragraph.
PROMO_RE = re.compile(r"\b(?:" + "|".join(PROMO_TERMS) + r")")
# Lines that are a call to action by themselves.
CALL_TO_ACTION_RE = re.compile(
    r"^(?:log ?in|sign ?in|sign up|subscribe(?: now| today| to [\w .&'’-]{1,40})?|register|join now|"
    r"already a (?:subscriber|member)\??|start your free trial|continue reading|get started|"
    r"subscribe now|try (?:it )?(?:free|for free)|follow|sign up (?:to|for)\b.*|"
    r"get (?:email )?notifications?\b.*)[.!?]?$",
    re.IGNORECASE,
)

# Share-button rows and reading furniture.
SHARE_RE = re.compile(
    r"^(?:(?:share|tweet|email|print|save|copy link|facebook|twitter|x|linkedin|whatsapp|"
    r"reddit|telegram|gift (?:this )?article|comments?|\d+ comments?)[\s|·•,]*)+$"
    r"|^listen to (?:this )?(?:article|story)\b.{0,24}$"
    r"|^\d+\s*min(?:ute)?s?(?: (?:read|listen))?$"
    r"|^(?:share|save|gift) (?:this |full )?(?:article|story)s?\b.{0,60}$"
    r"|^[\w ]{0,30}+:\s*\d+\s*min(?:ute)?s?(?: read)?$"
    r"|^(?:related )?topics:?$"
    r"|^(?:tags|topics|filed under|categories|more about)\s*:.{0,200}$"
    r"|^time to (?:read )?\d+ min\.?$"
    r"|^(?:lire en français|read in (?:english|french|spanish|chinese)|leer en español|en español|"
    r"auf deutsch lesen|in english|中文版|日本語で読む)$"
    r"|^(?:show|see|load|view) more$"
    r"|^(?:link copied!?|like|restack|∙ paid|paid|\d{1,5}|why you can trust \w+|"
    r"save articles to read later.*|print this (?:page|article))$"
    r"|^(?:reading time|estimated reading time):?\s*\d+\s*min(?:ute)?s?$"
    r"|^(?:follow|follow us|follow the author)(?: on [\w ]+)?$"
    r"|^(?:add|save|bookmark)(?: to| this)? (?:article|myft|reading list|list)$",
    re.IGNORECASE,
)
# (`[\w ]{0,30}+:` is possessive: `:` is no word character or space, so giving back any
# of the run never lets it match, and a line of prose is not backed over 30 times.)
AD_RE = re.compile(r"^(?:(?:skip )?advertisement|advert|sponsored(?: content)?|ad|story continues below"
                   r"(?: advertisement)?|scroll to continue(?: with content)?)$", re.IGNORECASE)

# Photo captions and credits.
CAPTION_RE = re.compile(
    r"(?:\b(?:PHOTO|IMAGE|PICTURE)S?:\s*\S|\[File: [^\]]+\]\s*$|\bAFP via Getty Images\s*$|"
    r"^\[(?:image|photo|picture|graphic|video|chart)s?(?::[^\]]*)?\]$|\bPhotos?:\s*\S|\bPhotograph(?:s|er)?:\s*\S|\bPicture:\s*\S|\bImage:\s*\S|"
    r"\bCredit:\s*\S|\((?:AP )?Photos? by [^)]*\)|\(AP Photo[/ ][^)]*\)|\((?:Reuters|AFP|Getty Images|EPA|Bloomberg|"
    r"Xinhua)[^)]*\)\s*$|\b(?:Getty Images|Shutterstock|AFP via Getty Images|"
    r"Pool photo via AP|File photo|Illustration:)\s*$|^(?:FILE\s*[-–—]|PHOTO:|IMAGE:))",
)

# Related-article markers: the line that introduces or is a teaser.
TEASER_PREFIX_RE = re.compile(
    r"^(?:read more|related|see also|also read|more on this|recommended|you may also like|"
    r"more from [\w ]+|most read|trending|read next|further reading|related articles?|"
    r"related stories|read also|watch|keep reading|more on this story)\s*[:>»|-]",
    re.IGNORECASE,
)
TEASER_ONLY_RE = re.compile(
    r"^(?:read more|related(?: articles?| stories| coverage)?|see also|recommended|"
    r"most read|more stories|trending now|read next|keep reading|more on this story|"
    r"more from \w[\w ]*|you might also like|editor'?s picks|explore more(?: on (?:these|this) topics?)?)"
    r"\s*:?$",
    re.IGNORECASE,
)

COPYRIGHT_RE = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved\.?$|"
    r"^this (?:article|story|piece|essay) (?:first |originally )?(?:appeared|was published)\b|"
    r"^(?:originally|first) published (?:in|by|on)\b|"
    r"^(?:this|the) (?:article|story|piece|commentary|essay) (?:was|is) (?:originally |first )?"
    r"(?:published|produced|reprinted)\b|"
    r"^a version of this (?:article|story) appear(?:s|ed)\b|"
    r"\bis produced by\b.{0,200}\b(?:institution|organi[sz]ation|centre|center)\b|"
    r"\bthe (?:views|opinions) expressed (?:here|in this)\b|"
    r"\bdoes not take (?:specific )?policy positions\b",
    re.IGNORECASE,
)
# A block whose first line is led by one of these is copyright whatever follows.
COPYRIGHT_LEAD_RE = re.compile(r"^(?:copyright\b|©)", re.IGNORECASE)

# Credit lines below a story; they also confirm a byline: "(Reporting by Jane Doe; Editing by …)".
CREDIT_RE = re.compile(
    r"^\(?\s*(?:reporting|additional reporting|writing|editing|compiled|contributing)\s+by\b.*\)?\.?$"
    r"|^[-—–]*\s*with assistance from\b.{0,200}$"
    r"|^.{0,120}\bcontributed (?:reporting )?(?:to )?(?:this )?(?:report|story|article)\.?$"
    r"|^source:\s.{2,80}$"
    r"|^contact (?:the )?(?:editor|reporter|writer|author)s?\b.{0,160}$",
    re.IGNORECASE,
)

# Mailing-list and archive footers.
LIST_FOOTER_RE = re.compile(
    # `Foo mailing list`: the look-ahead jumps to the end of the line and looks back for
    # " mailing list" once, where `^[\w .-]+ mailing list$` would look for it after
    # every character of a line of prose.
    r"^_{10,}$|^(?=.*+(?<=[\w .-] mailing list)$)[\w .-]++$|^more information about the [\w .-]+ mailing list|"
    r"^https?://\S+/(?:mailman|listinfo|lists?)/\S*$|^to unsubscribe\b|"
    r"^you (?:are receiving|received) this (?:message|email) because|"
    r"^-- ?$|^sent from my (?:iphone|ipad|android|mobile)",
    re.IGNORECASE,
)

# Bio sentences: a name, then one of these.
BIO_VERB_RE = re.compile(
    r"^(?P<name>(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+)(?:,\s[^.]{3,160},)?\s+(?:is|was|has been|"
    r"covers|writes|reports|joined|leads|heads|serves)\b",
)
# "Write to Jane Doe at jane.doe@example.com": the author's contact line, kept as bio.
WRITE_TO_RE = re.compile(r"^(?:write to|contact|e-?mail|reach)\s+(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})"
                         r"\s+at\s+\S+@\S+", re.IGNORECASE)
# The tail of a press release or a wire story: contacts, boilerplate, end marks.
RELEASE_TAIL_RE = re.compile(
    r"^(?:(?:media|press|investor) contacts?|contacts?|for (?:more|further) information"
    r"|to contact the (?:reporters?|editors?|authors?|writers?)\b.*"
    r"|about [A-Z][\w .,&'-]{1,60}|forward-looking statements|safe harbou?r statement"
    r"|source [A-Z][\w .,&'-]{1,60}|#{3}|-30-|\(?end(?:s|it)?\)?)\s*:?$",
    re.IGNORECASE,
)
BIO_ROLE_RE = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|fellow|professor|"
    r"contributor|author|analyst|director|chief|bureau|desk|researcher|lecturer|senior|"
    r"founder|host|economist|scholar|chair|dean|member|advis[eo]r|associate|president|"
    r"coordinator|head|partner|visiting|ambassador|minister|officer)\b",
    re.IGNORECASE,
)


# Which rules a block may match at all, from the cue words it holds: most blocks are
# prose with none, and their patterns need not run (see extract/cues.py). The caption,
# copyright and credit patterns are searched alternative by alternative, each only in a
# block with its cue: most start with `\b` or `.{0,n}` and so are tried at every
# position of a line, at a cost that grows with each alternative.
CAPTION = Alternatives("caption", CAPTION_RE)
COPYRIGHT = Alternatives("copyright", COPYRIGHT_RE)
CREDIT = Alternatives("credit", CREDIT_RE)
SCREEN = CueScreen({"promo": word_cues(PROMO_RE.pattern), **CAPTION.cues(), **COPYRIGHT.cues(),
                    **CREDIT.cues()})
# Texts longer than this are screened afresh each time rather than kept in the cache.
SCREEN_CACHE_CHARS = 4000


def possible_rules(text: str) -> frozenset[str]:
    """The names of the SCREEN rules that may match `text`."""
    if len(text) > SCREEN_CACHE_CHARS:
        return SCREEN.possible(text)
    return _cached_possible_rules(text)


@lru_cache(maxsize=256)
def _cached_possible_rules(text: str) -> frozenset[str]:
    # The same block or line is screened by several steps (gather_evidence, then
    # sort_body; a header line by read_header, then classify_block): once is enough.
    return SCREEN.possible(text)


def is_promo(lines: list[str], possible: frozenset[str] | None = None) -> bool:
    """Two promo terms, or a call to action with one (or standing alone), in a short block.
    `possible`: the block's `possible_rules`, when the caller has them."""
    if possible is not None and "promo" not in possible and len(lines) > 1:
        return False  # no promo term, and no call to action can make it a promo
    text = " ".join(lines)
    if not short_enough(text, 120):
        return False
    if possible is None:
        possible = possible_rules(text)
    hits = len(PROMO_RE.findall(text.lower())) if "promo" in possible else 0
    if hits == 0 and len(lines) > 1:
        return False
    if hits >= 2:
        promo = True
    elif len(lines) == 1:  # most blocks: their one line a call to action, or not
        promo = CALL_TO_ACTION_RE.match(lines[0].strip()) is not None
    else:
        promo = hits >= 1 and any(CALL_TO_ACTION_RE.match(line.strip()) for line in lines)
    # The length limit last: counting words costs more than the tests above.
    return promo and at_most_words(text, 120)


def at_most_words(text: str, limit: int) -> bool:
    """`len(words(text)) <= limit`, answered from the length alone for long text: the
    boilerplate tests run on every block, and a body can be one 10 MB line."""
    return short_enough(text, limit) and word_count(text) <= limit


def short_enough(text: str, limit: int) -> bool:
    """The length half of `at_most_words`, to test before a pattern: a long text (a body
    flattened to one line) is then never searched at all."""
    return len(text) <= limit * 40


def is_share(lines: list[str]) -> bool:
    return all(SHARE_RE.match(line.strip()) for line in lines)


def is_ad(lines: list[str]) -> bool:
    return all(AD_RE.match(line.strip()) for line in lines)


def is_caption(line: str, possible: frozenset[str] | None = None) -> bool:
    """A photo caption or credit line. `possible`: the `possible_rules` of the line or of
    the block it stands in, when the caller has them."""
    if not short_enough(line, 80):
        return False
    if possible is None:
        possible = possible_rules(line)
    return CAPTION.search(line, possible) and at_most_words(line, 80)


def is_teaser_marker(lines: list[str]) -> bool:
    first = lines[0].strip()
    return bool(TEASER_PREFIX_RE.match(first) or TEASER_ONLY_RE.match(first))


def is_copyright(lines: list[str], possible: frozenset[str] | None = None) -> bool:
    """Copyright and "first appeared in" lines; a block led by a © line is one too.
    `possible`: the block's `possible_rules`, when the caller has them."""
    first = lines[0].strip()
    if COPYRIGHT_LEAD_RE.match(first):
        return at_most_words(" ".join(lines), 59)
    if not short_enough(" ".join(lines), 59):
        return False
    if possible is None:
        possible = possible_rules(" ".join(lines))
    if len(lines) == 1:  # most blocks: the line itself, with no generator around it
        return COPYRIGHT.search(first, possible) and at_most_words(lines[0], 59)
    return all(COPYRIGHT.search(line.strip(), possible) for line in lines) \
        and at_most_words(" ".join(lines), 59)


# A summary box above or beside the story: "Key points:", "In short:".
SUMMARY_BOX_RE = re.compile(r"^(?:key points|in short|at a glance|summary|highlights|the big picture|"
                            r"what you need to know|quick read|tl;?dr)\s*:?$", re.IGNORECASE)


def is_summary_box(lines: list[str]) -> bool:
    return len(lines) >= 2 and bool(SUMMARY_BOX_RE.match(lines[0].strip()))


def is_release_tail(lines: list[str]) -> bool:
    return bool(RELEASE_TAIL_RE.match(lines[0].strip())) and at_most_words(" ".join(lines), 119)


def is_list_footer(lines: list[str]) -> bool:
    return bool(lines) and LIST_FOOTER_RE.match(lines[0].strip()) is not None


def is_headline_shaped(line: str) -> bool:
    """A short line with no closing punctuation: a headline, a teaser or a subhead."""
    if len(line) > 25 * 40 or ends_sentence(line) or line.rstrip().endswith(","):
        return False  # the cheap tests first: most lines asked about are prose
    return 5 <= word_count(line) <= 25


# A line that ends like a sentence or a clause.
CLAUSE_END_RE = re.compile(r"[.!?,:;]\W*$")


def is_furniture(lines: list[str]) -> bool:
    """Short lines, mostly (over half) capitalised words, none ending like a sentence or a clause:
    page furniture rather than prose when they stand outside the article's paragraphs."""
    if len(lines) > 3:
        return False
    for line in lines:
        if not _at_most_tokens(line, 8):
            return False  # a line of prose, not split into words to count them
        tokens = words(line)
        if not 1 <= len(tokens) <= 8 or CLAUSE_END_RE.search(line.strip()):
            return False
        if sum(1 for t in tokens if t[:1].isupper() or t[:1].isdigit()) * 2 <= len(tokens):
            return False
    return True


def _at_most_tokens(line: str, limit: int) -> bool:
    """`len(words(line)) <= limit`, reading no further than one word past the limit."""
    return next(islice(WORD_RE.finditer(line), limit, None), None) is None


# "The writer is deputy director of …": a bio that names no one, about the byline's author.
WRITER_IS_RE = re.compile(r"^(?:the|this) (?:writer|author|columnist)s? (?:is|are|was|were|has)\b",
                          re.IGNORECASE)
ANY_AUTHOR = "the writer"


def bio_name(paragraph: str) -> str | None:
    """The name a bio paragraph is about, or None when the paragraph is no bio.
    `ANY_AUTHOR` stands for a bio that names no one ("The writer is …")."""
    if not short_enough(paragraph, 120):
        return None
    name = _bio_name_by_shape(paragraph.strip(), paragraph)
    # The length limit last: counting words costs more than the patterns.
    return name if name and at_most_words(paragraph, 120) else None


# The ASCII characters that a line these match cannot start with (see cues.ruled_out_leads):
# most paragraphs asked about are answered without the call.
_NOT_WRITER_IS_LEADS = ruled_out_leads(WRITER_IS_RE)
_NOT_WRITE_TO_LEADS = ruled_out_leads(WRITE_TO_RE)


def _bio_name_by_shape(stripped: str, paragraph: str) -> str | None:
    lead = stripped[:1]
    if lead not in _NOT_WRITER_IS_LEADS and WRITER_IS_RE.match(stripped) and at_most_words(paragraph, 80):
        return ANY_AUTHOR
    contact = WRITE_TO_RE.match(stripped) if lead not in _NOT_WRITE_TO_LEADS else None
    if contact:
        return contact.group("name")
    match = BIO_VERB_RE.match(stripped)
    if not match or not BIO_ROLE_RE.search(paragraph[: 200]):
        return None
    return match.group("name")


# Every rule below that needs its pattern to match a block's first line, as one
# pattern: a line of prose fails all of them in one call instead of one call each.
OPENING_RE = re.compile("|".join(f"(?:{rule.pattern})" for rule in (
    LIST_FOOTER_RE, AD_RE, SHARE_RE, TEASER_PREFIX_RE, TEASER_ONLY_RE, RELEASE_TAIL_RE,
    SUMMARY_BOX_RE)), re.IGNORECASE)
# Matched trying only the rules that can start with the line's first character.
OPENING = FirstCharDispatch(OPENING_RE)


# A block with no cue word (`possible_rules` gives only the rules never screened out)
# can be boilerplate only if its first line matches one of the patterns below: those of
# OPENING, COPYRIGHT_LEAD_RE, a call to action, and the unscreened copyright parts, all
# anchored at the start (checked below). A block of prose fails them in one call where
# `classify_block` would make one call for each.
QUIET = SCREEN.unscreened
_QUIET_COPYRIGHT = [COPYRIGHT.parts[name] for name in sorted(QUIET & COPYRIGHT.names)]
QUIET_OPENING_RE = re.compile("|".join(f"(?:{rule.pattern})" for rule in (
    OPENING_RE, COPYRIGHT_LEAD_RE, CALL_TO_ACTION_RE, *_QUIET_COPYRIGHT)), re.IGNORECASE)
QUIET_OPENING = FirstCharDispatch(QUIET_OPENING_RE)
# The shortcut holds while every rule left unscreened is such a copyright part or a
# credit part (credits are not `classify_block`'s), each anchored at the start and
# matched with the flags above; otherwise it is not taken.
_QUIET_SHORTCUT = (
    QUIET <= COPYRIGHT.names | CREDIT.names
    and all(part.pattern.startswith("^") and part.flags == QUIET_OPENING_RE.flags for part in _QUIET_COPYRIGHT)
    and all(rule.flags == QUIET_OPENING_RE.flags for rule in (OPENING_RE, COPYRIGHT_LEAD_RE, CALL_TO_ACTION_RE))
)


def is_credit(text: str, possible: frozenset[str] | None = None) -> bool:
    """A credit line ("(Reporting by …)", "… contributed to this report."). `text`: a
    block as the dump has it; `possible`: the `possible_rules` of its logical lines."""
    if possible is None:
        return CREDIT_RE.match(text) is not None
    return CREDIT.search(text, possible)  # every alternative is anchored: search is match


def classify_block(lines: list[str], possible: frozenset[str] | None = None) -> RemovedKind | None:
    """The boilerplate kind of a block that needs no context, or None. `possible`: the
    block's `possible_rules`, when the caller has them."""
    if possible == QUIET and _QUIET_SHORTCUT and QUIET_OPENING.match(lines[0].strip()) is None:
        return None  # no cue word, and an opening that no rule left can match
    opens = OPENING.match(lines[0].strip()) is not None
    if opens and is_list_footer(lines):
        return RemovedKind.FOOTER
    if opens and is_ad(lines):
        return RemovedKind.AD
    if opens and is_share(lines):
        return RemovedKind.SHARE
    if opens and is_teaser_marker(lines):
        return RemovedKind.TEASER
    if possible is None:
        possible = possible_rules(" ".join(lines))
    if is_copyright(lines, possible):
        return RemovedKind.COPYRIGHT
    if is_promo(lines, possible):
        return RemovedKind.PROMO
    # Each line must be a caption: a block without a caption cue has none.
    if CAPTION.may_match(possible) and all(is_caption(line, possible) for line in lines):
        return RemovedKind.CAPTION
    if opens and (is_release_tail(lines) or is_summary_box(lines)):
        return RemovedKind.OTHER
    return None
