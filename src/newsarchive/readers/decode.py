"""Bytes to text for every reader: declared charset first, then fallbacks, never a crash."""

from __future__ import annotations

import codecs

# Tried in order when no charset is declared or the declared one fails. utf-8 is strict so
# that latin text falls through; cp1252 decodes almost every byte and keeps smart quotes;
# latin-1 decodes every byte and ends the chain.
FALLBACK_CHARSETS = ("utf-8", "cp1252", "latin-1")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data`, trusting `declared` only if it decodes cleanly."""
    tried: list[str] = []
    if declared:
        try:
            name = codecs.lookup(declared.strip().strip('"').lower()).name
        except LookupError:
            name = None
        if name:
            tried.append(name)
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                pass
    for charset in FALLBACK_CHARSETS:
        if charset in tried:
            continue
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_binary(head: bytes) -> bool:
    """True for data no text dump holds: NUL bytes or mostly control characters."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_CONTROL))  # in C: every file's head comes here
    return control / len(head) > 0.05


# Bytes that do not count as control characters: all but 0-31, where tab, newline, form
# feed, carriage return and escape are text too.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))
