"""Ingest: walk paths, parse files on every core, store articles through one writer.

- Incremental: the `files` table remembers each file's size, mtime and content hash; an
  unchanged file is not parsed again (a touched file whose content hash is unchanged is
  not either); a file that failed is retried; `force` re-parses everything.
- Parallel: pool.py parses on `jobs` processes; this module is the single writer.
- Batched and crash-safe: the writer commits a batch of files in one transaction, and a
  file's `files` row goes in with its articles. A crash (even kill -9) loses at most the
  open batch, which the next run redoes; a file that fails is rolled back alone and the
  run goes on (see _Writer for how, without a savepoint per file).
- Deduplicated: see dedupe.py; a duplicate adds its source to the stored article's
  `sources` instead of a second article ("folded").
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsarchive.dedupe import (
    NEAR_DUPLICATE_SIMILARITY,
    SKETCH_MIN_SHARED,
    DedupeKeys,
    dedupe_keys,
    similarity,
)
from newsarchive.parse import Chunk, FileTask, file_tasks, signature
from newsarchive.pool import parse_in_order
from newsarchive.readers import is_container_folder
from newsarchive.readers.source import DEFAULT_MAX_SIZE
from newsarchive.store import SaveCounts, Store, StoreError

# A batch (one transaction) closes at the first file boundary after this many articles
# or this many seconds: big enough to make commits cheap, small enough that a crash
# loses little and searches see new articles soon.
BATCH_ARTICLES = 500
BATCH_SECONDS = 2.0
# The most copies listed in an article's `sources`; more are still folded, not listed.
MAX_SOURCES = 100


@dataclass
class FileResult:
    path: str
    articles: int = 0
    counts: SaveCounts = field(default_factory=SaveCounts)
    error: str | None = None
    skipped: str | None = None
    size: int = 0
    # Not parsed again: same size and mtime, or same content hash, as last time.
    unchanged: bool = False
    # Duplicates folded into an article already stored (its `sources` grew).
    folded: int = 0


@dataclass
class IngestSummary:
    files_read: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    files_unchanged: int = 0
    articles_folded: int = 0
    counts: SaveCounts = field(default_factory=SaveCounts)
    failures: list[FileResult] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        if result.error:
            self.files_failed += 1
            self.failures.append(result)
        elif result.unchanged:
            self.files_unchanged += 1
        elif result.skipped:
            self.files_skipped += 1
        else:
            self.files_read += 1
        self.counts += result.counts
        self.articles_folded += result.folded

    def to_dict(self) -> dict:
        return {
            "files_read": self.files_read,
            "files_failed": self.files_failed,
            "files_skipped": self.files_skipped,
            "files_unchanged": self.files_unchanged,
            "articles_added": self.counts.added,
            "articles_updated": self.counts.updated,
            "articles_unchanged": self.counts.unchanged,
            "articles_folded": self.articles_folded,
            "failures": [{"path": f.path, "reason": f.error} for f in self.failures],
        }


def iter_files(paths: Iterable[str | Path], on_error: Callable[[str, str], None]) -> Iterator[Path]:
    """Files under `paths`, recursively, in a stable order; each real file once.

    Symlinked folders are followed but a folder already visited (a symlink loop) is not
    entered twice; hidden files and folders (`.git`) are passed over.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()

    def walk(path: Path) -> Iterator[Path]:
        try:
            info = path.stat()
        except OSError as exc:
            on_error(str(path), _os_reason(exc))
            return
        key = (info.st_dev, info.st_ino)
        # The kind from the one stat (is_dir() and is_file() would each stat again: six
        # stats a file with signature()'s, where two do).
        is_dir = stat.S_ISDIR(info.st_mode)
        if is_dir and is_container_folder(path):  # a maildir is one item, read whole
            if key not in seen_dirs:
                seen_dirs.add(key)
                yield path
        elif is_dir:
            if key in seen_dirs:
                return
            seen_dirs.add(key)
            try:
                entries = sorted(os.scandir(path), key=lambda e: e.name)
            except OSError as exc:
                on_error(str(path), _os_reason(exc))
                return
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                yield from walk(Path(entry.path))
        elif stat.S_ISREG(info.st_mode):
            if key not in seen_files:
                seen_files.add(key)
                yield path
        else:
            on_error(str(path), "not a regular file or folder")

    for path in paths:
        yield from walk(Path(path))


