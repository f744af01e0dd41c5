"""Walking folders and bad input: one line per bad file, the run goes on."""

from __future__ import annotations

import gzip
import os
import shutil

import pytest
from conftest import SAMPLE

from newsarchive.ingest import ingest


def _reasons(summary):
    return {os.path.basename(f.path): f.error for f in summary.failures}


def test_bad_files_fail_alone(store, tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"\n\n   \n")
    (folder / "binary.txt").write_bytes(os.urandom(2048).replace(b"\n", b"\x00") + b"\x00")
    (folder / "gold.json").write_text('{"headline": "x"}')
    summary = ingest(store, [folder])
    reasons = _reasons(summary)
    assert reasons == {"empty.txt": "empty file", "blank.txt": "empty file",
                       "binary.txt": "binary data, not a text or mail dump"}
    assert summary.files_read == 1 and summary.files_skipped == 1
    assert summary.counts.added == 1
    assert store.count_articles() == 1


def test_symlink_loop_and_missing_path(store, tmp_path):
    folder = tmp_path / "loop"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "again").symlink_to(folder)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    summary = ingest(store, [folder, tmp_path / "missing"])
    assert summary.files_read == 1
    reasons = _reasons(summary)
    assert reasons["missing"] == "no such file or directory"
    assert reasons["dangling.txt"] == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(store, tmp_path):
    path = tmp_path / "secret.txt"
    shutil.copy(SAMPLE, path)
    path.chmod(0)
    summary = ingest(store, [path])
    assert _reasons(summary) == {"secret.txt": "permission denied"}


def test_windows_1252_text_is_decoded(store, tmp_path):
    path = tmp_path / "cp1252.txt"
    text = SAMPLE.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    summary = ingest(store, [path])
    assert summary.files_failed == 0
    [article] = list(store.iter_articles())
    assert "‘correct way’" in article["headline"]


def test_a_file_that_fails_keeps_what_is_stored(store, tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLE, good)
    ingest(store, [good])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(gzip.compress(b"x" * 100)[:-10])  # gzip is read now: a truncated one fails
    summary = ingest(store, [bad, good])
    assert summary.files_failed == 1
    assert summary.files_unchanged == 1
    assert store.count_articles() == 1
