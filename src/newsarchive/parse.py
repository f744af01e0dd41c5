"""The parsing half of ingest: one file in, its articles out in bounded chunks.

Runs in worker processes (see pool.py), so it touches no database: everything the
writer needs travels in the chunks, including each article's dedupe keys and its row
as the database stores it (JSON columns encoded, fingerprint taken: computed here, on
all cores, rather than in the single writer) and the file's content hash.
A file is never held whole as articles: an mbox of a million messages leaves here a
chunk of CHUNK_ARTICLES at a time.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsarchive.dedupe import DedupeKeys, dedupe_keys
from newsarchive.readers import NotADump, ReadError, message_starts, read_source
from newsarchive.readers.source import DEFAULT_MAX_SIZE, Source
from newsarchive.store import article_values

if TYPE_CHECKING:
    from newsarchive.model import Article, Message

CHUNK_ARTICLES = 100
HASH_BLOCK = 1 << 20
# Files up to this size are read once, into memory, to be hashed and parsed; larger ones
# (a big mbox) are streamed, and read a second time to hash them.
READ_WHOLE_BYTES = 32 * 1024 * 1024
# A container file of at least twice this size that can be read in parts (an
# uncompressed mbox) is parsed as parts of about this size, each starting at a message,
# on all cores: a single 1 GB mbox would otherwise keep one core busy and the rest idle.
PART_BYTES = 8 * 1024 * 1024


# newsarchive.extract.extract, imported by preload(): compiling its rules is a third of a
# second, which an ingest with nothing to parse (a nightly run over an unchanged
# archive) does not pay.
extract: Callable[[Message], list[Article]] | None = None


def preload() -> None:
    """Import the extractor. The writer does it before it forks its parser processes,
    so that they share it rather than each importing it."""
    global extract
    if extract is None:
        from newsarchive.extract import extract as extract_articles

        extract = extract_articles


@dataclass
class FileTask:
    index: int
    path: str
    size: int
    mtime_ns: int
    # The content hash from the last ingest: when the file still hashes to it, nothing
    # is parsed (a touched but unchanged file).
    known_hash: str | None = None
    max_size: int = DEFAULT_MAX_SIZE
    # One part of a big container (see file_tasks): its bytes from `start` to `stop`,
    # whose first message is message number `first_position`; the parts of one file
    # are consecutive tasks with the file's index, the last one with `last_part` set.
    start: int = 0
    stop: int | None = None
    first_position: int = 1
    last_part: bool = True
    # The file's content hash, when the task's maker has taken it already.
    content_hash: str | None = None

    @property
    def is_part(self) -> bool:
        return self.start > 0 or self.stop is not None


@dataclass
class Chunk:
    """Part of one file's articles; the last chunk of a file has `done` set."""

    index: int
    articles: list[dict[str, Any]] = field(default_factory=list)
    keys: list[DedupeKeys] = field(default_factory=list)
    # Each article's store.article_values(), in the same order.
    values: list[list[Any]] = field(default_factory=list)
    done: bool = False
    error: str | None = None
    skipped: str | None = None
    content_hash: str | None = None
    same_content: bool = False
    # How far into the file the reader had got when this chunk left (progress on a
    # terminal, inside a big container).
    bytes_read: int = 0


def _folder_files(path: str) -> list[str]:
    """Every file in a container folder (a maildir), in a stable order."""
    found = []
    for folder, dirs, names in os.walk(path):
        dirs.sort()
        found += [os.path.join(folder, name) for name in sorted(names)]
    return found


def signature(path: str) -> tuple[int, int]:
    """(size, mtime_ns) that change when the item changes. A container folder (a
    maildir, read whole) counts all its files, and its folders' times, since a new
    message is a new file."""
    info = os.stat(path)
    if not stat.S_ISDIR(info.st_mode):
        return info.st_size, info.st_mtime_ns
    size, mtime_ns = 0, info.st_mtime_ns
    for folder, _, names in os.walk(path):
        mtime_ns = max(mtime_ns, os.stat(folder).st_mtime_ns)
        for name in names:
            entry = os.stat(os.path.join(folder, name))
            size += entry.st_size
            mtime_ns = max(mtime_ns, entry.st_mtime_ns)
    return size, mtime_ns


def _hash_bytes(data: bytes) -> str:
    """content_hash of a file whose bytes these are."""
    return hashlib.sha256(data).hexdigest()[:32]


def content_hash(path: str) -> str:
    digest = hashlib.sha256()
    files = _folder_files(path) if os.path.isdir(path) else [path]
    for name in files:
        if name != path:
            digest.update(os.path.relpath(name, path).encode("utf-8", "surrogateescape") + b"\0")
        with open(name, "rb") as handle:
            while block := handle.read(HASH_BLOCK):
                digest.update(block)
    return digest.hexdigest()[:32]


