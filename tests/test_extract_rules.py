"""The extraction rules one at a time, on realistic lines."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsarchive.extract import extract
from newsarchive.extract.boilerplate import classify_block, is_headline_shaped
from newsarchive.extract.byline import clean_name, parse_byline
from newsarchive.extract.dates import choose_published, parse_date_line
from newsarchive.extract.publication import parse_publication_line, publication_from_copyright
from newsarchive.extract.subject import list_from_list_id, parse_subject
from newsarchive.extract.text import unwrap_block
from newsarchive.model import Message, RemovedKind


@pytest.mark.parametrize(("line", "authors", "dateline", "publication"), [
    ("By JOHN SMITH", ["John Smith"], None, None),
    ("By Jane Doe, Bob Lee and Ann Kim", ["Jane Doe", "Bob Lee", "Ann Kim"], None, None),
    ("By Jenny Leonard | Bloomberg", ["Jenny Leonard"], None, "Bloomberg"),
    ("By Tom Jones / Associated Press", ["Tom Jones"], None, "Associated Press"),
    ("Kevin Martin, Times Staff Writer", ["Kevin Martin"], None, None),
    ("By Mary Lee, Staff Reporter", ["Mary Lee"], None, None),
    ("By Dr. Anoulak Kittikhoun", ["Anoulak Kittikhoun"], None, None),
    ("John Smith in Tokyo", ["John Smith"], "Tokyo", None),
    ("Patrick Wintour in London and Kim Willsher in Paris",
     ["Patrick Wintour", "Kim Willsher"], "London", None),
    ("By SEAN O'BRIEN and ANNA MCDONALD", ["Sean O'Brien", "Anna McDonald"], None, None),
    ("By Reuters", [], None, "Reuters"),
])
def test_parse_byline(line, authors, dateline, publication):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.dateline, byline.publication) == (authors, dateline, publication)


def test_glued_in_is_split_and_evidence_decides():
    glued = parse_byline("Dewey Simin Beijing", evidence="")
    assert (glued.authors, glued.dateline) == (["Dewey Sim"], "Beijing")
    # A real surname ending in "in": the bio names "Lee Simin", so the name stays whole.
    real = parse_byline("Lee Simin Beijing", evidence="Lee Simin is a correspondent")
    assert (real.authors, real.dateline) == (["Lee Simin"], "Beijing")


@pytest.mark.parametrize("junk", ["Email The Author", "Hours Ago Jon Russell", "Read more",
                                  "Share this article", "By"])
def test_junk_is_never_a_byline(junk):
    byline = parse_byline(junk)
    assert byline is None or byline.authors == []


def test_clean_name_rejects_non_names():
    assert clean_name("Staff Reporter") is None
    assert clean_name("Abgoodnough") is None  # one token is not a full name
    assert clean_name("Ursula von der Leyen") == "Ursula von der Leyen"


@pytest.mark.parametrize(("line", "expected"), [
    ("11 Jul 2025", date(2025, 7, 11)),
    ("July 11, 2025", date(2025, 7, 11)),
    ("2025-07-11", date(2025, 7, 11)),
    ("Fri, 11 Jul 2025", date(2025, 7, 11)),
    ("Thursday, August 21, 2003; Page E01", date(2003, 8, 21)),
    ("August 2, 2004, 4:00 AM PT", date(2004, 8, 2)),
    ("Updated 3:04 PM EDT, July 11, 2025", date(2025, 7, 11)),
    ("Issue of 2002-12-09", date(2002, 12, 9)),
    ("Jul 10th 2025", date(2025, 7, 10)),
    ("Thu 10 Jul 2025 17.45 BST", date(2025, 7, 10)),
])
def test_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize("line", [
    "The summit opened on July 11, 2025 with a long speech by the host.",
    "No date here at all",
    "2025-13-45",
])
def test_prose_and_bad_dates_are_not_date_lines(line):
    assert parse_date_line(line) is None


def test_published_never_after_sent():
    sent = datetime(2025, 7, 12, 9, 30)
    assert choose_published(date(2025, 7, 11), sent) == date(2025, 7, 11)
    assert choose_published(date(2026, 1, 1), sent) == date(2025, 7, 12)
    assert choose_published(None, sent) == date(2025, 7, 12)
    assert choose_published(None, None) is None


@pytest.mark.parametrize(("line", "expected"), [
    ("The South China Morning Post", "South China Morning Post"),
    ("From the San Jose Mercury News, Mar. 4, 1996", "San Jose Mercury News"),
    ("[SOURCE: The Washington Post, AUTHOR: Jane Doe]", "The Washington Post"),
    ("https://www.scmp.com/news/china/article/3318000", "South China Morning Post"),
    ("The Jakarta Post", "The Jakarta Post"),
    ("Dewey Simin Beijing", None),
])
def test_parse_publication_line(line, expected):
    assert parse_publication_line(line) == expected


def test_publication_from_copyright():
    assert publication_from_copyright("Copyright 2025 The Associated Press. All rights reserved.") \
        == "Associated Press"


def test_subject_tag_and_reply():
    assert parse_subject("Re: [Salon] Fwd: Talks in Kuala Lumpur") == (
        "Salon", "Talks in Kuala Lumpur", True)
    assert parse_subject("[China-News] Wang meets Rubio") == ("China-News", "Wang meets Rubio", False)
    assert list_from_list_id("Salon discussion <salon.lists.example.org>") == "Salon discussion"
    assert list_from_list_id("<twisted-python.twistedmatrix.com>") == "twisted-python"


def test_unwrap_rejoins_hard_wrapped_prose_and_keeps_header_lines():
    wrapped = (
        "The meeting comes as Beijing and Washington seek to stabilise their\n"
        "complex relationship, marked in recent months by a deepening trade\n"
        "dispute between the two largest economies in the world today.\n"
        "A second paragraph starts here."
    )
    [joined, *_rest] = unwrap_block(wrapped)
    assert joined.startswith("The meeting comes") and "their complex relationship" in joined
    header = "The South China Morning Post\nDewey Simin Beijing\n11 Jul 2025"
    assert unwrap_block(header) == header.split("\n")


@pytest.mark.parametrize(("block", "kind"), [
    (["Advertisement"], RemovedKind.AD),
    (["Share", "5 min read"], RemovedKind.SHARE),
    (["Listen to this article"], RemovedKind.SHARE),
    (["Read more: Japan's trade negotiator heads to Washington"], RemovedKind.TEASER),
    (["Sign up for our China newsletter to get the latest in your inbox"], RemovedKind.PROMO),
    (["To access our exclusive content you'll need to subscribe.", "Already a subscriber?",
      "LOG IN"], RemovedKind.PROMO),
    (["Copyright 2025 The Associated Press. All rights reserved."], RemovedKind.COPYRIGHT),
    (["_______________________________________________", "Salon mailing list"],
     RemovedKind.FOOTER),
    (["Rescue workers search the rubble in Gaza City on Tuesday. Photo: Reuters"],
     RemovedKind.CAPTION),
])
def test_classify_block(block, kind):
    assert classify_block(block) == kind


@pytest.mark.parametrize("block", [
    ["Rubio said the talks were constructive and that a visit by Trump was likely this year."],
    ["Subscribers to the theory argue that the market will recover, he said, but few agree."],
    ["Trump also held a call with Chinese President Xi Jinping in June."],
])
def test_body_prose_is_not_boilerplate(block):
    assert classify_block(block) is None


def test_headline_shape():
    assert is_headline_shaped("Malaysia’s Anwar slams US tariffs, calls for stronger trade")
    assert not is_headline_shaped("It is the first in-person meeting since January.")
    assert not is_headline_shaped("Trade war")


def test_teaser_needs_body_on_both_sides():
    message = Message(subject="[L] Talks resume", paragraphs=[
        "Talks resume",
        "Negotiators met again on Monday after a pause of several weeks, officials said.",
        "Why the tariff fight matters to farmers in Iowa and Nebraska",
        "The two sides will meet again next month in Geneva, a spokesman said.",
    ])
    [article] = extract(message)
    assert [r.kind for r in article.removed] == [RemovedKind.TEASER]
    assert article.paragraphs[-1].startswith("The two sides")


def test_reply_quotes_and_list_footer_set_aside():
    message = Message(subject="Re: [Salon] Talks resume", sender="Ann Reader", paragraphs=[
        "I doubt the talks will get far this time.",
        "On Mon, Jul 14, 2025 at 9:00 AM Bob Writer wrote:\n> Talks resume next week.\n> Good.",
        "_______________________________________________\nSalon mailing list\nSalon@example.org",
    ])
    [article] = extract(message)
    assert article.body == "I doubt the talks will get far this time."
    kinds = [r.kind for r in article.removed]
    assert RemovedKind.QUOTE in kinds and RemovedKind.FOOTER in kinds
    assert article.headline == "Talks resume"
    assert article.list_name == "Salon"
    assert article.authors == ["Ann Reader"]


@pytest.mark.parametrize(("sender", "authors"), [
    ("Ann Reader <ann@example.org>", ["Ann Reader"]),
    ("ann at example.org (Ann Reader)", ["Ann Reader"]),
    ('"Reader, Ann" <ann@example.org>', ["Ann Reader"]),
    ("JP Calderone <exarkun@example.com>", ["JP Calderone"]),
    ("ann@example.org", []),
    ("moshez", []),
])
def test_reply_author_is_the_sender_when_it_names_a_person(sender, authors):
    message = Message(subject="Re: [Salon] Talks resume", sender=sender, paragraphs=[
        "I doubt the talks will get far this time, whatever the ministers say.",
        "> Talks resume next week.",
    ])
    [article] = extract(message)
    assert article.authors == authors


def test_a_plain_message_or_a_forwarded_article_keeps_its_own_authors():
    plain = Message(subject="[Salon] Meeting notes", sender="Ann Reader <ann@example.org>",
                    paragraphs=["The next meeting is on Tuesday at the usual place."])
    [article] = extract(plain)
    assert article.authors == []  # no reply, no quote: nothing says who wrote it
    forwarded = Message(subject="Re: [Salon] Senate passes stopgap bill",
                        sender="Ann Reader <ann@example.org>", paragraphs=[
                            "Senate passes stopgap bill",
                            "By LISA MASCARO\nMarch 14, 2025",
                            "WASHINGTON (AP) — The Senate passed a stopgap spending bill Friday "
                            "that would keep the federal government running through September.",
                        ])
    [article] = extract(forwarded)
    assert article.authors == ["Lisa Mascaro"]


def test_wire_dateline_takes_year_from_sent_date():
    message = Message(subject="[L] Exports fall", sent=datetime(2025, 7, 18, 1, 0), paragraphs=[
        "TOKYO, July 17 (Reuters) - Japan's exports fell for a second month in June, data showed.",
    ])
    [article] = extract(message)
    assert (article.dateline, article.publication) == ("Tokyo", "Reuters")
    assert article.published == date(2025, 7, 17)


def test_wire_dateline_in_january_sent_date_means_last_year():
    message = Message(subject="[L] Year end", sent=datetime(2025, 1, 2, 1, 0), paragraphs=[
        "NEW YORK, Dec. 31 (AP) -- Stocks closed the year higher, extending a long rally.",
    ])
    [article] = extract(message)
    assert article.published == date(2024, 12, 31)
    assert article.dateline == "New York"


@pytest.mark.parametrize("line", [
    "Rescue workers search the rubble on Tuesday. PHOTOS: Reuters",
    "Smoke rises over the port. [File: Ahmed Saad/Reuters]",
    "The minister arrives in Tokyo. AFP via Getty Images",
    "[image: aerial view of the dam]",
    "[graphic]",
    "Delegates at the summit. Photo: Pool photo via AP",
    "The harbour at dawn. Photograph: Alex Doe",
    "Picture: the old palace gate",
    "Image: a satellite view of the strait",
    "Credit: Jane Roe for The New York Times",
    "A 1981 portable computer. (Photo by Lucian Perkins -- The Washington Post)",
    "Protesters gather outside parliament. (AP Photo/Mark Schiefelbein)",
    "Troops on parade in Red Square. (Reuters/Evgenia Novozhenina)",
    "Workers at the plant. (Xinhua/Li Ming)",
    "Traders on the floor of the exchange. Shutterstock",
    "Illustration:",
    "FILE - Shipping containers at the port of Long Beach, California, in 2024.",
])
def test_every_caption_form_is_recognised(line):
    # One line per alternative of CAPTION_RE: each must get past the cheap cue test too.
    from newsarchive.extract.boilerplate import is_caption

    assert is_caption(line)


def test_promo_terms_are_lower_case():
    # is_promo matches PROMO_RE against lower-cased text; a capital in a term never matches.
    from newsarchive.extract.boilerplate import PROMO_TERMS

    assert [term for term in PROMO_TERMS if term != term.lower()] == []
