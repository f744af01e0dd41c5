"""One file to read: its bytes, gunzipped when it is gzip, never more than a size cap.

Readers never open files themselves: they ask the Source for a stream, so that gzip
handling and the decompressed-size cap (the defence against a gzip bomb) live in one place.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsarchive.readers.errors import ReadError

GZIP_MAGIC = b"\x1f\x8b"
# The most bytes a compressed file may give once decompressed; `ingest --max-size` raises it.
DEFAULT_MAX_SIZE = 512 * 1024 * 1024
CHUNK = 1024 * 1024


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """`512M`, `2G`, `100k` or a plain byte count; raises ValueError."""
    text = text.strip().upper().removesuffix("B")
    factors = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    factor = factors.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in factors else text
    value = float(number)
    if not 0 < value < float(1 << 50):  # also refuses nan and inf
        raise ValueError("size must be a positive number")
    return int(value * factor)


class WindowReader(io.RawIOBase):
    """The bytes of a plain file from its current position up to `length` bytes on: one
    part of a big container, read by one parser process while others read the rest."""

    def __init__(self, raw: BinaryIO, length: int):
        self._raw = raw
        self._left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        with memoryview(buffer) as view:
            count = self._raw.readinto(view[:self._left]) or 0
        self._left -= count
        return count

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class CappedReader(io.RawIOBase):
    """A binary stream that raises ReadError once more than `limit` bytes came through,
    and turns gzip and OS errors into ReadError with a reason for the user."""

    def __init__(self, raw: BinaryIO, limit: int, compressed: bool, file: BinaryIO | None = None):
        self._raw = raw
        self._file = file  # the file under a GzipFile, which does not close it
        self._limit = limit
        self._compressed = compressed
        self._seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            # Straight into the caller's buffer: no bytes object the buffer's size made
            # and copied for each read (every file is opened twice, to sniff and to read).
            count = self._raw.readinto(buffer) or 0
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ReadError(f"broken gzip data ({_gzip_reason(exc)})") from exc
        except OSError as exc:
            raise ReadError((exc.strerror or str(exc)).lower()) from exc
        self._seen += count
        if self._seen > self._limit:
            what = "decompressed size" if self._compressed else "file"
            raise ReadError(f"{what} over the {format_size(self._limit)} limit (raise it with --max-size)")
        return count

    def close(self) -> None:
        try:
            self._raw.close()
            if self._file is not None:
                self._file.close()
        finally:
            super().close()


def _gzip_reason(exc: Exception) -> str:
    if isinstance(exc, EOFError):
        return "truncated"
    return str(exc) or type(exc).__name__


@dataclass
class Source:
    """A file (or a maildir folder) to read, with the size cap that applies to it."""

    path: Path
    max_size: int = DEFAULT_MAX_SIZE
    # The file's bytes, when the caller has read them already (ingest reads a file once
    # to hash it); readers then never open the file.
    data: bytes | None = None
    # A part of a plain file: its bytes from `start` up to `stop` (the end when None), a
    # run of whole messages of which the first is message number `first_position`.
    start: int = 0
    stop: int | None = None
    first_position: int = 1
    # The file as last opened, for `bytes_read`.
    _handle: BinaryIO | None = field(default=None, init=False, repr=False, compare=False)

    def bytes_read(self) -> int:
        """How far into the file (its bytes as stored, compressed or not) the reader has
        got: how ingest shows progress inside a 1 GB mbox. Read-ahead makes it a little
        early; 0 once the file is closed."""
        try:
            return self._handle.tell() if self._handle is not None else 0
        except (OSError, ValueError):
            return 0

    @property
    def compressed(self) -> bool:
        if self.data is not None:
            return self.data[:2] == GZIP_MAGIC
        try:
            with open(self.path, "rb") as handle:
                return handle.read(2) == GZIP_MAGIC
        except OSError as exc:
            raise ReadError((exc.strerror or str(exc)).lower()) from exc

    @property
    def is_part(self) -> bool:
        return self.start > 0 or self.stop is not None

    def open(self) -> io.BufferedReader:
        """The file's content as a buffered binary stream (gunzipped, capped); for a
        part, the part's bytes only."""
        handle: BinaryIO
        if self.is_part:
            return self._open_part()
        if self.data is not None:
            handle = io.BytesIO(self.data)
        else:
            try:
                handle = open(self.path, "rb")  # noqa: SIM115 - closed by CappedReader
            except OSError as exc:
                raise ReadError((exc.strerror or str(exc)).lower()) from exc
        compressed = handle.read(2) == GZIP_MAGIC
        handle.seek(0)
        self._handle = handle
        if compressed:
            raw: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb")
            return io.BufferedReader(CappedReader(raw, self.max_size, True, handle), CHUNK)
        # A plain file's size is on disk for all to see: only decompression is capped.
        return io.BufferedReader(CappedReader(handle, 1 << 62, False), CHUNK)

    def _open_part(self) -> io.BufferedReader:
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - closed by WindowReader
            handle.seek(self.start)
        except OSError as exc:
            raise ReadError((exc.strerror or str(exc)).lower()) from exc
        self._handle = handle
        length = (self.stop if self.stop is not None else 1 << 62) - self.start
        return io.BufferedReader(CappedReader(WindowReader(handle, length), 1 << 62, False), CHUNK)

    def head(self, size: int) -> bytes:
        if self.data is not None and not self.is_part and not self.compressed:
            return self.data[:size]  # the bytes in hand, with no stream opened on them
        with self.open() as stream:
            return stream.read(size)

    def read_all(self, limit: int) -> bytes:
        """The whole content, for containers that hold one message; at most `limit` bytes."""
        if self.data is not None and not self.is_part and not self.compressed:
            data = self.data  # the bytes in hand, with no stream opened on them
            if len(data) > limit:
                raise ReadError(f"larger than {format_size(limit)}, too large for one message")
            return data
        # In blocks: one read of `limit + 1` bytes would allocate all of them up front
        # (64 MB for a text dump of a few KB).
        blocks = []
        size = 0
        with self.open() as stream:
            while size <= limit:
                block = stream.read(min(CHUNK, limit + 1 - size))
                if not block:
                    break
                blocks.append(block)
                size += len(block)
        data = b"".join(blocks)
        if len(data) > limit:
            raise ReadError(f"larger than {format_size(limit)}, too large for one message")
        return data
