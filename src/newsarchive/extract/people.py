"""People mentioned in an article's body: names, how often, the roles they are given.

Only the body is read (never `removed` text: teasers, captions, bios, credits), and only
persons are kept, not places, organisations, publications or events. The steps:

1. `_find_candidates`: runs of capitalised name tokens (with particles such as `von der`,
   `bin`, `da`), titles and honorifics peeled off the front (`US Secretary of State`,
   `Mr`), possessives off the end (`Rubio's`), each with the evidence around it:
   a title or honorific before it, an attribution verb (`said X`, `X told`), an
   appositive role after it (`X, chief economist at …`).
2. `cluster_mentions`: short forms join the full name they are part of (`Rubio` ->
   Marco Rubio, `Xi` -> Xi Jinping, `Lula da Silva` -> Luiz Inácio Lula da Silva).
3. `is_person`: a cluster is a person when its names are name-shaped, it is not a
   known place, organisation, event or common word, and a single-word name has
   evidence (a title, an honorific, or an attribution outside a sentence's first word).

The rules are data: the vocabularies in `people_vocab.py` and `given_names.py`, the
patterns and small word sets below. Extend them, not the code.

Most of an article is no name, so little of it is read: every name holds a capital, and
tokens are read only next to capitals (`Tokens`); a candidate's evidence is read only if
its name alone does not settle it (`Mention`). Both give what reading everything would.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsarchive.extract.byline import NAME_PARTICLES
from newsarchive.extract.given_names import GIVEN_NAMES
from newsarchive.extract.people_vocab import (
    CALENDAR_WORDS,
    DEMONYMS,
    HONORIFICS,
    NOT_PERSON_WORDS,
    PLACES,
    ROLE_HEADS,
    ROLE_QUALIFIERS,
    SINGLE_NAME_TITLES,
    STARTERS,
    words_of,
)
from newsarchive.extract.publication import lookup_publication
from newsarchive.model import Person
from newsarchive.names import fold_name

# Verbs that attribute speech or action to a person: `said X`, `X told reporters`.
ATTRIBUTION_VERBS = (
    "said|says|told|tells|added|adds|argued|argues|wrote|writes|warned|warns|noted|notes|"
    "explained|explains|insisted|insists|replied|stated|states|announced|announces|"
    "declared|declares|tweeted|posted|asked|asks|urged|urges|claimed|claims|stressed|"
    "stresses|acknowledged|admitted|denied|denies|confirmed|confirms|predicted|recalled|"
    "believes|thinks|suggested|suggests|cautioned|observed|commented|responded|countered"
)
# Matched (`.match(paragraph, at)`) where the text after the name starts.
ATTRIBUTION_AFTER_RE = re.compile(
    rf"[,”\"’]?\s*(?:(?:who|also|has|had|then|later|earlier|previously|once|recently)\s+)*"
    rf"(?:{ATTRIBUTION_VERBS})\b"
    # `X, who led the campaign, said`: the verb after a relative clause.
    rf"|,\s+who\s+[^,.;:“”\"]{{1,120}},\s+(?:{ATTRIBUTION_VERBS})\b"
)
# `Dagalo, widely known as Hemedti,`: the second name is the first one's alias.
KNOWN_AS_RE = re.compile(r"(?:known|nicknamed|called|dubbed)\s+(?:as\s+)?$")
# Before the name only verbs of inverted attribution (`said X`): after `told`, `asked`
# or `urged` the name is the one spoken to (`told Sky Sports`, `told Reuters`).
INVERTED_ATTRIBUTION_VERBS = (
    "said|says|added|adds|wrote|writes|noted|notes|explained|explains|argued|argues|warned|"
    "warns|insisted|insists|recalled|stated|observed|commented|continued|cautioned|predicted"
)
# (`according to X` is not among them: it cites companies and reports as often as people.)
ATTRIBUTION_BEFORE_RE = re.compile(
    rf"\b(?:{INVERTED_ATTRIBUTION_VERBS})\s*[,:]?\s*$", re.IGNORECASE,
)
LONGEST_INVERTED_VERB = max(map(len, INVERTED_ATTRIBUTION_VERBS.split("|")))
# `X, chief economist at Y`, `X, the former prime minister`: a role after the name.
# Matched (`.match(paragraph, at)`) right after the name.
APPOSITIVE_RE = re.compile(
    r",\s+(?:who\s+is\s+|who\s+was\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>(?:[^,.;:()“”\"]|\.(?=\S)){2,120}?)\s*(?=[,;:)]|\.(?!\S)|$)"
)
MAX_ROLE_WORDS = 12

TOKEN_RE = re.compile(r"[^\W\d_][\w’'-]*(?:\.(?=\s*[A-Z]))?|,")  # words, and commas (appositives)
POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
# Heads that are also surnames when written in full without a stop (`Amrita Sen`).
ABBREVIATED_HEADS = words_of("sen rep gov gen col capt lt sgt adm maj")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words_of("Mr Mrs Ms Dr Prof St Sen Rep Gov Gen Col Lt Sgt Capt Adm Maj Jr Sr Fr Rev Hon No")
DETERMINERS = words_of("the a an The A An this that these those")
# Lower-case words after which a bare name may still be a person's (`and Rubio said`).
FUNCTION_WORDS = words_of("""
    and or but nor so yet as while when after before because since then that which who
    whom whose where with without to by from for of at in on into about than like said
    says told tells added asked wrote says meanwhile also although though if once until
