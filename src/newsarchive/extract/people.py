"""People mentioned in an article's body: names, how often, the roles they are given.

Only the body is read (never `removed` text: teasers, captions, bios, credits), and only
persons are kept, not places, organisations, publications or events. The steps:

1. `find_mentions`: runs of capitalised name tokens (with particles such as `von der`,
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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

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
ATTRIBUTION_AFTER_RE = re.compile(
    rf"^[,”\"’]?\s*(?:(?:who|also|has|had|then|later|earlier|previously|once|recently)\s+)*"
    rf"(?:{ATTRIBUTION_VERBS})\b"
    # `X, who led the campaign, said`: the verb after a relative clause.
    rf"|^,\s+who\s+[^,.;:“”\"]{{1,120}},\s+(?:{ATTRIBUTION_VERBS})\b"
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
# `X, chief economist at Y`, `X, the former prime minister`: a role after the name.
APPOSITIVE_RE = re.compile(
    r"^,\s+(?:who\s+is\s+|who\s+was\s+)?(?:the\s+|a\s+|an\s+)?"
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


@dataclass(slots=True)
class Token:
    text: str  # without a possessive ending or a trailing full stop
    start: int
    end: int
    possessive: bool = False
    dotted: bool = False  # followed by its own full stop: `Dr.`, `J.`


@dataclass
class Mention:
    tokens: tuple[str, ...]
    position: int  # order in the article
    sentence_initial: bool
    honorific: str | None = None
    role: str | None = None
    attributed: bool = False
    after_determiner: bool = False
    after_place_preposition: bool = False
    known_as: bool = False  # an alias given for the name before it: `known as Hemedti`
    shown: str = ""
    after_noun: bool = False

    @property
    def name(self) -> str:
        return self.shown or " ".join(self.tokens)

    @property
    def title_evidence(self) -> bool:
        return bool(self.honorific) or bool(self.role and _single_name_title(self.role))


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def full(self) -> Mention:
        return max(self.mentions, key=lambda m: (len(m.tokens), -m.position))

    @property
    def first_position(self) -> int:
        return min(m.position for m in self.mentions)


def find_people(paragraphs: Iterable[str]) -> list[Person]:
    """The persons the paragraphs mention, most mentioned first."""
    paragraphs = list(paragraphs)
    text = "\n\n".join(paragraphs)
    lower_words = set(filter(str.islower, re.findall(r"[^\W\d_][\w’'-]*", text)))
    mentions: list[Mention] = []
    for paragraph in paragraphs:
        mentions.extend(find_mentions(paragraph, start=len(mentions)))
    clusters = cluster_mentions(mentions)
    people = [to_person(c) for c in clusters if is_person(c, lower_words)]
    order = {id(p): i for i, p in enumerate(people)}
    people.sort(key=lambda p: (-p.mentions, order[id(p)]))
    return people


# -- 1. mentions ---------------------------------------------------------------------------


def tokenize(paragraph: str) -> list[Token]:
    tokens: list[Token] = []
    for match in TOKEN_RE.finditer(paragraph):
        raw = match.group()
        start, end = match.span()
        if not raw[0].isupper():  # the common case, kept cheap
            tokens.append(Token(raw, start, end))
            continue
        dotted = raw.endswith(".") and len(raw) > 1
        word = raw[:-1] if dotted else raw
        possessive = len(word) > 2 and bool(POSSESSIVE_RE.search(word))
        if possessive:
            word = POSSESSIVE_RE.sub("", word)
        tokens.append(Token(word, start, end, possessive, dotted))
    return tokens


def find_mentions(paragraph: str, start: int = 0) -> list[Mention]:
    """Candidate names in one paragraph, in order, with the evidence around each."""
    tokens = tokenize(paragraph)
    mentions: list[Mention] = []
    index = 0
    # Only a capitalised word, a particle (`von`) or a particle glued by a hyphen
    # (`al-Assad`) can open a name: skip the rest before calling `_run_end`, which
    # would turn them down anyway (most lower-case words used to reach it).
    for opening, token in enumerate(tokens):
        text = token.text
        if opening < index or not (text[0].isupper() or text in NAME_PARTICLES or "-" in text):
            continue
        run_end = _run_end(tokens, opening, paragraph)
        if run_end == opening:
            continue
        run = tokens[opening:run_end]
        mention = _mention_from_run(run, tokens, opening, paragraph, start + len(mentions))
        if mention:
            # `at Goldman Sachs and Charles Schwab`: a preposition governs both names.
            if mentions and index == opening - 1 and tokens[opening - 1].text in ("and", "or", "&"):
                mention.after_place_preposition = mention.after_place_preposition or \
                    mentions[-1].after_place_preposition
            mentions.append(mention)
        index = run_end
    return mentions


def _is_name_token(token: Token) -> bool:
    word = token.text
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1:
        return word.isupper() and token.dotted  # an initial: `J.`
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


def _joined(tokens: list[Token], left: int, right: int, paragraph: str) -> bool:
    """Two tokens sit side by side in one name: only spaces between them (a full stop
    only after an initial or an abbreviated honorific)."""
    token = tokens[left]
    if token.dotted and not (len(token.text) == 1 or token.text in ABBREVIATIONS):
        return False  # `… Trump. China retaliated`: a full stop ends the name
    gap = paragraph[token.end:tokens[right].start]
    return gap.strip() == "" and "\n" not in gap and not token.possessive


def _run_end(tokens: list[Token], index: int, paragraph: str) -> int:
    """The end of the run of name tokens (and inner particles) starting at `index`."""
    first = tokens[index]
    if not (_is_name_token(first) or _leading_particle(tokens, index, paragraph)):
        return index
    end = index + 1
    while end < len(tokens) and _joined(tokens, end - 1, end, paragraph):
        token = tokens[end]
        if _is_name_token(token):
            end += 1
        elif token.text in NAME_PARTICLES and _next_is_name(tokens, end, paragraph):
            end += 1
        elif token.text.casefold() == "of" and _title_of(tokens, index, end, paragraph):
            end += 2  # `Secretary of State`: the role goes on past "of"
        else:
            break
        if tokens[end - 1].possessive:
            break
    return min(end, len(tokens))


def _leading_particle(tokens: list[Token], index: int, paragraph: str) -> bool:
    """`von der Leyen`, `bin Salman`, `da Silva` opening a run (after a name-less gap)."""
    token = tokens[index]
    if token.text not in NAME_PARTICLES:
        return False
    if index > 0 and _is_name_token(tokens[index - 1]) and _joined(tokens, index - 1, index, paragraph):
        return False
    probe = index
    while probe < len(tokens) and tokens[probe].text in NAME_PARTICLES:
        if probe + 1 >= len(tokens) or not _joined(tokens, probe, probe + 1, paragraph):
            return False
        probe += 1
    return probe < len(tokens) and _is_name_token(tokens[probe])


def _next_is_name(tokens: list[Token], index: int, paragraph: str) -> bool:
    probe = index
    while probe + 1 < len(tokens) and _joined(tokens, probe, probe + 1, paragraph):
        probe += 1
        if _is_name_token(tokens[probe]):
            return True
        if tokens[probe].text not in NAME_PARTICLES:
            return False
    return False


def _title_of(tokens: list[Token], start: int, of_index: int, paragraph: str) -> bool:
    """`Secretary of State Marco Rubio`: "of" after a role head, then a capitalised word."""
    before = tokens[of_index - 1].text.casefold()
    return (before in ROLE_HEADS and of_index + 1 < len(tokens)
            and _joined(tokens, of_index, of_index + 1, paragraph)
            and _is_name_token(tokens[of_index + 1]))


def _mention_from_run(run: list[Token], tokens: list[Token], index: int, paragraph: str,
                      position: int) -> Mention | None:
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
    if any(t.text.casefold() == "of" for t in name_tokens):
        return None
    names = tuple(t.text + "." if t.dotted and len(t.text) == 1 else t.text for t in name_tokens)
    # Shown as written (`J.P. Nadda`), without a possessive ending.
    shown = POSSESSIVE_RE.sub("", " ".join(paragraph[name_tokens[0].start:name_tokens[-1].end].split()))
    if names[-1] in NAME_PARTICLES:
        return None
    first = index + peel
    role = _role_before(tokens, first, paragraph)
    if role is None:
        role = _appositive_role(paragraph[name_tokens[-1].end:])
    if role is not None and not _has_head(role):
        role = None
    before = paragraph[max(0, run[0].start - 80):run[0].start]  # enough for any attribution
    after = paragraph[name_tokens[-1].end:]
    # `… columnist at Folha de S.Paulo, said`: a name governed by a preposition is not
    # the one an attribution after it belongs to.
    governor = first - 2 if first > 1 and tokens[first - 1].text in DETERMINERS else first - 1
    governed = governor >= 0 and tokens[governor].text in GOVERNING_PREPOSITIONS and peel == 0
    attributed = bool(ATTRIBUTION_AFTER_RE.match(after.lstrip())) and not name_tokens[-1].possessive \
        and not governed
    # `said Akazawa.`, `according to Takeshi Minami, …`; not `according to Caixin
    # calculations` or `according to Trump's aides`, where the name only qualifies.
    closes = not name_tokens[-1].possessive and (not after.strip() or after.lstrip()[0] in ",.;:)”\"’")
    attributed = attributed or (closes and bool(ATTRIBUTION_BEFORE_RE.search(before)))
    sentence_initial = _sentence_initial(tokens, index, paragraph) and peel == 0
    previous = tokens[first - 1].text if first > 0 else ""
    after_determiner = peel == 0 and previous in DETERMINERS and _joined(tokens, first - 1, first, paragraph)
    if honorific is None and first > 0 and tokens[first - 1].text in HONORIFICS:
        honorific = tokens[first - 1].text
    after_place = (peel == 0 and governor >= 0 and tokens[governor].text in PLACE_PREPOSITIONS
                   and not name_tokens[-1].possessive)
    known_as = bool(KNOWN_AS_RE.search(before)) and peel == 0
    # `the space shuttle Columbia said`: a bare name right after a common noun names a thing.
    after_noun = (peel == 0 and previous.islower() and previous not in FUNCTION_WORDS
                  and previous.casefold() not in ROLE_HEADS and _joined(tokens, first - 1, first, paragraph))
    return Mention(names, position, sentence_initial, honorific, role, attributed, after_determiner,
                   after_place, known_as, shown.rstrip("."), after_noun)


def _sentence_initial(tokens: list[Token], index: int, paragraph: str) -> bool:
    start = tokens[index].start
    window = max(0, start - 60)  # a bounded look back keeps long paragraphs linear
    head = paragraph[window:start].rstrip()
    while head and head[-1] in OPENING_PUNCTUATION:
        head = head[:-1].rstrip()
    if not head:
        return window == 0 or not paragraph[:window].strip()
    if head[-1] in SENTENCE_END:
        word = re.search(r"([\w]+)\.$", head)
        return not (word and (word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1))
    return False


def _role_before(tokens: list[Token], first: int, paragraph: str) -> str | None:
    """The role phrase right before a name: `US Secretary of State`, `Senate Democratic
    leader`, or before a comma: `Japan's top tariff negotiator, Ryosei Akazawa`."""
    if first == 0:
        return None
    probe = first - 1
    comma = tokens[probe].text == ","
    if comma:
        probe -= 1
    if probe < 0 or paragraph[tokens[probe].end:tokens[first].start].strip() not in ("", ","):
        return None
    taken: list[Token] = []
    while probe >= 0 and len(taken) < 8:
        token = tokens[probe]
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
            while probe > 0 and len(taken) < 8 and _is_name_token(tokens[probe - 1]) \
                    and _joined_loose(tokens, probe - 1, probe, paragraph) \
                    and tokens[probe - 1].text not in STARTERS:
                probe -= 1
                taken.append(tokens[probe])
            break
        if probe > 0 and not _joined_loose(tokens, probe - 1, probe, paragraph):
            break
        probe -= 1
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


def _joined_loose(tokens: list[Token], left: int, right: int, paragraph: str) -> bool:
    gap = paragraph[tokens[left].end:tokens[right].start]
    return gap.strip() == ""


def _appositive_role(after: str) -> str | None:
    match = APPOSITIVE_RE.match(after)
    if not match:
        return None
    role = re.split(r"\s+(?:who|which|whose|where)\s+", " ".join(match.group("role").split()))[0]
    if len(role.split()) > MAX_ROLE_WORDS:
        return None
    return role if any(_is_head(w) for w in role.split()[:5]) else None


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


# -- 2. clusters ---------------------------------------------------------------------------


def cluster_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Short forms join the longer name whose words they repeat, nearest before first."""
    clusters: list[Cluster] = []
    by_word: dict[str, list[tuple[tuple[str, ...], Cluster]]] = {}
    aliases_of = {m.position: mentions[i - 1] for i, m in enumerate(mentions) if m.known_as and i}
    for mention in sorted(mentions, key=lambda m: (-len(m.tokens), m.position)):
        if mention.position in aliases_of:
            continue
        key = tuple(fold_name(t) for t in mention.tokens)
        # Longest first, so a cluster's first mention is its full name for good.
        candidates = [c for full, c in by_word.get(key[0], []) if _contains(full, key)]
        if not candidates:
            cluster = Cluster([mention])
            clusters.append(cluster)
            for word in set(key):
                by_word.setdefault(word, []).append((key, cluster))
            continue
        before = [c for c in candidates if c.first_position <= mention.position]
        chosen = max(before, key=lambda c: max(m.position for m in c.mentions if m.position <= mention.position)) \
            if before else min(candidates, key=lambda c: c.first_position)
        chosen.mentions.append(mention)
    for mention in (m for m in mentions if m.position in aliases_of):
        named = aliases_of[mention.position]
        owner = next((c for c in clusters if any(m is named for m in c.mentions)), None)
        if owner is None:
            clusters.append(Cluster([mention]))
        else:
            owner.mentions.append(mention)
    clusters.sort(key=lambda c: c.first_position)
    return clusters


