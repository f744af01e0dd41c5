"""Command-line options for commands that take a query: shared by search and export.

`article_filters` bundles the filter options into one `Filters`; `QueryCommand` lets
`-word` be a query word rather than an unknown option.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from newsarchive.search import SORTS, Filters


def article_filters(default_limit: int | None,
                    default_sort: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options that choose articles, shared by search and export: hands on `filters`.

    `default_sort` only describes the command's order when --sort is not given."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @click.option("--since", metavar="DATE",
                      help="Published on or after: 2025, 2025-07, 2025-07-11 or '11 Jul 2025'.")
        @click.option("--until", metavar="DATE", help="Published on or before (the whole period).")
        @click.option("--publication", "publications", multiple=True, metavar="NAME",
                      help="Publication name or alias (repeat for any of several).")
        @click.option("--list", "lists", multiple=True, metavar="NAME",
                      help="Mailing list name (repeat for any of several).")
        @click.option("--author", "authors", multiple=True, metavar="NAME",
                      help="Author, by full name or surname (repeat for any of several).")
        @click.option("--person", "persons", multiple=True, metavar="NAME",
                      help="Person, as author or mentioned: full name, surname or alias (repeat for any of several).")
        @click.option("--sort", type=click.Choice(SORTS), default=None,
                      help=f"Order [default: {default_sort}].")
        @click.option("--limit", "-n", type=click.IntRange(min=0), default=default_limit,
                      show_default=default_limit is not None, help="Most articles to give.")
        @click.option("--offset", type=click.IntRange(min=0), default=0,
                      help="Articles to skip first.")
        @functools.wraps(command)
        def wrapper(*args: Any, since: str | None, until: str | None,
                    publications: tuple[str, ...], lists: tuple[str, ...],
                    authors: tuple[str, ...], persons: tuple[str, ...], sort: str | None,
                    limit: int | None, offset: int, **kwargs: Any) -> Any:
            filters = Filters(since=since, until=until, publications=list(publications),
                              lists=list(lists), authors=list(authors), persons=list(persons),
                              sort=sort, limit=limit, offset=offset)
            return command(*args, filters=filters, **kwargs)

        return wrapper

    return decorate


# Marks a query word that starts with "-" while click parses, so it is not an option.
_DASH_WORD = "\x1f"


class QueryCommand(click.Command):
    """A command whose arguments are a query: `-Taiwan` or `-author:sim` is a query word.

    Only an option's exact name (`--since`, `-o`, `--limit=5`) is an option; anything
    else starting with "-" is part of the query, so `newsarchive search Rubio -Taiwan`
    works without quoting.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        names = {name for param in self.get_params(ctx) for name in param.opts + param.secondary_opts}
        rewritten = []
        for position, arg in enumerate(args):
            if arg == "--":
                rewritten.extend(args[position:])
                break
            word = arg.startswith("-") and len(arg) > 1 and arg.split("=", 1)[0] not in names
            rewritten.append(_DASH_WORD + arg if word else arg)
        return super().parse_args(ctx, rewritten)


def query_words(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> str:
    """The query argument as one string, with the dash words restored."""
    return " ".join(word.removeprefix(_DASH_WORD) for word in value)
