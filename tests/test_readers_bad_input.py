"""Bad input: one line per bad file naming it and the reason, the run goes on, exit status 1."""

from __future__ import annotations

import base64
import gzip
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from containers import Mail, render_eml, render_mbox, render_pipermail_page, render_single_part

from newsarchive.cli import cli
from newsarchive.ingest import ingest
from newsarchive.readers import ReadError, read_path
from newsarchive.readers.source import DEFAULT_MAX_SIZE, parse_size

STORY = Mail("[Salon] Ports reopen after the storm", ["Ports reopen after the storm",
             "The harbour reopened on Monday after three days of closures, officials said."])


def reasons(summary) -> dict[str, str]:
    return {os.path.basename(f.path): f.error for f in summary.failures}


def test_each_bad_file_fails_alone_and_good_ones_are_stored(tmp_path: Path, store) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "good.eml").write_bytes(render_eml(STORY))
    (folder / "empty.eml").write_bytes(b"")
    (folder / "empty.txt.gz").write_bytes(gzip.compress(b""))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "fake.txt.gz").write_bytes(b"From: a@example.org\nSubject: not gzip\n\nHello\n")
    (folder / "cut.txt.gz").write_bytes(gzip.compress(render_eml(STORY) * 50)[:300])
    (folder / "loop").symlink_to(folder)
    summary = ingest(store, [folder])
    assert reasons(summary) == {
        "empty.eml": "empty file",
        "empty.txt.gz": "empty file",
        "binary.txt": "binary data, not a text or mail dump",
        "fake.txt.gz": "named .gz but not gzip data",
        "cut.txt.gz": "broken gzip data (truncated)",
    }
    assert summary.files_read == 1 and store.count_articles() == 1


def test_truncated_html_page_stores_what_can_be_read(tmp_path: Path, store) -> None:
    page = render_pipermail_page(STORY)
    cut = page[: page.index(b"three days") + 5]
    (tmp_path / "000102.html").write_bytes(cut)
    [message] = read_path(tmp_path / "000102.html")
    assert message.paragraphs == ["Ports reopen after the storm", "The harbour reopened on Monday after three"]
    summary = ingest(store, [tmp_path / "000102.html"])
    assert (summary.files_read, summary.files_failed) == (1, 0)
    [article] = store.iter_articles()
    assert article["headline"] == "Ports reopen after the storm"


def test_undecodable_bytes_are_decoded_by_fallback(tmp_path: Path) -> None:
    raw = render_single_part(STORY, "utf-8").replace(b"three days", b"three \xff\xfe\x81 days")
    (tmp_path / "m.eml").write_bytes(raw)
    [message] = read_path(tmp_path / "m.eml")
    # Not utf-8 as declared, not cp1252 (0x81 is unassigned there): latin-1 takes every byte.
    assert "three ÿþ\x81 days" in message.paragraphs[1]


def test_gzip_bomb_is_capped_and_the_cap_can_be_raised(tmp_path: Path) -> None:
    bomb = tmp_path / "2025-July.txt.gz"
    # A message with a 3 MB attachment of zeros: small packed, large unpacked.
    zeros = base64.encodebytes(bytes(3 * 1024 * 1024)).decode("ascii")
    raw = (b"From: a@example.org\nSubject: [Salon] Ports reopen\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nThe harbour reopened.\n"
           b"--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
           + zeros.encode("ascii") + b"--b--\n")
    bomb.write_bytes(gzip.compress(render_mbox([(STORY, raw)]), compresslevel=9))
    assert bomb.stat().st_size < 20_000
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    result = runner.invoke(cli, ["ingest", "--db", db, "--max-size", "1M", str(bomb)])
    assert result.exit_code == 1
    assert f"error: {bomb}: decompressed size over the 1 MB limit (raise it with --max-size)" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["ingest", "--db", db, "--max-size", "8M", str(bomb)])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output


def test_max_size_option_rejects_nonsense(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "a.db"), "--max-size", "lots", "x"])
    assert result.exit_code == 2 and "is not a size like 512M" in result.output
    for nonsense in ("inf", "nan", "-1M", "0", ""):
        result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "a.db"), "--max-size", nonsense, "x"])
        assert result.exit_code == 2 and "Traceback" not in result.output, nonsense
    assert parse_size("512M") == DEFAULT_MAX_SIZE == 512 * 1024 * 1024
    assert parse_size("2g") == 2 << 30 and parse_size("1500") == 1500


def test_deeply_nested_html(tmp_path: Path, store) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text("<H1>[Salon] Deep</H1><!--beginarticle-->" + "<div>" * 20_000 + "<p>Deep text here.</p>"
                      + "</div>" * 20_000 + "<!--endarticle-->")
    summary = ingest(store, [nested])
    assert (summary.files_read, summary.files_failed) == (1, 0)
    [article] = store.iter_articles()
    assert (article["headline"], article["body"]) == ("Deep", "Deep text here.")


@pytest.mark.parametrize("container", ["text", "mbox"])
def test_a_ten_megabyte_line(tmp_path: Path, container: str) -> None:
    line = b"x" * (10 * 1024 * 1024)
    path = tmp_path / "line.txt"
    if container == "text":
        path.write_bytes(b"A subject\n\n" + line)
    else:
        path.write_bytes(b"From a@example.org  Sat Mar  1 04:39:49 2008\nSubject: A subject\n\n" + line + b"\n")
    [message] = read_path(path)
    assert message.subject == "A subject" and message.paragraphs == [line.decode()]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_and_unreadable_maildir_message(tmp_path: Path, store) -> None:
    path = tmp_path / "secret.eml"
    path.write_bytes(render_eml(STORY))
    path.chmod(0)
    assert reasons(ingest(store, [path])) == {"secret.eml": "permission denied"}


def test_cli_reports_one_line_per_bad_file_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "good.eml").write_bytes(render_eml(STORY))
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "loop").symlink_to(folder)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "x.db"), str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder / 'bad.txt'}: binary data, not a text or mail dump"]
    assert "1 added" in result.output and "Traceback" not in result.output


def test_a_folder_that_is_no_maildir_is_refused_by_read_path(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a maildir"):
        list(read_path(tmp_path))
