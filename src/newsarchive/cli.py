"""The command line: options in, one library call, output out. Keep it thin."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from newsarchive import __version__
from newsarchive.export import FORMATS as EXPORT_FORMATS
from newsarchive.query_options import QueryCommand, article_filters, query_words

# Every command, even `--help`, pays for what this module imports: the extraction rules
# (compiled patterns), the readers and the ingest machinery cost most of a second's
# start-up, so each command imports what it runs inside itself (`search` never loads
# the extractor).
if TYPE_CHECKING:
    from newsarchive.ingest import FileResult
    from newsarchive.search import Filters
    from newsarchive.store import Store

DEFAULT_DB = "newsarchive.db"


def default_db() -> str:
    return os.environ.get("NEWSARCHIVE_DB") or DEFAULT_DB


def with_store(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add `--db PATH` and hand the command an open Store; database errors become one line."""

    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=default_db,
                  show_default="$NEWSARCHIVE_DB or ./newsarchive.db",
                  help="Database file (created if missing).")
    @functools.wraps(command)
    def wrapper(db_path: str, **kwargs: Any) -> Any:
        from newsarchive.store import Store, StoreError

        try:
            store = Store(db_path)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        try:
            return command(store, **kwargs)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # `newsarchive export | head`: the reader left; that is not an error.
            sys.stderr.close()
            sys.exit(0)
        finally:
            store.close()

    return wrapper


def query_errors_exit_2(command: Callable[..., Any]) -> Callable[..., Any]:
    """A malformed query is a usage error: one line, exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsarchive.search import QueryError

        try:
            return command(*args, **kwargs)
        except QueryError as exc:
            message = str(exc)
            raise click.UsageError(message if message.startswith("--") else f"bad query: {message}") from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
def cli() -> None:
    """Turn a folder of mailing-list article dumps into a searchable news archive.

    \b
    Example:
        newsarchive ingest ~/archives/salon/
        newsarchive search "Wang Yi" --limit 5
    """


class SizeParam(click.ParamType):
    """A byte size: `512M`, `2G`, `100k` or a plain number of bytes."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from newsarchive.readers.source import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except (ValueError, IndexError):
            self.fail(f"{value!r} is not a size like 512M or 2G", param, ctx)


class ReadersDefault(click.Option):
    """--max-size, whose default is the readers' own (DEFAULT_MAX_SIZE), looked up only
    when the option needs it: importing the readers to build the command line would
    cost every other command their start-up."""

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        from newsarchive.readers.source import DEFAULT_MAX_SIZE, format_size

        return format_size(DEFAULT_MAX_SIZE).replace(" ", "")


@cli.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="No progress and no per-file lines.")
@click.option("--max-size", cls=ReadersDefault, type=SizeParam(), show_default=True,
              help="Most bytes one file may give once decompressed (a guard against gzip bombs).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="Summary as text or as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="number of cores", help="Processes parsing files in parallel.")
@click.option("--force", is_flag=True,
              help="Parse every file again, even those unchanged since the last ingest.")
