"""HyperKitty (Mailman 3) message pages. (Its mbox exports are read by the mbox reader.)

The page holds `<h1>` subject, `.email-author .name`, `.email-date` (the sender's own
time in a title), and `.email-body`: the mail as sent, wrapped at 90 columns and shown
with `white-space: pre-wrap`, quoted lines folded into a `.quoted-text` block. The
reply link carries the Message-ID and the list's address.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import unquote

from dateutil import parser as dateparser

from newsarchive.model import Message
from newsarchive.readers.htmlpage import inline_text, read_page
from newsarchive.readers.mail import FIRST_YEAR, first_message_id
from newsarchive.readers.plaintext import text_to_paragraphs
from newsarchive.readers.source import Source

FORMAT = "hyperkitty"

SNIFF_BODY_RE = re.compile(rb"class=\"[^\"]*\bemail-body\b", re.IGNORECASE)
SNIFF_HEADER_RE = re.compile(rb"class=\"[^\"]*\bemail-(?:header|author)\b", re.IGNORECASE)
DIV_TAG_RE = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
SUBJECT_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
NAME_RE = re.compile(r"<span class=\"name\"[^>]*>(.*?)</span>", re.IGNORECASE | re.DOTALL)
SENDER_TIME_RE = re.compile(r"title=\"Sender(?:'|&#39;|&#x27;|’)s time:\s*([^\"]+)\"", re.IGNORECASE)
REPLY_LINK_RE = re.compile(r"href=\"mailto:([^?\"]+)\?[^\"]*?In-Reply-To=((?:[^\"&]|&(?:lt|gt|amp|#\d+);)+)",
                           re.IGNORECASE)
QUOTED_SWITCH_RE = re.compile(r"<div class=\"quoted-switch\".*?</div>", re.IGNORECASE | re.DOTALL)


def sniff(head: bytes) -> bool:
    # Both patterns hold a literal `="`: a head without one (every text dump) is not
    # searched, case-insensitively and slowly, for `class`. A byte is looked for faster
    # than two: the `=` first.
    return b"=" in head and b'="' in head \
        and SNIFF_BODY_RE.search(head) is not None and SNIFF_HEADER_RE.search(head) is not None


def read(source: Source) -> Iterator[Message]:
    return read_page(source, parse_page)


def parse_page(page: str) -> Message:
    message = Message(format=FORMAT)
    subject = SUBJECT_RE.search(page)
    if subject:
        message.subject = inline_text(subject.group(1)) or None
    else:
        title = TITLE_RE.search(page)
        if title:  # `Subject - List - Site`
            message.subject = inline_text(title.group(1)).rsplit(" - ", 2)[0] or None
    header = element_inner(page, "email-header") or page
    name = NAME_RE.search(header)
    if name:
        message.sender = inline_text(name.group(1)) or None
    sent = SENDER_TIME_RE.search(header)
    if sent:
        message.sent = parse_page_date(html.unescape(sent.group(1)))
    reply = REPLY_LINK_RE.search(page)
    if reply:
        # The list's address, `salon@lists.example.org`, in List-Id form (RFC 2919).
        message.list_id = unquote(html.unescape(reply.group(1))).strip().replace("@", ".") or None
        message.message_id = first_message_id(unquote(html.unescape(reply.group(2))))
    body = element_inner(page, "email-body")
    if body is not None:
        body = QUOTED_SWITCH_RE.sub("", body)
        message.paragraphs, removed = text_to_paragraphs(inline_text(body, keep_lines=True))
        message.removed.extend(removed)
    return message


def element_inner(page: str, class_name: str) -> str | None:
    """The inner HTML of the first `<div>` with this class (nested divs balanced)."""
    start = re.search(r"<div\b[^>]*class=\"[^\"]*\b" + re.escape(class_name) + r"\b[^\"]*\"[^>]*>", page,
                      re.IGNORECASE)
    if not start:
        return None
    depth = 1
    for tag in DIV_TAG_RE.finditer(page, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[start.end(): tag.start()]
    return page[start.end():]  # a truncated page: what there is


def parse_page_date(text: str) -> datetime | None:
    """Django's DATETIME_FORMAT (`July 11, 2025, 10 a.m.`) and ISO forms."""
    cleaned = text.replace("a.m.", "AM").replace("p.m.", "PM").replace("noon", "12 PM").replace("midnight", "12 AM")
    cleaned = re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.", r"\1", cleaned)
    try:
        value = dateparser.parse(cleaned, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if value is None or not FIRST_YEAR <= value.year <= datetime.now().year + 1:
        return None
    return value
