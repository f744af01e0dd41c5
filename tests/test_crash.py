"""kill -9 in the middle of an ingest: the database stays sound, a re-run finishes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import extract_file, write_dumps

from newsarchive.store import Store

# Enough that an ingest outlasts the kills' timing on a fast machine.
DUMPS = 800


def _ingest_command(db, folder) -> list[str]:
    return [sys.executable, "-m", "newsarchive", "ingest", "--db", str(db), "--jobs", "2",
            "--quiet", "--format", "json", str(folder)]


def _count(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.DatabaseError:
        return 0


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _kill_during_ingest(db, folder, after_seconds: float, after_articles: int,
                        writer_only: bool = False) -> None:
    process = subprocess.Popen(_ingest_command(db, folder), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while process.poll() is None and time.monotonic() - started < 60:
        if time.monotonic() - started >= after_seconds and _count(db) >= after_articles:
            break
        time.sleep(0.01)
    if process.poll() is not None:
        return  # it finished first (a fast machine): the database must be sound all the same
    if writer_only:
        # The parser processes must notice and go, not linger as orphans.
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _group_alive(process.pid), "parser processes outlived the writer"
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the writer and its parser processes
        except ProcessLookupError:
            pass  # it finished between the check and the kill
        process.wait()


def _check_sound(db, expected: dict[str, dict]) -> int:
    store = Store(db)
    try:
        assert store.integrity_problems() == []
        articles = list(store.iter_articles())
        for article in articles:
            # Whole articles only: every stored one equals what extraction gives.
            want = expected[article["id"]]
            assert {k: article[k] for k in ("headline", "body", "authors", "word_count")} == \
                {k: want[k] for k in ("headline", "body", "authors", "word_count")}
        stored = {article["id"] for article in articles}
        # A file marked read has its article stored (they commit together).
        done = store.db.execute("SELECT path FROM files WHERE status = 'ok'").fetchall()
        by_path = {os.path.abspath(a["source"]["path"]): a["id"] for a in expected.values()}
        assert all(by_path[path] in stored for (path,) in done)
        return len(articles)
    finally:
        store.close()


def test_kill_9_at_any_moment_then_rerun_finishes(tmp_path):
    folder = tmp_path / "dumps"
    paths = write_dumps(folder, DUMPS, seed=7)
    expected = {a["id"]: a for path in paths for a in extract_file(path)}
    assert len(expected) == DUMPS
    db = tmp_path / "crash.db"
    counts = []
    # Before the first commit, just after one, and part-way through the next batch.
    for after_seconds, after_articles, writer_only in ((0.4, 0, False), (0.3, 1, True),
                                                       (0.5, 1, False)):
        _kill_during_ingest(db, folder, after_seconds, after_articles, writer_only)
        counts.append(_check_sound(db, expected))
    assert any(0 < count < DUMPS for count in counts), f"no kill part-way through: {counts}"
    rerun = subprocess.run(_ingest_command(db, folder), capture_output=True, text=True,
                           timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["articles_added"] == DUMPS - counts[-1]
    assert summary["files_read"] + summary["files_unchanged"] == DUMPS
    assert _check_sound(db, expected) == DUMPS