@with_store
def ingest_command(store: Store, paths: tuple[str, ...], quiet: bool, max_size: int, fmt: str,
                   jobs: int, force: bool) -> None:
    """Read dumps from files or folders (recursively) into the database.

    Files unchanged since the last ingest are not parsed again; a file that failed is
    retried. Duplicates (the same article forwarded again, or nearly the same text) are
    folded into the stored article. A file that cannot be read is reported on one line
    and skipped; the exit status is 1 when any file failed (see `newsarchive errors`).

    \b
    Example:
        newsarchive ingest fixtures/
        newsarchive ingest --db salon.db --jobs 4 ~/mail/salon/
        newsarchive ingest --force ~/mail/salon-2025-July.txt
        newsarchive ingest --max-size 2G ~/mail/salon.mbox.gz
    """
    from newsarchive.ingest import ingest
    from newsarchive.progress import IngestProgress
    from newsarchive.store import StoreError

    progress = IngestProgress(sys.stderr, enabled=not quiet and sys.stderr.isatty())

    def on_file(result: FileResult) -> None:
        if result.error and not quiet:
            progress.message(f"error: {result.path}: {result.error}")
        progress.file_done(result.size, result.articles)

    try:
        summary = ingest(store, paths, on_file=on_file, on_start=progress.start, jobs=jobs,
                         force=force, max_size=max_size, on_part=progress.file_part)
    except StoreError as exc:
        progress.finish()
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        # The batch being written is rolled back; every one committed before it stays.
        progress.finish()
        click.echo("interrupted: what was stored so far is kept; run the same command again to "
                   "finish (files already stored are not read again)", err=True)
        sys.exit(130)
    progress.finish()
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), indent=2))
    else:
        counts = summary.counts
        skipped = f", {summary.files_skipped} skipped" if summary.files_skipped else ""
        click.echo(
            f"{summary.files_read} files read, {summary.files_unchanged} unchanged{skipped}, "
            f"{summary.files_failed} failed; articles: {counts.added} added, "
            f"{counts.updated} updated, {counts.unchanged} unchanged, "
            f"{summary.articles_folded} folded as duplicates"
        )
    if summary.files_failed:
        sys.exit(1)


@cli.command(name="errors")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="One line per file, or JSON.")
@with_store
def errors_command(store: Store, fmt: str) -> None:
    """List the files the last ingests could not read, with the reason.

    A file stays listed until an ingest reads it successfully.

    \b
    Example:
        newsarchive errors
        newsarchive errors --format json
    """
    errors = store.list_errors()
    if fmt == "json":
        click.echo(json.dumps(errors, ensure_ascii=False, indent=2))
        return
    for error in errors:
        click.echo(f"{error['path']}: {error['reason']} ({error['failed_at']})")


@cli.command(name="search", cls=QueryCommand)
@click.argument("query", nargs=-1, callback=query_words)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True, help="Table for people; JSON or CSV for tools.")
@article_filters(default_limit=20, default_sort="relevance with words to rank, else newest")
@with_store
@query_errors_exit_2
def search_command(store: Store, query: str, fmt: str, filters: Filters) -> None:
    """Search articles, best match first.

    \b
    All words must match. Also: "exact phrase", OR, NOT word or -word, prefix*,
    (groups), headline: dek: body: author: person: publication: list: scopes,
    and date:2025-07..2025-09, date:2024.., date:2025-07-11. With no query, the
    filters alone choose, newest first. Matched words are marked **like this**.

    \b
    Example:
        newsarchive search Rubio
        newsarchive search '"foreign minister" China -Taiwan' --format json
        newsarchive search 'headline:tariff* (Japan OR Korea)' --since 2025-07
        newsarchive search --author "Dewey Sim" --sort oldest --format csv
    """
    from newsarchive.export import write_hits
    from newsarchive.render import MARK, render_hits_table, terminal_width, use_color
    from newsarchive.search import HIT_FIELDS, search

    hits = search(store, query, limit=filters.limit, offset=filters.offset, mark=MARK,
                  filters=filters)
    if fmt == "table":
        click.echo(render_hits_table(hits, terminal_width(), use_color(sys.stdout)))
    else:
        write_hits(hits, sys.stdout, fmt, HIT_FIELDS)


@cli.command(name="show")
@click.argument("article_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Readable text, or the export object.")
@with_store
def show_command(store: Store, article_id: str, fmt: str) -> None:
    """Show one article by id (a unique prefix of it is enough).

    \b
    Example:
        newsarchive show 528f2e085de9f933
        newsarchive show 528f2e --format json
    """
    from newsarchive.render import render_article, terminal_width

    article = store.get_article(article_id)
    if article is None:
        matches = store.find_ids_by_prefix(article_id) if len(article_id) >= 4 else []
        if len(matches) == 1:
            article = store.get_article(matches[0])
        elif len(matches) > 1:
            raise click.ClickException(
                f"id prefix {article_id!r} matches several articles: {', '.join(matches)}")
        else:
            raise click.ClickException(f"no article with id {article_id!r}")
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
    else:
        click.echo(render_article(article, terminal_width(100)), nl=False)