def ingest(store: Store, paths: Iterable[str | Path],
           on_file: Callable[[FileResult], None] | None = None, *, jobs: int = 1,
           force: bool = False, on_start: Callable[[int, int], None] | None = None,
           batch_articles: int = BATCH_ARTICLES,
           max_size: int = DEFAULT_MAX_SIZE,
           on_part: Callable[[int, int], None] | None = None) -> IngestSummary:
    """Ingest files and folders; `on_start(files, bytes)` once the walk is done,
    `on_file(result)` after each file, and inside a file parsed in several chunks (a big
    mbox) `on_part(articles, bytes_read)` after each chunk, with the file's articles so
    far and how far into it the reader got. `max_size` caps the bytes one file may give
    once decompressed."""
    summary = IngestSummary()

    def report(result: FileResult) -> None:
        summary.add(result)
        if on_file:
            on_file(result)

    def walk_error(path: str, reason: str) -> None:
        store.record_error(_file_key(path), reason)
        report(FileResult(path, error=reason))

    # The database may sit in the folder being ingested: never read it (or its WAL).
    own_files = {_file_key(store.path + suffix) for suffix in ("", "-wal", "-shm", "-journal")}
    listing: list[tuple[str, int, int]] = []
    for path in iter_files(paths, walk_error):
        if _file_key(str(path)) in own_files:
            continue
        try:
            size, mtime_ns = signature(str(path))
        except OSError as exc:
            walk_error(str(path), _os_reason(exc))
            continue
        listing.append((str(path), size, mtime_ns))
    if on_start:
        on_start(len(listing), sum(size for _, size, _ in listing))

    def tasks() -> Iterator[FileTask]:
        for index, (path, size, mtime_ns) in enumerate(listing):
            record = None if force else store.file_record(_file_key(path))
            if record and record["status"] != "failed":
                if record["size"] == size and record["mtime_ns"] == mtime_ns:
                    skipped = record["status"] == "skipped"
                    report(FileResult(path, size=size, unchanged=not skipped,
                                      skipped="not a mail dump" if skipped else None))
                    continue
                task = FileTask(index, path, size, mtime_ns, record["content_hash"], max_size)
            else:
                task = FileTask(index, path, size, mtime_ns, None, max_size)
            # Parts of one big file only pay when other processes parse them.
            yield from file_tasks(task) if jobs > 1 else [task]

    store.tune_for_ingest()
    writer = _Writer(store, batch_articles, on_part)
    try:
        for task, chunks in _whole_files(parse_in_order(tasks(), jobs)):
            report(writer.write_file(task, chunks))
        writer.commit()
    except sqlite3.OperationalError as exc:
        # The database as a whole cannot be written (locked by another writer, disk
        # full): what was committed stays, and the next run goes on from there.
        writer.rollback()
        raise StoreError(f"{store.path}: cannot write: {exc}") from exc
    except BaseException:
        writer.rollback()
        raise
    return summary


def _whole_files(parsed: Iterator[tuple[FileTask, Iterator[Chunk]]]) -> Iterator[tuple[FileTask, Iterator[Chunk]]]:
    """Each file with its chunks, the chunks of a file parsed in parts (see
    parse.file_tasks) joined in order into one stream, as if one process had read it."""
    while (following := next(parsed, None)) is not None:
        task, chunks = following
        if not task.is_part:
            yield task, chunks
            continue
        joined = _joined_parts(task, chunks, parsed)
        yield task, joined
        for _ in joined:  # what the writer left unread: the rest of the file's parts
            pass


