"""The ingest progress line: drawn only when enabled, with counts, rate and time left."""

from __future__ import annotations

import io

from newsarchive.progress import IngestProgress


def test_line_has_files_articles_rate_and_eta():
    progress = IngestProgress(io.StringIO(), enabled=True)
    progress.start(files_total=100, bytes_total=1000)
    for _ in range(25):
        progress.file_done(size=10, articles=2)
    # A quarter of the bytes in 30 s: 90 s to go.
    assert progress.line(elapsed=30.0) == "files 25/100 · articles 50 · 2 articles/s · ETA 1:30"


def test_disabled_progress_writes_only_messages():
    stream = io.StringIO()
    progress = IngestProgress(stream, enabled=False)
    progress.start(3, 30)
    progress.file_done(10, 1)
    progress.message("error: a.txt: empty file")
    progress.finish()
    assert stream.getvalue() == "error: a.txt: empty file\n"


def test_enabled_progress_redraws_one_line():
    stream = io.StringIO()
    progress = IngestProgress(stream, enabled=True)
    progress.start(2, 20)
    progress.file_done(10, 1)
    progress.finish()
    assert stream.getvalue().startswith("\r\033[Kfiles 1/2 · articles 1")
    assert stream.getvalue().endswith("\r\033[K")


def test_a_big_file_shows_its_articles_and_bytes_before_it_is_done():
    progress = IngestProgress(io.StringIO(), enabled=True)
    progress.start(files_total=1, bytes_total=1000)
    progress.file_part(articles=300, bytes_read=250)
    # A quarter of the one file in 30 s: 90 s to go, and its articles already counted.
    assert progress.line(elapsed=30.0) == "files 0/1 · articles 300 · 10 articles/s · ETA 1:30"
    progress.file_done(size=1000, articles=1200)
    assert progress.line(elapsed=120.0) == "files 1/1 · articles 1200 · 10 articles/s · ETA 0:00"
