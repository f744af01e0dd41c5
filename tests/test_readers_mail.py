"""Mail containers: .eml, mbox, Pipermail monthly archives (and their .gz), maildir."""

from __future__ import annotations

import gzip
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from conftest import extract_file
from containers import (
    Mail,
    render_eml,
    render_maildir,
    render_mbox,
    render_monthly_archive,
    render_single_part,
)

from newsarchive.extract import extract
from newsarchive.ingest import ingest
from newsarchive.readers import mbox, read_path
from newsarchive.readers.mail import parse_mail_date, parse_message, sender_name

STORY = Mail(
    "[Salon] Tokyo’s exports fall for a second month as US tariffs bite",
    ["Tokyo’s exports fall for a second month as US tariffs bite",
     "By Jane Doe",
     "TOKYO, July 17 (Reuters) - Japan’s exports fell for a second straight month in June, data showed on "
     "Thursday, as shipments of cars to the United States slumped under new tariffs.",
     "Exports fell 0.5% from a year earlier, the Ministry of Finance said, a smaller drop than the 1.6% "
     "forecast by economists in a Reuters poll."],
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_eml_with_quoted_printable_text_and_base64_html(tmp_path: Path) -> None:
    [article] = extract_file(write(tmp_path / "message", render_eml(STORY)))
    assert article["headline"] == "Tokyo’s exports fall for a second month as US tariffs bite"
    assert article["authors"] == ["Jane Doe"]
    assert article["dateline"] == "Tokyo"
    assert article["publication"] == "Reuters"
    assert article["body"].startswith("TOKYO, July 17 (Reuters) - Japan’s exports fell")
    assert article["source"] == {"path": str(tmp_path / "message"), "format": "eml",
                                 "message_id": STORY.message_id}
    assert article["sent"] == "2025-07-11T09:30:05+00:00"
    assert {"kind": "footer", "text": "_______________________________________________\nSalon mailing list\n"
            "salon@lists.example.org\nhttps://lists.example.org/mailman/listinfo/salon"} in article["removed"]


def test_html_part_is_preferred_when_it_carries_more_structure(tmp_path: Path) -> None:
    raw = (b"From: a@example.org\nSubject: Story\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
           b"Headline text Body text in one block\n--b\nContent-Type: text/html\n\n"
           b"<h1>Headline text</h1><figure><figcaption>A photo. Photo: AP</figcaption></figure>"
           b"<p>Body text in one block</p>\n--b--\n")
    message = parse_message(raw, "eml")
    assert message.paragraphs == ["Headline text", "Body text in one block"]
    assert message.captions == ["A photo. Photo: AP"]
    plain_wins = raw.replace(b"<figure><figcaption>A photo. Photo: AP</figcaption></figure>", b"").replace(
        b"Headline text Body", b"Headline text\n\nBody")
    assert parse_message(plain_wins, "eml").paragraphs == ["Headline text", "Body text in one block"]
    assert parse_message(plain_wins, "eml").captions == []


def test_encoded_headers_and_wrongly_declared_charsets() -> None:
    raw = ("From: =?ISO-8859-1?Q?Germ=E1n_Poo?= <g@example.org>\n"
           "Subject: =?utf-8?B?W1NhbG9uXSBDYWbDqSBzb2NpZXR5?= =?utf-8?Q?_=E2=80=98rises=E2=80=99?=\n"
           "Content-Type: text/plain; charset=utf-8\n\n").encode("ascii") + \
        "It’s a “windows-1252” body declared as utf-8.".encode("cp1252")
    message = parse_message(raw, "eml")
    assert message.sender == "Germán Poo"
    assert message.subject == "[Salon] Café society ‘rises’"
    assert message.paragraphs == ["It’s a “windows-1252” body declared as utf-8."]
    latin = b"Subject: x\nContent-Type: text/plain; charset=x-no-such-charset\n\nna\xefve caf\xe9"
    assert parse_message(latin, "eml").paragraphs == ["naïve café"]


def test_raw_8bit_headers_are_decoded_by_detection() -> None:
    raw = "Subject: [Salon] Wang’s visit\nFrom: Zoë <z@example.org>\n\nBody".encode("cp1252")
    message = parse_message(raw, "eml")
    assert (message.subject, message.sender) == ("[Salon] Wang’s visit", "Zoë")


def test_thread_headers_and_list_id() -> None:
    raw = (b"Subject: Exports fall\nMessage-ID: <m2@example.org>\nReferences: <m0@example.org>\n"
           b"  <m1@example.org>\nList-Id: Salon news <salon.lists.example.org>\n\nText")
    message = parse_message(raw, "eml")
    assert (message.message_id, message.in_reply_to) == ("m2@example.org", "m1@example.org")
    [article] = extract(message)
    assert article.list_name == "Salon news"


def test_dates_broken_zone_broken_year_and_ctime() -> None:
    assert parse_mail_date("Mon, 21 Oct 2002 15:02:34 +50579034") == datetime(2002, 10, 21, 15, 2, 34)
    assert parse_mail_date("Wed Feb  7 20:28:34 1945") is None
    assert parse_mail_date("not a date") is None
    assert parse_mail_date("Mon Apr  2 00:58:51 EDT 2001") == datetime(
        2001, 4, 2, 0, 58, 51, tzinfo=timezone(timedelta(hours=-4)))


def test_munged_pipermail_addresses() -> None:
    assert sender_name("pythondork at cgi-works.com (Max Schubert)") == "Max Schubert"
    assert sender_name("pythondork at cgi-works.com") == "pythondork@cgi-works.com"
    assert sender_name('"Doe, Jane" <jane@example.org>') == "Doe, Jane"
    assert sender_name("Bob Reader") == "Bob Reader"


def test_mbox_streams_every_message_in_order_with_escaped_from_lines(tmp_path: Path) -> None:
    first = Mail("[Salon] First", ["From the start, this line began with From.", "Second paragraph."],
                 message_id="one@example.org", footer=False)
    second = Mail("[Salon] Café prices ‘soar’", ["Prices rose “sharply” in June."], message_id="two@example.org",
                  sent=datetime(2025, 7, 12, 8, 0, tzinfo=UTC))
    path = write(tmp_path / "archive", render_mbox([(first, render_single_part(first, "utf-8")),
                                                    (second, render_single_part(second, "windows-1252"))]))
    assert b"\n>From the start" in path.read_bytes()
    messages = list(read_path(path))
    assert [m.position for m in messages] == [1, 2]
    assert [m.format for m in messages] == ["mbox", "mbox"]
    assert messages[0].paragraphs[0] == "From the start, this line began with From."
    assert messages[1].subject == "[Salon] Café prices ‘soar’"
    assert messages[1].paragraphs[0] == "Prices rose “sharply” in June."
    assert [r.kind for r in messages[1].removed] == []  # the footer is left to the extractor
    [_, article] = extract_file(path)
    assert article["removed"][-1]["kind"] == "footer"


def test_monthly_archive_and_gz_with_broken_dates(tmp_path: Path) -> None:
    broken = Mail("[Salon] Broken clock", ["The sender’s clock was wrong."], message_id="b@example.org")
    data = render_monthly_archive([STORY, broken])
    data = data.replace(b"Date: Fri, 11 Jul 2025 09:30:05 +0000\nSubject: [Salon] Broken",
                        b"Date: Fri, 11 Jul 2025 09:30:05 +50579034\nSubject: [Salon] Broken")
    plain = write(tmp_path / "2025-July.txt", data)
    packed = write(tmp_path / "2025-July.txt.gz", gzip.compress(data))
    articles = extract_file(plain)
    moved = [dict(a["source"], path=str(packed)) for a in articles]
    assert extract_file(packed) == [dict(a, source=m, sources=[m]) for a, m in zip(articles, moved, strict=True)]
    assert [a["source"]["position"] for a in articles] == [1, 2]
    assert articles[1]["sent"] == "2025-07-11T09:30:05"  # the zone was nonsense; the time stands
    assert articles[1]["body"] == "The sender’s clock was wrong."
    kinds = [r["kind"] for r in articles[0]["removed"]]
    assert kinds == ["attachment", "footer"]


def test_envelope_date_stands_in_for_a_missing_date(tmp_path: Path) -> None:
    data = b"From bob at example.org  Sat Mar  1 04:39:49 2008\nFrom: bob at example.org\nSubject: Hi\n\nText\n"
    [message] = read_path(write(tmp_path / "m.txt", data))
    assert message.sent == datetime(2008, 3, 1, 4, 39, 49)


def test_a_reply_is_stored_as_discussion(tmp_path: Path) -> None:
    reply = Mail("Re: [Salon] Tokyo’s exports fall", [
        "I doubt the tariffs explain all of it; the yen moved too.",
        "On Thu, 17 Jul 2025, Ann Forwarder wrote:\n> Japan’s exports fell for a second straight month\n"
        "> in June, data showed on Thursday.",
        "Bob"], in_reply_to=STORY.message_id, message_id="reply@example.org", footer=False)
    [article] = extract_file(write(tmp_path / "reply.eml", render_eml(reply, html_part=False)))
    assert article["headline"] == "Tokyo’s exports fall"
    assert article["list"] == "Salon"
    assert "I doubt the tariffs" in article["body"] and ">" not in article["body"]
    assert "wrote:" not in article["body"]
    quotes = [r["text"] for r in article["removed"] if r["kind"] == "quote"]
    assert any("Japan’s exports fell" in q for q in quotes)
    assert article["source"]["in_reply_to"] == STORY.message_id


def test_maildir_is_one_container_and_tmp_is_passed_over(tmp_path: Path, store) -> None:
    other = Mail("[Salon] Second story", ["Another story, in its own words."], message_id="2@example.org")
    folder = render_maildir(tmp_path / "mail" / "Salon", [render_eml(STORY), render_eml(other)])
    (folder / "tmp" / "partial").write_bytes(b"Subject: half delivered\n\nx")
    (folder / "new" / "17530.M2P2.host").write_bytes(render_eml(Mail("[Salon] New one", ["Fresh."])))
    summary = ingest(store, [tmp_path / "mail"])
    assert (summary.files_read, summary.files_failed) == (1, 0)
    articles = sorted(store.iter_articles(), key=lambda a: a["source"]["position"])
    assert [a["headline"] for a in articles] == ["Tokyo’s exports fall for a second month as US tariffs bite",
                                                 "Second story", "New one"]
    assert {a["source"]["format"] for a in articles} == {"maildir"}


def test_an_oversized_message_keeps_its_head_and_the_next_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(mbox, "MAX_MESSAGE_BYTES", 2000)
    big = Mail("[Salon] Big", ["Start of a big one."] + ["filler " * 30] * 50, message_id="big@example.org")
    small = Mail("[Salon] Small", ["Small one."], message_id="small@example.org")
    path = write(tmp_path / "m.mbox", render_mbox([(big, render_single_part(big)), (small, render_single_part(small))]))
    messages = list(read_path(path))
    assert [m.subject for m in messages] == ["[Salon] Big", "[Salon] Small"]
    assert messages[0].paragraphs[0] == "Start of a big one."
    assert sum(len(p) for p in messages[0].paragraphs) < 2000


def test_hard_wraps_are_rejoined_despite_a_few_overlong_lines() -> None:
    from newsarchive.readers.plaintext import text_to_paragraphs

    prose = ("Japan's exports fell for a second straight month in June, data showed on Thursday, as shipments "
             "of cars to the United States slumped under new tariffs and the yen rose against the dollar.")
    log = "2025-07-17 09:12:44,120 ERROR [worker-3] request failed after 3 retries: upstream timed out ok"
    body = "\n".join(textwrap.wrap(prose, 72)) + "\n\n" + log + "\n" + log + "\n\nBy Jane Doe\nReuters"
    paragraphs, _ = text_to_paragraphs(body)
    assert paragraphs == [prose, log + "\n" + log, "By Jane Doe\nReuters"]