def _read_whole(path: str) -> bytes | None:
    """A file's bytes, read once to be both hashed and parsed; None for a folder or a
    file over READ_WHOLE_BYTES (hashed and read as streams instead)."""
    if os.path.isdir(path):
        return None
    with open(path, "rb") as handle:
        # Sized by fstat, as read() with no size is: asking for READ_WHOLE_BYTES + 1 made
        # each read allocate 32 MB and shrink it (3x slower for a file of a few KB).
        size = os.fstat(handle.fileno()).st_size
        if size > READ_WHOLE_BYTES:
            return None
        data = handle.read(size + 1)  # a byte more: a file that grew since fstat shows
        if len(data) > size:
            data += handle.read(READ_WHOLE_BYTES + 1 - len(data))
    return data if len(data) <= READ_WHOLE_BYTES else None


def file_tasks(task: FileTask, part_bytes: int | None = None) -> Iterator[FileTask]:
    """The task itself, or for a big container that can be read in parts (an
    uncompressed mbox of at least 2 * part_bytes), one task per run of whole messages of
    about part_bytes, to be parsed on all cores and written in order as one file. Reads
    the file once to hash it (an unchanged file is then not read again) and once to find
    where its messages start; each part is handed out as soon as it is found."""
    part_bytes = part_bytes or PART_BYTES
    if task.size < 2 * part_bytes or os.path.isdir(task.path):
        yield task
        return
    try:
        file_hash = content_hash(task.path)
        starts = None if file_hash == task.known_hash else message_starts(
            Source(Path(task.path), task.max_size))
    except (OSError, ReadError):
        yield task  # the parser meets the same failure and reports it
        return
    if starts is None:
        yield replace(task, content_hash=file_hash)
        return
    cut, cut_position = 0, 1
    try:
        for offset, position in starts:
            if offset - cut >= part_bytes:
                yield replace(task, start=cut, stop=offset, first_position=cut_position,
                              last_part=False, known_hash=None)
                cut, cut_position = offset, position
    except (OSError, ReadError):
        pass  # the file changed under the scan: the last part's parser reports what it finds
    if cut == 0:
        yield replace(task, content_hash=file_hash)  # too few messages to part
        return
    yield replace(task, start=cut, first_position=cut_position, known_hash=None,
                  content_hash=file_hash)


def parse_file(task: FileTask) -> Iterator[Chunk]:
    """The chunks of one file (or part of one); never raises: a failure is the last
    chunk's `error`."""
    try:
        # A part is streamed (the whole file is not read for each part), as is a file
        # whose hash is known already.
        data = None if task.is_part or task.content_hash else _read_whole(task.path)
        file_hash = task.content_hash or (_hash_bytes(data) if data is not None else None)
        if task.known_hash is not None and (file_hash or content_hash(task.path)) == task.known_hash:
            yield Chunk(task.index, done=True, content_hash=task.known_hash, same_content=True)
            return
    except OSError as exc:
        yield Chunk(task.index, done=True, error=(exc.strerror or str(exc)).lower())
        return
    preload()
    assert extract is not None
    chunk = Chunk(task.index)
    try:
        source = Source(Path(task.path), task.max_size, data, task.start, task.stop, task.first_position)
        for message in read_source(source):
            for article in extract(message):
                record = article.to_dict()
                chunk.articles.append(record)
                chunk.keys.append(dedupe_keys(record["body"]))
                chunk.values.append(article_values(record))
                if len(chunk.articles) >= CHUNK_ARTICLES:
                    chunk.bytes_read = source.bytes_read()
                    yield chunk
                    chunk = Chunk(task.index)
        # The hash of the very bytes parsed (a file read whole), so a file rewritten
        # during the parse is parsed again next time.
        chunk.content_hash = file_hash or (None if task.is_part else content_hash(task.path))
    except NotADump as exc:
        chunk.skipped = str(exc)
    except ReadError as exc:
        chunk.error = str(exc)
    except OSError as exc:
        chunk.error = (exc.strerror or str(exc)).lower()
    except RecursionError:
        chunk.error = "input nested too deeply to read"
    except MemoryError:
        chunk.error = "input too large to read in memory"
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not end the run
        chunk.error = f"could not read: {type(exc).__name__}: {exc}"
    if chunk.error or chunk.skipped:
        chunk.articles, chunk.keys, chunk.values = [], [], []
    chunk.done = True
    yield chunk
