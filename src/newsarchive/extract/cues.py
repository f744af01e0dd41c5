"""Cue words: one cheap look at a block before the costly boilerplate patterns.

Most blocks of a message are plain prose that no boilerplate rule matches, yet a rule's
pattern has to be tried at every position of a paragraph to say so, and doing that rule
by rule was most of the cost of extraction. Nearly every match of those patterns holds,
at the start of a word, one of a few cue words ("subscrib", "photo", "copyright"),
which are read off the patterns themselves (`word_cues`). A `CueScreen` lists in one
pass which rules have a cue in a text; a rule with none cannot match, and its pattern
need not run. A rule whose cue is present is decided by its pattern as before, so the
screen changes what is computed, never the answer.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# ASCII letters (lower-cased), digits and `_` are word characters; everything else,
# including every byte of a non-ASCII character, separates words. A separator only
# ever adds word starts, so no cue can be hidden by it.
_WORD_BYTES = (string.ascii_letters + string.digits + "_").encode()
_TO_CUE_TEXT = bytes(
    (byte | 0x20 if chr(byte).isupper() else byte) if byte in _WORD_BYTES else ord(" ")
    for byte in range(256)
)
# Characters that case-insensitive matching, or lower-casing, turns into an ASCII letter
# while this screen sees a separator (`ſ` matches `s`, `K` lower-cases to `k`): a text
# holding one is not screened.
_FOLDS_TO_ASCII_RE = re.compile("[\u0130\u0131\u017f\u212a]")
# How many heads `literal_heads` spells out before it settles for the shorter ones.
MAX_HEADS = 256


def cue_text(text: str) -> bytes:
    """`text` as the screen reads it: lower-case ASCII words between spaces (one space
    per separator), with a space in front so that every word start follows a space."""
    return b" " + text.encode("utf-8", "replace").translate(_TO_CUE_TEXT)


class Head(NamedTuple):
    """Literal text every match of some pattern starts with, and whether the match is
    known to start at a word boundary (`\\b`, `^`)."""
    at_boundary: bool
    text: str

    def __add__(self, other: Head) -> Head:  # type: ignore[override]
        return Head(self.at_boundary or (not self.text and other.at_boundary), self.text + other.text)


def literal_heads(pattern: str) -> list[Head]:
    """The heads one of which every match of `pattern` starts with: its leading plain
    characters, with optional items and groups of alternatives (`register(?:ed)?`,
    `per (?:month|week)`) spelled out. A head may be empty: then nothing is known."""
    heads: set[Head] = set()
    for alternative in split_alternatives(pattern):
        heads |= set(_segments(alternative)[0][0])
    return sorted(heads)


def word_cues(pattern: str) -> list[str]:
    """Cues for a `CueScreen` from a pattern: for each alternative, the run of literal
    text that every match of it holds (`_segments`) that makes the longest cues, each
    head of the run cut to what a screen can rely on:

    - to begin at a word start: a head known to start at a boundary is kept whole, any
      other from its first separator on (`all rights reserved` gives `rights reserved`,
      since `xall rights reserved` matches too);
    - before its first non-ASCII character, whose case variants may spell differently;
    - without separators at its end, so that a cue found in a block's logical lines
      (hard-wrapped lines rejoined, edges stripped) is also a cue of its raw text.

    An empty cue means the pattern cannot be screened."""
    cues: set[str] = set()
    for alternative in split_alternatives(pattern):
        runs = [[_as_cue(head) for head in heads] for heads in _segments(alternative)[0]]
        usable = [run for run in runs if all(run)]
        cues |= set(max(usable, key=lambda run: min(map(len, run)))) if usable else {""}
    return sorted(cues)


def _as_cue(head: Head) -> str:
    text = head.text
    for index, char in enumerate(text):
        if not char.isascii():
            text = text[:index]
            break
    readable = cue_text(text)[1:].decode()
    if not head.at_boundary and readable[:1] != " ":
        readable = readable.partition(" ")[2]  # from the first separator on
    return readable.strip(" ")


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (one group around the whole is looked into)."""
    items = _tokens(pattern)
    if len(items) == 1 and items[0].startswith("(?:"):
        return split_alternatives(items[0][3:-1])
    alternatives = [""]
    for item in items:
        if item == "|":
            alternatives.append("")
        else:
            alternatives[-1] += item
    return alternatives


