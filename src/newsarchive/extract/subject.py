"""The list tag and the clean headline in a message subject."""

from __future__ import annotations

import re

from newsarchive.extract.text import squash

REPLY_PREFIX_RE = re.compile(r"^\s*(?:(?:re|fwd?|fw|aw|wg|tr|sv|vs|antw)(?:\[\d+\])?\s*:\s*)+", re.I)
LIST_TAG_RE = re.compile(r"^\s*\[(?P<tag>[^\]\n]{1,60})\]\s*")
LIST_ID_RE = re.compile(r"^\s*(?:\"?(?P<label>[^\"<]*?)\"?\s*)?<?(?P<local>[\w+-]+)(?:\.[\w.-]+)?>?\s*$")


def parse_subject(subject: str | None) -> tuple[str | None, str | None, bool]:
    """(list tag, subject without tags and Re:/Fwd:, whether it was a reply)."""
    if not subject:
        return None, None, False
    text = squash(subject)
    tag = None
    is_reply = False
    changed = True
    while changed:
        changed = False
        prefix = REPLY_PREFIX_RE.match(text)
        if prefix:
            is_reply = is_reply or prefix.group(0).strip().lower().startswith(("re", "aw", "sv", "antw"))
            text = text[prefix.end():]
            changed = True
        match = LIST_TAG_RE.match(text)
        if match:
            tag = tag or match.group("tag").strip()
            text = text[match.end():]
            changed = True
    return tag, (text.strip() or None), is_reply


def list_from_list_id(list_id: str | None) -> str | None:
    """`Salon <salon.lists.example.org>` -> `salon`; the label if it has one."""
    if not list_id:
        return None
    match = LIST_ID_RE.match(list_id)
    if not match:
        return None
    return (match.group("label") or "").strip() or match.group("local")