""")
GOVERNING_PREPOSITIONS = words_of("at of for from with in on into to near under over")
# Before a bare name, these say it is a place: `in Luang Prabang`, `near Kampong Chhnang`.
# A bare name after these (directly or past `the`) is as likely a place or an
# organisation: `in Luang Prabang`, `at Folha de Sul`, `for the Rashtriya Janata Dal`.
PLACE_PREPOSITIONS = words_of("in at of for from near outside inside across throughout around In At")
SENTENCE_END = set(".!?…")
OPENING_PUNCTUATION = set("“\"‘'([—–-:")
MAX_NAME_TOKENS = 6
INNER_CAPITAL_RE = re.compile(r"(?<![-'’])[A-Z]")
SURNAME_PREFIX_RE = re.compile(r"^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|St\.?|Ter)[A-Z]")
STREET_ABBREVIATIONS = words_of("St Ave Rd Blvd")
# Day and month abbreviations: `Sun Apr` is a date, though `Sun` is also a family name.
CALENDAR_ABBREVIATIONS = words_of("Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Jan Feb Mar Apr "
                                  "Jun Jul Aug Sep Sept Oct Nov Dec")
# What the text before a capital must end in for a particle to precede it (`von der Leyen`).
PARTICLE_ENDINGS = tuple(NAME_PARTICLES)
LONGEST_PARTICLE = max(map(len, NAME_PARTICLES))
# `at Goldman Sachs and Charles Schwab`: one preposition governs both names.
AND_OR = ("and", "or", "&")
# A capitalised word that can only be a run of its own, read with one match at a capital
# (`_find_candidates`): a `TOKEN_RE` word without its own full stop (`Dr.`), then on the
# same line nothing a run could go on with: no word, or a lower-case word that is neither
# a particle (`von`, `al-`) nor `of`. (Anything else is left to the token-by-token reading.)
LONE_WORD_RE = re.compile(
    r"[^\W\d_][\w’'-]*+(?!\.\s*[A-Z])(?=[^\S\n]*+(?:[^\w\s]|[\d_\n]|\Z|(?!(?i:"
    + "|".join(sorted({re.escape(p.rstrip(".")) for p in NAME_PARTICLES} | {"of"}))
    + r")(?![a-z]))[a-z]))"
)
# A token with its own full stop: `said.` in `… said. The`.
DOTTED_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*\.")
# The commonest capital of all, a lone word opening a sentence after a lower-case word
# and its full stop (`… said. The`), read with one match at the capital: the word before
# is all [a-z], from a space, a line break or the paragraph's start, so it is the token
# before, with its full stop (no particle unless it is one: `st.`; no `and`; no `known
# as`, which ends in a letter and a space), and it ends a sentence (no abbreviation is
# all lower-case). Such a word is `_lone_word_may_start`'s and `LONE_WORD_RE`'s, and
# `_opens_sentence_untitled` reads it as `_word_before_full_stop` finds it (see
# `_opens_sentence_easily`). Words of up to `OPENER_WORD_LETTERS` letters; longer ones take
# the general way.
OPENER_WORD_LETTERS = 20
_DOTTED_PARTICLES = "|".join(sorted(re.escape(p[:-1]) for p in NAME_PARTICLES if p.endswith(".")))
SENTENCE_OPENER_RE = re.compile(
    r"(?<=[a-z]\.[ \n])(?:"  # (a quick test first: most capitals follow no such word)
    + "|".join(rf"(?<=(?<![^ \n])(?!(?:{_DOTTED_PARTICLES})\.)[a-z]{{{letters}}}\.[ \n])"
               for letters in range(2, OPENER_WORD_LETTERS + 1))
    + r")(?=[A-Z])" + LONE_WORD_RE.pattern
)
# The words `KNOWN_AS_RE` can end on.
KNOWN_AS_ENDINGS = ("known", "nicknamed", "called", "dubbed", "as")
AND_OR_WORDS = tuple(word for word in AND_OR if word.isalpha())


def _by_last_character(endings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Endings by their last character: a text ends in one only if it ends in that."""
    return {last: tuple(e for e in endings if e[-1] == last) for last in {e[-1] for e in endings}}


PARTICLE_ENDINGS_BY_LAST = _by_last_character(PARTICLE_ENDINGS)
KNOWN_AS_ENDINGS_BY_LAST = _by_last_character(KNOWN_AS_ENDINGS)
LAST_WORD_RE = re.compile(r"([\w]+)\.$")
SENTENCE_LOOK_BACK = 60  # characters
RELATIVE_PRONOUN_RE = re.compile(r"\s+(?:who|which|whose|where)\s+")
# A word as `lower_words` counts it; its characters; the characters before a word's first
# letter that still belong to its run (`3M`, `_id`).
WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")
WORD_CHAR_RE = re.compile(r"[\w’'-]")
# The rest of a word from inside it: where its token ends, but for a full stop of its own.
WORD_TAIL_RE = re.compile(r"[\w’'-]*+")
NOT_A_LETTER_RE = re.compile(r"[\d_’'-]")
NON_SPACE_RE = re.compile(r"\S")


# Upper-case letters of Latin-1, one flag byte per byte value: see `_capital_marks`.
_CAPITAL_FLAGS = bytes(1 if chr(byte).isupper() else 0 for byte in range(256))


def _capitals_beyond_latin1(error: UnicodeEncodeError) -> tuple[str, int]:
    """Characters Latin-1 cannot encode stand in as `A` (upper case) or `a` (any other)."""
    chars = error.object[error.start:error.end]
    return "".join("A" if char.isupper() else "a" for char in chars), error.end


codecs.register_error("newsarchive.people.capitals", _capitals_beyond_latin1)


class _once:  # noqa: N801 (a decorator, named like one)
    """A property computed on first read and kept, like `functools.cached_property`
    without the lock that one takes on every first read under Python 3.11."""

    def __init__(self, function: Callable) -> None:
        self.function = function
        self.name = function.__name__

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(slots=True)
class Token:
    text: str  # without a possessive ending or a trailing full stop
    start: int
    end: int
    possessive: bool = False
    dotted: bool = False  # followed by its own full stop: `Dr.`, `J.`


@dataclass(eq=False)
class Mention:
    """A candidate name, and where it was found: its run of tokens in a paragraph.

    Most candidates are ruled out by their name alone (a capitalised first word of a
    sentence), so the evidence around a mention (`role`, `attributed`, …) is read from the
    paragraph only when `is_person` or `to_person` asks for it, once.
    """

    tokens: tuple[str, ...]  # the name's words
    position: int  # order in the article
    paragraph: Tokens
    run: list[Token]
    peel: int  # run[peel:] is the name, run[:peel] its titles and qualifiers
    run_honorific: str | None  # an honorific inside the run: `Mr` in `Mr Trump`
    known_as: bool = False  # an alias given for the name before it: `known as Hemedti`
    # The mention before, when one preposition governs both: `at Goldman Sachs and Charles Schwab`.
    shares_preposition_with: Mention | None = None

    @property
    def name(self) -> str:
        return self.shown or " ".join(self.tokens)

    @_once
    def shown(self) -> str:
        """The name as written (`J.P. Nadda`), without a possessive ending or full stop."""
        return _shown(self.paragraph.text, self.first.start, self.run[-1].end)

    @property
    def title_evidence(self) -> bool:
        return bool(self.honorific) or bool(self.role and _single_name_title(self.role))

    @property
    def first(self) -> Token:
        return self.run[self.peel]

    @property
    def before(self) -> str:
        """The text before the run, enough for any attribution."""
        start = self.run[0].start
        return self.paragraph.text[max(0, start - 80):start]

    @_once
    def previous(self) -> Token | None:
        return self.paragraph.before(self.first)

    @_once
    def governor(self) -> Token | None:
        """The word that may govern the name: `at` in `at Goldman Sachs`, `at the Fed`."""
        previous = self.previous
        if previous is not None and previous.text in DETERMINERS:
            earlier = self.paragraph.before(previous)
            if earlier is not None:
                return earlier
        return previous

    @_once
    def honorific(self) -> str | None:
        if self.run_honorific is None and self.previous is not None and self.previous.text in HONORIFICS:
            return self.previous.text
        return self.run_honorific

    @_once
    def role(self) -> str | None:
        role = _role_before(self.paragraph, self.first)
        if role is None:
            role = _appositive_role(self.paragraph.text, self.run[-1].end)
        if role is not None and not _has_head(role):
            role = None
        return role

    @_once
    def attributed(self) -> bool:
        paragraph = self.paragraph.text
        possessive = self.run[-1].possessive
        after = NON_SPACE_RE.search(paragraph, self.run[-1].end)  # where `after.lstrip()` starts
        # `… columnist at Folha de S.Paulo, said`: a name governed by a preposition is not
        # the one an attribution after it belongs to.
        governed = self.peel == 0 and self.governor is not None and self.governor.text in GOVERNING_PREPOSITIONS
        attributed = after is not None and bool(ATTRIBUTION_AFTER_RE.match(paragraph, after.start())) \
            and not possessive and not governed
        # `said Akazawa.`, `according to Takeshi Minami, …`; not `according to Caixin
        # calculations` or `according to Trump's aides`, where the name only qualifies.
        closes = not possessive and (after is None or after.group() in ",.;:)”\"’")
        return attributed or (closes and _inverted_attribution(self.before))

    @_once
    def sentence_initial(self) -> bool:
        return self.peel == 0 and _sentence_initial(self.paragraph.text, self.run[0].start)

    @_once
    def after_determiner(self) -> bool:
        previous = self.previous
        return self.peel == 0 and previous is not None and previous.text in DETERMINERS \
            and _joined(previous, self.first, self.paragraph.text)

    @_once
    def after_place_preposition(self) -> bool:
        own = self.peel == 0 and self.governor is not None \
            and self.governor.text in PLACE_PREPOSITIONS and not self.run[-1].possessive
        shared = self.shares_preposition_with
        return own or (shared is not None and shared.after_place_preposition)

    @_once
    def after_noun(self) -> bool:
        # `the space shuttle Columbia said`: a bare name right after a common noun names a thing.
        previous = self.previous.text if self.previous is not None else ""
        return (self.peel == 0 and previous.islower() and previous not in FUNCTION_WORDS
                and previous.casefold() not in ROLE_HEADS
                and _joined(self.previous, self.first, self.paragraph.text))


