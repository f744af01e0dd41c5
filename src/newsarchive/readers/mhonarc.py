"""MHonArc message pages (mail-archive.com, and Mailman sites that pair Pipermail with MHonArc).

MHonArc writes the message's headers twice: as `<!--X-Subject: … -->` comments at the top
(entity-escaped, `-` as `&#45;`, the sender rot13-encoded in `X-From-R13`) and as the
visible header list (`<li><em>From</em>: …</li>`). The body stands between
`<!--X-Body-of-Message-->` and `<!--X-Body-of-Message-End-->`; everything else
(Date Prev / Thread Next, index lists, follow-ups) is navigation and never article text.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator

from newsarchive.model import Message
from newsarchive.readers.html import html_to_text
from newsarchive.readers.htmlpage import inline_text, read_page
from newsarchive.readers.mail import first_message_id, last_message_id, parse_mail_date, sender_name
from newsarchive.readers.plaintext import text_to_paragraphs
from newsarchive.readers.source import Source
from newsarchive.readers.text import ARCHIVE_FOOTER_RE

FORMAT = "mhonarc"

SNIFF_RE = re.compile(r"<!--X-(?:Subject|Body-of-Message|Head-of-Message|Message-Id):?", re.IGNORECASE)
COMMENT_FIELD_RE = re.compile(r"<!--X-(?P<name>[\w-]+): ?(?P<value>.*?) ?-->", re.DOTALL)
# mail-archive.com leaves out the end mark: the next structural block ends the body then.
BODY_RE = re.compile(r"<!--X-Body-of-Message-->(?P<body>.*?)(?:<!--X-Body-of-Message-End-->|<!--X-MsgBody-End-->"
                     r"|<!--X-Follow-Ups-->|<!--X-BotPNI-->|<div class=\"msgButtons|\Z)", re.DOTALL | re.IGNORECASE)
HEAD_RE = re.compile(r"<!--X-Head-of-Message-->(?P<head>.*?)<!--X-Head-of-Message-End-->",
                     re.DOTALL | re.IGNORECASE)
# `<li><em>From</em>: Name &lt;address&gt;</li>`, with <strong> or <b> on some sites.
HEAD_ITEM_RE = re.compile(r"<li>\s*<(?:em|strong|b)>(?P<name>[^<:]{1,40})</(?:em|strong|b)>\s*:?\s*(?P<value>.*?)"
                          r"(?=<li>|</ul>|\Z)", re.DOTALL | re.IGNORECASE)
# mail-archive.com's own markup, where its pages carry no header list.
SCHEMA_NAME_RE = re.compile(r"itemtype=\"https?://schema.org/Person\"[^>]*>\s*<span itemprop=\"name\">([^<]+)<",
                            re.IGNORECASE)
SCHEMA_SUBJECT_RE = re.compile(r"<h1[^>]*>.*?<span itemprop=\"name\">(.*?)</span>", re.IGNORECASE | re.DOTALL)
DATE_SPAN_RE = re.compile(r"<span class=\"date\">(.*?)</span>", re.IGNORECASE | re.DOTALL)
MSGID_INPUT_RE = re.compile(r"name=\"msgid\" value=\"([^\"]+)\"", re.IGNORECASE)
GENERATOR_RE = re.compile(r"<!--\s*(MHonArc\s+v[\d.]+)\s*-->", re.IGNORECASE)
PRE_ONLY_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*<pre[^>]*>(?P<text>.*?)</pre>\s*(?:<!--.*?-->\s*)*$",
                         re.DOTALL | re.IGNORECASE)


def sniff(head: bytes) -> bool:
    # The marks open with a literal `<!--`: a head without one is not decoded to look
    # (a byte is looked for faster than four: the `<` first).
    return b"<" in head and b"<!--" in head and SNIFF_RE.search(head.decode("latin-1")) is not None


def read(source: Source) -> Iterator[Message]:
    return read_page(source, parse_page)


def parse_page(page: str) -> Message:
    fields: dict[str, list[str]] = {}
    for match in COMMENT_FIELD_RE.finditer(page[:65536]):
        fields.setdefault(match.group("name").lower(), []).append(html.unescape(match.group("value")).strip())
    shown = _header_list(page)
    message = Message(format=FORMAT)
    message.subject = shown.get("subject") or _first(fields, "subject") or _found(SCHEMA_SUBJECT_RE, page)
    raw_from = (shown.get("from") or _rot13(_first(fields, "from-r13")) or _first(fields, "from")
                or _found(SCHEMA_NAME_RE, page))
    message.sender = sender_name(raw_from)
    message.sent = parse_mail_date(shown.get("date") or _first(fields, "date") or _found(DATE_SPAN_RE, page))
    message.message_id = (first_message_id(shown.get("message-id")) or _bare_id(_first(fields, "message-id"))
                          or _bare_id(_found(MSGID_INPUT_RE, page)))
    references = fields.get("reference") or []
    message.in_reply_to = (first_message_id(shown.get("in-reply-to")) or last_message_id(shown.get("references"))
                           or (_bare_id(references[-1]) if references else None))
    message.list_id = shown.get("list-id")
    body = BODY_RE.search(page)
    if body:
        fill_body(message, body.group("body"))
        tail = page[body.end():]
    else:
        tail = page
    footer = _archive_footer(tail)
    if footer:
        message.archive_footer = footer.group("footer").strip()
        message.archive_generator = footer.group("generator").strip()
    else:
        generator = GENERATOR_RE.search(page[:4096])
        message.archive_generator = generator.group(1) if generator else None
    return message


def fill_body(message: Message, body: str) -> None:
    pre = PRE_ONLY_RE.match(body)
    if pre:
        message.paragraphs, removed = text_to_paragraphs(inline_text(pre.group("text"), keep_lines=True))
        message.removed.extend(removed)
        return
    # Archive pages render quoted `> ` lines as <blockquote>: they come back as quote lines.
    rendered = html_to_text(body, blockquote_is_quote=True)
    message.paragraphs = rendered.paragraphs
    message.captions.extend(rendered.captions)


def _archive_footer(tail: str) -> re.Match[str] | None:
    for paragraph in html_to_text(tail).paragraphs:
        for line in paragraph.split("\n"):
            match = ARCHIVE_FOOTER_RE.match(line)
            if match:
                return match
    return None


def _header_list(page: str) -> dict[str, str]:
    head = HEAD_RE.search(page)
    if not head:
        return {}
    items: dict[str, str] = {}
    for match in HEAD_ITEM_RE.finditer(head.group("head")):
        name = inline_text(match.group("name")).lower()
        items.setdefault(name, inline_text(match.group("value")))
    return items


def _found(pattern: re.Pattern[str], page: str) -> str | None:
    match = pattern.search(page)
    return (inline_text(match.group(1)) or None) if match else None


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values and values[0] else None


def _rot13(value: str | None) -> str | None:
    return codecs.decode(value, "rot13") if value else None


def _bare_id(value: str | None) -> str | None:
    if not value:
        return None
    return first_message_id(value if "<" in value else f"<{value}>")
