"""`newsarchive stats`: what is in the archive, with articles per month drawn as bars."""

from __future__ import annotations

from typing import Any

import click

BLOCKS = " ▏▎▍▌▋▊▉█"
# A run of at least this many empty months is drawn as one line, not as empty bars.
EMPTY_RUN = 3


def render_stats(stats: dict[str, Any], width: int, color: bool) -> str:
    """The summary, the top lists and the monthly histogram, fitted to `width`."""
    lines = [
        f"articles      {stats['articles']}",
        f"messages      {stats['messages']}",
        f"lists         {stats['lists']}",
        f"publications  {stats['publications']}",
        f"authors       {stats['authors']}",
        f"people        {stats['people']}",
    ]
    if stats["first_published"]:
        dated = f"{stats['first_published']} to {stats['last_published']}"
        if stats["undated"]:
            dated += f" ({stats['undated']} undated)"
        lines.append(f"published     {dated}")
    for title, key in (("Top publications", "top_publications"), ("Top people", "top_people")):
        if stats[key]:
            lines += ["", _heading(title, color)]
            number_width = len(str(stats[key][0]["articles"]))
            lines += [f"  {row['articles']:>{number_width}}  {row['name']}" for row in stats[key]]
    if stats["per_month"]:
        lines += ["", _heading("Articles per month", color)]
        lines += histogram(stats["per_month"], width, color)
    return "\n".join(lines)


def histogram(per_month: list[dict[str, Any]], width: int, color: bool) -> list[str]:
    """One bar per month from the first to the last; long empty stretches folded."""
    counts = {row["month"]: row["articles"] for row in per_month}
    months = month_range(per_month[0]["month"], per_month[-1]["month"])
    peak = max(counts.values())
    number_width = len(str(peak))
    bar_width = min(max(width - 1 - len("2025-07") - number_width - 4, 10), 60)
    lines: list[str] = []
    empty: list[str] = []

    def flush_empty() -> None:
        if len(empty) >= EMPTY_RUN:
            lines.append(f"{'…':<7}  {'':>{number_width}}  ({len(empty)} months with none: "
                         f"{empty[0]} to {empty[-1]})")
        else:
            lines.extend(f"{month}  {0:>{number_width}}" for month in empty)
        empty.clear()

    for month in months:
        count = counts.get(month, 0)
        if not count:
            empty.append(month)
            continue
        flush_empty()
        bar = _bar(count / peak * bar_width)
        if color:
            bar = click.style(bar, fg="cyan")
        lines.append(f"{month}  {count:>{number_width}}  {bar}")
    flush_empty()
    return lines


def month_range(first: str, last: str) -> list[str]:
    """Every `YYYY-MM` from `first` to `last`, inclusive."""
    year, month = (int(part) for part in first.split("-"))
    end = tuple(int(part) for part in last.split("-"))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _bar(length: float) -> str:
    """A bar `length` cells long, in eighths; never invisible for a non-zero count."""
    eighths = max(round(length * 8), 1)
    return BLOCKS[-1] * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def _heading(text: str, color: bool) -> str:
    return click.style(text, bold=True) if color else text