class Cluster:
    """The mentions of one name: its full form and the short forms that joined it."""

    def __init__(self, mention: Mention) -> None:
        self.mentions = [mention]
        self.first_position = mention.position

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.first_position = min(self.first_position, mention.position)

    @property
    def full(self) -> Mention:
        if len(self.mentions) == 1:
            return self.mentions[0]
        return max(self.mentions, key=lambda m: (len(m.tokens), -m.position))


def find_people(paragraphs: Iterable[str]) -> list[Person]:
    """The persons the paragraphs mention, most mentioned first."""
    paragraphs = list(paragraphs)
    found = _Found()
    for paragraph in paragraphs:
        _find_candidates(paragraph, found)
    clusters = cluster_mentions(found.mentions_to_cluster())
    lower_words = LowerWords("\n\n".join(paragraphs))
    people = [to_person(c) for c in clusters if is_person(c, lower_words)]
    order = {id(p): i for i, p in enumerate(people)}
    people.sort(key=lambda p: (-p.mentions, order[id(p)]))
    return people


# -- 1. mentions ---------------------------------------------------------------------------


class Tokens:
    """The tokens of one paragraph (`TOKEN_RE`), read only around its capitalised words.

    A name needs a capital, and its evidence lies a few tokens either side, so most of
    a paragraph is never tokenized. A token's neighbours are found from its position:
    the next by searching on from its end, the previous by tokenizing from the last
    space before it (no token spans a space, so both give the tokens a scan of the
    whole paragraph would). One `Token` per position, so tokens compare by identity.
    """

    def __init__(self, paragraph: str) -> None:
        self.text = paragraph
        self._at: dict[int, Token] = {}
        self._after: dict[int, Token | None] = {}
        self._before: dict[int, Token | None] = {}

    def _token(self, match: re.Match) -> Token:
        start = match.start()
        token = self._at.get(start)
        if token is not None:
            return token
        raw = match.group()
        if not raw[0].isupper():  # the common case, kept cheap
            token = Token(raw, start, match.end())
        else:
            dotted = raw.endswith(".") and len(raw) > 1
            word = raw[:-1] if dotted else raw
            possessive = len(word) > 2 and bool(POSSESSIVE_RE.search(word))
            if possessive:
                word = POSSESSIVE_RE.sub("", word)
            token = Token(word, start, match.end(), possessive, dotted)
        self._at[start] = token
        return token

    def at(self, start: int) -> Token:
        """The token starting at `start` (which one does)."""
        token = self._at.get(start)
        return token if token is not None else self._token(TOKEN_RE.match(self.text, start))

    def containing(self, position: int, boundary: int) -> Token | None:
        """The token the character at `position` belongs to, searching from `boundary`
        (a position no token spans)."""
        match = TOKEN_RE.search(self.text, max(boundary, self.text.rfind(" ", 0, position) + 1))
        while match is not None and match.end() <= position:
            match = TOKEN_RE.search(self.text, match.end())
        if match is None or match.start() > position:
            return None
        return self._token(match)

    def after(self, token: Token) -> Token | None:
        if token.start not in self._after:
            match = TOKEN_RE.search(self.text, token.end)
            self._after[token.start] = self._token(match) if match else None
        return self._after[token.start]

    def before(self, token: Token) -> Token | None:
        if token.start in self._before:
            return self._before[token.start]
        start = token.start
        text = self.text
        if start > 1 and text[start - 1] == " ":
            # The common case, `word Name`: what lies between the space before and the one
            # after is one whole token, the one the loop below would find last.
            match = TOKEN_RE.fullmatch(text, text.rfind(" ", 0, start - 1) + 1, start - 1)
            if match is not None:
                result = self._before[start] = self._token(match)
                return result
        # (Not `start`: a space right before the token starts no token before it. Never
        # below 0 either, which `rfind` would count from the end.)
        limit = max(0, start - 1)
        while True:
            space = self.text.rfind(" ", 0, limit)
            previous = None
            for match in TOKEN_RE.finditer(self.text, space + 1):
                if match.start() >= start:
                    break
                previous = match
            if previous is not None or space < 0:
                break
            # No token since that space (digits, symbols): look further back, twice as far.
            limit = max(0, min(space, 2 * space - start))
        result = self._before[start] = self._token(previous) if previous else None
        return result


def _capital_marks(paragraph: str) -> bytes:
    """One byte per character of the paragraph: 1 under an upper-case letter, else 0.

    Finding the capitals this way (encode, translate, `bytes.find`) costs a fraction of
    a regular expression scan; characters beyond Latin-1 go through an error handler.
    """
    return paragraph.encode("latin-1", "newsarchive.people.capitals").translate(_CAPITAL_FLAGS)


