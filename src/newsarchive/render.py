"""Output for people: tables that fit the terminal, and an article as readable text."""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any

import click

MARK = ("**", "**")
_MARK_RE = re.compile(re.escape(MARK[0]) + r"(.+?)" + re.escape(MARK[1]))


def terminal_width(default: int = 120) -> int:
    return shutil.get_terminal_size((default, 24)).columns


def render_hits_table(hits: list[dict[str, Any]], width: int, color: bool) -> str:
    """One row per hit: date, publication, headline, snippet, id; fitted to `width`."""
    if not hits:
        return "No articles found."
    columns = [("date", 10), ("publication", 18), ("headline", 0), ("snippet", 0), ("id", 16)]
    fixed = sum(w for _, w in columns if w) + 2 * (len(columns) - 1)
    flexible = max(width - fixed, 30)
    widths = {"headline": flexible // 3, "snippet": flexible - flexible // 3}
    sizes = [(name, w or widths[name]) for name, w in columns]
    lines = ["  ".join(name.upper().ljust(size) for name, size in sizes).rstrip()]
    for hit in hits:
        cells = {
            "date": hit.get("published") or "",
            "publication": hit.get("publication") or "",
            "headline": hit.get("headline") or "",
            "snippet": " ".join((hit.get("snippet") or "").split()),
            "id": hit.get("id") or "",
        }
        row = []
        for name, size in sizes:
            text = _fit(cells[name], size, markers_visible=not color)
            shown = mark_terms(text, color)
            row.append(shown + " " * max(size - _visible_len(shown), 0))
        lines.append("  ".join(row).rstrip())
    return "\n".join(lines)


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
    source = article.get("source") or {}
    if source.get("path"):
        out.append(f"source: {source['path']} ({source.get('format')})")
    return "\n".join(out).rstrip() + "\n"


def _fit(text: str, size: int, markers_visible: bool) -> str:
    """Cut `text` to `size` visible characters, never leaving half a marker pair."""
    def visible(t: str) -> int:
        return len(t) if markers_visible else len(t.replace(MARK[0], ""))

    if visible(text) <= size:
        return text
    first_mark = text.find(MARK[0])
    if first_mark > 0 and visible(text[: first_mark]) > size // 3:
        # Keep the first matched word in view: drop words from the left.
        start = text.rfind(" ", 0, first_mark - size // 3)
        text = "…" + text[start + 1 if start >= 0 else first_mark:].lstrip("…")
    if visible(text) <= size:
        return text
    cut = text
    while cut and visible(cut) > size - 1:
        cut = cut[:-1]
    if cut.count(MARK[0]) % 2:
        cut = cut[: cut.rfind(MARK[0])]
    return cut.rstrip(" …") + "…"


def _visible_len(text: str) -> int:
    return len(re.sub(r"\x1b\[[0-9;]*m", "", text))
