"""Readers: one module per container, and the sniffer that picks one by content.

A reader knows containers (how a message is stored), never articles. Each reader module
has `FORMAT` (the name stored in `source.format`), `sniff(head) -> bool` on the first
bytes of a file (gunzipped when it is gzip), and `read(source) -> Iterator[Message]`.
File names lie: only the content chooses the reader. A maildir is a folder, read whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from newsarchive.model import Message
from newsarchive.readers import eml, hyperkitty, maildir, mbox, mhonarc, pipermail, text
from newsarchive.readers.decode import looks_binary
from newsarchive.readers.errors import NotADump, ReadError
from newsarchive.readers.htmlpage import looks_like_html
from newsarchive.readers.source import DEFAULT_MAX_SIZE, Source

# Most specific first. mbox and eml look at how the file opens, so they come before the
# page readers, which look for their marks anywhere in the head (an mbox may quote a page).
# The text rendering accepts any text and so comes last, after the check that turns away
# HTML pages no reader claims (archive indexes, attachments).
READERS: list[ModuleType] = [mbox, eml, mhonarc, pipermail, hyperkitty, text]

SNIFF_BYTES = 64 * 1024

# Magic numbers of files that turn up in archive folders and are no dump.
NOT_A_DUMP_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "zip archive",
    b"SQLite format 3\x00": "SQLite database",
    b"\xd0\xcf\x11\xe0": "Microsoft Office file (an Outlook .msg?)",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
}

JSON_START_RE = re.compile(rb'^(?:\{\s*["}]|\[\s*[\[{"\d\]-])')
# JSON's own spaces, and the characters that may follow an opening bracket: a key or
# the closing brace; a value (json.loads also reads NaN and Infinity) or the closing bracket.
JSON_SPACE = b" \t\n\r"
JSON_AFTER = {b"{": b'"}', b"[": b'"{[]-0123456789tfnNI'}


__all__ = ["NotADump", "ReadError", "READERS", "choose_reader", "read_path", "is_container_folder",
           "message_starts"]


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
        if reader is text and looks_like_html(head):
            raise NotADump("an HTML page that is no archived message (an index or an attachment)")
        if reader.sniff(head):
            return reader
    if looks_binary(head):
        raise ReadError("binary data, not a text or mail dump")
    raise ReadError("no reader recognises this file")


def is_container_folder(path: Path) -> bool:
    """A folder that is one container (a maildir), read whole rather than walked."""
    return maildir.is_maildir(path)


def read_path(path: str | Path, max_size: int = DEFAULT_MAX_SIZE,
              data: bytes | None = None) -> Iterator[Message]:
    """Every message in one file (or maildir folder), each tagged with its source path and
    format. `max_size` caps the bytes a file may give once decompressed; `data` is the
    file's content when the caller has read it already."""
    return read_source(Source(Path(path), max_size, data))


def read_source(source: Source) -> Iterator[Message]:
    """Every message of a Source (see read_path); the caller keeps the Source to ask how
    far the reader has got."""
    path = source.path
    # Bytes in hand were read from a file: no folder to look for (a stat per file).
    if source.data is None and path.is_dir():
        if not maildir.is_maildir(path):
            raise ReadError("a folder that is not a maildir")
        yield from maildir.read(source)
        return
    head = source.head(SNIFF_BYTES)
    if path.suffix.lower() in (".gz", ".tgz") and not source.compressed:
        raise ReadError("named .gz but not gzip data")
    reader = choose_reader(path, head)
    yield from reader.read(source)


def message_starts(source: Source) -> Iterator[tuple[int, int]] | None:
    """Where the messages of a plain (not gzip) container file start, as (byte offset,
    position), so that parts of it can be read apart (see Source.start); None when its
    reader cannot say (a gzip file, a container of one message). Raises ReadError."""
    if source.data is None and source.path.is_dir():
        return None
    if source.compressed:
        return None  # a gzip stream can only be read from its start
    try:
        reader = choose_reader(source.path, source.head(SNIFF_BYTES))
    except NotADump:
        return None
    starts = getattr(reader, "message_starts", None)
    return starts(source) if starts else None


def _is_json(head: bytes) -> bool:
    stripped = head.lstrip()
    if stripped[:1] not in (b"{", b"["):
        return False
    # What JSON lets follow the bracket: when the next character is none of it (a text
    # dump opening with its `[List]` tag), parsing would fail, and is not tried.
    after = stripped[1:64].lstrip(JSON_SPACE)[:1]  # none after 63 spaces: parsed, as before
    if after and after not in JSON_AFTER[stripped[:1]]:
        return JSON_START_RE.match(stripped) is not None
    try:
        json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        # A JSON file larger than the sniffed head fails to parse: judge by its start.
        return JSON_START_RE.match(stripped) is not None
    return True