class _Found:
    """The candidates of one article, in order: a `Mention`, or for a one-word name a
    `(tokens, start, end, name, key)` tuple made into a `Mention` only when it may count.

    Most candidates are one capitalised word ruled out by its name alone (`The`, `China`).
    Such a word is a cluster of its own unless a longer name or another kept mention
    holds it, and a cluster is ruled out by its first mention's name: so a one-word name
    no `Mention` holds, whose first mention is ruled out by name, is left out without a
    `Mention` for any of its mentions, as clustering them all would leave it out too.
    """

    def __init__(self) -> None:
        # (The tuple's last item: the word opens a sentence as `SENTENCE_OPENER_RE` reads it.)
        self.entries: list[Mention | tuple[Tokens, int, int, str, str, bool]] = []
        self.held: set[str] = set()  # the folded words of every `Mention` made
        self.one_word: dict[str, list[int]] = {}  # where each one-word key's tuples are in `entries`
        self.aliased = False  # a `known as` mention: its cluster hangs on the mention before it

    def add(self, mention: Mention) -> None:
        self.entries.append(mention)
        self.held.update(_folded(mention.tokens))
        if mention.known_as:
            self.aliased = True

    def add_one_word(self, tokens: Tokens, start: int, end: int, name: str, key: str) -> None:
        found = self.one_word.get(key)
        if found is None:
            self.one_word[key] = [len(self.entries)]
        else:
            found.append(len(self.entries))
        self.entries.append((tokens, start, end, name, key, False))

    def mention(self, position: int) -> Mention:
        entry = self.entries[position]
        if isinstance(entry, Mention):
            return entry
        tokens, start, _, name, key, _ = entry
        mention = Mention((name,), position, tokens, [tokens.at(start)], 0, None)
        self.entries[position] = mention
        self.held.add(key)
        return mention

    def mentions_to_cluster(self) -> list[Mention]:
        """The mentions whose clusters may be persons, in order."""
        entries = self.entries
        if self.aliased:  # (rare) every mention, as an alias is found by its place in the order
            return [self.mention(i) for i in range(len(entries))]
        held = self.held
        dropped = set()
        for key, group in self.one_word.items():
            # (A tuple made a `Mention` holds its key. A particle alone joins nothing, not even itself.)
            if key in held or key in NAME_PARTICLES:
                continue
            first = entries[group[0]]
            tokens, start, end, name = first[:4]
            # The cluster's name is its first mention's: a person only if `is_person` says so.
            if end - start == len(name) and name[0].isupper():
                ruled_out = _one_word_verdict(name)[1]  # (written as its name: `shown` is the name)
            else:
                ruled_out = _ruled_out_by_name(_shown(tokens.text, start, end), (name,))
            # `_is_one_word_person`'s most common answer, without a `Mention`: no person
            # if every mention opens a sentence with no title.
            if ruled_out or len(name) < 2 or (_opens_untitled(first) and all(
                    _opens_untitled(entries[i]) for i in group[1:])):
                dropped.add(key)
        if not dropped:
            return [self.mention(i) for i in range(len(entries))]
        return [entry if isinstance(entry, Mention) else self.mention(i)
                for i, entry in enumerate(entries) if isinstance(entry, Mention) or entry[4] not in dropped]


def _opens_untitled(entry: tuple[Tokens, int, int, str, str, bool]) -> bool:
    """`_opens_sentence_untitled` for a one-word candidate `_Found` keeps as a tuple."""
    tokens, start, end, _, _, opener = entry
    if opener:
        # `… said. The`: as `_opens_sentence_untitled` reads it, a sentence's first word
        # (the word before is all lower-case, with its own full stop), untitled unless an
        # appositive gives it a title.
        paragraph = tokens.text
        return not paragraph.startswith(",", end) or _appositive_untitled(paragraph, end)
    return _opens_sentence_untitled(tokens, start, end)


def _opens_sentence_untitled(tokens: Tokens, start: int, end: int) -> bool:
    """A one-word mention's `sentence_initial` and not its `title_evidence`, read as
    `Mention` reads them."""
    paragraph = tokens.text
    if start == 0:  # a paragraph's first word: no token before it, only an appositive may give a title
        return not paragraph.startswith(",", end) or _appositive_untitled(paragraph, end)
    previous = _word_before_full_stop(paragraph, start) if _DOTLESS_TITLE_WORDS else None
    if previous is None:
        return _sentence_initial(paragraph, start) and _opens_sentence_untitled_by_tokens(tokens, start, end)
    # `… said. The`: the word before, with its full stop, is the previous token. As
    # `_sentence_initial` reads it: a sentence ends there unless the word's last letters
    # are an abbreviation or an initial.
    word = LAST_WORD_RE.search(previous)
    if word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1):
        return False
    # No title or role word ends in a full stop, so no role runs through the word before
    # (see `_role_before`), and it is a title only if capitalised (then without its stop).
    if previous[0].isupper():
        text = previous[:-1]
        if len(text) > 2 and POSSESSIVE_RE.search(text):
            text = POSSESSIVE_RE.sub("", text)
        if text in HONORIFICS or len(text) < 2 or text in ABBREVIATIONS:
            return _opens_sentence_untitled_by_tokens(tokens, start, end)
    return not paragraph.startswith(",", end) or _appositive_untitled(paragraph, end)


def _opens_sentence_untitled_by_tokens(tokens: Tokens, start: int, end: int) -> bool:
    first = tokens.at(start)
    previous = tokens.before(first)
    if previous is not None and previous.text in HONORIFICS:
        return False
    role = _role_before(tokens, first)
    if role is None:
        return _appositive_untitled(tokens.text, end)
    return not (_has_head(role) and _single_name_title(role))


def _appositive_untitled(paragraph: str, end: int) -> bool:
    role = _appositive_role(paragraph, end)
    return not (role is not None and _has_head(role) and _single_name_title(role))


def _word_before_full_stop(paragraph: str, start: int) -> str | None:
    """The token before `start` when it is a word with its own full stop right before a
    space or line break and an ASCII capital at `start` (`… said. The`), and short enough
    to lie inside `_sentence_initial`'s look back; else None."""
    if start < 3 or paragraph[start - 1] not in " \n" or paragraph[start - 2] != "." \
            or not "A" <= paragraph[start] <= "Z":
        return None
    # (No token spans a space or a line break; `DOTTED_WORD_RE` is one whole token. The
    # look back is bounded, so that a long paragraph with no line break stays linear.)
    window = max(0, start - SENTENCE_LOOK_BACK + 2)
    space = max(paragraph.rfind(" ", window, start - 2), paragraph.rfind("\n", window, start - 2))
    if space < 0 and window > 0:
        return None
    match = DOTTED_WORD_RE.fullmatch(paragraph, space + 1, start - 1)
    return match.group() if match else None


@lru_cache(maxsize=65536)
def _one_word_verdict(name: str) -> tuple[str, bool]:
    """A one-word name's cluster key, and whether the name alone rules it out."""
    return fold_name(name), _ruled_out_by_name(name, (name,))


