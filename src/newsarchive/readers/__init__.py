"""Readers: one module per container, and the sniffer that picks one by content.

A reader knows containers (how a message is stored), never articles. Each reader module
has `FORMAT` (the name stored in `source.format`), `sniff(head) -> bool` on the first
bytes of a file, and `read(path) -> Iterator[Message]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from newsarchive.model import Message
from newsarchive.readers import text
from newsarchive.readers.decode import looks_binary

# Most specific first: the text rendering accepts any text and so comes last.
READERS: list[ModuleType] = [text]

SNIFF_BYTES = 64 * 1024


class ReadError(Exception):
    """A file that should be a dump and cannot be read: the reason is for the user."""


class NotADump(ReadError):
    """A file that is plainly something else (JSON, an image): skipped, not failed."""


# Magic numbers of files that turn up in archive folders and are no dump.
NOT_A_DUMP_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "zip archive",
    b"SQLite format 3\x00": "SQLite database",
}


def choose_reader(path: Path, head: bytes) -> ModuleType:
    """The reader for a file, from its first bytes; raises NotADump or ReadError."""
    if not head.strip():
        raise ReadError("empty file")
    for magic, what in NOT_A_DUMP_MAGIC.items():
        if head.startswith(magic):
            raise NotADump(f"not a mail dump ({what})")
    if _is_json(head):
        raise NotADump("not a mail dump (JSON)")
    for reader in READERS:
        if reader.sniff(head):
            return reader
    if looks_binary(head):
        raise ReadError("binary data, not a text or mail dump")
    raise ReadError("no reader recognises this file")


def read_path(path: Path) -> Iterator[Message]:
    """Every message in one file, each tagged with its source path and format."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from exc
    reader = choose_reader(path, head)
    yield from reader.read(path)


def _is_json(head: bytes) -> bool:
    stripped = head.lstrip()
    if stripped[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        # A JSON file larger than the sniffed head fails to parse: judge by its start.
        return stripped[:2] in (b'{"', b"[{", b"[]", b"{}") or stripped[:3] in (b'{\n"', b"[\n ")
    return True
