"""A maildir folder (`cur/`, `new/`, `tmp/`): one container of one-message files.

The folder walk hands the whole folder here as one item. Messages in `cur/` and `new/`
are read in name order (delivery order); `tmp/` holds deliveries in progress and is
passed over. Maildir++ subfolders (`.Sent`, `.Lists.salon`) are folders of the same
shape inside, hidden by their leading dot, and are read too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newsarchive.model import Message
from newsarchive.readers.errors import ReadError
from newsarchive.readers.mail import parse_message
from newsarchive.readers.source import Source

FORMAT = "maildir"

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# `tmp/` is not required: copies made with git or zip drop empty folders.
MAILDIR_PARTS = ("cur", "new")


def is_maildir(path: Path) -> bool:
    return all((path / part).is_dir() for part in MAILDIR_PARTS)


def message_files(folder: Path) -> Iterator[Path]:
    for sub in [folder, *_subfolders(folder)]:
        for part in ("cur", "new"):
            try:
                names = sorted(entry.name for entry in os.scandir(sub / part)
                               if not entry.name.startswith(".") and entry.is_file())
            except OSError as exc:
                raise ReadError(f"{sub / part}: {(exc.strerror or str(exc)).lower()}") from exc
            for name in names:
                yield sub / part / name


def _subfolders(folder: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [Path(e.path) for e in entries
            if e.name.startswith(".") and e.name not in (".", "..") and not e.is_symlink()
            and e.is_dir() and is_maildir(Path(e.path))]


def read(source: Source) -> Iterator[Message]:
    for position, path in enumerate(message_files(source.path), start=1):
        try:
            data = Source(path, source.max_size).read_all(MAX_MESSAGE_BYTES)
        except ReadError as exc:
            raise ReadError(f"{path.relative_to(source.path)}: {exc}") from exc
        message = parse_message(data, FORMAT)
        message.path = str(path)
        message.position = position
        yield message
