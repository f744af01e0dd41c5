"""Helpers for archive pages (Pipermail, MHonArc, HyperKitty): decoding and small fragments."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from newsarchive.model import Message
from newsarchive.readers.decode import decode_bytes
from newsarchive.readers.source import Source

META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]*>", re.DOTALL)
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                           re.IGNORECASE | re.DOTALL)


# A message page bigger than this is no archive page.
MAX_PAGE_BYTES = 64 * 1024 * 1024


def read_page(source: Source, parse_page: Callable[[str], Message]) -> Iterator[Message]:
    """The one message of an archive page, parsed by the page reader's `parse_page`."""
    message = parse_page(decode_page(source.read_all(MAX_PAGE_BYTES)))
    message.path = str(source.path)
    yield message


def decode_page(data: bytes) -> str:
    """A page's text, by the charset its `<meta>` declares, else by detection."""
    declared = META_CHARSET_RE.search(data[:8192])
    return decode_bytes(data, declared.group(1).decode("ascii", "replace") if declared else None)


def inline_text(fragment: str, keep_lines: bool = False) -> str:
    """The text of a small fragment: tags dropped, entities decoded, spaces squashed
    (or, with keep_lines, the line structure of a `<pre>` kept)."""
    text = COMMENT_RE.sub("", fragment)
    if keep_lines:
        text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
        text = re.sub(r"</p\s*>", "\n\n", text, flags=re.IGNORECASE)
    text = html.unescape(TAG_RE.sub("", text))
    if keep_lines:
        return text.replace("\r\n", "\n").replace("\xa0", " ")
    return " ".join(text.split())


def looks_like_html(head: bytes) -> bool:
    return HTML_START_RE.match(head[:4096]) is not None
