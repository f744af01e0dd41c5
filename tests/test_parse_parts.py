"""A big mbox read in parts on all cores gives what one process reading it whole gives."""

from __future__ import annotations

import gzip
import os

import pytest
from conftest import write_dumps
from containers import mail_from_dump, render_monthly_archive

import newsarchive.parse
import newsarchive.pool
import newsarchive.readers.mbox
from newsarchive.ingest import ingest
from newsarchive.parse import FileTask, content_hash, file_tasks, parse_file, signature
from newsarchive.readers import message_starts, read_source
from newsarchive.readers.source import Source
from newsarchive.store import Store

# An mbox with what makes splitting it hard: blank lines before the first From line, a body
# line that starts `From ` (escaped, and one not after a blank line), a `From ` line
# that is no envelope, a blank line of spaces, CRLF line ends, and a long line.
TRICKY_MBOX = (
    b"\n\n"
    b"From ann@example.org Mon Jan  5 10:00:00 2015\nSubject: one\n\nBody one.\n"
    b">From the start, escaped.\nFrom here, not after a blank line.\n\n"
    b"From bob@example.org Tue Jan  6 11:00:00 2015\r\nSubject: two\r\n\r\nBody two "
    + b"x" * 300 + b" end.\r\n   \n"
    b"From no date here\n\n"
    b"From cy@example.org Wed Jan  7 12:00:00 2015\nSubject: three\n\nBody three.\n\n"
    b"From di@example.org Thu Jan  8 13:00:00 2015\nSubject: four\n\nBody four.\n"
)


def _messages(source: Source) -> list:
    return list(read_source(source))


@pytest.mark.parametrize("line_bytes", [64, 1024 * 1024])
def test_each_part_reads_as_its_share_of_the_whole(tmp_path, monkeypatch, line_bytes):
    # Lines longer than the reader's line cap come in pieces: parts must cut the same.
    monkeypatch.setattr(newsarchive.readers.mbox, "MAX_LINE_BYTES", line_bytes)
    path = tmp_path / "tricky.mbox"
    path.write_bytes(TRICKY_MBOX)
    whole = _messages(Source(path))
    starts = list(message_starts(Source(path)))
    assert [position for _, position in starts] == [1, 2, 3, 4]
    assert len(whole) == 4
    # Every way of cutting at message starts gives the same messages, in order.
    offsets = starts
    for cut in range(1, len(offsets)):
        first = _messages(Source(path, stop=offsets[cut][0]))
        rest = _messages(Source(path, start=offsets[cut][0], first_position=offsets[cut][1]))
        assert first + rest == whole


def test_message_starts_are_given_for_plain_mboxes_only(tmp_path):
    plain = tmp_path / "a.mbox"
    plain.write_bytes(TRICKY_MBOX)
    packed = tmp_path / "a.mbox.gz"
    packed.write_bytes(gzip.compress(TRICKY_MBOX))
    [dump] = write_dumps(tmp_path / "dumps", 1)
    assert message_starts(Source(packed)) is None
    assert message_starts(Source(dump)) is None
    assert message_starts(Source(plain)) is not None


def _archive(folder, count: int, seed: int = 0):
    mails = []
    for number, dump in enumerate(write_dumps(folder / "dumps", count, seed=seed)):
        mail = mail_from_dump(dump)
        mail.message_id = f"msg{number}.{seed}@example.org"
        mails.append(mail)
    path = folder / "archive" / "2025-July.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_monthly_archive(mails))
    return path


def _task(path) -> FileTask:
    return FileTask(0, str(path), *signature(str(path)))


