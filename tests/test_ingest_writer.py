"""The ingest writer: a file that fails half-written is lost alone, whatever the batching."""

from __future__ import annotations

import os
import sqlite3

import pytest
from conftest import links_agree, write_dumps
from containers import mail_from_dump, render_monthly_archive

import newsarchive.parse
import newsarchive.pool
from newsarchive.ingest import ingest
from newsarchive.parse import Chunk
from newsarchive.store import Store


def _failures(summary) -> list[tuple[str, str]]:
    return [(os.path.basename(f.path), f.error) for f in summary.failures]


def _stored_paths(store: Store) -> set[str]:
    return {os.path.basename(a["source"]["path"]) for a in store.iter_articles()}


def _row_counts(store: Store) -> dict[str, int]:
    return {table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "dedupe_body", "article_people")}


@pytest.mark.parametrize("batch_articles", [500, 5])
def test_a_file_that_fails_half_written_is_lost_alone(store, tmp_path, monkeypatch,
                                                      batch_articles):
    folder = tmp_path / "dumps"
    write_dumps(folder, 8)
    real = Store.record_file

    def fails_for_one(self, path, size, mtime_ns, content_hash, status, articles=0):
        # The file's article, its dedupe keys and its byline are written by now.
        if path.endswith("00004.txt") and status == "ok":
            raise sqlite3.IntegrityError("simulated constraint failure")
        return real(self, path, size, mtime_ns, content_hash, status, articles)

    monkeypatch.setattr(Store, "record_file", fails_for_one)
    summary = ingest(store, [folder], batch_articles=batch_articles)
    assert _failures(summary) == [("00004.txt", "could not store: simulated constraint failure")]
    assert summary.counts.added == 7 and summary.files_read == 7
    # The files written before it in the same batch were written again and kept.
    assert _stored_paths(store) == {f"{n:05d}.txt" for n in range(8)} - {"00004.txt"}
    counts = _row_counts(store)
    assert counts["articles"] == counts["dedupe_body"] == 7
    assert counts["article_people"] == 7  # one byline each, none left from the lost file
    links_agree(store)  # the lost file's rowid goes to the next article: its links say so
    assert store.integrity_problems() == []
    statuses = dict(store.db.execute("SELECT path, status FROM files").fetchall())
    assert {os.path.basename(p): s for p, s in statuses.items()}["00004.txt"] == "failed"

    monkeypatch.setattr(Store, "record_file", real)
    again = ingest(store, [folder])
    assert again.files_read == 1 and again.counts.added == 1 and again.files_unchanged == 7
    links_agree(store)
    assert store.list_errors() == []


def test_a_file_parsed_in_chunks_that_fails_after_the_first_leaves_nothing(store, tmp_path,
                                                                          monkeypatch):
    folder = tmp_path / "dumps"
    dumps = write_dumps(folder, 5)
    mails = []
    for number, dump in enumerate(dumps[:4]):
        mail = mail_from_dump(dump)
        mail.message_id = f"msg{number}@example.org"
        mails.append(mail)
    (folder / "2025-July.txt").write_bytes(render_monthly_archive(mails))
    monkeypatch.setattr(newsarchive.parse, "CHUNK_ARTICLES", 2)
    real = newsarchive.pool.parse_file

    def fails_at_the_end(task):
        for chunk in real(task):
            if task.path.endswith("2025-July.txt") and chunk.done:
                yield Chunk(chunk.index, done=True, error="broken at the end")
            else:
                yield chunk

    monkeypatch.setattr(newsarchive.pool, "parse_file", fails_at_the_end)
    summary = ingest(store, [folder])
    assert _failures(summary) == [("2025-July.txt", "broken at the end")]
    assert _stored_paths(store) == {f"{n:05d}.txt" for n in range(5)}
    assert _row_counts(store)["articles"] == 5
    assert store.integrity_problems() == []

    monkeypatch.setattr(newsarchive.pool, "parse_file", real)
    again = ingest(store, [folder])
    assert again.files_read == 1 and again.counts.added == 0
    assert again.articles_folded == 4  # the archive's copies of the dumps, now as sources


def test_a_big_file_is_committed_a_batch_at_a_time_and_a_late_failure_keeps_those(
        store, tmp_path, monkeypatch):
    # A 1 GB mbox must not be one transaction: what was committed before a failure (or a
    # kill) late in the file stays, and the next ingest reads the file again to finish it.
    dumps = write_dumps(tmp_path / "dumps", 10)
    mails = []
    for number, dump in enumerate(dumps):
        mail = mail_from_dump(dump)
        mail.message_id = f"msg{number}@example.org"
        mails.append(mail)
    archive = tmp_path / "archive" / "2025-July.txt"
    archive.parent.mkdir()
    archive.write_bytes(render_monthly_archive(mails))
    monkeypatch.setattr(newsarchive.parse, "CHUNK_ARTICLES", 2)
    real_extract = newsarchive.parse.extract
    seen = []

    def breaks_at_the_seventh(message):
        seen.append(message)
        if len(seen) == 7:
            raise RuntimeError("simulated reader bug")
        return real_extract(message)

    monkeypatch.setattr(newsarchive.parse, "extract", breaks_at_the_seventh)
    summary = ingest(store, [archive], batch_articles=3)
    [(name, reason)] = _failures(summary)
    assert name == "2025-July.txt" and "simulated reader bug" in reason
    # Chunks of 2; a piece commits once it holds 3 or more: the first four articles were
    # committed, the fifth and sixth were in the open piece, rolled back with the failure.
    assert _row_counts(store)["articles"] == 4
    assert summary.counts.added == 4
    assert store.integrity_problems() == []

    monkeypatch.setattr(newsarchive.parse, "extract", real_extract)
    again = ingest(store, [archive], batch_articles=3)
    assert again.failures == [] and again.files_read == 1
    assert again.counts.unchanged == 4 and again.counts.added == 6
    assert _row_counts(store)["articles"] == 10
    assert store.list_errors() == []
    assert ingest(store, [archive]).files_unchanged == 1
