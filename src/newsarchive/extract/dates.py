"""Publication dates: header date lines, wire datelines, and the sent date as fallback."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Each pattern names year, month, day; a missing year is taken from the sent date.
DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b"),
    # 07/17/2025 (US) or 16/06/2025 (Europe): read only when the day is past 12, so the
    # order is certain; 05/06/2025 is left unread rather than guessed.
    re.compile(r"\b(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b"),
]
# The year every one of DATE_PATTERNS holds: a text without one is not searched five times.
YEAR_RE = re.compile(r"(?:19|20)\d{2}")
DAY_MONTH_PATTERN = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\b", re.I)

# Words that may stand on a date line beside the date itself.
DATE_LINE_NOISE = re.compile(
    r"\b(?:updated|published|posted|last updated|first published|issue of|issue|dated?|"
    r"on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|bst|edt|est|pdt|pst|cdt|cst|pt|et|hkt|sgt|jst|cet|cest|"
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?|page|section|edition|final|late|print|online|"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?|[a-z]?\d{1,3})\b",
    re.I,
)


def find_date(text: str) -> tuple[date, re.Match[str]] | None:
    """The first full date (with year) in `text`, and where it stood."""
    best: tuple[date, re.Match[str]] | None = None
    if YEAR_RE.search(text) is None:
        return None
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        found = _to_date(match)
        if found and (best is None or match.start() < best[1].start()):
            best = (found, match)
    return best


# Cached: a header line is asked about by several steps (what kind of line is it, then
# its date), and the same date lines recur across a list's messages.
@lru_cache(maxsize=1024)
def parse_date_line(line: str) -> date | None:
    """The date of a line that is nothing but a date (with weekday, time, "Updated", page)."""
    if len(line) > 80:
        return None
    found = find_date(line)
    if not found:
        return None
    value, match = found
    rest = line[: match.start()] + " " + line[match.end():]
    rest = DATE_LINE_NOISE.sub(" ", rest)
    leftover = re.findall(r"[A-Za-z]{2,}", rest)
    return value if len(leftover) <= 1 else None


def day_month_with_year(text: str, year: int) -> date | None:
    """A `July 17` style date with the year supplied (wire datelines omit it)."""
    match = DAY_MONTH_PATTERN.search(text)
    if not match:
        return None
    try:
        return date(year, month_number(match.group("month")), int(match.group("day")))
    except (ValueError, KeyError):
        return None


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS["sept" if name.startswith("sept") else name[:3]]


def choose_published(candidate: date | None, sent: datetime | None) -> date | None:
    """The published date: the candidate unless it is after the sent date; else the sent date."""
    sent_day = sent.date() if sent else None
    if candidate and (sent_day is None or candidate <= sent_day):
        return candidate
    return sent_day


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        if groups.get("first"):
            first, second = int(groups["first"]), int(groups["second"])
            if first > 12 >= second:
                return date(int(groups["year"]), second, first)
            if second > 12 >= first:
                return date(int(groups["year"]), first, second)
            return None
        if groups.get("mnum"):
            month = int(groups["mnum"])
        else:
            month = month_number(groups["month"])
        return date(int(groups["year"]), month, int(groups["day"]))
    except (ValueError, KeyError):
        return None
