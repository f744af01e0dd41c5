"""One RFC 822 / MIME message (bytes) to a Message: shared by the mbox, .eml and maildir readers.

The standard library's compat32 parser is used because it never refuses a message: a
malformed header, a bad base64 line or an unknown charset gives what can be read.
Headers are decoded here (RFC 2047, 8-bit bytes by detection); the body is the
`text/html` part when it carries more structure than the `text/plain` one.
"""

from __future__ import annotations

import email
import email.header
import re
from datetime import datetime, timedelta, timezone
from email.message import Message as MimeMessage
from email.policy import Compat32
from email.utils import getaddresses, parsedate_tz

from newsarchive.model import Message, Removed, RemovedKind
from newsarchive.readers.decode import decode_bytes
from newsarchive.readers.html import html_to_text
from newsarchive.readers.plaintext import LIST_FOOTER_RE, text_to_paragraphs

# Offsets beyond this are broken dates (`+50579034`): the time is kept, the zone dropped.
MAX_UTC_OFFSET = 14 * 3600
# Dates outside these years are broken clocks (`1945`, `2099`), not when mail was sent.
FIRST_YEAR = 1971


class RawHeaders(Compat32):
    """compat32, but headers come back as they were (8-bit bytes as surrogates) rather than
    as Header objects that turn unknown bytes into U+FFFD: they are decoded here instead."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


RAW_HEADERS = RawHeaders()
# A zone after the time (`+0100`, `EDT`, `GMT`): without one the time is local and unknown.
ZONE_AFTER_TIME_RE = re.compile(r"\d:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})\b")
MESSAGE_ID_RE = re.compile(r"<([^<>\s]{1,500})>")
# Pipermail hides addresses as `user at example.com`.
MUNGED_ADDRESS_RE = re.compile(r"^([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)$")


def parse_message(data: bytes, fmt: str, envelope_date: datetime | None = None) -> Message:
    """A Message from one raw mail; `envelope_date` (an mbox `From ` line) stands in for a
    missing or broken `Date:` header."""
    mime = email.message_from_bytes(data, policy=RAW_HEADERS)
    message = Message(format=fmt)
    message.subject = _single_line(header_text(mime, "Subject"))
    message.sender = sender_name(header_text(mime, "From"))
    message.sent = parse_mail_date(header_text(mime, "Date")) or envelope_date
    message.list_id = _single_line(header_text(mime, "List-Id"))
    message.message_id = first_message_id(header_text(mime, "Message-ID"))
    message.in_reply_to = first_message_id(header_text(mime, "In-Reply-To")) or last_message_id(
        header_text(mime, "References"))
    fill_body(message, mime)
    return message


def header_text(mime: MimeMessage, name: str) -> str | None:
    """A header's value as text: RFC 2047 words decoded, raw 8-bit bytes decoded by detection."""
    try:
        value = mime.get(name)
    except Exception:  # noqa: BLE001 - a header the parser cannot even hand back
        return None
    if value is None:
        return None
    if isinstance(value, email.header.Header):
        value = str(value)
    # Raw 8-bit header bytes come back as surrogates: turn them back into bytes.
    raw = value.encode("utf-8", "surrogateescape")
    text = decode_bytes(raw)
    try:
        pieces = email.header.decode_header(text)
    except Exception:  # noqa: BLE001 - a malformed encoded word: keep the raw text
        return text
    out = []
    for piece, charset in pieces:
        if isinstance(piece, bytes):
            out.append(decode_bytes(piece, charset))
        else:
            out.append(piece)
    # decode_header drops the space between an encoded word and plain text only when
    # both were encoded; joining plain runs as they came keeps the original spacing.
    return "".join(out) if any(isinstance(p, bytes) for p, _ in pieces) else text


def sender_name(value: str | None) -> str | None:
    """The display name of `From:`, else its address (unmunged)."""
    if not value:
        return None
    value = _single_line(value) or ""
    if "@" not in value and "<" not in value and not MUNGED_ADDRESS_RE.match(value.split("(", 1)[0].strip()):
        return value  # a bare name, as archive pages show it
    try:
        [(name, address)] = getaddresses([value])[:1] or [("", "")]
    except ValueError:
        name, address = "", value
    name = name.strip().strip('"').strip()
    if name:
        return name
    raw = value.split("(", 1)[0].strip()
    munged = MUNGED_ADDRESS_RE.match(raw)
    if munged:
        return f"{munged.group(1)}@{munged.group(2)}"
    return address.strip() or value or None


