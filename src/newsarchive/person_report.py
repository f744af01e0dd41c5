"""The person index for people to read: who is in the archive, and one person's articles.

The store answers the questions; this module shapes the answers (JSON objects and
tables) so that cli.py stays thin.
"""

from __future__ import annotations

from typing import Any

from newsarchive.store import Store

# How many people `newsarchive person` lists as most often named alongside someone.
NAMED_WITH_LIMIT = 10


class PersonLookupError(LookupError):
    """No person, or several, answer to a name: the message says which."""


def people_listing(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """People by number of articles, as `{name, articles, as_author, mentions, roles, aliases}`."""
    return [_public(p) for p in store.list_people(limit)]


def person_report(store: Store, name: str) -> dict[str, Any]:
    """One person: the listing fields, their articles newest first (`appearances`), and
    the people most often in the same articles (`named_with`)."""
    matches = store.find_people(name)
    if not matches:
        raise PersonLookupError(f"no person called {name!r} in the archive")
    if len(matches) > 1:
        names = "; ".join(f"{m['name']} ({m['articles']} articles)" for m in matches[:10])
        raise PersonLookupError(f"{name!r} could be several people: {names}; give the full name")
    [person] = matches
    report = _public(person)
    report["appearances"] = store.person_articles(person["id"])
    report["named_with"] = store.people_named_with(person["id"], NAMED_WITH_LIMIT)
    return report


def render_people_table(people: list[dict[str, Any]], width: int) -> str:
    if not people:
        return "No people found."
    name_width = min(max(len(p["name"]) for p in people), 32)
    lines = [f"{'NAME':<{name_width}}  ARTICLES  AUTHOR  MENTIONS  ROLES / ALIASES"]
    for person in people:
        extra = "; ".join(person["roles"][:2] + [f"aka {a}" for a in person["aliases"][:3]])
        line = (f"{_fit(person['name'], name_width):<{name_width}}  {person['articles']:>8}  "
                f"{person['as_author']:>6}  {person['mentions']:>8}  {extra}")
        lines.append(_fit(line, width))
    return "\n".join(lines)


def render_person(report: dict[str, Any], width: int) -> str:
    lines = [report["name"], "=" * len(report["name"])]
    lines.append(f"{_count(report['articles'], 'article')} ({report['as_author']} as author), "
                 f"{_count(report['mentions'], 'mention')}")
    if report["roles"]:
        lines.append("roles: " + "; ".join(report["roles"]))
    if report["aliases"]:
        lines.append("also named: " + "; ".join(report["aliases"]))
    lines.append("")
    for item in report["appearances"]:
        how = "author" if "author" in item["as"] else f"{item['mentions']}x"
        cells = f"{item['published'] or '':<10}  {how:<7}  {item['id']}  {item['headline'] or ''}"
        lines.append(_fit(cells, width))
    if report["named_with"]:
        lines.append("")
        lines.append("named with: " + ", ".join(f"{p['name']} ({p['articles']})"
                                                for p in report["named_with"]))
    return "\n".join(lines)


def _public(person: dict[str, Any]) -> dict[str, Any]:
    return {key: person[key] for key in ("name", "articles", "as_author", "mentions", "roles",
                                         "aliases")}


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