def _find_candidates(paragraph: str, found: _Found) -> None:
    """Add the candidate names of one paragraph to `found`."""
    marks = _capital_marks(paragraph)
    tokens = Tokens(paragraph)
    entries = found.entries
    one_word = found.one_word
    first_entry = len(entries)
    last_run: list[Token] | int | None = None  # (an int: the start of a lone word's run)
    last_end = 0
    scan_from = 0  # a position no token spans
    # Every name has a capital (a name token starts with one, and a particle opens a run
    # only before one), so only capitals are visited. A token before a capital can only
    # open a run if it is one of the particles right before it (`von der Leyen`).
    while (capital := marks.find(1, scan_from)) >= 0:
        # Most capitals open a lone word after a space or a line break (`… said. The`):
        # read with one match, what the token-by-token reading below would find. It needs
        # no particle before the word, no `known as` and no `and` after the last run.
        opener = SENTENCE_OPENER_RE.match(paragraph, capital) if capital > 3 else None
        if opener is not None or capital == 0 \
                or _lone_word_may_start(paragraph, capital, len(entries) > first_entry):
            match = opener or LONE_WORD_RE.match(paragraph, capital)
            if match is not None:
                end = match.end()
                scan_from = end
                name, key = _lone_word(match.group())
                if key is None:  # no name's shape: no run
                    continue
                if key:  # (not `Of`, which still ends a run): `found.add_one_word`, inline
                    group = one_word.get(key)
                    if group is None:
                        one_word[key] = [len(entries)]
                    else:
                        group.append(len(entries))
                    entries.append((tokens, capital, end, name, key, opener is not None))
                last_run, last_end = capital, end
                continue
        if _opens_no_run(paragraph, capital, scan_from):
            scan_from = WORD_TAIL_RE.match(paragraph, capital).end()
            continue
        token = tokens.containing(capital, scan_from)
        if token is None:  # a capital outside any word: `Ⓐ`
            scan_from = capital + 1
            continue
        scan_from = token.end
        if not (token.text[0].isupper() or token.text in NAME_PARTICLES or _is_name_token(token)):
            # `getHandler`, `eBay`: no run opens at the word, nor at particles before it
            # (`_leading_particle` needs a name token after them).
            continue
        particles = _particles_before(tokens, token, last_end)
        for opening in (particles + [token] if particles else (token,)):
            if not (opening.text[0].isupper() or opening.text in NAME_PARTICLES or "-" in opening.text):
                continue
            run = _run_from(tokens, opening)
            if not run:
                continue
            position = len(entries)
            if isinstance(last_run, int):
                last_run = [tokens.at(last_run)]
            shares = len(entries) > first_entry and _follows_with_and(tokens, last_run, opening)
            if len(run) > 1 or shares:
                mention = _mention_from_run(run, tokens, position)
                if mention:
                    if shares:
                        mention.shares_preposition_with = found.mention(position - 1)
                    found.add(mention)
            else:
                _one_word_candidate(run[0], tokens, position, found)
            last_run, last_end = run, run[-1].end
            scan_from = max(scan_from, last_end)
            break


def _opens_no_run(paragraph: str, capital: int, scan_from: int) -> bool:
    """The capital's token opens no run, and no particle before it does, as the
    token-by-token reading would find, read without the token: one inside a word that
    opens lower-case (`getHandler`, `xB3Ze` in base64), or one that starts at the capital
    and has no name's shape (`I`, `HTML`, `ContextSerializer`, `B` in `12017B`). `scan_from`
    is a position no token spans. (False says only: read the token.)

    A token is a word's run of word characters (`TOKEN_RE`) from its first letter, so
    going back from the capital over digits, `_`, `-` and apostrophes tells which:
    - a letter: the token starts there, at or after `scan_from`, with no capital, as none
      lies between `scan_from` and this one; holding a capital, it is no particle, and
      with no `-` right before the capital, no `al-Assad` either (`_name_shaped`);
    - no character of a word: the token starts at the capital. With no name's shape it
      opens no run, and a particle before it (which needs a name token after it, see
      `_leading_particle`) none either. (A full stop after it is left to the reading:
      with it the token is dotted, and an initial `J.` has a name's shape.)
    """
    at = capital - 1
    dash = False  # a `-` between: the word is left to the reading
    while at >= 0:
        char = paragraph[at]
        if char.isalpha():
            return not dash and paragraph[capital - 1] != "-" and at >= scan_from
        if char.isdecimal() or char in "_’'-":
            dash = dash or char == "-"
            at -= 1
            if capital - at > 32:
                return False  # (a long run: left to the reading)
            continue
        if char.isalnum():  # `²`: a letter to `TOKEN_RE`, not to `isalpha`
            return False
        break
    end = WORD_TAIL_RE.match(paragraph, capital).end()
    # (No word at all, `Ⓐ`, is left to the reading too.)
    return end > capital and not paragraph.startswith(".", end) and _lone_word(paragraph[capital:end])[1] is None


def _lone_word_may_start(paragraph: str, capital: int, after_mention: bool) -> bool:
    """For a capital not at the paragraph's start: that a token starts there, and that no
    particle (`von der Leyen`), `known as` (`known as Hemedti`) or conjunction after the
    last run (`at Goldman Sachs and Charles Schwab`) can come right before it."""
    space = capital - 1
    before = paragraph[space]
    if before == " " or before == "\n":
        last = paragraph[capital - 2] if capital > 1 else " "
        if last.isspace():
            return False  # (a longer gap: left to the token-by-token reading)
        # (`_may_follow_particle` and `_known_as`, read only for the words ending in `last`.)
        particles = PARTICLE_ENDINGS_BY_LAST.get(last)
        if particles and before == " " and _may_end_in_word(paragraph, space, particles):
            return False
        known_as = KNOWN_AS_ENDINGS_BY_LAST.get(last)
        if known_as and paragraph.endswith(known_as, max(0, capital - 80), space) \
                and _known_as(paragraph[max(0, capital - 80):capital]):
            return False
        if not after_mention:
            return True
        if last.isalpha():  # the word before: no conjunction unless it may be one
            return not _may_end_in_word(paragraph, space, AND_OR_WORDS)
        # `… said. The`: the full stop is the word before's own (the word before is no conjunction)
        if last == "." and capital > 2 and paragraph[capital - 3].isalpha() and "A" <= paragraph[capital] <= "Z":
            return True
        return not _may_follow_and_or(paragraph, space)
    if before.isalnum() or before in "_’'-" or before.isspace():
        return False  # inside a word (`getHandler`), or after another space
    # Right after a mark: `(The`, `"The`, `pkg.Thing`. Of the particles only one with a
    # full stop may end there, and no `known as` word.
    particles = PARTICLE_ENDINGS_BY_LAST.get(before)
    if particles and _may_end_in_word(paragraph, capital, particles):
        return False
    if not after_mention or before == ",":  # (after a comma, the token before is the comma)
        return True
    # `twisted.Thing`: the full stop is the word before's own
    if before == "." and capital > 1 and paragraph[capital - 2].isalpha() and "A" <= paragraph[capital] <= "Z":
        return True
    return not _may_follow_and_or(paragraph, capital)


def _may_end_in_word(paragraph: str, end: int, words: tuple[str, ...]) -> bool:
    """Whether the token ending at `end` may be one of `words` (all opening with a letter):
    the text ends in one, and no letter comes before it, which would be its token's too."""
    for word in words:
        if paragraph.endswith(word, 0, end):
            start = end - len(word)
            if start == 0 or not paragraph[start - 1].isalpha():
                return True
    return False


def _may_follow_and_or(paragraph: str, end: int) -> bool:
    """Whether the token before `end` may be `and` or `or` (`_follows_with_and`): going back
    over characters no token holds (`TOKEN_RE`), a comma is a token of its own, and a
    letter ends a word that may be one; anything else is left to the token-by-token
    reading. (A full stop is passed over: a word's own full stop keeps it from being
    either, and a lower-case word keeps it in its token's text.)"""
    at = end - 1
    while at >= 0:
        char = paragraph[at]
        if char.isalpha():
            return _may_end_in_word(paragraph, at + 1, AND_OR_WORDS)
        if char == ",":
            return False
        if char.isalnum() or char in "_’'-" or end - at > 16:
            return True
        at -= 1
    return False