def _tokens(pattern: str) -> list[str]:
    """The pattern's items at the top level: a character, an escape, a class, a whole
    group, a quantifier (with its lazy `?` or possessive `+`) or `|`."""
    items: list[str] = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        counted = _COUNT_RE.match(pattern, position) if char == "{" else None
        if char == "\\":
            end = position + 2
        elif char == "[":
            end = _class_end(pattern, position)
        elif char == "(":
            end = _group_end(pattern, position)
        elif counted or char in "?*+":
            end = counted.end() if counted else position + 1
            end += 1 if pattern[end:end + 1] in {"?", "+"} else 0
        else:
            end = position + 1
        items.append(pattern[position:end])
        position = end
    return items


# A counted repeat, `{2}` or `{0,40}`; any other `{` is a literal brace.
_COUNT_RE = re.compile(r"\{\d*,?\d*\}")


def _class_end(pattern: str, start: int) -> int:
    end = start + 1
    end += 1 if pattern[end:end + 1] == "^" else 0
    end += 1 if pattern[end:end + 1] == "]" else 0  # a leading `]` is a member
    while pattern[end] != "]":
        end += 2 if pattern[end] == "\\" else 1
    return end + 1


def _group_end(pattern: str, start: int) -> int:
    depth, end = 0, start
    while True:
        char = pattern[end]
        if char == "\\":
            end += 2
            continue
        if char == "[":
            end = _class_end(pattern, end)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        end += 1
        if depth == 0:
            return end


def _is_quantifier(item: str) -> bool:
    return item[:1] in {"?", "*", "+"} or bool(_COUNT_RE.match(item))


def _segments(sequence: str) -> tuple[list[list[Head]], bool]:
    """The runs of literal text that every match of one alternative holds, in order,
    each as the heads one of which stands there (the first run is what every match
    starts with, perhaps nothing); and whether that first run is all of the alternative.
    A run ends where the pattern stops being literal: a class, `.`, an optional or
    repeated item."""
    segments: list[list[Head]] = []
    heads = [Head(False, "")]
    items = _tokens(sequence)
    index = 0
    while index < len(items):
        item = items[index]
        quantifier = items[index + 1] if index + 1 < len(items) and _is_quantifier(items[index + 1]) else ""
        index += 2 if quantifier else 1
        if item in {"\\b", "^"} and not quantifier:
            heads = [head + Head(True, "") for head in heads]
            continue
        options, complete = _item_heads(item)
        least = _least_repeats(quantifier)
        if options is None or least == 0 and not quantifier.startswith("?"):
            segments.append(heads)  # what follows does not directly follow these heads
            heads = [Head(False, "")]
            continue
        if least == 0:
            options = [*options, Head(False, "")]
        grown = [head + option for head in heads for option in options]
        if len(grown) > MAX_HEADS:
            segments.append(heads)
            heads = [Head(False, "")]
            continue
        heads = grown
        if not complete or least > 1 or quantifier[:1] in {"+", "{"}:
            segments.append(heads)  # the first of the repeats is certain, no more
            heads = [Head(False, "")]
    complete = not segments
    segments.append(heads)
    return segments, complete


def _least_repeats(quantifier: str) -> int:
    """How many times a quantifier makes its item stand: 1 for none, 0 for `?` and `*`."""
    if not quantifier:
        return 1
    if quantifier[:1] in {"?", "*"}:
        return 0
    if quantifier[:1] == "+":
        return 1
    least = quantifier[1:].split(",")[0].rstrip("}?+")
    return int(least) if least else 0


def _item_heads(item: str) -> tuple[list[Head] | None, bool]:
    """The literal options one item of a pattern starts with, and whether each option is
    all the item matches; None for an item with no literal start (a class, `.`, `\\w`)."""
    if item.startswith("\\"):
        if item[1:].isalnum():
            return None, False
        return [Head(False, item[1:])], True
    if item.startswith("(?:") or (item.startswith("(") and not item.startswith("(?")):
        inner = item[3:-1] if item.startswith("(?:") else item[1:-1]
        options: list[Head] = []
        complete = True
        for alternative in split_alternatives(inner):
            segments, whole = _segments(alternative)
            options += segments[0]
            complete = complete and whole
        return options, complete
    if item in {".", "$", "|"} or item[0] in "([?*+{)":
        return None, False
    return [Head(False, item)], True


