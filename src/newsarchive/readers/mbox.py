"""mbox files and Pipermail monthly archives (`2025-July.txt`, `.txt.gz`): many messages,
each opened by a `From sender date` line.

Read as a stream, one message at a time, so a 1 GB mbox never sits in memory; a
single message larger than MAX_MESSAGE_BYTES keeps only its head. Pipermail's monthly
archives are mboxes whose `From ` lines and headers hide addresses as `user at host`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from newsarchive.model import Message
from newsarchive.readers.mail import parse_mail_date, parse_message
from newsarchive.readers.source import Source

FORMAT = "mbox"

# The largest message kept whole; the rest of a bigger one (an attachment) is dropped.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
# Lines are read in pieces of at most this size, so a file with no newline stays bounded.
MAX_LINE_BYTES = 1024 * 1024

_DAY = rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_TIME = rb"\d{1,2}:\d{2}(?::\d{2})?"
# The date on a `From ` line: ctime (`Wed Dec  1 08:26:40 2010`), or RFC 2822
# (`Mon, 2 Aug 1999 18:55:09 -0400 (EDT)`) as old Pipermail wrote it.
ENVELOPE_DATE_RE = re.compile(
    _DAY + rb"\s+" + _MONTH + rb"\s+\d{1,2}\s+" + _TIME + rb"\s+(?:[A-Z]{3,4}\s+|[+-]\d{4}\s+)?\d{4}"
    rb"|(?:" + _DAY + rb",?\s+)?\d{1,2}\s+" + _MONTH + rb"\s+\d{4}\s+" + _TIME + rb"(?:\s+[+-]\d{4}|\s+[A-Z]{2,5})?")
# `From sender  date`: the sender may hold spaces (`user at host`); a zone or comment may follow.
FROM_LINE_RE = re.compile(rb"^From \S.{0,300}?(?:" + ENVELOPE_DATE_RE.pattern + rb")(?:\s.{0,80})?\s*$")
ESCAPED_FROM_RE = re.compile(rb"^>(>*From )")


def sniff(head: bytes) -> bool:
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0].rstrip(b"\r")
    return bool(FROM_LINE_RE.match(first))


def read(source: Source) -> Iterator[Message]:
    for position, (envelope, raw) in enumerate(split_mbox(source), start=source.first_position):
        message = parse_message(raw, FORMAT, envelope_date(envelope))
        message.path = str(source.path)
        message.position = position
        yield message


def split_mbox(source: Source) -> Iterator[tuple[bytes, bytes]]:
    """(From line, message bytes) for each message, streamed."""
    with source.open() as stream:
        envelope: bytes | None = None
        lines: list[bytes] = []
        size = 0
        for line, opening in _lines(stream):
            if opening is not None:
                if envelope is not None:
                    yield envelope, b"".join(lines)
                envelope, lines, size = opening, [], 0
                continue
            if envelope is None:
                if not line.strip():
                    continue  # blank lines before the first message
                envelope = b""  # text before any From line: read it as a message anyway
            if size + len(line) > MAX_MESSAGE_BYTES:
                continue
            size += len(line)
            lines.append(ESCAPED_FROM_RE.sub(rb"\1", line))
        if envelope is not None:
            yield envelope, b"".join(lines)


def message_starts(source: Source) -> Iterator[tuple[int, int]]:
    """(byte offset, position) of each message that opens with a `From ` line: where
    split_mbox starts a message (the same lines, by the same rule), without keeping any
    line. A Source part from one of these offsets to another reads as exactly the
    messages between them: a line read from an offset where split_mbox also started one
    is the same line, and split_mbox is in the same state at the start of every message."""
    with source.open() as stream:
        offset = position = 0
        for line, opening in _lines(stream):
            if opening is not None:
                position += 1
                yield offset, position
            elif position == 0 and line.strip():
                position = 1  # text before any From line is read as a message too
            offset += len(line)


def _lines(stream: BinaryIO) -> Iterator[tuple[bytes, bytes | None]]:
    """Each line of an mbox stream, with its `From ` line (line ends stripped) when it
    opens a message, else None: a line that FROM_LINE_RE matches, after a blank line or
    at the start. Lines come in pieces of at most MAX_LINE_BYTES."""
    previous_blank = True
    while line := stream.readline(MAX_LINE_BYTES):
        bare = line.rstrip(b"\r\n")
        if previous_blank and bare.startswith(b"From ") and FROM_LINE_RE.match(bare):
            previous_blank = False
            yield line, bare
        else:
            previous_blank = not bare.strip()
            yield line, None


def envelope_date(line: bytes) -> datetime | None:
    match = ENVELOPE_DATE_RE.search(line)
    if not match:
        return None
    return parse_mail_date(match.group(0).decode("ascii", "replace"))