@lru_cache(maxsize=65536)
def _lone_word(raw: str) -> tuple[str, str | None]:
    """A lone word's name (without a possessive ending), and its cluster key: None if it
    has no name's shape, empty if it is no mention (`Of`)."""
    word = POSSESSIVE_RE.sub("", raw) if len(raw) > 2 and POSSESSIVE_RE.search(raw) else raw
    if not _name_shaped(word, False):
        return word, None
    if word in NAME_PARTICLES or word.casefold() == "of":
        return word, ""
    return word, _one_word_verdict(word)[0]


def _particles_before(tokens: Tokens, token: Token, limit: int) -> list[Token]:
    """The particles joined to `token` from before it (`von der` before `Leyen`), not
    reaching back past `limit`."""
    particles: list[Token] = []
    if not _may_follow_particle(tokens.text, token.start):
        return particles
    current = token
    while (previous := tokens.before(current)) is not None and previous.start >= limit \
            and previous.text in NAME_PARTICLES and _joined(previous, current, tokens.text):
        particles.append(previous)
        current = previous
    return particles[::-1]


def _may_follow_particle(paragraph: str, start: int) -> bool:
    """Whether the text before `start` may end in a particle joined to it: a cheap test
    that spares finding the token before most capitals (`… said. The`)."""
    window_start = max(0, start - 24)
    head = paragraph[window_start:start].rstrip()
    if window_start > 0 and len(head) <= LONGEST_PARTICLE:
        return True  # a long gap: the window may hold part of a particle, or none
    return head.endswith(PARTICLE_ENDINGS) and "\n" not in paragraph[window_start + len(head):start]


def _follows_with_and(tokens: Tokens, last_run: list[Token] | None, opening: Token) -> bool:
    """`at Goldman Sachs and Charles Schwab`: this run follows the last one past an `and`."""
    if last_run is None:
        return False
    conjunction = tokens.after(last_run[-1])  # (already found, where the last run ended)
    return conjunction is not None and conjunction.text in AND_OR and tokens.after(conjunction) is opening


def _is_name_token(token: Token) -> bool:
    return _name_shaped(token.text, token.dotted)


@lru_cache(maxsize=65536)
def _name_shaped(word: str, dotted: bool) -> bool:
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1:
        return word.isupper() and dotted  # an initial: `J.`
    if word.isupper():
        return False  # acronyms: US, UK, SCMP, NATO
    if word[0].isupper():
        # `ContextSerializer`, `TasksPage`: capitals inside a word name code, not people,
        # unless after a surname prefix (`McDonald`, `DeVore`, `LeBron`) or `-`/`'`.
        inner = INNER_CAPITAL_RE.search(word[1:])
        return inner is None or bool(SURNAME_PREFIX_RE.match(word))
    # `al-Assad`, `el-Sisi`, `bin-Talal`: a lower-case particle glued to a capitalised name.
    head, _, rest = word.partition("-")
    return head in NAME_PARTICLES and bool(rest) and rest[0].isupper()


def _joined(left: Token, right: Token, paragraph: str) -> bool:
    """Two tokens sit side by side in one name: only spaces between them (a full stop
    only after an initial or an abbreviated honorific)."""
    if left.dotted and not (len(left.text) == 1 or left.text in ABBREVIATIONS):
        return False  # `… Trump. China retaliated`: a full stop ends the name
    gap = paragraph[left.end:right.start]
    return gap.strip() == "" and "\n" not in gap and not left.possessive


def _run_from(tokens: Tokens, first: Token) -> list[Token]:
    """The run of name tokens (and inner particles) starting at `first`; empty if none."""
    if not (_is_name_token(first) or _leading_particle(tokens, first)):
        return []
    run = [first]
    paragraph = tokens.text
    while (token := tokens.after(run[-1])) is not None and _joined(run[-1], token, paragraph):
        if _is_name_token(token) or (token.text in NAME_PARTICLES and _next_is_name(tokens, token)):
            run.append(token)
        elif token.text.casefold() == "of" and _title_of(tokens, run[-1], token):
            run += [token, tokens.after(token)]  # `Secretary of State`: the role goes on past "of"
        else:
            break
        if run[-1].possessive:
            break
    return run


def _leading_particle(tokens: Tokens, token: Token) -> bool:
    """`von der Leyen`, `bin Salman`, `da Silva` opening a run (after a name-less gap)."""
    if token.text not in NAME_PARTICLES:
        return False
    previous = tokens.before(token)
    if previous is not None and _is_name_token(previous) and _joined(previous, token, tokens.text):
        return False
    probe: Token | None = token
    while probe is not None and probe.text in NAME_PARTICLES:
        following = tokens.after(probe)
        if following is None or not _joined(probe, following, tokens.text):
            return False
        probe = following
    return probe is not None and _is_name_token(probe)


def _next_is_name(tokens: Tokens, token: Token) -> bool:
    probe = token
    while (following := tokens.after(probe)) is not None and _joined(probe, following, tokens.text):
        probe = following
        if _is_name_token(probe):
            return True
        if probe.text not in NAME_PARTICLES:
            return False
    return False


def _title_of(tokens: Tokens, before: Token, of: Token) -> bool:
    """`Secretary of State Marco Rubio`: "of" after a role head, then a capitalised word."""
    following = tokens.after(of)
    return (before.text.casefold() in ROLE_HEADS and following is not None
            and _joined(of, following, tokens.text) and _is_name_token(following))


def _mention_from_run(run: list[Token], tokens: Tokens, position: int) -> Mention | None:
    words = [t.text for t in run]
    # The name starts after the last title or honorific in the run (`European Commission
    # President | Ursula von der Leyen`, `Secretary of State | Marco Rubio`), then loose
    # qualifiers and sentence starters come off the front (`The`, `Chinese`).
    honorific: str | None = None
    qualified = False
    peel = 0
    for position_in_run, word in enumerate(words[:-1]):
        if word in HONORIFICS or _is_head(word):
            peel = position_in_run + 1
            honorific = word if word in HONORIFICS else None
            if peel + 1 < len(words) and words[peel] == "of":
                peel += 2
    while peel < len(words) - 1:
        word = words[peel]
        folded = word.casefold()
        if not (folded in ROLE_QUALIFIERS or word in STARTERS or word in DEMONYMS):
            break
        qualified = qualified or word not in STARTERS
        peel += 1
    name_tokens = run[peel:]
    if not name_tokens or len(name_tokens) > MAX_NAME_TOKENS:
        return None
    if qualified and honorific is None and len(name_tokens) == 1 and not _has_head(" ".join(words[:peel])):
        return None  # `Foreign Affairs`, `Chinese Caixin`: a qualifier without a title
    if "of" in [t.text.casefold() for t in name_tokens]:
        return None
    names = tuple([t.text + "." if t.dotted and len(t.text) == 1 else t.text for t in name_tokens])
    if names[-1] in NAME_PARTICLES:
        return None
    mention = Mention(names, position, tokens, run, peel, honorific)
    mention.known_as = peel == 0 and _known_as(mention.before)
    return mention


