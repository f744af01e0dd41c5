"""Rules for the forms an article takes in a list: digests, forwards, flattened text,
and the byline, date and publication rules added with the gold corpus."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsarchive.extract import extract
from newsarchive.extract.byline import parse_byline
from newsarchive.extract.dates import find_date, parse_date_line
from newsarchive.extract.publication import (
    parse_publication_line,
    publication_from_copyright,
    publication_from_email,
)
from newsarchive.extract.text import split_sentences
from newsarchive.readers.text import parse_text

PROSE = ("Officials said on Monday that the talks would continue next week, and that both "
         "sides had agreed to keep the details private until then.")


def _articles(text: str, sent: datetime | None = None) -> list:
    message = parse_text(text)
    message.sent = sent
    return extract(message)


def _kinds(article) -> list[tuple[str, str]]:
    return [(str(r.kind), r.text) for r in article.removed]


def test_digest_gives_one_article_per_piece():
    text = (f"[List] Weekly digest\n\nIn this issue:\n1. Ports reopen\n2. Rates held\n\n*****\n\n"
            f"Ports reopen after storm\n\nBy Jane Roe\nJuly 3, 2025\n\n{PROSE}\n\n*****\n\n"
            f"Central bank holds rates steady\n\nReuters\nJuly 2, 2025\n\n{PROSE} Rates were "
            f"unchanged.\n")
    first, second = _articles(text)
    assert (first.headline, first.authors, first.published) == \
        ("Ports reopen after storm", ["Jane Roe"], date(2025, 7, 3))
    assert (second.headline, second.publication, second.published) == \
        ("Central bank holds rates steady", "Reuters", date(2025, 7, 2))
    assert ("other", "In this issue:\n1. Ports reopen\n2. Rates held") in _kinds(first)
    assert first.id != second.id


def test_a_lone_separator_does_not_make_a_digest():
    [article] = _articles(f"[List] Ports reopen after storm\n\nPorts reopen after storm\n\n"
                          f"{PROSE}\n\n-----\n\n{PROSE} More followed.\n")
    assert len(article.paragraphs) == 2
    assert ("other", "-----") in _kinds(article)


def test_quoted_forward_is_unquoted_with_note_and_header_set_aside():
    quoted = "\n".join("> " + line if line else ">" for line in [
        "Ports reopen after storm", "", "By Jane Roe", "July 3, 2025", "", PROSE, "", PROSE])
    text = ("[List] Fwd: Ports reopen after storm\n\nWorth a look.\n\nBegin forwarded message:\n\n"
            + quoted + "\n")
    [article] = _articles(text)
    assert article.headline == "Ports reopen after storm"
    assert article.authors == ["Jane Roe"]
    assert article.paragraphs == [PROSE, PROSE]
    assert ("note", "Worth a look.") in _kinds(article)
    assert ("header", "Begin forwarded message:") in _kinds(article)


def test_quoted_text_in_a_reply_stays_a_quote():
    text = ("[List] Re: Ports\n\nOn Mon, Jul 7, 2025 at 9:00 AM Ann <a@example.org> wrote:\n"
            + "\n".join("> " + PROSE for _ in range(3)) + "\n\nI agree with this.\n")
    [article] = _articles(text)
    assert article.paragraphs == ["I agree with this."]
    assert [r.kind for r in article.removed] == ["quote"]


def test_forward_date_supplies_the_year_of_a_wire_dateline():
    text = ("[List] Fwd: Lee proposes talks\n\n---------- Forwarded message ---------\n"
            "From: K <k@example.kr>\nDate: Fri, Aug 15, 2025 at 6:40 PM\nSubject: Lee proposes talks\n\n"
            f"Lee proposes talks\n\nSEOUL, Aug. 15 (Yonhap) -- {PROSE}\n")
    [article] = _articles(text)
    assert (article.published, article.dateline, article.publication) == \
        (date(2025, 8, 15), "Seoul", "Yonhap")


def test_day_month_dateline_without_any_year_gives_no_guessed_date():
    [article] = _articles(f"[List] Exports fall\n\nExports fall\n\nTOKYO, July 17 (Reuters) - {PROSE}\n")
    assert article.published is None
    assert article.dateline == "Tokyo"


def test_trailing_bracketed_note_is_set_aside():
    [article] = _articles(f"[List] Ports reopen\n\nPorts reopen\n\n{PROSE}\n\n"
                          "[Note: more on this tomorrow. -- ed.]\n")
    assert article.paragraphs == [PROSE]
    assert _kinds(article) == [("note", "[Note: more on this tomorrow. -- ed.]")]


def test_flattened_body_is_split_back_into_paragraphs():
    sentences = [f"Sentence number {n} says something about the harbour and its ships." for n in range(20)]
    [article] = _articles("[List] Ports reopen\n\nPorts reopen\n\n" + " ".join(sentences) + "\n")
    assert len(article.paragraphs) == 10
    assert " ".join(article.paragraphs) == " ".join(sentences)


def test_split_sentences_keeps_abbreviations_together():
    assert split_sentences("The U.S. said no. Mr. Smith left. Then Dr. Roe came.") == \
        ["The U.S. said no.", "Mr. Smith left.", "Then Dr. Roe came."]


@pytest.mark.parametrize(("line", "authors", "publication"), [
    ("By ZEKE MILLER and JOSH BOAK Associated Press", ["Zeke Miller", "Josh Boak"], "Associated Press"),
    ("DAVID ZAHNISER and DAKOTA SMITH, Times Staff Writers", ["David Zahniser", "Dakota Smith"], None),
    ("Damian Carrington Environment editor", ["Damian Carrington"], None),
    ("Commentary by Christopher B. Johnstone", ["Christopher B. Johnstone"], None),
    ("[SOURCE: The Washington Post, AUTHOR: Doug Struck]", ["Doug Struck"], None),
    ("By The Associated Press", [], "Associated Press"),
    ("By JANE DOE Associated Press Writer", ["Jane Doe"], "Associated Press"),
    ("By SCMP Reporter", [], "South China Morning Post"),
    ("By Reuters Staff", [], "Reuters"),
])
def test_bylines(line, authors, publication):
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    if publication:
        assert byline.publication == publication


@pytest.mark.parametrize(("line", "expected"), [
    ("Published on 16/06/2025 - 14:22", date(2025, 6, 16)),
    ("07/17/2025 05:32 PM EDT", date(2025, 7, 17)),
    ("Jul 10th 2025|SHANGHAI", date(2025, 7, 10)),
    ("July 3, 2025, 20:15 updated at: July 3, 2025, 21:02", date(2025, 7, 3)),
    ("Updated 6:14 PM EDT, Fri July 4, 2025", date(2025, 7, 4)),
])
def test_date_lines(line, expected):
    assert parse_date_line(line) == expected


def test_ambiguous_numeric_date_is_not_guessed():
    assert find_date("05/06/2025") is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Copyright The Financial Times Limited 2025. All rights reserved.", "Financial Times"),
    ("© Haaretz Daily Newspaper Ltd. All Rights Reserved", "Haaretz"),
    ("© 2025 Guardian News & Media Limited or its affiliated companies.", "The Guardian"),
    ("Copyright: Project Syndicate, 2025.", "Project Syndicate"),
    ("This article was originally published by the Brookings Institution.", "Brookings Institution"),
    ("© 2025 Bill Bishop", None),
])
def test_publication_from_copyright(line, expected):
    assert publication_from_copyright(line) == expected


def test_publication_lines():
    assert parse_publication_line("Al Jazeera and news agencies") == "Al Jazeera"
    assert parse_publication_line("By The Associated Press") is None
    assert publication_from_email("Contact editor Michael (michael@caixin.com)") == "Caixin"


@pytest.mark.parametrize("line", ["Email The Author", "Hours Ago Jon Russell", "Abgoodnough",
                                  "By Staff Reporter", "Follow the author", "The Editors"])
def test_junk_is_never_an_author(line):
    byline = parse_byline(line)
    assert byline is None or byline.authors == []


def test_a_generic_word_alone_is_no_publication():
    from newsarchive.extract.publication import lookup_publication

    assert lookup_publication("Times") is None
    assert lookup_publication("The Times") == "The Times"


def test_own_subject_still_finds_the_articles_headline():
    [article] = _articles(f"[List] Worth reading on the port strike\n\nPorts reopen after storm\n\n"
                          f"By Jane Roe\nJuly 3, 2025\n\n{PROSE}\n")
    assert article.headline == "Ports reopen after storm"
    assert article.authors == ["Jane Roe"] and article.published == date(2025, 7, 3)


def test_stray_furniture_outside_the_prose_is_set_aside_but_sign_offs_stay():
    [article] = _articles(f"[List] Ports reopen\n\nPorts reopen\n\nJuly 3, 2025\n\nGoogle Preferred Source Badge\n\n"
                          f"{PROSE}\n\nThanks in advance, Julia\n")
    assert article.paragraphs == [PROSE, "Thanks in advance, Julia"]
    assert ("other", "Google Preferred Source Badge") in _kinds(article)
    assert article.authors == []  # never a name: four capitalised words beside a date


def test_header_line_of_parts_and_from_credit():
    [article] = _articles(f"[List] Tourists\n\nRecord tourists\n\nKYODO NEWS - Jul 16, 2025 - 17:22 | Japan, All"
                          f"\n\n{PROSE}\n")
    assert (article.publication, article.published) == ("Kyodo News", date(2025, 7, 16))
    assert parse_publication_line("From the Financial Times:") == "Financial Times"


def test_the_writer_is_bio():
    [article] = _articles(f"[List] Deterrence\n\nDeterrence\n\nBy Jane Roe\nMarch 10, 2025\n\n{PROSE}\n\n"
                          "The writer is a senior fellow at an institute in Paris\n")
    assert article.author_bio == "The writer is a senior fellow at an institute in Paris"
    assert article.paragraphs == [PROSE]


def test_undated_forwarded_article_takes_the_forward_date():
    text = ("[List] Fwd: Ports reopen\n\n---------- Forwarded message ---------\n"
            "From: K <k@example.org>\nDate: Mon, Jun 16, 2025 at 7:45 PM\nSubject: Ports reopen\n\n"
            f"Ports reopen\n\nBy Jane Roe\n\n{PROSE}\n")
    [article] = _articles(text)
    assert article.published == date(2025, 6, 16)


def test_short_body_of_few_sentences_is_left_as_it_is():
    body = "Ports reopened on Monday. Ships queued for hours. Officials were pleased."
    [article] = _articles(f"[List] Ports reopen\n\nPorts reopen\n\n{body}\n")
    assert article.paragraphs == [body]


@pytest.mark.parametrize(("bio", "authors"), [
    ("Abby Goodnough is a national correspondent covering health policy.", ["Abby Goodnough"]),
    ("", []),
])
def test_run_together_byline_repaired_only_from_the_bio(bio, authors):
    text = f"[List] Hospitals brace\n\nHospitals brace\n\nBy Abgoodnough\nJuly 12, 2025\n\n{PROSE}\n"
    [article] = _articles(text + (f"\n{bio}\n" if bio else ""))
    assert article.authors == authors


@pytest.mark.parametrize("opening", ["NOTE: ", "BREAKING: ", "UPDATE - "])
def test_capitalised_kicker_is_no_dateline(opening):
    [article] = _articles(f"[List] Ports reopen\n\nPorts reopen\n\n{opening}{PROSE}\n")
    assert article.dateline is None


def test_initials_name_summary_box_image_stub_and_agency_credit():
    text = (f"[List] Trade deal\n\nTrade deal signed\n\nT.C.A. Sharad Raghavan\nJul 24, 2025\n\n"
            f"Key points:\nThe deal cuts tariffs.\nIt was signed in London.\n\n[image: the signing]\n\n"
            f"{PROSE}\n\ndpa, Reuters\n")
    [article] = _articles(text)
    assert article.authors == ["T.C.A. Sharad Raghavan"]
    assert article.paragraphs == [PROSE]
    assert [r.kind for r in article.removed] == ["other", "caption", "credit"]


def test_prose_that_starts_with_note_that_stays_body():
    last = "Note that the tariffs would not take effect for 50 days, officials said."
    [article] = _articles(f"[List] Ports reopen\n\nPorts reopen\n\n{PROSE}\n\n{last}\n")
    assert article.paragraphs == [PROSE, last]


def test_quote_under_a_wrote_line_is_a_reply_even_without_re():
    quoted = "\n".join("> " + PROSE for _ in range(3))
    text = (f"[List] Ports reopen\n\nOn Mon, Jul 7, 2025 at 9:00 AM Ann <a@example.org> wrote:\n{quoted}\n\n"
            "I agree with this.\n")
    [article] = _articles(text)
    assert article.paragraphs == ["I agree with this."]


def test_list_talk_gives_no_author_dateline_or_note():
    text = ("[List] Logging question\n\nHi Glyph,\n\nPGP: I tried the patch and it works for me now, "
            "thanks for the quick fix to the logging module.\n\nEd Suominen\n\nOn Sat, 2005-09-17 at 12:00 -0600,\n")
    [article] = _articles(text)
    assert (article.authors, article.dateline) == ([], None)
    assert "note" not in [r.kind for r in article.removed]


def test_talk_with_separators_is_not_a_digest():
    text = (f"[List] Some news\n\nFirst update on reviews\n\nhttp://example.org/reviews\n\n{PROSE}\n\n-----\n\n"
            f"Second update on branches\n\nhttp://example.org/branches\n\n{PROSE}\n")
    assert len(_articles(text)) == 1


@pytest.mark.parametrize(("subject", "headline", "publication"), [
    ("[L] Oil rises on supply worries | Reuters", "Oil rises on supply worries", "Reuters"),
    ("[L] FT: Hong Kong dollar hits weak end of band", "Hong Kong dollar hits weak end of band", "Financial Times"),
    ("[L] Meeting moved to Friday - time", "Meeting moved to Friday - time", None),
    ("[L] Twisted 8.0 - Release notes", "Twisted 8.0 - Release notes", None),
])
def test_outlet_in_a_page_title_subject(subject, headline, publication):
    [article] = _articles(f"{subject}\n\n{PROSE}\n")
    assert (article.headline, article.publication) == (headline, publication)
