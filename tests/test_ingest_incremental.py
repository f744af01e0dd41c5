"""Ingest at scale: incremental re-runs, failures retried, duplicates folded, parallel."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES, SAMPLE, TEXT_FIXTURES, write_dumps

import newsarchive.pool
from newsarchive.ingest import ingest

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def parse_calls(monkeypatch):
    """The paths handed to the parser (serial runs: jobs=1)."""
    calls: list[str] = []
    real = newsarchive.pool.parse_file

    def counting(task):
        calls.append(os.path.basename(task.path))
        return real(task)

    monkeypatch.setattr(newsarchive.pool, "parse_file", counting)
    return calls


def _articles(store):
    return {article["id"]: article for article in store.iter_articles()}


def test_unchanged_folder_is_not_parsed_again(store, tmp_path, parse_calls):
    folder = tmp_path / "dumps"
    write_dumps(folder, 12)
    first = ingest(store, [folder])
    assert (first.files_read, first.counts.added) == (12, 12)
    parse_calls.clear()
    second = ingest(store, [folder])
    assert parse_calls == []
    assert (second.files_read, second.files_unchanged, second.counts.added) == (0, 12, 0)


def test_touched_file_is_hashed_not_parsed(store, tmp_path, parse_calls):
    [path] = write_dumps(tmp_path / "dumps", 1)
    ingest(store, [path])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    parse_calls.clear()
    touched = ingest(store, [path])
    assert touched.files_unchanged == 1 and touched.counts.added == touched.counts.updated == 0
    # The new mtime was recorded: the next run does not even hash the file.
    parse_calls.clear()
    ingest(store, [path])
    assert parse_calls == []


def test_changed_file_updates_its_article_in_place(store, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    ingest(store, [path])
    [(article_id, before)] = _articles(store).items()
    # A typo fixed in the body: the article keeps its id and gets the new text.
    edited = SAMPLE_TEXT.replace("deepen cooperation", "deepen co-operation", 1)
    assert edited != SAMPLE_TEXT
    path.write_text(edited, encoding="utf-8")
    summary = ingest(store, [path])
    assert summary.files_read == 1
    assert (summary.counts.added, summary.counts.updated, summary.articles_folded) == (0, 1, 0)
    [(same_id, after)] = _articles(store).items()
    assert same_id == article_id
    assert "deepen co-operation" in after["body"] and "co-operation" not in before["body"]
    assert len(after["sources"]) == 1


def test_failed_file_is_retried_and_listed_until_it_reads(store, tmp_path):
    path = tmp_path / "later.txt"
    path.write_bytes(b"")
    first = ingest(store, [path])
    assert first.files_failed == 1
    assert [(e["path"], e["reason"]) for e in store.list_errors()] == [(str(path), "empty file")]
    again = ingest(store, [path])
    assert again.files_failed == 1  # retried, not skipped as unchanged
    shutil.copy(SAMPLE, path)
    fixed = ingest(store, [path])
    assert fixed.files_read == 1 and fixed.counts.added == 1
    assert store.list_errors() == []


def test_force_parses_everything(store, tmp_path, parse_calls):
    folder = tmp_path / "dumps"
    write_dumps(folder, 3)
    ingest(store, [folder])
    parse_calls.clear()
    forced = ingest(store, [folder], force=True)
    assert sorted(parse_calls) == ["00000.txt", "00001.txt", "00002.txt"]
    assert forced.files_read == 3 and forced.counts.unchanged == 3


def test_same_article_to_two_lists_is_stored_once_with_both_sources(store, tmp_path):
    first = tmp_path / "salon" / "wang.txt"
    first.parent.mkdir()
    first.write_text(SAMPLE_TEXT, encoding="utf-8")
    # Forwarded to another list, under another subject tag, with straight quotes and
    # re-flowed spacing.
    second = tmp_path / "china-watch" / "wang.txt"
    second.parent.mkdir()
    second.write_text(SAMPLE_TEXT.replace("[Salon]", "[China-Watch] Fwd:", 1)
                      .replace("’", "'").replace(". ", ".  "), encoding="utf-8")
    summary = ingest(store, [first, second])
    assert summary.counts.added == 1 and summary.articles_folded == 1
    [article] = _articles(store).values()
    assert article["source"]["path"] == str(first)
    assert [s["path"] for s in article["sources"]] == [str(first), str(second)]
    assert article["list"] == "Salon"


def test_near_duplicate_with_another_promo_is_folded(store, tmp_path):
    original = tmp_path / "a.txt"
    original.write_text(SAMPLE_TEXT, encoding="utf-8")
    blocks = SAMPLE_TEXT.split("\n\n")
    blocks.insert(len(blocks) // 2, "This story was sent to the list by a reader in Manila, "
                                    "who asked that it be shared with everyone.")
    variant = tmp_path / "b.txt"
    variant.write_text("\n\n".join(blocks), encoding="utf-8")
    other = write_dumps(tmp_path / "others", 2)
    summary = ingest(store, [original, variant, *other])
    assert summary.counts.added == 3 and summary.articles_folded == 1
    wang = next(a for a in _articles(store).values() if "Rubio" in a["headline"])
    assert [s["path"] for s in wang["sources"]] == [str(original), str(variant)]


def test_parallel_gives_what_serial_gives(tmp_path):
    from newsarchive.store import Store

    folder = tmp_path / "dumps"
    write_dumps(folder, 20)
    shutil.copytree(TEXT_FIXTURES, folder / "fixtures")
    results = []
    for jobs in (1, 2):
        store = Store(tmp_path / f"jobs{jobs}.db")
        summary = ingest(store, [folder], jobs=jobs)
        results.append((summary.to_dict(), sorted(_articles(store))))
        store.close()
    assert results[0] == results[1]
    assert results[0][0]["articles_added"] == 20 + len(list(TEXT_FIXTURES.glob("*.txt")))


def test_a_parser_that_dies_costs_only_its_file(store, tmp_path, monkeypatch):
    folder = tmp_path / "dumps"
    write_dumps(folder, 8)
    real = newsarchive.pool.parse_file

    def dies_on_third(task):
        if task.path.endswith("00003.txt"):
            os._exit(3)
        return real(task)

    monkeypatch.setattr(newsarchive.pool, "parse_file", dies_on_third)
    summary = ingest(store, [folder], jobs=2)
    assert [(os.path.basename(f.path), f.error) for f in summary.failures] == [
        ("00003.txt", "parser process died (status 3)")]
    assert summary.counts.added == 7


def test_files_handed_to_a_dead_parser_go_to_its_successor(store, tmp_path, monkeypatch):
    # Many files after each death: tasks are sent to the dead worker's pipe before the
    # writer notices, and must reach the fresh worker instead of ending the run.
    folder = tmp_path / "dumps"
    write_dumps(folder, 40)
    real = newsarchive.pool.parse_file

    def dies(task):
        if task.path.endswith(("00003.txt", "00004.txt", "00021.txt")):
            os._exit(3)
        return real(task)

    monkeypatch.setattr(newsarchive.pool, "parse_file", dies)
    summary = ingest(store, [folder], jobs=2)
    assert sorted(os.path.basename(f.path) for f in summary.failures) == [
        "00003.txt", "00004.txt", "00021.txt"]
    assert summary.counts.added == 37


def test_fixtures_folder_reingests_as_unchanged(store):
    first = ingest(store, [FIXTURES], jobs=2)
    second = ingest(store, [FIXTURES], jobs=2)
    assert second.files_unchanged == first.files_read
    assert second.files_skipped == first.files_skipped


def test_errors_are_kept_by_absolute_path_and_cleared_from_anywhere(store, tmp_path,
                                                                   monkeypatch):
    (tmp_path / "later.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    ingest(store, ["later.txt"])
    assert [e["path"] for e in store.list_errors()] == [str(tmp_path / "later.txt")]
    shutil.copy(SAMPLE, tmp_path / "later.txt")
    # The folder holds the database too (test.db and its WAL): never read as input.
    summary = ingest(store, [tmp_path])
    assert (summary.files_read, summary.files_skipped, summary.files_failed) == (1, 0, 0)
    assert store.list_errors() == []


def _mail(path, dump):
    subject, _, body = dump.read_text(encoding="utf-8").partition("\n")
    path.write_text(f"From: ann@example.org\nSubject: {subject}\nMessage-ID: <{dump.stem}@x>\n"
                    f"Content-Type: text/plain; charset=utf-8\n\n{body.lstrip()}",
                    encoding="utf-8")


def test_a_maildir_is_one_item_reread_when_a_message_arrives(store, tmp_path, parse_calls):
    dumps = write_dumps(tmp_path / "dumps", 3)
    maildir = tmp_path / "Maildir"
    for part in ("cur", "new", "tmp"):
        (maildir / part).mkdir(parents=True)
    _mail(maildir / "cur" / "1.eml", dumps[0])
    _mail(maildir / "cur" / "2.eml", dumps[1])
    first = ingest(store, [maildir])
    assert (first.files_read, first.counts.added) == (1, 2)
    parse_calls.clear()
    assert ingest(store, [maildir]).files_unchanged == 1 and parse_calls == []
    _mail(maildir / "new" / "3.eml", dumps[2])
    grown = ingest(store, [maildir])
    assert parse_calls == ["Maildir"]
    assert (grown.counts.added, grown.counts.unchanged, grown.articles_folded) == (1, 2, 0)


def test_sources_stop_growing_at_the_cap(store, tmp_path, monkeypatch):
    import newsarchive.ingest

    monkeypatch.setattr(newsarchive.ingest, "MAX_SOURCES", 3)
    for number in range(5):
        folder = tmp_path / f"list{number}"
        folder.mkdir()
        (folder / "wang.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    summary = ingest(store, [tmp_path])
    assert summary.counts.added == 1 and summary.articles_folded == 4
    [article] = _articles(store).values()
    assert [s["path"] for s in article["sources"]] == [
        str(tmp_path / f"list{n}" / "wang.txt") for n in range(3)]


def _same_and_near_copies(tmp_path):
    """The sample, an exact copy forwarded to another list, and a copy with a note added."""
    original = tmp_path / "a.txt"
    original.write_text(SAMPLE_TEXT, encoding="utf-8")
    exact = tmp_path / "b.txt"
    exact.write_text(SAMPLE_TEXT.replace("[Salon]", "[China-Watch] Fwd:", 1), encoding="utf-8")
    blocks = SAMPLE_TEXT.split("\n\n")
    blocks.insert(len(blocks) // 2, "This story was sent to the list by a reader in Manila, "
                                    "who asked that it be shared with everyone.")
    near = tmp_path / "c.txt"
    near.write_text("\n\n".join(blocks), encoding="utf-8")
    return original, exact, near


def test_forced_reingest_keeps_the_first_copy_as_the_stored_text(store, tmp_path):
    # Re-reading a folded copy (its place is among the sources, but not the first) must
    # fold it again, not overwrite the stored article with the copy's text or source.
    original, exact, near = _same_and_near_copies(tmp_path)
    first = ingest(store, [original, exact, near])
    assert first.counts.added == 1 and first.articles_folded == 2
    before = _articles(store)
    again = ingest(store, [original, exact, near], force=True)
    assert again.counts.updated == 0 and again.counts.unchanged == 1
    assert again.articles_folded == 2
    after = _articles(store)
    [article] = after.values()
    assert article["source"]["path"] == str(original)
    assert article["body"] == next(iter(before.values()))["body"]
    assert [s["path"] for s in article["sources"]] == [str(original), str(exact), str(near)]


def test_an_edited_folded_copy_stays_folded_into_the_first(store, tmp_path):
    original, exact, near = _same_and_near_copies(tmp_path)
    ingest(store, [original, exact, near])
    near.write_text(near.read_text(encoding="utf-8") + "\n\nForwarded once more.\n", encoding="utf-8")
    again = ingest(store, [original, exact, near])
    assert again.counts.updated == 0 and again.articles_folded == 1
    [article] = _articles(store).values()
    assert "Forwarded once more" not in article["body"]
    assert article["source"]["path"] == str(original)



def test_a_run_with_nothing_to_parse_loads_no_extractor_and_starts_no_parser(tmp_path):
    # The nightly run over an unchanged archive: its cost is the walk and the look-ups,
    # not compiling the extractor's rules (a third of a second) nor forking parsers.
    import subprocess
    import sys

    folder = tmp_path / "dumps"
    write_dumps(folder, 6)
    command = ["ingest", "--jobs", "2", "--db", str(tmp_path / "archive.db"), str(folder)]
    script = ("import sys\nimport newsarchive.pool\nfrom newsarchive.cli import cli\n"
              "if sys.argv[1] == 'again':\n"
              "    newsarchive.pool._Pool = None  # starting parsers would fail\n"
              f"try:\n    cli({command!r})\nexcept SystemExit:\n    pass\n"
              "print('loaded:', *sorted(m for m in sys.modules if m.startswith('newsarchive.extract')))\n")
    first = subprocess.run([sys.executable, "-c", script, "first"], capture_output=True, text=True, check=True)
    assert "6 files read" in first.stdout and "newsarchive.extract" in first.stdout.rpartition("loaded:")[2]
    again = subprocess.run([sys.executable, "-c", script, "again"], capture_output=True, text=True, check=True)
    assert "0 files read, 6 unchanged" in again.stdout, again.stderr
    assert again.stdout.rpartition("loaded:")[2].split() == []
