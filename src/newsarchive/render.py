"""Output for people: tables that fit the terminal, and an article as readable text."""

from __future__ import annotations

import os
import re
import shutil
import textwrap
import unicodedata
from typing import IO, Any

import click

MARK = ("**", "**")
_MARK_RE = re.compile(re.escape(MARK[0]) + r"(.+?)" + re.escape(MARK[1]))


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def terminal_width(default: int = 120) -> int:
    return shutil.get_terminal_size((default, 24)).columns


# Table columns in the order shown. `None` width: shares what the fixed columns leave.
HIT_COLUMNS = [("date", 10), ("publication", 18), ("headline", None), ("snippet", None), ("id", 16)]
# How a narrow terminal is met, step by step: (column, new width), 0 drops the column.
SQUEEZE_STEPS = [("publication", 12), ("publication", 0), ("date", 0), ("snippet", 0)]
MIN_FLEXIBLE = {"headline": 16, "snippet": 20}
GAP = "  "


def render_hits_table(hits: list[dict[str, Any]], width: int, color: bool) -> str:
    """One row per hit: date, publication, headline, snippet, id; never wider than `width`.

    Narrow terminals shorten then lose the publication, then lose the date, then the
    snippet; the id (what `show` needs) stays.
    """
    if not hits:
        return "No articles found."
    rows = [{
        "date": hit.get("published") or "",
        "publication": hit.get("publication") or "",
        "headline": " ".join((hit.get("headline") or "").split()),
        "snippet": " ".join((hit.get("snippet") or "").split()),
        "id": hit.get("id") or "",
    } for hit in hits]
    sizes = _column_sizes(rows, width)
    header = GAP.join(name.upper().ljust(size) for name, size in sizes).rstrip()
    lines = [click.style(header, bold=True) if color else header]
    for cells in rows:
        row = []
        for name, size in sizes:
            text = _fit(cells[name], size, markers_visible=not color)
            shown = mark_terms(text, color)
            row.append(shown + " " * max(size - _visible_len(shown), 0))
        lines.append(GAP.join(row).rstrip())
    return "\n".join(lines)


def _column_sizes(rows: list[dict[str, str]], width: int) -> list[tuple[str, int]]:
    # One column short of the width: some terminals wrap a line that fills the last one.
    width = max(width - 1, 20)
    columns = dict(HIT_COLUMNS)
    longest_publication = max(display_width(r["publication"]) for r in rows)
    columns["publication"] = min(columns["publication"], max(longest_publication, len("publication")))
    if not longest_publication:
        del columns["publication"]
    for step in [None, *SQUEEZE_STEPS]:
        if step and step[0] in columns:
            name, size = step
            if size:
                columns[name] = min(columns[name], size)
            else:
                del columns[name]
        fixed = sum(size for size in columns.values() if size is not None)
        flexible = width - fixed - len(GAP) * (len(columns) - 1)
        wanted = [name for name, size in columns.items() if size is None]
        if flexible >= sum(MIN_FLEXIBLE[name] for name in wanted):
            break
    if "snippet" in columns:
        columns["headline"] = max(flexible * 2 // 5, MIN_FLEXIBLE["headline"])
        columns["snippet"] = flexible - columns["headline"]
    else:
        columns["headline"] = max(flexible, 1)
    return [(name, columns[name]) for name, _ in HIT_COLUMNS if name in columns]


def display_width(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def mark_terms(text: str, color: bool) -> str:
    """Matched words: bold yellow on a terminal, `**word**` elsewhere."""
    if not color:
        return text
    return _MARK_RE.sub(lambda m: click.style(m.group(1), fg="yellow", bold=True), text)


def render_article(article: dict[str, Any], width: int = 80) -> str:
    wrap = textwrap.TextWrapper(width=min(width, 100))
    out: list[str] = []
    out.append(article.get("headline") or "(no headline)")
    out.append("=" * min(len(out[0]), wrap.width))
    if article.get("dek"):
        out.extend(wrap.wrap(article["dek"]))
    meta = [
        article.get("publication"),
        ", ".join(article.get("authors") or []) or None,
        article.get("dateline"),
        article.get("published"),
    ]
    out.append(" · ".join(m for m in meta if m))
    out.append(f"id {article['id']}  list {article.get('list') or '-'}  "
               f"{article.get('word_count', 0)} words")
    out.append("")
    for paragraph in (article.get("body") or "").split("\n\n"):
        out.extend(wrap.wrap(paragraph))
        out.append("")
    for caption in article.get("captions") or []:
        out.extend(wrap.wrap("[caption] " + caption))
    if article.get("author_bio"):
        out.extend(wrap.wrap("[bio] " + article["author_bio"]))
    removed = article.get("removed") or []
    if removed:
        kinds: dict[str, int] = {}
        for item in removed:
            kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
        out.append("set aside: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    people = article.get("people") or []
    if people:
        out.extend(wrap.wrap("people: " + ", ".join(f"{p['name']} ({p['mentions']})" for p in people)))
    source = article.get("source") or {}
    if source.get("path"):
        out.append(f"source: {source['path']} ({source.get('format')})")
    return "\n".join(out).rstrip() + "\n"


def _fit(text: str, size: int, markers_visible: bool) -> str:
    """Cut `text` to `size` visible characters, never leaving half a marker pair."""
    def visible(t: str) -> int:
        return display_width(t if markers_visible else t.replace(MARK[0], ""))

    if visible(text) <= size:
        return text
    first_mark = text.find(MARK[0])
    if first_mark > 0 and visible(text[:first_mark]) > size // 4:
        # Keep the first matched word in view: drop words from the left until it sits
        # in the first quarter of the cell.
        start = first_mark
        for space in re.finditer(" ", text[:first_mark]):
            if visible(text[space.end():first_mark]) <= size // 4:
                start = space.end()
                break
        text = "…" + text[start:].lstrip("…")
    if visible(text) <= size:
        return text
    cut = text
    while cut and visible(cut) > size - 1:
        cut = cut[:-1]
    if cut.count(MARK[0]) % 2:
        cut = cut[: cut.rfind(MARK[0])]
    return cut.rstrip(" …") + "…"


def _visible_len(text: str) -> int:
    return display_width(re.sub(r"\x1b\[[0-9;]*m", "", text))