def _one_word_candidate(token: Token, tokens: Tokens, position: int, found: _Found) -> None:
    """`_mention_from_run` for a run of one token: a tuple unless it is an alias (`known
    as Hemedti`), see `_Found`."""
    name = _one_word_name(token)
    if name in NAME_PARTICLES or token.text.casefold() == "of":
        return
    start = token.start
    if _known_as(tokens.text[max(0, start - 80):start]):
        mention = Mention((name,), position, tokens, [token], 0, None)
        mention.known_as = True
        found.add(mention)
        return
    found.add_one_word(tokens, start, token.end, name, _one_word_verdict(name)[0])


def _one_word_name(token: Token) -> str:
    return token.text + "." if token.dotted and len(token.text) == 1 else token.text


def _shown(paragraph: str, start: int, end: int) -> str:
    """A name as written (`J.P. Nadda`), without a possessive ending or full stop."""
    return POSSESSIVE_RE.sub("", " ".join(paragraph[start:end].split())).rstrip(".")


def _inverted_attribution(before: str) -> bool:
    """`ATTRIBUTION_BEFORE_RE.search(before)`, searched only where a match can start.

    A match is the text's end: a verb, spaces, at most one `,` or `:`, spaces. So its verb
    ends where the text ends once those are taken off, and starts at most the longest
    verb's length before (each letter of the pattern matches one, case or not); the
    search starts one further back, so that `\b` sees the character before the verb.
    """
    tail = before.rstrip()
    if tail.endswith((",", ":")):
        tail = tail[:-1].rstrip()
    return ATTRIBUTION_BEFORE_RE.search(before, max(0, len(tail) - LONGEST_INVERTED_VERB - 1)) is not None


def _known_as(before: str) -> bool:
    # Only text ending in one of the pattern's words (then a space) can match: a cheap
    # test first, since every mention asks.
    tail = before.rstrip()
    return tail != before and tail.endswith(KNOWN_AS_ENDINGS) \
        and bool(KNOWN_AS_RE.search(before))


def _sentence_initial(paragraph: str, start: int) -> bool:
    window = max(0, start - SENTENCE_LOOK_BACK)  # a bounded look back keeps long paragraphs linear
    head = paragraph[window:start].rstrip()
    while head and head[-1] in OPENING_PUNCTUATION:
        head = head[:-1].rstrip()
    if not head:
        return window == 0 or not paragraph[:window].strip()
    if head[-1] in SENTENCE_END:
        word = LAST_WORD_RE.search(head, head.rfind(" ") + 1)  # (no word spans a space)
        return not (word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1))
    return False


def _role_before(tokens: Tokens, first: Token) -> str | None:
    """The role phrase right before a name: `US Secretary of State`, `Senate Democratic
    leader`, or before a comma: `Japan's top tariff negotiator, Ryosei Akazawa`."""
    paragraph = tokens.text
    probe = tokens.before(first)
    if probe is None:
        return None
    comma = probe.text == ","
    if comma:
        probe = tokens.before(probe)
    if probe is None or paragraph[probe.end:first.start].strip() not in ("", ","):
        return None
    taken: list[Token] = []
    while probe is not None and len(taken) < 8:
        token = probe
        folded = token.text.casefold()
        if not (folded in ROLE_HEADS or folded in ROLE_QUALIFIERS or token.text[:1].isupper()
                or folded.rstrip("s") in ROLE_HEADS):
            break
        if folded in DETERMINERS:
            break
        if token.dotted and len(token.text) > 1 and token.text not in ABBREVIATIONS:
            break  # `… Michelle Bowman. Treasury Secretary Scott Bessent`: a sentence ended
        taken.append(token)
        if token.possessive:
            # `Saudi Arabia's Crown Prince`: the owner's name ends the role phrase.
            while len(taken) < 8 and (earlier := tokens.before(probe)) is not None \
                    and _is_name_token(earlier) and _joined_loose(earlier, probe, paragraph) \
                    and earlier.text not in STARTERS:
                probe = earlier
                taken.append(probe)
            break
        earlier = tokens.before(probe)
        if earlier is not None and not _joined_loose(earlier, probe, paragraph):
            break
        probe = earlier
    while taken and taken[-1].text.islower() and not _is_head(taken[-1].text) \
            and taken[-1].text not in ("former", "then", "acting", "top"):
        taken.pop()
    while taken and taken[-1].text in STARTERS and taken[-1].text not in DEMONYMS \
            and taken[-1].text.casefold() not in ROLE_QUALIFIERS:
        taken.pop()
    # The nearest head, so that `Foreign Minister Wang Yi told US Secretary …` gives
    # "Secretary …" to Rubio and not the whole run.
    heads = [i for i, t in enumerate(taken) if _is_head(t.text)]
    if not heads:
        return None
    if comma and taken[0].text.casefold() not in ROLE_HEADS:
        return None
    if taken[0].text.islower() and not _is_head(taken[0].text) and taken[0].text not in ROLE_QUALIFIERS - {
            "of", "the", "for"}:
        return None
    if taken[0].text in ("of", "the", "for"):
        return None  # `a spokeswoman for Wells Fargo`: the name is the role's object
    start, end = taken[-1].start, taken[0].end
    return " ".join(paragraph[start:end].split())


def _joined_loose(left: Token, right: Token, paragraph: str) -> bool:
    gap = paragraph[left.end:right.start]
    return gap.strip() == ""


def _appositive_role(paragraph: str, name_end: int) -> str | None:
    match = APPOSITIVE_RE.match(paragraph, name_end)
    if not match:
        return None
    role = RELATIVE_PRONOUN_RE.split(" ".join(match.group("role").split()))[0]
    if len(role.split()) > MAX_ROLE_WORDS:
        return None
    return role if any(_is_head(w) for w in role.split()[:5]) else None


@lru_cache(maxsize=65536)
def _is_head(word: str) -> bool:
    folded = word.casefold().strip(".")
    if "-" in folded and folded not in ROLE_HEADS:  # `Prosecutor-General`, `ex-president`
        return any(_is_head(part) for part in folded.split("-") if part not in ("ex", "co", "vice"))
    return folded in ROLE_HEADS or (folded.endswith("s") and folded[:-1] in ROLE_HEADS)


def _has_head(role: str) -> bool:
    return any(_is_head(w) for w in role.split())


def _single_name_title(role: str) -> bool:
    words = role.split()
    return bool(words) and any(w.casefold().strip(".") in SINGLE_NAME_TITLES for w in words[-3:])


# (So a token with its own full stop is no title and no role word: see `_opens_sentence_untitled`.)
_DOTLESS_TITLE_WORDS = not any("." in word for word in HONORIFICS | ROLE_HEADS | ROLE_QUALIFIERS)