def parse_mail_date(value: str | None) -> datetime | None:
    """An RFC 2822 (or ctime) date; a broken zone is dropped, a broken year refused."""
    if not value:
        return None
    try:
        parts = parsedate_tz(" ".join(value.split()))
    except (ValueError, IndexError, OverflowError, TypeError):
        return None
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    if not FIRST_YEAR <= year <= datetime.now().year + 1:
        return None
    try:
        offset = parts[9] if ZONE_AFTER_TIME_RE.search(value) else None
        if offset is not None and abs(offset) <= MAX_UTC_OFFSET:
            tz = timezone(timedelta(seconds=offset))
            return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=tz)
        return datetime(year, month, day, hour, minute, min(second, 59))
    except (ValueError, OverflowError):
        return None


def first_message_id(value: str | None) -> str | None:
    if not value:
        return None
    match = MESSAGE_ID_RE.search(value)
    if match:
        return match.group(1)
    value = value.strip()
    return value[:500] if value and " " not in value else None


def last_message_id(value: str | None) -> str | None:
    if not value:
        return None
    found = MESSAGE_ID_RE.findall(value)
    return found[-1] if found else None


def fill_body(message: Message, mime: MimeMessage) -> None:
    """Paragraphs from the best text part; further inline text parts follow it, and list
    footers Mailman added as parts of their own go to `removed`."""
    plain: list[str] = []
    html: list[str] = []
    for part in _text_parts(mime):
        text = _part_text(part)
        if text is None or not text.strip():
            continue
        (html if part.get_content_subtype() == "html" else plain).append(text)
    main_plain, rest_plain = (plain[0], plain[1:]) if plain else (None, [])
    paragraphs: list[str] = []
    removed: list[Removed] = []
    captions: list[str] = []
    if main_plain is not None:
        paragraphs, removed = text_to_paragraphs(main_plain)
    if html:
        rendered = html_to_text(html[0])
        if main_plain is None or _more_structure(rendered.paragraphs, rendered.captions, paragraphs):
            paragraphs, captions = rendered.paragraphs, rendered.captions
    for extra in rest_plain:
        extra_paragraphs, extra_removed = text_to_paragraphs(extra)
        if extra_paragraphs and LIST_FOOTER_RE.match(extra_paragraphs[0].strip()):
            removed.append(Removed(RemovedKind.FOOTER, "\n\n".join(extra_paragraphs)))
        else:
            paragraphs.extend(extra_paragraphs)
        removed.extend(extra_removed)
    message.paragraphs = paragraphs
    message.removed.extend(removed)
    message.captions.extend(captions)


def _more_structure(html_paragraphs: list[str], captions: list[str], plain_paragraphs: list[str]) -> bool:
    """The HTML part is worth more when it has captions or more paragraphs than the text."""
    return bool(captions) or len(html_paragraphs) > len(plain_paragraphs)


def _text_parts(mime: MimeMessage):
    """text/plain and text/html parts that are the message, not attachments."""
    for part in mime.walk():
        if part.is_multipart():
            continue
        try:
            maintype = part.get_content_maintype()
            disposition = (part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
        except Exception:  # noqa: BLE001 - a malformed Content-Type: treat as text/plain
            maintype, disposition = "text", ""
        if maintype != "text" or disposition == "attachment":
            continue
        if part.get_content_subtype() not in ("plain", "html"):
            continue
        yield part


def _part_text(part: MimeMessage) -> str | None:
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - undecodable transfer encoding: take it as it came
        payload = part.get_payload(decode=False)
    if payload is None:
        return None
    if isinstance(payload, str):
        payload = payload.encode("utf-8", "surrogateescape")
    if not isinstance(payload, bytes):
        return None
    try:
        charset = part.get_content_charset()
    except Exception:  # noqa: BLE001 - a charset parameter the parser cannot read
        charset = None
    return decode_bytes(payload, charset)


def _single_line(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(value.split()) or None