class CueScreen:
    """Which of several rules may match a text, from the cue words it holds.

    `rules` maps a rule's name to its cues: literal text (read as `cue_text` reads the
    text) that every match of the rule holds at the start of a word. A rule with an
    empty cue is never screened out.
    """

    def __init__(self, rules: Mapping[str, Iterable[str]]):
        self.rules = frozenset(rules)
        cues: dict[bytes, set[str]] = {}
        unscreened: set[str] = set()
        for rule, words in rules.items():
            for word in words:
                cue = cue_text(word)[1:]
                if not cue[:1].strip():
                    unscreened.add(rule)
                else:
                    cues.setdefault(cue, set()).add(rule)
        self.unscreened = frozenset(unscreened)
        # Of two cues where one begins the other only the shorter is searched for: it is
        # there wherever the longer one is, and the pattern reports one cue per word start.
        kept: dict[bytes, set[str]] = {}
        for cue in sorted(cues):
            shorter = next((k for k in kept if cue.startswith(k)), None)
            if shorter is None:
                kept[cue] = set(cues[cue])
            else:
                kept[shorter] |= cues[cue]
        self._rules_of = {cue: frozenset(names) | self.unscreened for cue, names in kept.items()}
        # A lookahead, so that a cue never swallows the word start of the next one.
        self._pattern = re.compile(b" (?=(" + _trie_pattern(list(kept)) + b"))") if kept else None
        # The same cues without the lookahead and its group: most texts hold none, and
        # searching for the first is cheaper than listing them all; the listing then
        # starts where the first one is.
        self._first = re.compile(b" (?:" + _trie_pattern(list(kept)) + b")") if kept else None

    def possible(self, text: str) -> frozenset[str]:
        """The rules that may match `text`: those with a cue in it, and those not screened."""
        if not text.isascii() and _FOLDS_TO_ASCII_RE.search(text):
            return self.rules
        found = self.unscreened
        if self._pattern is not None:
            screened = cue_text(text)
            first = self._first.search(screened)
            if first is None:
                return found
            for cue in set(self._pattern.findall(screened, first.start())):
                found = found | self._rules_of[cue]
        return found


class Alternatives:
    """A compiled pattern searched one top-level alternative at a time, each only when the
    screen found its cue: `search(text, possible)` is true exactly when
    `pattern.search(text)` finds a match, for `possible` from a screen built with `cues()`.
    """

    def __init__(self, name: str, pattern: re.Pattern[str]):
        self.name = name
        self.parts = {f"{name}:{index}": re.compile(alternative, pattern.flags)
                      for index, alternative in enumerate(split_alternatives(pattern.pattern))}
        self.names = frozenset(self.parts)
        # A part anchored at the start (`^…`) cannot match a text led by an ASCII character
        # it cannot start with (`_first_chars`): such a text is not searched for it. A
        # text led by any other character, or empty, always is.
        self._ruled_out = {name: ruled_out_leads(part) for name, part in self.parts.items()}
        # The parts to search for each `possible` seen: screens give few distinct answers.
        self._parts_for: dict[frozenset[str], list[tuple[re.Pattern[str], frozenset[str]]]] = {}

    def cues(self) -> dict[str, list[str]]:
        return {name: word_cues(part.pattern) for name, part in self.parts.items()}

    def may_match(self, possible: frozenset[str]) -> bool:
        return not self.names.isdisjoint(possible)

    def search(self, text: str, possible: frozenset[str]) -> bool:
        parts = self._parts_for.get(possible)
        if parts is None:
            if len(self._parts_for) > 4096:
                self._parts_for.clear()
            parts = self._parts_for[possible] = [(self.parts[name], self._ruled_out[name])
                                                 for name in sorted(self.names & possible)]
        lead = text[:1]
        for part, ruled_out in parts:
            if lead not in ruled_out and part.search(text):
                return True
        return False


