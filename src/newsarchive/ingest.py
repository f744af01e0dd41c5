"""Ingest: walk paths, read each file's messages, extract articles, store them.

One file is one transaction: a file's articles are stored whole or not at all, and a
file that fails is reported and skipped without touching what is already stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.extract import extract
from newsarchive.readers import NotADump, ReadError, is_container_folder, read_path
from newsarchive.readers.source import DEFAULT_MAX_SIZE
from newsarchive.store import SaveCounts, Store


@dataclass
class FileResult:
    path: str
    articles: int = 0
    counts: SaveCounts = field(default_factory=SaveCounts)
    error: str | None = None
    skipped: str | None = None


@dataclass
class IngestSummary:
    files_read: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    counts: SaveCounts = field(default_factory=SaveCounts)
    failures: list[FileResult] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        if result.error:
            self.files_failed += 1
            self.failures.append(result)
        elif result.skipped:
            self.files_skipped += 1
        else:
            self.files_read += 1
        self.counts += result.counts

    def to_dict(self) -> dict:
        return {
            "files_read": self.files_read,
            "files_failed": self.files_failed,
            "files_skipped": self.files_skipped,
            "articles_added": self.counts.added,
            "articles_updated": self.counts.updated,
            "articles_unchanged": self.counts.unchanged,
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
        if path.is_dir() and is_container_folder(path):  # a maildir is one item, read whole
            if key not in seen_dirs:
                seen_dirs.add(key)
                yield path
        elif path.is_dir():
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
        elif path.is_file():
            if key not in seen_files:
                seen_files.add(key)
                yield path
        else:
            on_error(str(path), "not a regular file or folder")

    for path in paths:
        yield from walk(Path(path))


def ingest_file(store: Store, path: Path, max_size: int = DEFAULT_MAX_SIZE) -> FileResult:
    result = FileResult(str(path))
    try:
        articles = [article.to_dict() for message in read_path(path, max_size) for article in extract(message)]
    except NotADump as exc:
        result.skipped = str(exc)
        return result
    except ReadError as exc:
        result.error = str(exc)
        return result
    except RecursionError:
        result.error = "input nested too deeply to read"
        return result
    except MemoryError:
        result.error = "input too large to read in memory"
        return result
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not end the run
        result.error = f"could not read: {type(exc).__name__}: {exc}"
        return result
    result.articles = len(articles)
    result.counts = store.save_articles(articles)
    return result


def ingest(store: Store, paths: Iterable[str | Path],
           on_file: Callable[[FileResult], None] | None = None,
           max_size: int = DEFAULT_MAX_SIZE) -> IngestSummary:
    summary = IngestSummary()

    def walk_error(path: str, reason: str) -> None:
        result = FileResult(path, error=reason)
        summary.add(result)
        if on_file:
            on_file(result)

    for path in iter_files(paths, walk_error):
        result = ingest_file(store, path, max_size)
        summary.add(result)
        if on_file:
            on_file(result)
    return summary


def _os_reason(exc: OSError) -> str:
    if exc.errno == 40:  # ELOOP
        return "symlink loop"
    return (exc.strerror or str(exc)).lower()