def test_a_big_mbox_is_cut_into_parts_that_cover_it(tmp_path):
    path = _archive(tmp_path, 30)
    parts = list(file_tasks(_task(path), part_bytes=path.stat().st_size // 5))
    assert 4 <= len(parts) <= 6
    assert parts[0].start == 0 and parts[-1].stop is None
    assert all(a.stop == b.start for a, b in zip(parts, parts[1:], strict=False))
    assert [p.last_part for p in parts] == [False] * (len(parts) - 1) + [True]
    # Only the last part carries the file's hash, taken once, by the planner.
    assert [p.content_hash for p in parts] == [None] * (len(parts) - 1) + [content_hash(str(path))]
    articles = [a for p in parts for c in parse_file(p) for a in c.articles]
    whole = [a for c in parse_file(_task(path)) for a in c.articles]
    assert articles == whole
    assert [a["source"]["position"] for a in articles] == list(range(1, 31))


def test_small_packed_and_unchanged_files_are_not_cut(tmp_path):
    path = _archive(tmp_path, 30)
    size = path.stat().st_size
    assert list(file_tasks(_task(path), part_bytes=size)) == [_task(path)]
    packed = tmp_path / "2025-July.txt.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    [task] = file_tasks(_task(packed), part_bytes=100)
    assert not task.is_part and task.content_hash == content_hash(str(packed))
    # Touched but the same bytes: one task that parse_file answers without reading.
    known = content_hash(str(path))
    [task] = file_tasks(FileTask(0, str(path), size, 0, known), part_bytes=100)
    assert not task.is_part
    [chunk] = parse_file(task)
    assert chunk.same_content and chunk.done


def _stored(db) -> tuple:
    store = Store(db)
    try:
        rows = store.db.execute("SELECT rowid, * FROM articles ORDER BY rowid").fetchall()
        files = store.db.execute("SELECT path, size, content_hash, status, articles FROM files").fetchall()
        return rows, files
    finally:
        store.close()


def test_an_mbox_ingested_in_parts_is_stored_as_if_read_whole(tmp_path, monkeypatch):
    path = _archive(tmp_path, 40)
    ingest(Store(tmp_path / "whole.db"), [path], jobs=1).to_dict()
    monkeypatch.setattr(newsarchive.parse, "PART_BYTES", path.stat().st_size // 7)
    parted = ingest(Store(tmp_path / "parts.db"), [path], jobs=2)
    assert parted.files_read == 1 and parted.counts.added == 40 and parted.failures == []
    assert _stored(tmp_path / "parts.db") == _stored(tmp_path / "whole.db")
    # Unchanged on the next run; touched, it is hashed, found the same and not parsed.
    store = Store(tmp_path / "parts.db")
    assert ingest(store, [path], jobs=2).files_unchanged == 1
    os.utime(path, ns=(1, 1))
    again = ingest(store, [path], jobs=2)
    assert again.files_unchanged == 1 and again.counts.added == 0
    store.close()


def test_a_part_whose_parser_dies_fails_its_file_and_the_next_run_finishes_it(
        tmp_path, monkeypatch):
    path = _archive(tmp_path, 40)
    other = _archive(tmp_path / "other", 3, seed=9)
    monkeypatch.setattr(newsarchive.parse, "PART_BYTES", path.stat().st_size // 7)
    real = newsarchive.pool.parse_file

    def dies_in_the_third_part(task):
        if task.is_part and task.first_position > 1 and not task.last_part and task.start > task.size // 3:
            os._exit(3)
        return real(task)

    monkeypatch.setattr(newsarchive.pool, "parse_file", dies_in_the_third_part)
    store = Store(tmp_path / "parts.db")
    summary = ingest(store, [path, other], jobs=2)
    assert [f.path for f in summary.failures] == [str(path)]
    assert "parser process died" in summary.failures[0].error
    kept = store.count_articles()
    assert 3 <= kept < 43  # the other file's, and the parts committed before the death
    assert store.integrity_problems() == []
    monkeypatch.setattr(newsarchive.pool, "parse_file", real)
    again = ingest(store, [path, other], jobs=2)
    assert again.failures == [] and again.files_read == 1 and again.files_unchanged == 1
    assert store.count_articles() == 43
    store.close()


def test_a_grown_mbox_is_read_again_in_parts_like_a_serial_run(tmp_path, monkeypatch):
    # The nightly case: messages appended to a big mbox. Parted and serial runs agree.
    path = _archive(tmp_path, 30)
    first = path.read_bytes()
    more = _archive(tmp_path / "more", 10, seed=4).read_bytes()
    monkeypatch.setattr(newsarchive.parse, "PART_BYTES", len(first) // 6)
    results = []
    for jobs in (1, 2):
        path.write_bytes(first)
        store = Store(tmp_path / f"jobs{jobs}.db")
        ingest(store, [path], jobs=jobs)
        path.write_bytes(first + more)
        again = ingest(store, [path], jobs=jobs)
        assert again.counts.unchanged == 30 and again.counts.added == 10
        store.close()
        results.append(_stored(tmp_path / f"jobs{jobs}.db"))
    assert results[0] == results[1]