def ruled_out_leads(pattern: re.Pattern[str]) -> frozenset[str]:
    """The ASCII characters a text cannot start with if `pattern` is to match it: none
    unless the pattern is anchored at the start of the text (`^`, not MULTILINE)."""
    items = _tokens(pattern.pattern)
    if not items or items[0] != "^" or pattern.flags & re.MULTILINE:
        return frozenset()
    leads = _first_chars(pattern.pattern, pattern.flags)
    if leads is None:
        return frozenset()
    return frozenset(chr(code) for code in range(128)) - leads


def _trie_pattern(words: list[bytes]) -> bytes:
    """One alternation for many literal words, shared beginnings factored out so that
    the regex engine tries one branch per letter instead of one per word."""
    trie: dict = {}
    for word in words:
        node = trie
        for byte in word:
            node = node.setdefault(byte, {})
        node[None] = {}

    def emit(node: dict) -> bytes:
        branches = [re.escape(bytes([byte])) + emit(child)
                    for byte, child in sorted((k, v) for k, v in node.items() if k is not None)]
        if not branches:
            return b""
        body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
        return b"(?:" + body + b")?" if None in node else body

    return emit(trie)


class FirstCharDispatch:
    """A pattern of alternatives anchored at the start (`^A|^B|…`), matched by trying
    only the alternatives that can start with the text's first character.

    The regex engine tries every alternative of such a pattern in turn, and under
    IGNORECASE it cannot skip one by its first letter. Here each alternative's possible
    first characters are read off its leading items (conservatively: an alternative
    led by a look-ahead, or that may match nothing, is kept for every character), and
    for each ASCII character the alternatives that can start with it are compiled into
    one pattern. `match(text) is not None` is exactly `pattern.match(text) is not None`;
    a text that does not start with an ASCII character is matched by the whole pattern.
    """

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        alternatives = _flat_alternatives(pattern.pattern)
        starts = [_first_chars(alternative, pattern.flags) for alternative in alternatives]
        compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._by_char: dict[str, re.Pattern[str]] = {}
        for code in range(128):
            char = chr(code)
            chosen = tuple(i for i, first in enumerate(starts) if first is None or char in first)
            if chosen not in compiled:
                compiled[chosen] = re.compile("|".join(f"(?:{alternatives[i]})" for i in chosen) or "(?!)",
                                              pattern.flags)
            self._by_char[char] = compiled[chosen]

    def match(self, text: str) -> re.Match[str] | None:
        return self._by_char.get(text[:1], self.pattern).match(text)


def _flat_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern, those of a group that makes up a whole alternative
    taken one by one."""
    found: list[str] = []
    for alternative in split_alternatives(pattern):
        items = _tokens(alternative)
        if len(items) == 1 and items[0].startswith("(?:"):
            found += _flat_alternatives(items[0][3:-1])
        else:
            found.append(alternative)
    return found


def _first_chars(sequence: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters a match of `sequence` can begin with; None when unknown
    (it may match nothing, or starts with an item not read here)."""
    items = _tokens(sequence)
    while items and items[0] in {"^", "\\b"}:
        items = items[1:]  # zero-width at the start: the next item decides
    if not items:
        return None
    quantifier = items[1] if len(items) > 1 and _is_quantifier(items[1]) else ""
    chars = _item_first_chars(items[0], flags)
    if chars is None or not quantifier or _least_repeats(quantifier) > 0:
        return chars
    rest = _first_chars("".join(items[2:]), flags)  # the item may stand zero times
    return None if rest is None else chars | rest


def _item_first_chars(item: str, flags: int) -> frozenset[str] | None:
    if item.startswith("(?:") or (item.startswith("(") and not item.startswith("(?")):
        inner = item[3:-1] if item.startswith("(?:") else item[1:-1]
        found: set[str] = set()
        for option in split_alternatives(inner):
            chars = _first_chars(option, flags)
            if chars is None:
                return None
            found |= chars
        return frozenset(found)
    if item.startswith("(") or item in {"$", "|", "^"} or _is_quantifier(item) or item[:2] in {"\\b", "\\B"}:
        return None  # a look-around, a named group, an anchor: not read
    single = re.compile(item, flags)
    return frozenset(chr(code) for code in range(128) if single.fullmatch(chr(code)))
