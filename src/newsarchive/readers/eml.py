"""A single message as saved by a mail program (`.eml`, a news article, a raw message)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsarchive.model import Message
from newsarchive.readers.mail import parse_message
from newsarchive.readers.source import Source

FORMAT = "eml"

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
HEADER_LINE_RE = re.compile(rb"^(?P<name>[!-9;-~]{1,76}):")
# A head whose opening block is longer than this many lines is no header block.
MAX_HEADER_LINES = 400
# Headers that say "this is mail"; one of them must stand in the opening header block.
MAIL_HEADERS = {
    b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received", b"return-path",
    b"mime-version", b"content-type", b"content-transfer-encoding", b"delivered-to",
    b"reply-to", b"sender", b"in-reply-to", b"references", b"list-id", b"path", b"newsgroups",
    b"x-mailer", b"x-original-to", b"envelope-to", b"dkim-signature", b"authentication-results",
    b"nntp-posting-date", b"x-received", b"arc-seal", b"thread-topic", b"user-agent",
}


def sniff(head: bytes) -> bool:
    """The file opens with a block of RFC 5322 header lines, at least one a mail header."""
    data = head.lstrip(b"\r\n")
    names: list[bytes] = []
    # Line by line, not split whole: most files fail on their first line.
    start = 0
    for _ in range(MAX_HEADER_LINES):
        end = data.find(b"\n", start)
        line = (data[start:] if end < 0 else data[start:end]).rstrip(b"\r")
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            if not names:
                return False
        else:
            match = HEADER_LINE_RE.match(line)
            if not match:
                return False
            names.append(match.group("name").lower())
        if end < 0:
            break  # the head's last line
        start = end + 1
    else:
        return False  # more header lines than any mail has
    return any(name in MAIL_HEADERS for name in names)


def read(source: Source) -> Iterator[Message]:
    message = parse_message(source.read_all(MAX_MESSAGE_BYTES), FORMAT)
    message.path = str(source.path)
    yield message