def _joined_parts(task: FileTask, chunks: Iterator[Chunk],
                  parsed: Iterator[tuple[FileTask, Iterator[Chunk]]]) -> Iterator[Chunk]:
    """The chunks of a file's parts, from this one on: a part's last chunk is a file's
    last only for the last part, or when the part failed (the rest is read and dropped)."""
    while True:
        for chunk in chunks:
            if chunk.done and not task.last_part and not (chunk.error or chunk.skipped):
                yield replace(chunk, done=False)  # a copy: the pool reads `done` after this
                continue
            yield chunk
            if chunk.done and not task.last_part:
                _drop_parts(parsed)
                return
        if task.last_part:
            return
        following = next(parsed, None)
        if following is None:  # the pool stopped early: cannot happen while parts are due
            yield Chunk(task.index, done=True, error="the parser gave no result")
            return
        task, chunks = following


def _drop_parts(parsed: Iterator[tuple[FileTask, Iterator[Chunk]]]) -> None:
    """Read past the rest of a file's parts, after one of them failed."""
    for task, chunks in parsed:
        for _ in chunks:
            pass
        if task.last_part:
            return


class _FileFailed(Exception):
    pass


class _Writer:
    """The one writer: files into batches, articles through dedupe into the store.

    A savepoint per file would make each file whole or nothing on its own, but each one
    also makes the full-text index write out its pending terms, which doubles what an
    ingest writes. So a batch is written without savepoints ("flat"), and the writer
    keeps the batch's files; when one fails half-written, the batch is rolled back and
    written again, each file in a savepoint of its own, which loses only that file. The
    files kept are at most a batch's worth of articles; a file parsed in several chunks
    (a big mbox) is too big to keep, and is committed a batch at a time on its own
    (see _write_in_pieces).
    """

    def __init__(self, store: Store, batch_articles: int,
                 on_part: Callable[[int, int], None] | None = None):
        self.store = store
        self.batch_articles = batch_articles
        self.on_part = on_part
        self.batch: Any = None
        self.in_batch = 0
        self.batch_started = 0.0
        # The open batch's files (each in one chunk), to write again after a failure.
        self.kept: list[tuple[FileTask, Chunk]] = []

    def write_file(self, task: FileTask, chunks: Iterable[Chunk]) -> FileResult:
        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None or not first.done:
            return self._write_in_pieces(task, itertools.chain([first] if first else [], chunks))
        self._begin(flat=True)
        self.kept.append((task, first))
        try:
            result = self._write(task, [first])
        except _FileFailed as exc:  # before anything of the file was written
            result = self._failed(task, str(exc))
        except sqlite3.DatabaseError:
            result = self._write_again()
        self.in_batch += result.articles + 1
        if self._batch_full(self.in_batch):
            self.commit()
        return result

    def _write_again(self) -> FileResult:
        """Roll back the open batch and write its files again, each in a savepoint, so
        that only the file that failed is lost; its result is returned. The files before
        it give what they gave the first time: the same writes on the same database."""
        kept = self.kept
        self.rollback()
        self._begin(flat=False)
        for task, chunk in kept:
            result = self._write_alone(task, [chunk])
        self.commit()
        return result

    def _write_in_pieces(self, task: FileTask, chunks: Iterable[Chunk]) -> FileResult:
        """A file parsed in several chunks (a big mbox, a monthly archive): its articles
        are committed a batch at a time, as they come, so a crash or a failure late in a
        1 GB mbox keeps what was stored before it, and the write-ahead log stays a batch
        long instead of growing with the file. The file's `files` row goes in last: until
        then the next ingest reads the file again, finding its stored articles unchanged.
        """
        self.commit()
        result = FileResult(task.path, size=task.size)
        stored = FileResult(task.path, size=task.size)  # what the committed pieces hold
        final: Chunk | None = None
        self._begin(flat=True)
        try:
            for chunk in chunks:
                final = self._write_chunk(chunk, result) or final
                if self.on_part and not chunk.done:
                    self.on_part(result.articles, chunk.bytes_read)
                if self._batch_full(result.articles - stored.articles):
                    self.commit()
                    stored = replace(result, counts=replace(result.counts))
                    self._begin(flat=True)
            self._finish_file(task, final, result)
        except (_FileFailed, sqlite3.DatabaseError) as exc:
            self.rollback()
            self._begin(flat=False)
            reason = str(exc) if isinstance(exc, _FileFailed) else f"could not store: {exc}"
            failed = self._failed(task, reason)
            failed.articles, failed.counts, failed.folded = stored.articles, stored.counts, stored.folded
            result = failed
        self.commit()
        return result

    def _batch_full(self, articles: int) -> bool:
        return (articles >= self.batch_articles
                or time.monotonic() - self.batch_started > BATCH_SECONDS)

    def _write_alone(self, task: FileTask, chunks: Iterable[Chunk]) -> FileResult:
        """One file in a savepoint of its own (or a transaction, outside a batch)."""
        try:
            with self.store.transaction(flat=True):
                return self._write(task, chunks)
        except _FileFailed as exc:
            return self._failed(task, str(exc))
        except sqlite3.DatabaseError as exc:
            return self._failed(task, f"could not store: {exc}")

    def _write(self, task: FileTask, chunks: Iterable[Chunk]) -> FileResult:
        """Store a file's articles and its `files` row; raises _FileFailed or
        sqlite3.DatabaseError, leaving the caller to undo what was written."""
        result = FileResult(task.path, size=task.size)
        final: Chunk | None = None
        for chunk in chunks:
            final = self._write_chunk(chunk, result) or final
        self._finish_file(task, final, result)
        return result

    def _write_chunk(self, chunk: Chunk, result: FileResult) -> Chunk | None:
        """Store a chunk's articles; the chunk itself when it is the file's last."""
        if chunk.error:
            raise _FileFailed(chunk.error)
        # Values made by the parser; a chunk made otherwise (by a test) may have none.
        values = chunk.values or [None] * len(chunk.articles)
        for article, keys, row in zip(chunk.articles, chunk.keys, values, strict=True):
            # A copy: writing sets its id and sources, and a batch may be written again.
            self._write_article(dict(article), keys, row, result)
        return chunk if chunk.done else None

    def _finish_file(self, task: FileTask, final: Chunk | None, result: FileResult) -> None:
        """The file's `files` row, once all its chunks are stored."""
        key = _file_key(task.path)
        if final is None:
            raise _FileFailed("the parser gave no result")
        if final.skipped:
            result.skipped = final.skipped
            self.store.record_file(key, task.size, task.mtime_ns, None, "skipped")
        elif final.same_content:
            result.unchanged = True
            record = self.store.file_record(key)
            self.store.record_file(key, task.size, task.mtime_ns, final.content_hash,
                                   "ok", record["articles"] if record else 0)
        else:
            self.store.record_file(key, task.size, task.mtime_ns, final.content_hash,
                                   "ok", result.articles)

    def _failed(self, task: FileTask, reason: str) -> FileResult:
        key = _file_key(task.path)
        self.store.record_file(key, task.size, task.mtime_ns, None, "failed")
        self.store.record_error(key, reason)
        return FileResult(task.path, size=task.size, error=reason)

    def _write_article(self, article: dict[str, Any], keys: DedupeKeys,
                       row: list[Any] | None, result: FileResult) -> None:
        """`row`: the article's store.article_values() as parsed, used when the article is
        stored as it came (a new one); one that gets another id or sources is encoded again."""
        result.articles += 1
        source = article["source"]
        stored_sources = self.store.article_sources(article["id"])
        if stored_sources is not None:
            if _is_stored_copy(stored_sources, source):
                # This very message read again (its file changed): update in place.
                article["sources"] = _with_source(stored_sources, source)
                result.counts += self.store.save_articles([article])
            else:
                # The same article from another file or list (or a copy folded before,
                # read again): the first copy stays.
                self._fold(article["id"], stored_sources, source, result)
            return
        twin = self._find_twin(article, keys)
        if twin is None:
            result.counts += self.store.save_articles([article], new=True, values=[row])
            self.store.index_dedupe_keys(article["id"], keys.body_hash, keys.sketch)
            return
        twin_sources = self.store.article_sources(twin) or []
        if _is_stored_copy(twin_sources, source):
            # The same message re-read from a changed file with its text edited: update
            # the stored article in place, so its id (and links to it) stay.
            old_keys = dedupe_keys(self.store.article_body(twin) or "")
            article["id"] = twin
            article["sources"] = _with_source(twin_sources, source)
            result.counts += self.store.save_articles([article])
            self.store.index_dedupe_keys(twin, keys.body_hash, keys.sketch, old_keys.sketch)
            return
        self._fold(twin, twin_sources, source, result)

    def _fold(self, article_id: str, sources: list[dict[str, Any]], source: dict[str, Any],
              result: FileResult) -> None:
        """List `source` among a stored article's copies (once: a copy read again only
        refreshes its entry)."""
        merged = _with_source(sources, source)
        if merged != sources:
            self.store.set_sources(article_id, merged)
        result.folded += 1

    def _find_twin(self, article: dict[str, Any], keys: DedupeKeys) -> str | None:
        """A stored article with the same body, or one within NEAR_DUPLICATE_SIMILARITY."""
        if keys.body_hash:
            twin = self.store.find_by_body_hash(keys.body_hash)
            if twin:
                return twin
        for candidate in self.store.sketch_candidates(keys.sketch, SKETCH_MIN_SHARED):
            body = self.store.article_body(candidate)
            if body and similarity(article["body"], body) >= NEAR_DUPLICATE_SIMILARITY:
                return candidate
        return None

    def _begin(self, flat: bool) -> None:
        if self.batch is None:
            self.batch = self.store.transaction(flat=flat)
            self.batch.__enter__()
            self.in_batch = 0
            self.batch_started = time.monotonic()
            self.kept = []

    def commit(self) -> None:
        self.kept = []
        if self.batch is not None:
            batch, self.batch = self.batch, None
            batch.__exit__(None, None, None)

    def rollback(self) -> None:
        self.kept = []
        if self.batch is not None:
            batch, self.batch = self.batch, None
            try:
                batch.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
            except (KeyboardInterrupt, sqlite3.Error):
                pass  # rolled back, or the connection already gave up the transaction


def _place(source: dict[str, Any]) -> tuple:
    """Where a message sits: its file, and its Message-ID or position within the file."""
    path = source.get("path")
    return (_file_key(path) if path else None,
            source.get("message_id") or source.get("position"))


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _place(a) == _place(b)


def _is_stored_copy(sources: list[dict[str, Any]], source: dict[str, Any]) -> bool:
    """The message at `source` is the copy whose text is stored (the first source), so
    reading it again updates the article; a later source is a folded copy, which never
    replaces the stored text."""
    return bool(sources) and _same_place(sources[0], source)


def _with_source(sources: list[dict[str, Any]], source: dict[str, Any]) -> list[dict[str, Any]]:
    """`sources` with `source` added, or replacing the entry for the same place.

    At MAX_SOURCES the list stops growing: one body sent ten thousand times (an
    autoresponder, a repeated notice) must not make every fold rewrite a huge list.
    """
    merged = [source if _same_place(s, source) else s for s in sources]
    if not any(_same_place(s, source) for s in sources) and len(merged) < MAX_SOURCES:
        merged.append(source)
    return merged


def _file_key(path: str) -> str:
    return os.path.abspath(path)


def _os_reason(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symlink loop"
    return (exc.strerror or str(exc)).lower()
