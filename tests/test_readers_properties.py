"""Property tests: whatever bytes a file holds, readers and extractor give messages or one ReadError."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from conftest import SAMPLE
from containers import (
    mail_from_dump,
    render_eml,
    render_hyperkitty_page,
    render_mbox,
    render_mhonarc_page,
    render_monthly_archive,
    render_pipermail_page,
    render_single_part,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsarchive.extract import extract
from newsarchive.readers import ReadError, read_path
from newsarchive.readers.html import html_to_text
from newsarchive.readers.plaintext import text_to_paragraphs

MAIL = mail_from_dump(SAMPLE)
DUMPS = [
    SAMPLE.read_bytes(),
    render_eml(MAIL),
    render_mbox([(MAIL, render_single_part(MAIL, "windows-1252"))]),
    render_monthly_archive([MAIL, MAIL]),
    render_pipermail_page(MAIL),
    render_mhonarc_page(MAIL),
    render_mhonarc_page(MAIL, html_message=True),
    render_hyperkitty_page(MAIL),
]
NAMES = ["dump.txt", "message.eml", "2025-July.txt.gz", "000102.html", "archive.mbox", "noname"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_and_extract(data: bytes, name: str) -> None:
    """Read `data` as a file called `name`; only ReadError may come out."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            for message in read_path(path):
                for article in extract(message):
                    article.to_dict()
        except ReadError as exc:
            assert str(exc)  # a reason for the user


@FAST
@given(st.binary(max_size=4096), st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    read_and_extract(data, name)


@FAST
@given(st.sampled_from(DUMPS), st.floats(0, 1), st.sampled_from(NAMES))
def test_dumps_cut_anywhere(dump: bytes, where: float, name: str) -> None:
    read_and_extract(dump[: int(len(dump) * where)], name)


@FAST
@given(st.sampled_from(DUMPS), st.sampled_from(DUMPS), st.floats(0, 1), st.floats(0, 1))
def test_dumps_spliced(first: bytes, second: bytes, a: float, b: float) -> None:
    read_and_extract(first[: int(len(first) * a)] + second[int(len(second) * b):], "spliced")


@FAST
@given(st.sampled_from(DUMPS), st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=30),
       st.booleans())
def test_dumps_byte_flipped(dump: bytes, flips: list[tuple[float, int]], packed: bool) -> None:
    data = bytearray(gzip.compress(dump) if packed else dump)
    for where, mask in flips:
        index = min(int(len(data) * where), len(data) - 1)
        data[index] ^= mask
    read_and_extract(bytes(data), "flipped.gz" if packed else "flipped")


TAGS = ["<p>", "</p>", "<div>", "</div>", "<br>", "<pre>", "</pre>", "<blockquote type=cite>", "</blockquote>",
        "<figcaption>", "</figcaption>", "<script>", "</script>", "<b>", "</b>", "<a href='x'>", "</a>",
        "<span hidden>", "</span>", "&amp;", "&#x1F600;", "&bogus;", "<!--", "-->", "<!DOCTYPE", "<", ">", "\n", "> "]


@FAST
@given(st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=80))
def test_html_helper_takes_any_markup(pieces: list[str]) -> None:
    text = html_to_text("".join(pieces))
    assert all(p.strip() for p in text.paragraphs)  # no empty paragraph comes out


@FAST
@given(st.text(max_size=2000))
@example("0 >\n>\n> quoted")
def test_plain_text_helper_loses_no_words(body: str) -> None:
    paragraphs, removed = text_to_paragraphs(body)
    if not removed:  # nothing set aside: every word of the body is in the paragraphs
        # A line that is nothing but `>` (an empty quote line) is dropped; a `>` among
        # other words on a line is text and stays.
        lines = body.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
        kept = [w for line in lines if line.strip() != ">" for w in line.split()]
        assert " ".join(paragraphs).split() == kept
