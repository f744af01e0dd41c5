"""Containers with many messages: streamed in bounded chunks, stored whole or not at all."""

from __future__ import annotations

import gzip

import pytest
from conftest import write_dumps
from containers import mail_from_dump, render_monthly_archive

import newsarchive.parse
from newsarchive.ingest import ingest
from newsarchive.parse import CHUNK_ARTICLES, FileTask, content_hash, parse_file
from newsarchive.readers.text import parse_text


@pytest.fixture
def messages(tmp_path):
    """250 distinct messages, as a multi-message container's reader would yield them."""
    paths = write_dumps(tmp_path / "source", 250, seed=3)
    return [parse_text(path.read_text(encoding="utf-8")) for path in paths]


def _fake_container(monkeypatch, messages, fail_after=None):
    def read_source(source):
        for position, message in enumerate(messages):
            if fail_after is not None and position == fail_after:
                raise ValueError("truncated message")
            message.path, message.position = str(source.path), position
            yield message

    monkeypatch.setattr(newsarchive.parse, "read_source", read_source)


def test_a_big_container_is_streamed_in_bounded_chunks(monkeypatch, messages, tmp_path):
    _fake_container(monkeypatch, messages)
    path = tmp_path / "2025-July.mbox"
    path.write_text("stand-in", encoding="utf-8")
    chunks = list(parse_file(FileTask(0, str(path), 8, 0)))
    assert [len(c.articles) for c in chunks] == [CHUNK_ARTICLES, CHUNK_ARTICLES, 50]
    assert [c.done for c in chunks] == [False, False, True]
    assert chunks[-1].content_hash and chunks[-1].error is None


def test_a_container_failing_part_way_keeps_the_batches_committed_before(monkeypatch, messages,
                                                                       store, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "2025-July.mbox").write_text("stand-in", encoding="utf-8")
    _fake_container(monkeypatch, messages, fail_after=220)
    summary = ingest(store, [folder], batch_articles=50)
    assert summary.files_failed == 1
    assert summary.failures[0].error == "could not read: ValueError: truncated message"
    # Chunks of 100, each committed (a batch is 50): the two before the failure stay,
    # the 20 articles parsed after them went with the failure.
    assert store.count_articles() == 200
    assert summary.counts.added == 200
    # Whole on the next run, once the container reads: nothing stored twice.
    _fake_container(monkeypatch, messages)
    again = ingest(store, [folder])
    assert again.files_read == 1 and again.counts.added == 50 and again.counts.unchanged == 200
    assert store.count_articles() == 250
    assert store.list_errors() == []


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_file_read_whole_and_a_streamed_one_give_the_same_chunks(monkeypatch, tmp_path,
                                                                   gzipped):
    [path] = write_dumps(tmp_path / "dumps", 1, seed=5)
    if gzipped:
        zipped = path.with_name(path.name + ".gz")
        zipped.write_bytes(gzip.compress(path.read_bytes()))
        path = zipped
    task = FileTask(0, str(path), path.stat().st_size, path.stat().st_mtime_ns)
    whole = list(parse_file(task))
    monkeypatch.setattr(newsarchive.parse, "READ_WHOLE_BYTES", 10)  # streamed, hashed apart
    streamed = list(parse_file(task))
    assert whole == streamed
    assert len(whole[-1].articles) == 1 and whole[-1].content_hash == content_hash(str(path))
    # Unchanged content is recognised by its hash either way, and not parsed.
    known = FileTask(0, str(path), task.size, task.mtime_ns, known_hash=whole[-1].content_hash)
    assert [c.same_content for c in parse_file(known)] == [True]


def test_ingest_reports_how_far_it_got_inside_a_big_container(store, tmp_path, monkeypatch):
    dumps = write_dumps(tmp_path / "dumps", 7)
    archive = tmp_path / "2025-July.txt"
    archive.write_bytes(render_monthly_archive([mail_from_dump(d) for d in dumps]))
    monkeypatch.setattr(newsarchive.parse, "CHUNK_ARTICLES", 2)
    monkeypatch.setattr(newsarchive.parse, "READ_WHOLE_BYTES", 10)  # streamed from disk
    parts: list[tuple[int, int]] = []
    ingest(store, [archive], on_part=lambda articles, read: parts.append((articles, read)))
    assert [articles for articles, _ in parts] == [2, 4, 6]
    positions = [read for _, read in parts]
    assert positions == sorted(positions) and 0 < positions[-1] <= archive.stat().st_size