def _contains(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    if len(part) > len(full):
        return False
    if len(part) == 1 and part[0] in NAME_PARTICLES:
        return False
    return any(full[i:i + len(part)] == part for i in range(len(full) - len(part) + 1))


# -- 3. persons ----------------------------------------------------------------------------


def is_person(cluster: Cluster, lower_words: set[str]) -> bool:
    full = cluster.full
    tokens = full.tokens
    folded = fold_name(full.name)
    if folded in PLACES or lookup_publication(full.name):
        return False
    given = fold_name(tokens[0]) in GIVEN_NAMES and len(tokens) > 1
    # An organisation or place word rules a name out, except a given name in first place
    # (`Park Cheol-hee`), and a calendar word only when no given name leads (`Theresa May`).
    if any(t.casefold() in NOT_PERSON_WORDS for t in tokens[1 if given else 0:]):
        return False
    if not given and any(t.casefold() in CALENDAR_WORDS for t in tokens):
        return False
    if tokens[0] in CALENDAR_ABBREVIATIONS and any(t.casefold() in CALENDAR_WORDS for t in tokens[1:]):
        return False
    if len(tokens) > 1 and tokens[-1].rstrip(".") in STREET_ABBREVIATIONS:
        return False  # `Howard St`
    if len(tokens) == 1 and (tokens[0] in HONORIFICS or _is_head(tokens[0])):
        return False  # `Madam`, `Governor` alone
    if any(t in DEMONYMS or t in STARTERS for t in tokens):
        return False
    if _is_head(tokens[-1]) and tokens[-1].casefold() not in ABBREVIATED_HEADS \
            and fold_name(tokens[0]) not in GIVEN_NAMES:
        return False  # `Web Developer`, `Deputy Speaker`; but `John Major`, `Carole King`
    if tokens[0] in NAME_PARTICLES:
        return any(m.title_evidence for m in cluster.mentions)
    evidence = any(m.title_evidence or m.role for m in cluster.mentions)
    if all(m.after_determiner or m.after_place_preposition for m in cluster.mentions) and not evidence:
        return False
    if len(tokens) >= 2:
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
    word = tokens[0]
    if folded in PLACES or word.casefold() in lower_words or len(word) < 2:
        return False
    if any(m.title_evidence for m in cluster.mentions):
        return True
    return any(m.attributed and not m.sentence_initial and not m.after_noun for m in cluster.mentions)


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
