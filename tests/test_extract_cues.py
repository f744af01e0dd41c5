"""The cue screen in front of the boilerplate patterns: it may only ever skip a pattern
that cannot match."""

from __future__ import annotations

import random
import re

import pytest

from newsarchive.extract import boilerplate as bp
from newsarchive.extract.cues import Alternatives, CueScreen, literal_heads, split_alternatives, word_cues


@pytest.mark.parametrize(("pattern", "heads"), [
    (r"subscrib\w*", ["subscrib"]),
    (r"log ?in", ["log in", "login"]),
    (r"register(?:ed)?", ["register", "registered"]),
    (r"per (?:month|week)\b", ["per month", "per week"]),
    (r"free for \d+ days", ["free for "]),
    (r"a+b", ["a"]),
    (r"ab*c", ["a"]),
    (r"x{2}y", ["x"]),
    (r"x{0,2}y", [""]),
    (r"(?:a|b\w)c", ["a", "b"]),
    (r"[abc]x", [""]),
    (r"(?i)foo", [""]),
    (r"\(c\)\s*\d{4}", ["(c)"]),
])
def test_literal_heads_are_what_every_match_starts_with(pattern, heads):
    assert [head.text for head in literal_heads(pattern)] == heads
    for text in ("log in", "login", "registered", "per week", "free for 3 days", "aab", "ac",
                 "bxc", "(c) 2003"):
        match = re.match(pattern, text)
        if match:
            assert any(text.startswith(head) for head in heads)


@pytest.mark.parametrize(("pattern", "cues"), [
    (r"\bsign ?in", ["sign in", "signin"]),
    # Not known to start at a word: "xall rights reserved" matches too.
    (r"all rights reserved\.?$", ["rights reserved"]),
    (r"\((?:AP )?Photos? by", ["ap photo by", "ap photos by", "photo by", "photos by"]),
    (r"^\[File: ", ["file"]),
    (r"^(?:copyright|©)", [""]),  # a head with no word: never screened out
    # Not at the start: every match holds "contributed" after a boundary.
    (r"^.{0,120}\bcontributed (?:to )?(?:report|story)", ["contributed report", "contributed story",
                                                          "contributed to report", "contributed to story"]),
    (r"^\(?\s*(?:reporting|writing)\s+by\b", [""]),
    (r"foo|\bbar", ["", "bar"]),
])
def test_word_cues_start_at_a_word(pattern, cues):
    assert word_cues(pattern) == cues


def test_split_alternatives_looks_into_one_group_around_the_whole():
    assert split_alternatives(r"(?:a|b(?:c|d)|[|])") == ["a", "b(?:c|d)", "[|]"]
    assert split_alternatives(r"(?:a)|b") == ["(?:a)", "b"]


def test_screen_reports_rules_whose_cue_is_at_a_word_start():
    screen = CueScreen({"join": ["sign up"], "any": ["sign"], "photo": ["photo"]})
    assert screen.possible("Please sign up today") == {"join", "any"}
    assert screen.possible("(Photo: AP) a design") == {"photo"}
    assert screen.possible("He resigned. A telephoto lens.") == set()


def test_screen_gives_up_on_letters_that_fold_to_ascii():
    # re.IGNORECASE matches `ı` to `i` and `ſ` to `s`: such a text is never screened out.
    screen = CueScreen({"copyright": ["copyright"], "promo": ["subscrib"]})
    assert screen.possible("Copyrıght 2020 The Times") == {"copyright", "promo"}
    assert bp.is_copyright(["Copyrıght 2020 The Times"])
    assert bp.is_promo(["ſubscribe now"])


@pytest.mark.parametrize("line", [
    "© 2025 The Japan Times",
    "(c) 2003 Knight Ridder",
    "Copyright 2025 The Associated Press. All rights reserved.",
    "All Rights Reserved.",
    "This article first appeared in The Conversation.",
    "Originally published by Foreign Policy.",
    "The commentary was originally published in The Diplomat.",
    "A version of this story appears in print on July 3.",
    "The Interpreter is produced by the Lowy Institute, an independent organisation.",
    "The views expressed here are the author's own.",
    "CFR does not take policy positions on any issue.",
    "The Council does not take specific policy positions.",
])
def test_every_copyright_form_gets_past_the_screen(line):
    assert bp.COPYRIGHT_RE.search(line)
    assert bp.is_copyright([line])


# Words from the rules' cues, their near misses, and separators: random lines made of them
# hit every corner of the screen (a cue split by a hyphen, glued to a word, in capitals).
PIECES = ["subscribe", "Subscribe", "SUBSCRIBER", "sign", "up", "in", "log", "login", "per", "week",
          "month", "free", "trial", "for", "just", "$5", "£3", "newsletter", "follow", "us", "on",
          "Twitter", "x", "all", "rights", "reserved", "copyright", "Copyright", "©", "(c)", "2024",
          "this", "article", "first", "appeared", "was", "published", "the", "views", "expressed",
          "here", "is", "produced", "by", "institution", "Photo", "PHOTO", "photo", "AP", "(AP",
          "Photo/Jane)", "(Reuters)", "Reuters", "Getty", "Images", "[File:", "Doe]", "Credit:",
          "Image:", "FILE", "–", "-", ":", ".", ",", "members-only", "all-inclusive", "ı", "K",
          "résumé", "“Photo", "’s", "\n", "unlocked", "inbox", "paywall", "premium", "access",
          "xall", "Copyrıght", "ſubscribe", "reserved.", "PHOTOS:", "Photographer:"]


def _random_lines(count: int) -> list[str]:
    rng = random.Random(7)
    lines = []
    for _ in range(count):
        words = rng.choices(PIECES, k=rng.randint(1, 12))
        glue = [rng.choice([" ", " ", " ", "", "-", "/"]) for _ in words]
        lines.append("".join(w + g for w, g in zip(words, glue, strict=True)).strip())
    return lines


@pytest.mark.parametrize(("rule", "pattern"), [(bp.CAPTION, bp.CAPTION_RE), (bp.COPYRIGHT, bp.COPYRIGHT_RE)])
def test_screened_alternatives_agree_with_the_whole_pattern(rule: Alternatives, pattern):
    lines = _random_lines(4000)
    assert sum(1 for line in lines if pattern.search(line)) > 100  # the test reaches matches
    for line in lines:
        assert rule.search(line, bp.possible_rules(line)) == bool(pattern.search(line)), line


def test_screen_never_hides_a_promo_term():
    lines = _random_lines(4000)
    assert sum(1 for line in lines if bp.PROMO_RE.search(line.lower())) > 100
    for line in lines:
        if bp.PROMO_RE.search(line.lower()):
            assert "promo" in bp.possible_rules(line), line