# -- 2. clusters ---------------------------------------------------------------------------


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Short forms join the longer name whose words they repeat, nearest before first."""
    clusters: list[Cluster] = []
    by_word: dict[str, list[tuple[tuple[str, ...], Cluster]]] = {}
    aliases_of = {m.position: mentions[i - 1] for i, m in enumerate(mentions) if m.known_as and i}
    for mention in sorted(mentions, key=lambda m: (-len(m.tokens), m.position)):
        if mention.position in aliases_of:
            continue
        key = _folded(mention.tokens)
        # Longest first, so a cluster's first mention is its full name for good.
        candidates = [c for full, c in by_word.get(key[0], ()) if _contains(full, key)]
        if len(candidates) == 1:  # the usual case, where both rules below pick it
            candidates[0].add(mention)
            continue
        if not candidates:
            cluster = Cluster(mention)
            clusters.append(cluster)
            for word in set(key):
                by_word.setdefault(word, []).append((key, cluster))
            continue
        before = [c for c in candidates if c.first_position <= mention.position]
        chosen = max(before, key=lambda c: max(m.position for m in c.mentions if m.position <= mention.position)) \
            if before else min(candidates, key=lambda c: c.first_position)
        chosen.add(mention)
    for mention in (m for m in mentions if m.position in aliases_of):
        named = aliases_of[mention.position]
        owner = next((c for c in clusters if any(m is named for m in c.mentions)), None)
        if owner is None:
            clusters.append(Cluster(mention))
        else:
            owner.add(mention)
    clusters.sort(key=lambda c: c.first_position)
    return clusters


@lru_cache(maxsize=65536)
def _folded(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold_name(t) for t in tokens)


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    if full == part:  # (the common case: the same name again)
        return len(part) > 1 or part[0] not in NAME_PARTICLES
    if len(part) > len(full):
        return False
    if len(part) == 1 and part[0] in NAME_PARTICLES:
        return False
    return any(full[i:i + len(part)] == part for i in range(len(full) - len(part) + 1))


# -- 3. persons ----------------------------------------------------------------------------


class LowerWords:
    """Whether a word occurs in lower case in the text (`computer` for `Computer History`),
    as a set of the text's lower-case `WORD_RE` words would say, but found word by word:
    only a few names per article ask, and listing every word cost more than the rest.
    (Past `MAX_LOOKUPS` words, it lists them after all: each lookup reads the text.)"""

    MAX_LOOKUPS = 32

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}
        self._all: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._all is not None:
            return word in self._all
        if len(self._seen) >= self.MAX_LOOKUPS:
            self._all = set(filter(str.islower, WORD_RE.findall(self.text)))
            return word in self._all
        if word not in self._seen:
            self._seen[word] = word.islower() and WORD_RE.fullmatch(word) is not None \
                and self._occurs(word)
        return self._seen[word]

    def _occurs(self, word: str) -> bool:
        text = self.text
        at = text.find(word)
        while at >= 0:
            # A letter right before: inside a longer word (`he` in `the`), the common miss.
            if not (at and text[at - 1].isalpha()):
                end = at + len(word)
                if (end == len(text) or not WORD_CHAR_RE.match(text, end)) and self._starts_word(at):
                    return True
            at = text.find(word, at + 1)
        return False

    def _starts_word(self, at: int) -> bool:
        """A word starts at `at`: no letter before it in its run of word characters (`3M`)."""
        text = self.text
        while at > 0 and WORD_CHAR_RE.match(text, at - 1):
            if not NOT_A_LETTER_RE.match(text, at - 1):
                return False
            at -= 1
        return True


def is_person(cluster: Cluster, lower_words: LowerWords | set[str]) -> bool:
    full = cluster.full
    tokens = full.tokens
    if _ruled_out_by_name(full.name, tokens):
        return False
    if tokens[0] in NAME_PARTICLES:
        return any(m.title_evidence for m in cluster.mentions)
    if len(tokens) == 1:
        return _is_one_word_person(cluster, lower_words)
    evidence = any(m.title_evidence or m.role for m in cluster.mentions)
    if not evidence and all(m.after_determiner or m.after_place_preposition for m in cluster.mentions):
        return False
    if evidence or any(m.attributed for m in cluster.mentions):
        return True
    # A capitalised run with nothing but its shape: a person only when it opens with
    # a known given name (or a common family name, for names written family first),
    # and its words are not common words here (`Computer History`).
    particle_inside = any(t in NAME_PARTICLES for t in tokens[1:-1])  # `Virgil van Dijk`
    if fold_name(tokens[0]) not in GIVEN_NAMES and not particle_inside:
        return False
    common = [t for t in tokens if t.casefold() in lower_words]
    if len(common) == len(tokens):
        return False
    return not all(m.sentence_initial for m in cluster.mentions) or not common


def _is_one_word_person(cluster: Cluster, lower_words: LowerWords | set[str]) -> bool:
    """`is_person` for a one-word name that its shape does not rule out: it needs a title
    or an attribution (not as a sentence's first word), and not to be a common word
    here. The same rules as for longer names, in the order that reads least: most such
    words open a sentence with neither, and looking up the common words costs more."""
    word = cluster.full.tokens[0]
    if len(word) < 2:
        return False
    mentions = cluster.mentions
    if any(m.title_evidence for m in mentions):  # (a title is evidence, so no test below applies)
        return word.casefold() not in lower_words
    if not any(not m.sentence_initial and not m.after_noun and m.attributed for m in mentions):
        return False
    if word.casefold() in lower_words:
        return False
    evidence = any(m.role for m in mentions)
    return evidence or not all(m.after_determiner or m.after_place_preposition for m in mentions)


@lru_cache(maxsize=65536)
def _ruled_out_by_name(name: str, tokens: tuple[str, ...]) -> bool:
    """The name alone says it is no person: a place, a publication, an organisation,
    a date, a street, a title or a sentence starter (the same for every article)."""
    folded = fold_name(name)
    if folded in PLACES or lookup_publication(name):
        return True
    given = fold_name(tokens[0]) in GIVEN_NAMES and len(tokens) > 1
    # An organisation or place word rules a name out, except a given name in first place
    # (`Park Cheol-hee`), and a calendar word only when no given name leads (`Theresa May`).
    if any(t.casefold() in NOT_PERSON_WORDS for t in tokens[1 if given else 0:]):
        return True
    if not given and any(t.casefold() in CALENDAR_WORDS for t in tokens):
        return True
    if tokens[0] in CALENDAR_ABBREVIATIONS and any(t.casefold() in CALENDAR_WORDS for t in tokens[1:]):
        return True
    if len(tokens) > 1 and tokens[-1].rstrip(".") in STREET_ABBREVIATIONS:
        return True  # `Howard St`
    if len(tokens) == 1 and (tokens[0] in HONORIFICS or _is_head(tokens[0])):
        return True  # `Madam`, `Governor` alone
    if any(t in DEMONYMS or t in STARTERS for t in tokens):
        return True
    # `Web Developer`, `Deputy Speaker`; but `John Major`, `Carole King`
    return _is_head(tokens[-1]) and tokens[-1].casefold() not in ABBREVIATED_HEADS \
        and fold_name(tokens[0]) not in GIVEN_NAMES


def to_person(cluster: Cluster) -> Person:
    full = cluster.full.name
    aliases: list[str] = []
    roles: list[str] = []
    for mention in sorted(cluster.mentions, key=lambda m: m.position):
        if fold_name(mention.name) != fold_name(full) \
                and fold_name(mention.name) not in {fold_name(a) for a in aliases}:
            aliases.append(mention.name)
        if mention.role and mention.role.casefold() not in {r.casefold() for r in roles}:
            roles.append(mention.role)
    return Person(name=full, mentions=len(cluster.mentions), roles=roles, aliases=aliases)
