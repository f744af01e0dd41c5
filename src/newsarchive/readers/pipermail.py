"""Pipermail (Mailman 2.1) message pages: `<H1>` subject, `<B>` sender, `<I>` date, and the
body between `<!--beginarticle-->` and `<!--endarticle-->`, usually one `<PRE>` of the
mail as sent (hard-wrapped: the wraps are rejoined). The navigation around it is never
article text; "More information about the … mailing list" goes to `removed`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from newsarchive.model import Message, Removed, RemovedKind
from newsarchive.readers.html import html_to_text
from newsarchive.readers.htmlpage import inline_text, read_page
from newsarchive.readers.mail import first_message_id, parse_mail_date, sender_name
from newsarchive.readers.plaintext import text_to_paragraphs
from newsarchive.readers.source import Source

FORMAT = "pipermail"

BEGIN_RE = re.compile(r"<!--\s*beginarticle\s*-->", re.IGNORECASE)
END_RE = re.compile(r"<!--\s*(?:endarticle|threads)\s*-->", re.IGNORECASE)
SUBJECT_RE = re.compile(r"<h1>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
SENDER_RE = re.compile(r"<b>(.*?)</b>", re.IGNORECASE | re.DOTALL)
DATE_RE = re.compile(r"<i>(.*?)</i>", re.IGNORECASE | re.DOTALL)
# The reply link carries the message's own Message-ID: `In-Reply-To=%3Cid%3E`.
REPLY_ID_RE = re.compile(r"In-Reply-To=([^\"&>\s]+)", re.IGNORECASE)
MORE_INFO_RE = re.compile(r"<a\s+href=\"?([^\">\s]*)\"?[^>]*>\s*(More information about the.*?mailing\s+list)\s*</a>",
                          re.IGNORECASE | re.DOTALL)
PRE_RE = re.compile(r"^\s*<pre[^>]*>(.*?)(?:</pre>\s*)?$", re.IGNORECASE | re.DOTALL)
# Pipermail keeps messages in an mbox and shows their bodies as stored there, so a line
# that began `From ` shows as `>From `: undone here as an mbox reader undoes it.
ESCAPED_FROM_RE = re.compile(r"^>(>*From )", re.MULTILINE)
# A munged address standing where the name would be.
ADDRESS_AT_RE = re.compile(r"^[\w.+-]+ at [\w-]+(?:\.[\w-]+)+$")


def sniff(head: bytes) -> bool:
    # The mark opens with a literal `<!--`: a head without one is not decoded to look
    # (a byte is looked for faster than four: the `<` first).
    return b"<" in head and b"<!--" in head and BEGIN_RE.search(head.decode("latin-1")) is not None


def read(source: Source) -> Iterator[Message]:
    return read_page(source, parse_page)


def parse_page(page: str) -> Message:
    begin = BEGIN_RE.search(page)
    if begin is None:
        raise ValueError("not a Pipermail message page")
    header, rest = page[: begin.start()], page[begin.end():]
    end = END_RE.search(rest)
    body, after = (rest[: end.start()], rest[end.end():]) if end else (rest, "")
    message = Message(format=FORMAT)
    subject = SUBJECT_RE.search(header)
    if subject:
        message.subject = inline_text(subject.group(1)) or None
    after_subject = header[subject.end():] if subject else header
    sender = SENDER_RE.search(after_subject)
    if sender:
        name = inline_text(sender.group(1))
        message.sender = sender_name(name) if ADDRESS_AT_RE.match(name) else (name or None)
        after_subject = after_subject[sender.end():]
    date = DATE_RE.search(after_subject)
    if date:
        message.sent = parse_mail_date(inline_text(date.group(1)))
    reply_id = REPLY_ID_RE.search(header)
    if reply_id:
        message.message_id = first_message_id(unquote(reply_id.group(1)))
    fill_body(message, body)
    more_info = MORE_INFO_RE.search(after)
    if more_info:
        message.removed.append(Removed(RemovedKind.FOOTER, inline_text(more_info.group(2))))
        message.list_id = _list_from_url(more_info.group(1))
    return message


def fill_body(message: Message, body: str) -> None:
    pre = PRE_RE.match(body)
    if pre or "<" not in body:
        text = inline_text(pre.group(1) if pre else body, keep_lines=True)
        message.paragraphs, removed = text_to_paragraphs(ESCAPED_FROM_RE.sub(r"\1", text))
        message.removed.extend(removed)
        return
    rendered = html_to_text(body)  # a page of an HTML message, archived as HTML
    message.paragraphs = rendered.paragraphs
    message.captions.extend(rendered.captions)


def _list_from_url(url: str) -> str | None:
    """`http://host/mailman/listinfo/salon` -> `salon`."""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return name if name and "listinfo" in url else None