@cli.command(name="export", cls=QueryCommand)
@click.argument("query", nargs=-1, callback=query_words)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="json",
              show_default=True, help="JSON array, JSON Lines, or CSV (lists joined with '; ').")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (atomically) instead of standard output.")
@article_filters(default_limit=None, default_sort="oldest")
@with_store
@query_errors_exit_2
def export_command(store: Store, query: str, fmt: str, output: str | None,
                   filters: Filters) -> None:
    """Export articles (all, or those the query and filters choose), oldest first.

    Takes the query language and the filters of `search`. Articles are streamed one
    at a time; with -o the file is replaced only once it is complete.

    \b
    Example:
        newsarchive export -o archive.json
        newsarchive export Rubio --format jsonl > rubio.jsonl
        newsarchive export --publication Reuters --since 2025-07 --format csv -o reuters.csv
    """
    from newsarchive.export import atomic_output, write_articles
    from newsarchive.search import select

    articles = select(store, query, filters, default_sort="oldest")
    if output:
        try:
            with atomic_output(output) as handle:
                count = write_articles(articles, handle, fmt)
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror or exc}") from None
        click.echo(f"{count} article{'' if count == 1 else 's'} written to {output}", err=True)
    else:
        write_articles(articles, sys.stdout, fmt)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Per-field table, or JSON with every miss.")
@click.option("--misses", is_flag=True, help="List every wrong field under the table.")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False),
              help="JSON of per-figure floors; exit 1 when a figure falls below its floor.")
def eval_command(gold_dir: str, fmt: str, misses: bool, floors: str | None) -> None:
    """Measure extraction against a folder of dumps with `.gold.json` files.

    Exact-match accuracy for headline, publication, authors (as a set), dateline and
    published; token precision / recall / F1 for the body; removed blocks by kind.

    \b
    Example:
        newsarchive eval fixtures/gold
        newsarchive eval fixtures/gold --misses --floors tests/eval_floors.json
    """
    from pathlib import Path

    from newsarchive.evaluate import check_floors, evaluate, render_table

    result = evaluate(Path(gold_dir))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(result, show_misses=misses), nl=False)
    if floors:
        below = check_floors(result.scores(), json.loads(Path(floors).read_text()))
        for line in below:
            click.echo(f"below floor: {line}", err=True)
        if below:
            sys.exit(1)


@cli.command(name="stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text with a histogram, or JSON.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many publications and people to list.")
@with_store
def stats_command(store: Store, fmt: str, top: int) -> None:
    """What the archive holds: counts, date range, top publications and people,
    and articles per month as a histogram.

    \b
    Example:
        newsarchive stats
        newsarchive stats --format json --top 20
    """
    from newsarchive.render import terminal_width, use_color
    from newsarchive.stats import render_stats

    stats = store.stats(top=top)
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        click.echo(render_stats(stats, terminal_width(), use_color(sys.stdout)))


@cli.command(name="people")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
              help="Most people to show (default: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Table for people, JSON for tools.")
@with_store
def people_command(store: Store, limit: int | None, fmt: str) -> None:
    """People in the archive, by number of articles (as author or mentioned).

    \b
    Example:
        newsarchive people --limit 20
        newsarchive people --format json > people.json
    """
    from newsarchive.person_report import people_listing, render_people_table
    from newsarchive.render import terminal_width

    people = people_listing(store, limit)
    if fmt == "json":
        click.echo(json.dumps(people, ensure_ascii=False, indent=2))
    else:
        click.echo(render_people_table(people, terminal_width()))


@cli.command(name="person")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Table for people, JSON for tools.")
@with_store
def person_command(store: Store, name: str, fmt: str) -> None:
    """One person's articles, newest first, and who is named with them most often.

    NAME is a full name, a surname or an alias; case and accents do not matter.

    \b
    Example:
        newsarchive person "Wang Yi"
        newsarchive person rubio --format json
    """
    from newsarchive.person_report import PersonLookupError, person_report, render_person
    from newsarchive.render import terminal_width

    try:
        report = person_report(store, name)
    except PersonLookupError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(render_person(report, terminal_width()))
