"""The same article read from every container gives the same article object."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import TEXT_FIXTURES, extract_file
from containers import (
    Mail,
    mail_from_dump,
    render_eml,
    render_hyperkitty_page,
    render_maildir,
    render_mbox,
    render_mhonarc_page,
    render_monthly_archive,
    render_monthly_archive_gz,
    render_pipermail_page,
    render_single_part,
)

DUMPS = sorted(TEXT_FIXTURES.glob("*.txt"))
# What the article says, whatever carried it.
CONTENT_KEYS = ["list", "headline", "dek", "publication", "authors", "dateline", "body", "captions",
                "author_bio", "word_count"]


def render_all(mail: Mail, folder: Path) -> dict[str, Path]:
    """Every container of one message; file names that say nothing, so content decides."""
    files = {
        "eml": render_eml(mail),
        "eml-cp1252": render_single_part(mail, "windows-1252"),
        "mbox": render_mbox([(mail, render_single_part(mail, "windows-1252"))]),
        "monthly": render_monthly_archive([mail]),
        "monthly-gz": render_monthly_archive_gz([mail]),
        "pipermail": render_pipermail_page(mail),
        "mhonarc": render_mhonarc_page(mail),
        "mhonarc-html": render_mhonarc_page(mail, html_message=True),
        "hyperkitty": render_hyperkitty_page(mail),
    }
    paths = {}
    for name, data in files.items():
        path = folder / f"{name}.dat"
        path.write_bytes(data)
        paths[name] = path
    paths["maildir"] = render_maildir(folder / "Maildir", [render_eml(mail)])
    return paths


REPLY = Mail(
    "Re: [Salon] Tokyo’s exports fall for a second month",
    ["I doubt the tariffs explain all of it: the yen moved by more than five per cent over the same "
     "months, and car makers had already shifted production to plants in the United States.",
     "On Thu, 17 Jul 2025 at 09:12, Ann Forwarder <ann@example.org> wrote:\n"
     "> Japan’s exports fell for a second straight month in June, data showed\n"
     "> on Thursday, as shipments of cars to the United States slumped.",
     "Café owners in Yokohama say the same about import prices.",
     "Bob"],
    sender_name="Bob Reader", sender_address="bob@example.org", message_id="reply-1@example.org",
    in_reply_to="20250711093005.abc123@example.org",
)

EXPECTED_FORMAT = {"eml": "eml", "eml-cp1252": "eml", "mbox": "mbox", "monthly": "mbox", "monthly-gz": "mbox",
                   "pipermail": "pipermail", "mhonarc": "mhonarc", "mhonarc-html": "mhonarc",
                   "hyperkitty": "hyperkitty", "maildir": "maildir"}


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.stem)
def test_every_container_gives_the_same_article(dump: Path, tmp_path: Path) -> None:
    [reference] = extract_file(dump)
    mail = mail_from_dump(dump)
    for name, path in render_all(mail, tmp_path).items():
        [article] = extract_file(path)
        for key in CONTENT_KEYS:
            assert article[key] == reference[key], f"{name}: {key}"
        assert article["id"] == reference["id"], name
        assert article["subject"] == mail.subject, name
        assert article["source"]["format"] == EXPECTED_FORMAT[name]
        assert article["published"] == reference["published"] or article["published"] == "2025-07-11", name
        assert article["source"].get("message_id") == mail.message_id, name
        sent = datetime.fromisoformat(article["sent"])
        if name == "hyperkitty":
            # The page shows the sender's wall-clock time to the minute, without a zone.
            assert sent == mail.sent.replace(tzinfo=None, second=0), name
        else:
            assert sent == mail.sent, name  # the same instant, in whatever zone the page gives


def test_a_reply_reads_the_same_from_every_container(tmp_path: Path) -> None:
    articles = {name: extract_file(path)[0] for name, path in render_all(REPLY, tmp_path).items()}
    reference = articles.pop("eml")
    assert reference["headline"] == "Tokyo’s exports fall for a second month"
    assert "I doubt the tariffs" in reference["body"] and "Café owners" in reference["body"]
    assert ">" not in reference["body"] and "wrote:" not in reference["body"]
    assert any(r["kind"] == "quote" and "Japan’s exports fell" in r["text"] for r in reference["removed"])
    for name, article in articles.items():
        for key in CONTENT_KEYS + ["id"]:
            assert article[key] == reference[key], f"{name}: {key}"
        quotes = [r["text"] for r in article["removed"] if r["kind"] == "quote"]
        assert any("Japan’s exports fell" in q for q in quotes), name
