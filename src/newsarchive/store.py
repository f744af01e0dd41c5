"""The SQLite store: schema, full-text index, upserts, migrations. The only module with SQL.

Layout (sqlite-utils conventions, so Datasette opens it with search working):
- `articles`: one row per article, keyed by the content-derived `id`; list-valued
  fields (`authors`, `captions`, `removed`, `archive`, `source`) are JSON text.
- `articles_fts`: FTS5 over headline, dek, body and authors, external-content on
  `articles`, kept in sync by triggers, so an update can never leave it stale.
- `meta`: key/value, holds `schema_version` for migrations.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from newsarchive.names import fold_name, name_parts

ARTICLE_COLUMNS: dict[str, type] = {
    "id": str,
    "list": str,
    "subject": str,
    "headline": str,
    "dek": str,
    "publication": str,
    "authors": str,
    "dateline": str,
    "published": str,
    "sent": str,
    "body": str,
    "captions": str,
    "author_bio": str,
    "removed": str,
    "archive": str,
    "source": str,
    "sources": str,
    "word_count": int,
    "fingerprint": str,
    "people": str,
}
# Who is in which article: `article_rowid` and `published` are the article's, so a
# person's articles are one range of ARTICLE_PEOPLE_INDEX, in date order, with no
# look-up of the articles (see Store._person_page).
ARTICLE_PEOPLE_COLUMNS: dict[str, type] = {"article_id": str, "person_id": int, "role": str,
                                           "mentions": int, "roles": str, "article_rowid": int,
                                           "published": str}
ARTICLE_PEOPLE_INDEX = "idx_article_people_person_date"
JSON_COLUMNS = ("authors", "captions", "removed", "archive", "source", "sources", "people")
FTS_COLUMNS = ["headline", "dek", "body", "authors"]
# bm25 weights in FTS_COLUMNS order: a word in the headline counts most, then the dek.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 2.0)
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
# The ingest writer's page cache, in KiB (see Store.tune_for_ingest).
INGEST_CACHE_KB = 32 * 1024
# Near-duplicate candidates compared at most, and how many stored rows a sketch value
# has when it counts as common (see Store.sketch_candidates).
SKETCH_CANDIDATES = 5
SKETCH_PROBE = 64


def _migration_1_articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"id"}, if_not_exists=True)
    db["articles"].create_index(["published"], if_not_exists=True)
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    if not db["articles_fts"].exists():
        db["articles"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE)


def _migration_search_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the --publication / --list filters, and for date order (newest or
    oldest first, undated last) so a listing or an export streams without a sort."""
    db["articles"].create_index(["publication"], if_not_exists=True)
    db["articles"].create_index(["list"], if_not_exists=True)
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_oldest "
               "ON articles (published IS NULL, published, id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_newest "
               "ON articles (published IS NULL, published DESC, id DESC)")


def _migration_3_people(db: sqlite_utils.Database) -> None:
    """The person index: people, their name keys, and who is in which article."""
    if "people" not in db["articles"].columns_dict:
        db["articles"].add_column("people", str)
    db["people"].create({"id": int, "name": str, "key": str, "aliases": str, "roles": str,
                         "articles": int, "mentions": int}, pk="id", if_not_exists=True)
    db["people"].create_index(["key"], unique=True, if_not_exists=True)
    db["person_keys"].create({"key": str, "person_id": int, "kind": str},
                             pk=("key", "person_id"), if_not_exists=True)
    db["person_keys"].create_index(["person_id"], if_not_exists=True)
    # Today's columns (ARTICLE_PEOPLE_COLUMNS), not those of this step's day: the backfill
    # below writes links as the writer does now (with `article_rowid`, which step 6 adds
    # to tables made before it). Its person index is step 6's too.
    db["article_people"].create(ARTICLE_PEOPLE_COLUMNS, pk=("article_id", "person_id", "role"),
                                if_not_exists=True)
    # Articles stored before this step keep their bylines findable: index their authors
    # now (people mentioned come with the next ingest of those files).
    conn = db.conn
    rows = conn.execute("SELECT id, authors FROM articles").fetchall()
    for article_id, authors in rows:
        save_article_people(conn, {"id": article_id, "authors": json.loads(authors or "[]"),
                                   "people": []})
    conn.commit()


def _migration_ingest_bookkeeping(db: sqlite_utils.Database) -> None:
    """Incremental ingest (`files`), failures (`errors`), dedupe keys, `sources` lists."""
    if "sources" not in db["articles"].columns_dict:
        db.execute("ALTER TABLE articles ADD COLUMN sources TEXT")
    db.execute("""CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        content_hash TEXT, status TEXT NOT NULL, articles INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE IF NOT EXISTS errors (
        path TEXT PRIMARY KEY, reason TEXT NOT NULL, failed_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE IF NOT EXISTS dedupe_body (
        article_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL) WITHOUT ROWID""")
    db.execute("CREATE INDEX IF NOT EXISTS dedupe_body_hash ON dedupe_body (body_hash)")
    db.execute("""CREATE TABLE IF NOT EXISTS dedupe_sketch (
        value INTEGER NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (value, article_id)) WITHOUT ROWID""")


def _migration_fts_update_trigger(db: sqlite_utils.Database) -> None:
    """Re-index an article's text only when an indexed column is written.

    sqlite-utils' update trigger fires on any UPDATE, so adding a source to a stored
    article (every duplicate folded into it) tokenised its whole body out of the index
    and back in. Same name and body, so sqlite-utils and Datasette see the usual trigger.
    """
    columns = ", ".join(f'"{c}"' for c in FTS_COLUMNS)
    values = ", ".join(f'old."{c}"' for c in FTS_COLUMNS)
    new_values = ", ".join(f'new."{c}"' for c in FTS_COLUMNS)
    sql = (f'CREATE TRIGGER "articles_au" AFTER UPDATE OF {columns} ON "articles" BEGIN\n'
           f'  INSERT INTO "articles_fts" ("articles_fts", rowid, {columns}) '
           f"VALUES('delete', old.rowid, {values});\n"
           f'  INSERT INTO "articles_fts" (rowid, {columns}) VALUES (new.rowid, {new_values});\n'
           "END")
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                     "AND name = 'articles_au'").fetchone()
    if row is None or row[0] == sql:
        return  # no index to keep in step (another tool dropped it), or done already
    conn = db.conn  # both statements in one transaction: never a moment without the trigger
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute('DROP TRIGGER "articles_au"')
        conn.execute(sql)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migration_6_link_order(db: sqlite_utils.Database) -> None:
    """Each person link keeps its article's rowid and date, indexed in date order.

    A person search gathered a person's rowids by looking each link's article up by its
    id (1.2 ms for a poster with 1,764 articles, a quarter of their page), then walked
    the date index until 20 of them turned up. The index (person_id, role, published,
    article_id, article_rowid) answers both alone: a person's rowids are one range of
    it, and their newest (or oldest) page its first rows. It replaces the index on
    person_id (its prefix). A rowid is an article's for good: the writer updates rows in
    place and never deletes one, and the full-text index already relies on it.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")  # the columns too: another process may be opening it as well
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(article_people)")}
        for column, kind in (("article_rowid", "INTEGER"), ("published", "TEXT")):
            if column not in columns:
                conn.execute(f"ALTER TABLE article_people ADD COLUMN {column} {kind}")
        conn.execute("UPDATE article_people SET (article_rowid, published) = "
                     "(SELECT rowid, published FROM articles WHERE articles.id = article_people.article_id)")
        conn.execute("DROP INDEX IF EXISTS idx_article_people_person_id")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {ARTICLE_PEOPLE_INDEX} "
                     "ON article_people (person_id, role, published, article_id, article_rowid)")
        # Another tool deleting an article takes its links along: SQLite gives the last
        # rowid to the next row inserted, and a link left behind would then name it.
        conn.execute('CREATE TRIGGER IF NOT EXISTS "article_people_ad" AFTER DELETE ON "articles" '
                     "BEGIN DELETE FROM article_people WHERE article_id = old.id; END")
        # And a date another tool changes (or the writer's re-parse) reaches the links;
        # an upsert that leaves the date alone does not fire it.
        conn.execute('CREATE TRIGGER IF NOT EXISTS "article_people_au" AFTER UPDATE OF published '
                     'ON "articles" WHEN old.published IS NOT new.published BEGIN '
                     "UPDATE article_people SET published = new.published WHERE article_id = new.id; END")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# Schema steps in order; step N brings a database to schema_version N. Append, never edit.
MIGRATIONS = [_migration_1_articles, _migration_search_indexes, _migration_3_people,
              _migration_ingest_bookkeeping, _migration_fts_update_trigger, _migration_6_link_order]
SCHEMA_VERSION = len(MIGRATIONS)


_UPSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)}) ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS if c != "id"))
# json.dumps(value, ensure_ascii=False) builds an encoder on every call; these are built
# once (the writer encodes several values per article).
_to_json = json.JSONEncoder(ensure_ascii=False).encode
_to_sorted_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


# A filter as SQL for a WHERE clause over `articles`, with its parameters. Built only by
# the Store methods below; search.py combines them with all_of / any_of / negate.
Condition = tuple[str, list[Any]]


class PersonCondition(tuple):  # type: ignore[type-arg]
    """Store.person_filter's Condition, which also knows whose articles it selects, so a
    page that it alone decides can be read from the person index (Store._person_page)."""

    person: tuple[str, bool]  # the name as given, author_only

    def __new__(cls, sql: str, params: list[Any], person: tuple[str, bool]) -> PersonCondition:
        condition = super().__new__(cls, (sql, params))
        condition.person = person
        return condition


def _linked_rowids(author_only: bool) -> str:
    """SQL (parameter: a name key): the rowids of the articles the person index links to
    the people of that key, as `article_rowid`."""
    role = " AND ap.role = 'author'" if author_only else ""
    return ("SELECT ap.article_rowid AS article_rowid FROM article_people ap "
            f"JOIN person_keys pk ON pk.person_id = ap.person_id WHERE pk.key = ?{role}")


def _bylines_naming(folded: str, linked: str, linked_params: list[Any]) -> Condition:
    """Rows of `articles byline` whose byline names `folded` and whose rowid `linked`
    (SQL giving rowids) does not give: the articles other tools wrote, with no person
    links. The full-text index on `authors` narrows the rows first and `linked` is taken
    out before any article is read (EXCEPT over rowids), so the exact folded comparison
    (a Python function) runs only on those few rows, not on a prolific author's every
    article."""
    phrase = "authors : " + '"' + folded.replace('"', '""') + '"'
    return ("byline.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            f"EXCEPT {linked}) AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(byline.authors) "
            "THEN byline.authors ELSE '[]' END) AS author "
            "WHERE author.type = 'text' AND (newsarchive_fold(author.value) = ? "
            "OR newsarchive_fold(author.value) LIKE ? ESCAPE '\\'))",
            [phrase, *linked_params, folded, "% " + _like_escape(folded)])


SORTS = ("relevance", "newest", "oldest")
# Articles with no date sort last whichever way. Each matches an index exactly
# (see _migration_search_indexes), so date order needs no sort.
_ORDER = {
    "newest": "articles.published IS NULL, articles.published DESC, articles.id DESC",
    "oldest": "articles.published IS NULL, articles.published, articles.id",
}
NAME_COLUMNS = ("publication", "list")
# Above this many matching names a name filter folds each row rather than list them.
MAX_IN_NAMES = 500
# Rows tied on relevance past the last place of a page that a search still sorts from the
# index alone (see Store._best_ranked).
TIE_MARGIN = 50
# A person linked to at least 1/PROLIFIC_SHARE of the articles (and PROLIFIC_MIN) is
# looked up by walking an index in the page's order (Store.person_filter): a page then
# fills within about 20 * PROLIFIC_SHARE rows, and at worst (all of their articles at
# the far end) the walk reads the whole index, a few times what sorting them would cost.
PROLIFIC_SHARE = 50
PROLIFIC_MIN = 200
# Pages of one person's articles up to this many rows (offset included) are read from
# the person index (Store._person_page); an export-sized selection streams through the
# general query instead of being held whole.
PERSON_PAGE_ROWS = 500


def fold_words(text: str | None) -> str | None:
    """A name as compared: accents and case folded, words separated by one space.

    `Dewey Sim`, `dewey  SIM` and `Déwey Sim.` all fold to `dewey sim`; `Japan-Watch`
    folds to `japan watch`. Registered in SQLite as newsarchive_fold().
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.findall(r"[^\W_]+", plain))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# The body's best passage and the dek's (for a match only there), split by a NUL; the
# four parameters are the two marks twice.
# Rows whose snippets one query makes (a page is 20; an export-sized page is split).
SNIPPET_ROWS = 500
SNIPPET_SQL = ("COALESCE(snippet(articles_fts, 2, ?, ?, '…', 20), '') || char(0) || "
               "COALESCE(snippet(articles_fts, 1, ?, ?, '…', 20), '')")


class StoreError(Exception):
    """A database that cannot be opened or used: the message is for the user."""


@dataclass
class SaveCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: SaveCounts) -> SaveCounts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._savepoints = 0
        self._flat = False
        # Sketch values seen to have more than SKETCH_PROBE rows (see sketch_candidates).
        self._common_sketch_values: set[int] = set()
        try:
            conn = sqlite3.connect(self.path, timeout=30)
            # Used only in our own queries (never in the schema), so plain sqlite3 and
            # Datasette open the file without it.
            conn.create_function("newsarchive_fold", 1, fold_words, deterministic=True)
            self.db = sqlite_utils.Database(conn)
            # WAL lets searches read while an ingest writes.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def tune_for_ingest(self) -> None:
        """Settings for the connection of an ingest's one writer (this connection only).

        SQLite's default page cache (2 MB) is far smaller than what an ingest touches
        (the dedupe and people indexes are written at random places), so pages were read
        again and again; 32 MB is a cap, taken only as pages are used. Sorts and
        temporary b-trees (the sketch look-up's GROUP BY) stay in memory. Durability is
        unchanged: WAL with synchronous=NORMAL.
        """
        self.db.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KB}")
        self.db.execute("PRAGMA temp_store = MEMORY")

    @contextmanager
    def transaction(self, *, flat: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction on the raw connection: committed whole or rolled back.

        BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
        (up to the connection timeout) instead of failing half-way.

        `flat`: the transactions opened inside this one (by the store's own methods) take
        no savepoints of their own; a failure in any of them undoes all of this one. A
        savepoint is not free: each one makes the full-text index write out what it
        holds in memory, so an ingest's file is one unit, not one per statement.
        """
        conn = self.db.conn
        if self._flat:
            yield conn  # the flat transaction around this one undoes it on failure
            return
        if conn.in_transaction:
            # Nested (a file inside an ingest batch): a savepoint, so the inner part can
            # be undone alone and the outer transaction still commits whole or not at all.
            self._savepoints += 1
            name = f"sp{self._savepoints}"  # by depth: the statement cache keeps it
            conn.execute(f"SAVEPOINT {name}")
            self._flat = flat
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            finally:
                self._flat = False
                self._savepoints -= 1
            conn.execute(f"RELEASE {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        self._flat = flat
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            self._flat = False
        conn.execute("COMMIT")

    # -- schema -------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION, one numbered step at a time."""
        version = self._schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version} is newer than this newsarchive "
                f"({SCHEMA_VERSION}); upgrade newsarchive"
            )
        for number, step in enumerate(MIGRATIONS, start=1):
            if version < number:
                step(self.db)
                self._set_schema_version(number)

    def _schema_version(self) -> int:
        if not self.db["meta"].exists():
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _set_schema_version(self, version: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [str(version)],
            )

    # -- writes -------------------------------------------------------------------------

    def save_articles(self, articles: Iterable[dict[str, Any]], *,
                      new: bool = False, values: Iterable[list[Any] | None] | None = None
                      ) -> SaveCounts:
        """Insert or update articles in one transaction: all of them or none.

        `new`: the caller has just found that no article has these ids, so they are not
        looked up again (nor their person links, which only a stored article has).
        `values`: each article's article_values(), when already made (by the parser
        processes, so that the one writer does not encode them); None for one not made.
        """
        counts = SaveCounts()
        articles = list(articles)
        made = list(values) if values is not None else [None] * len(articles)
        with self.transaction() as conn:
            for article, row in zip(articles, made, strict=True):
                if row is None:
                    row = article_values(article)
                existing = None if new else conn.execute(
                    "SELECT fingerprint, rowid FROM articles WHERE id = ?", [row[_ID]]
                ).fetchone()
                if existing and existing[0] == row[_FINGERPRINT]:
                    counts.unchanged += 1
                    continue
                cursor = conn.execute(_UPSERT_ARTICLE, row)
                # An update keeps the row (and its rowid); lastrowid is an insert's only.
                rowid = existing[1] if existing else cursor.lastrowid
                save_article_people(conn, article, new=not existing, stored=(rowid, row[_PUBLISHED]))
                if existing:
                    counts.updated += 1
                else:
                    counts.added += 1
        return counts

    # -- reads --------------------------------------------------------------------------

    def count_articles(self) -> int:
        return self.db["articles"].count

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cursor.fetchone()
        return row_to_article(_as_dict(cursor, row)) if row else None

    def find_ids_by_prefix(self, prefix: str, limit: int = 5) -> list[str]:
        cursor = self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            [prefix, prefix + "\uffff", limit],
        )
        return [row[0] for row in cursor]

    def iter_articles(self, fts_query: str | None = None) -> Iterator[dict[str, Any]]:
        """Every article (or every match of an FTS5 query), oldest first, one at a time."""
        return self.select_articles(match=fts_query, sort="oldest")

    def search(self, fts_query: str, limit: int = 20, offset: int = 0,
               mark: tuple[str, str] = ("**", "**")) -> list[dict[str, Any]]:
        """Best matches of an FTS5 expression: bm25 over the weighted columns, ties newest first."""
        return list(self.select_articles(match=fts_query, sort="relevance", limit=limit,
                                         offset=offset, mark=mark))

    # -- filters: each returns a Condition ------------------------------------------------

    def fts_condition(self, fts_query: str) -> Condition:
        """Articles matching an FTS5 expression (as built by search.py)."""
        return ("articles.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [fts_query])

    def person_filter(self, name: str, author_only: bool = False) -> PersonCondition:
        """Articles by or mentioning a person (by only, with `author_only`).

        NAME is a full name, a surname or a short form an article used (`Rubio`, `Wang`,
        `von der Leyen`), folded as names.py says: `sim`, `Dewey Sim` and `DEWEY SIM`
        find `Dewey Sim`; `sim` does not find `Simpson`, nor `dewey` Dewey Sim. The
        person index answers; bylines are also read directly, so rows written by other
        tools (plain sqlite3) are found by their authors.
        """
        key = fold_name(name)
        indexed = _linked_rowids(author_only)
        rowids = indexed
        params: list[Any] = [key]
        folded = fold_words(name) or ""
        if folded:
            # Bylines read directly (see _bylines_naming); the person index's rows are
            # computed once.
            bylines, byline_params = _bylines_naming(folded, "SELECT article_rowid FROM by_index", [])
            rowids = (f"WITH by_index AS MATERIALIZED ({indexed}) SELECT article_rowid FROM by_index "
                      f"UNION ALL SELECT byline.rowid FROM articles byline WHERE {bylines}")
            params += byline_params
        # `+` hides the rowid list from the planner for a prolific person, so a page in
        # date order walks the date index and tests each row (it fills within a few hundred
        # rows) instead of reading and sorting all of their articles.
        walk = "+" if self._is_prolific(key, author_only) else ""
        return PersonCondition(f"{walk}articles.rowid IN ({rowids})", params, (name, author_only))

    def _person_page(self, person: tuple[str, bool], sort: str, limit: int,
                     offset: int) -> list[int] | None:
        """The rowids of one page of a person's articles in date order, from the person
        index: each (person, role) range is already in date order there, so the page is
        the first offset + limit rows of each, merged, plus the few rows other tools wrote
        (by their bylines). None when a date is not text (another tool's): then the
        caller's query orders them as SQLite does."""
        name, author_only = person
        key, folded = fold_name(name), fold_words(name) or ""
        want = offset + limit
        if want <= 0:
            return []
        conn = self.db.conn
        role = " AND role = 'author'" if author_only else ""
        streams = conn.execute(
            "SELECT DISTINCT person_id, role FROM article_people WHERE person_id IN "
            f"(SELECT person_id FROM person_keys WHERE key = ?){role}", [key]).fetchall()
        # Undated articles go last both ways: newest is the index read backwards (NULL
        # sorts first); oldest reads the dated rows, then the undated ones.
        parts = (["ORDER BY published DESC, article_id DESC"] if sort == "newest" else
                 ["AND published IS NOT NULL ORDER BY published, article_id",
                  "AND published IS NULL ORDER BY article_id"])
        rows: dict[int, tuple[str | None, str]] = {}
        for person_id, person_role in streams:
            for part in parts:
                rows.update((rowid, (published, article_id)) for rowid, published, article_id in conn.execute(
                    "SELECT article_rowid, published, article_id FROM article_people "
                    f"WHERE person_id = ? AND role = ? AND article_rowid IS NOT NULL {part} LIMIT ?",
                    [person_id, person_role, want]))
        if folded:
            bylines, byline_params = _bylines_naming(folded, _linked_rowids(author_only), [key])
            rows.update((rowid, (published, article_id)) for rowid, published, article_id in conn.execute(
                f"SELECT byline.rowid, byline.published, byline.id FROM articles byline WHERE {bylines}",
                byline_params))
        if any(type(published) not in (str, type(None)) or type(article_id) is not str
               for published, article_id in rows.values()):
            return None
        if sort == "newest":
            order = sorted(rows, key=lambda r: (rows[r][0] is not None, rows[r][0] or "", rows[r][1]),
                           reverse=True)
        else:
            order = sorted(rows, key=lambda r: (rows[r][0] is None, rows[r][0] or "", rows[r][1]))
        return order[offset:want]

    def _is_prolific(self, key: str, author_only: bool) -> bool:
        """The person index links at least 1/PROLIFIC_SHARE of the archive's articles to
        this name key (counted up to that many only)."""
        enough = self._last_rowid() // PROLIFIC_SHARE
        if enough < PROLIFIC_MIN:
            return False
        linked = self.db.execute(f"SELECT count(*) FROM ({_linked_rowids(author_only)} LIMIT ?)",
                                 [key, enough]).fetchone()[0]
        return linked >= enough

    def _last_rowid(self) -> int:
        """The highest article rowid: the archive's size, near enough, read from the end
        of the table rather than counted."""
        return self.db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0

    def field_filter(self, column: str, value: str) -> Condition:
        """`publication` or `list` containing the words of `value` in order, folded.

        `reuters` finds `Reuters`, `south china` finds `South China Morning Post`,
        `japan` finds the list `Japan-Watch`; `ap` does not find `Japan Times`. An archive
        has few distinct names, so they are matched here and the condition is an IN on
        the indexed column.
        """
        if column not in NAME_COLUMNS:
            raise ValueError(f"not a name column: {column!r}")
        wanted = f" {fold_words(value) or ''} "
        names = [name for (name,) in self.db.execute(
            f"SELECT DISTINCT [{column}] FROM articles WHERE [{column}] IS NOT NULL")
            if wanted in f" {fold_words(name)} "]
        if not names:
            return "0", []
        if len(names) > MAX_IN_NAMES:
            # Too many to list as parameters: fold each row instead (slower, same answer).
            return (f"(' ' || COALESCE(newsarchive_fold(articles.[{column}]), '') || ' ') "
                    "LIKE ? ESCAPE '\\'", ["%" + _like_escape(wanted) + "%"])
        return f"articles.[{column}] IN ({', '.join('?' for _ in names)})", names

    def date_filter(self, start: str | None, end: str | None) -> Condition:
        """Published on or after ISO date `start` and before `end` (open when None)."""
        parts, params = [], []
        if start:
            parts.append("articles.published >= ?")
            params.append(start)
        if end:
            parts.append("articles.published < ?")
            params.append(end)
        if not parts:
            return "articles.published IS NOT NULL", []
        return "(" + " AND ".join(parts) + ")", params

    @staticmethod
    def all_of(conditions: Iterable[Condition]) -> Condition:
        return _combine(" AND ", conditions, "1")

    @staticmethod
    def any_of(conditions: Iterable[Condition]) -> Condition:
        return _combine(" OR ", conditions, "0")

    @staticmethod
    def negate(condition: Condition) -> Condition:
        # COALESCE: an unknown (NULL) date is "not in the range", so NOT keeps that row.
        return f"NOT COALESCE(({condition[0]}), 0)", list(condition[1])

    # -- the one query behind search and export -------------------------------------------

    def select_articles(self, where: Condition | None = None, match: str | None = None,
                        match_required: bool = True, sort: str = "relevance",
                        limit: int | None = None, offset: int = 0,
                        mark: tuple[str, str] | None = None,
                        columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Articles satisfying `where`, one at a time, in `sort` order.

        `match` is an FTS5 expression that ranks the hits (bm25 over the weighted
        columns) and gives the snippet; with `match_required` only its matches are
        returned, otherwise articles it does not match rank last with no snippet.
        With `mark` (for search hits) each article dict gains `score` (higher is better,
        0 without a match) and `snippet`; without it the dicts are export objects.
        With `columns` (and `mark`) each dict holds only those columns, and `body` where
        a hit has no snippet (the caller shows its opening instead): a page of hits then
        reads no body, captions or people it does not show.
        Relevance ties and unranked rows go newest first.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        if columns is not None:
            if not mark:
                raise ValueError("columns are for search hits (with mark)")
            unknown = set(columns) - set(ARTICLE_COLUMNS)
            if unknown:
                raise ValueError(f"unknown columns {sorted(unknown)}")
        if (isinstance(where, PersonCondition) and not match and limit is not None
                and 0 <= limit and 0 <= offset and offset + limit <= PERSON_PAGE_ROWS):
            # A page of one person's articles by date: from the person index, not a walk
            # down the date index testing each row (a prolific poster's newest 20 were
            # 2,150 rows down it) nor a read of every article of theirs to sort them.
            yield from self._person_page_articles(where.person, "oldest" if sort == "oldest" else "newest",
                                                  limit, offset, mark, columns)
            return
        # A page of search hits gets its snippets after ranking, for the shown rows only:
        # snippet() on every match before LIMIT was most of a search's cost. Both queries
        # run in one read transaction, so hits and snippets come from the same snapshot
        # while an ingest writes.
        page_snippets = bool(match and mark and limit is not None)
        # Bodies of hits with no snippet are read after the snippets (_page_with_snippets),
        # or here with the rest when snippets come inline.
        read = "articles.*" if columns is None else _column_list(
            "articles.", ["id", *columns, *([] if page_snippets else ["body"])])
        params: list[Any] = []
        select = f"SELECT {read}"
        join = ""
        if match:
            weights = ", ".join(str(w) for w in FTS_WEIGHTS)
            snippet = "NULL"
            if mark and not page_snippets:
                snippet = SNIPPET_SQL
                params.extend(mark * 2)
            join = (f" {'JOIN' if match_required else 'LEFT JOIN'} (SELECT rowid AS hit_rowid, "
                    f"bm25(articles_fts, {weights}) AS hit_rank, {snippet} AS hit_snippet "
                    "FROM articles_fts WHERE articles_fts MATCH ?) AS hits "
                    "ON hits.hit_rowid = articles.rowid")
            params.append(match)
            select += ", hits.hit_rowid, hits.hit_rank, hits.hit_snippet"
        if sort == "relevance" and match:
            order = f"hits.hit_rank IS NULL, hits.hit_rank, {_ORDER['newest']}"
        else:
            order = _ORDER["newest" if sort == "relevance" else sort]
        paged = limit is not None or bool(offset)
        if (limit is not None and match and match_required and not where and sort == "relevance"
                and self._ranked_page_fits(offset + limit)):
            # The page can only hold the best-ranked matches: pick them (and their scores)
            # from the index alone, then read and order just those, instead of joining
            # every match of a common word (20,000 rows) to its article to break ties.
            ranked = self._best_ranked(match, offset + limit)
            if not ranked:
                return
            values = ", ".join("(?, ?)" for _ in ranked)
            join = (" JOIN (SELECT column1 AS hit_rowid, column2 AS hit_rank, NULL AS hit_snippet "
                    f"FROM (VALUES {values})) AS hits ON hits.hit_rowid = articles.rowid")
            params = [value for pair in ranked for value in pair]
        if paged:
            # A page is chosen over rowids and sort keys only, then its rows are read:
            # sorting whole rows (bodies and all) of 20,000 matches of a common word cost
            # more than ranking them.
            hit_columns = ", hits.hit_rowid, hits.hit_rank, hits.hit_snippet" if match else ""
            sql = f"SELECT articles.rowid AS page_rowid{hit_columns} FROM articles{join}"
        else:
            sql = f"{select} FROM articles{join}"
        if where:
            sql += f" WHERE {where[0]}"
            params.extend(where[1])
        sql += f" ORDER BY {order}"
        if paged:
            sql += " LIMIT ? OFFSET ?"
            params.extend([-1 if limit is None else limit, offset])
            page_columns = ", hits.hit_rowid, hits.hit_rank, hits.hit_snippet" if match else ""
            sql = (f"SELECT {read}{page_columns} FROM ({sql}) AS hits "
                   f"JOIN articles ON articles.rowid = hits.page_rowid ORDER BY {order}")
        if page_snippets:
            rows, snippets = self._page_with_snippets(sql, params, match, mark,
                                                      read_bodies=columns is not None and "body" not in columns)
        else:
            cursor = self.db.execute(sql, params)
            rows, snippets = (_as_dict(cursor, row) for row in cursor), {}
        for data in rows:
            rowid = data.pop("hit_rowid", None)
            rank = data.pop("hit_rank", None)
            raw_snippet = data.pop("hit_snippet", None)
            snippet = _best_snippet(snippets.get(rowid, raw_snippet), mark)
            article = _row_to_hit(data, columns)
            if mark:
                article["score"] = round(-rank, 6) if rank is not None else 0.0
                article["snippet"] = snippet
            yield article

    def _person_page_articles(self, person: tuple[str, bool], sort: str, limit: int, offset: int,
                              mark: tuple[str, str] | None,
                              columns: Sequence[str] | None) -> Iterator[dict[str, Any]]:
        """The articles of _person_page, read in the same snapshot as its rows."""
        conn = self.db.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            page = self._person_page(person, sort, limit, offset)
            found: dict[int, dict[str, Any]] = {}
            if page:
                # No snippets here: a hit shows its body's opening, so the body is read.
                read = "*" if columns is None else _column_list("", ["id", "body", *columns])
                cursor = conn.execute(f"SELECT rowid AS page_rowid, {read} FROM articles WHERE rowid IN "
                                      f"({', '.join('?' for _ in page)})", page)
                for row in cursor:
                    data = _as_dict(cursor, row)
                    found[data.pop("page_rowid")] = data
            if page is None or len(found) < len(page):
                # Dates SQLite orders otherwise, or a link to a row gone: the general query.
                condition = self.person_filter(*person)
                rows = list(self.select_articles((condition[0], condition[1]), sort=sort, limit=limit,
                                                 offset=offset, mark=mark, columns=columns))
            else:
                rows = []
                for rowid in page:
                    article = _row_to_hit(found[rowid], columns)
                    if mark:
                        article["score"] = 0.0
                        article["snippet"] = None
                    rows.append(article)
        finally:
            if own:
                conn.execute("COMMIT")
        yield from rows

    def _ranked_page_fits(self, count: int) -> bool:
        """Whether _best_ranked's rows for a page of `count` can be bound in one statement
        (two values a row, ties included): SQLite refuses more bound values than its limit
        (32,766 by default, 999 before 3.32), so a bigger page takes the general query."""
        return 2 * (count + TIE_MARGIN + 1) <= self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)

    def _best_ranked(self, match: str, count: int) -> list[tuple[int, float]]:
        """(rowid, bm25) of the rows that fill the first `count` places by relevance
        (ties go newest first, which only the articles table knows): the `count` best
        scores and any rows tied with the last of them, up to TIE_MARGIN; past that,
        the rows better than the tie and the newest of the tied ones (_newest_of_tie)."""
        if count <= 0:
            return []
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        rows = self.db.conn.execute(
            f"SELECT rowid, bm25(articles_fts, {weights}) AS rank FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, count + TIE_MARGIN + 1]).fetchall()
        if len(rows) <= count:
            return rows
        last = rows[count - 1][1]
        if rows[-1][1] == last and len(rows) > count + TIE_MARGIN:  # more may tie, unseen
            better = [(rowid, rank) for rowid, rank in rows if rank < last]
            return better + self._newest_of_tie(match, last, count - len(better))
        return [(rowid, rank) for rowid, rank in rows if rank <= last]

    def _newest_of_tie(self, match: str, rank: float, count: int) -> list[tuple[int, float]]:
        """The newest `count` matches scoring exactly `rank`: in an archive, many
        messages share one headline (`Summary`, a digest's title), so hundreds of
        matches can tie on bm25. Joining every match to its article to order them cost
        2.5 x the bare query; now only the tied rows' dates are read (or, for a set of
        at least 1/PROLIFIC_SHARE of the archive, the date index is walked until they
        turn up, as for a prolific person)."""
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        tied = [rowid for (rowid,) in self.db.conn.execute(
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND bm25(articles_fts, {weights}) = ?",
            [match, rank])]
        walk = "+" if len(tied) * PROLIFIC_SHARE >= self._last_rowid() else ""
        newest = self.db.conn.execute(
            f"SELECT rowid FROM articles WHERE {walk}rowid IN (SELECT value FROM json_each(?)) "
            f"ORDER BY {_ORDER['newest']} LIMIT ?", [json.dumps(tied), count]).fetchall()
        return [(rowid, rank) for (rowid,) in newest]

    def _page_with_snippets(self, sql: str, params: list[Any], match: str, mark: tuple[str, str],
                            read_bodies: bool = False) -> tuple[list[dict[str, Any]], dict[int, str]]:
        """Rows of one page, then the snippets of its matched rows, in one snapshot; with
        `read_bodies`, the body of each row left with no snippet."""
        conn = self.db.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            cursor = conn.execute(sql, params)
            rows = [_as_dict(cursor, row) for row in cursor]
            rowids = [row["hit_rowid"] for row in rows if row.get("hit_rowid") is not None]
            snippets: dict[int, str] = {}
            for start in range(0, len(rowids), SNIPPET_ROWS):
                snippets.update(self._snippets(match, rowids[start:start + SNIPPET_ROWS], mark))
            if read_bodies:
                bare = [row for row in rows if _best_snippet(snippets.get(row["hit_rowid"]), mark) is None]
                for start in range(0, len(bare), SNIPPET_ROWS):
                    some = bare[start:start + SNIPPET_ROWS]
                    bodies = dict(conn.execute(f"SELECT id, body FROM articles WHERE id IN "
                                               f"({', '.join('?' for _ in some)})", [row["id"] for row in some]))
                    for row in some:
                        row["body"] = bodies.get(row["id"])
        finally:
            if own:
                conn.execute("COMMIT")
        return rows, snippets

    def _snippets(self, match: str, rowids: list[int], mark: tuple[str, str]) -> dict[int, str]:
        """The body and dek snippets of these matched rows, in one pass over the matches.

        `+rowid` keeps the rowid test out of FTS5's hands: given `rowid IN (…)` it seeks
        each rowid with a fresh MATCH, re-reading the query's doclists every time (for a
        phrase of two common words, more than the snippets cost); one scan of the
        matches, with snippets made only for the rows that pass, costs less."""
        marks = ", ".join("?" for _ in rowids)
        cursor = self.db.conn.execute(
            f"SELECT rowid, {SNIPPET_SQL} FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND +rowid IN ({marks})", [*mark, *mark, match, *rowids])
        return dict(cursor.fetchall())

    # -- people -------------------------------------------------------------------------

    def find_people(self, name: str) -> list[dict[str, Any]]:
        """People NAME can mean: those whose full name it is, else all it is the surname
        or a short form (alias) of; most articles first."""
        key = fold_name(name)
        exact = self._people_where("p.key = ?", [key]) if len(name.split()) > 1 else []
        if exact:
            return exact
        return self._people_where(
            "p.id IN (SELECT person_id FROM person_keys WHERE key = ?)", [key])

    def list_people(self, limit: int | None = None) -> list[dict[str, Any]]:
        """People by number of articles (as author or mentioned), then mentions."""
        return self._people_where("1", [], limit)

    def count_people(self) -> int:
        return self.db["people"].count

    def person_articles(self, person_id: int) -> list[dict[str, Any]]:
        """A person's articles, newest first, with how they are in each."""
        cursor = self.db.execute(
            "SELECT a.id, a.published, a.publication, a.headline, "
            "group_concat(ap.role, ',') AS roles_in, max(ap.mentions) AS mentions "
            "FROM article_people ap JOIN articles a ON a.id = ap.article_id "
            "WHERE ap.person_id = ? GROUP BY a.id "
            "ORDER BY a.published DESC, a.id", [person_id])
        rows = []
        for row in cursor:
            data = _as_dict(cursor, row)
            data["as"] = sorted(set(data.pop("roles_in").split(",")))
            rows.append(data)
        return rows

    def people_named_with(self, person_id: int, limit: int = 10) -> list[dict[str, Any]]:
        """Who else is in this person's articles most often (as author or mentioned)."""
        cursor = self.db.execute(
            "SELECT p.name, count(DISTINCT other.article_id) AS articles "
            "FROM article_people mine JOIN article_people other "
            "ON other.article_id = mine.article_id AND other.person_id != mine.person_id "
            "JOIN people p ON p.id = other.person_id WHERE mine.person_id = ? "
            "GROUP BY p.id ORDER BY articles DESC, p.name LIMIT ?", [person_id, limit])
        return [_as_dict(cursor, row) for row in cursor]

    def _people_where(self, condition: str, params: list[Any],
                      limit: int | None = None) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT p.id, p.name, p.articles, p.mentions, p.aliases, p.roles, "
            "(SELECT count(*) FROM article_people ap WHERE ap.person_id = p.id "
            "AND ap.role = 'author') AS as_author "
            f"FROM people p WHERE {condition} "
            "ORDER BY p.articles DESC, p.mentions DESC, p.name LIMIT ?",
            [*params, -1 if limit is None else limit])
        people = []
        for row in cursor:
            data = _as_dict(cursor, row)
            data["aliases"] = json.loads(data["aliases"] or "[]")
            data["roles"] = json.loads(data["roles"] or "[]")
            people.append(data)
        return people

    # -- statistics -------------------------------------------------------------------

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts over the whole archive, for `newsarchive stats`."""
        conn = self.db.conn
        (articles, messages, lists, publications, first, last) = conn.execute(
            # Messages: every copy an article was read from (its `sources`, duplicates
            # folded in included); a row without `sources` counts its one `source`.
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN json_valid(sources) AND "
            "json_type(sources) = 'array' THEN json_array_length(sources) ELSE 1 END), 0), "
            "COUNT(DISTINCT list), "
            "COUNT(DISTINCT publication), MIN(published), MAX(published) FROM articles"
        ).fetchone()
        top_publications = conn.execute(
            "SELECT publication, COUNT(*) AS n FROM articles WHERE publication IS NOT NULL "
            "GROUP BY publication ORDER BY n DESC, publication LIMIT ?", [top]).fetchall()
        per_month = conn.execute(
            "SELECT substr(published, 1, 7) AS month, COUNT(*) FROM articles "
            "WHERE published IS NOT NULL GROUP BY month ORDER BY month").fetchall()
        authors, top_authors = self._name_counts(top)
        people, top_people = self.people_counts(top)
        return {
            "articles": articles,
            "messages": messages,
            "lists": lists,
            "publications": publications,
            "authors": authors,
            "people": people,
            "first_published": first,
            "last_published": last,
            "undated": conn.execute(
                "SELECT COUNT(*) FROM articles WHERE published IS NULL").fetchone()[0],
            "top_publications": [{"name": n, "articles": c} for n, c in top_publications],
            "top_authors": top_authors,
            "top_people": top_people,
            "per_month": [{"month": m, "articles": c} for m, c in per_month],
        }

    def people_counts(self, top: int = 10) -> tuple[int, list[dict[str, Any]]]:
        """How many people (authors and people mentioned), and the `top` by articles."""
        return self.count_people(), [{"name": p["name"], "articles": p["articles"]}
                                     for p in self.list_people(top)]

    def _name_counts(self, top: int) -> tuple[int, list[dict[str, Any]]]:
        authors = ("FROM articles, json_each(CASE WHEN json_valid(articles.authors) "
                   "THEN articles.authors ELSE '[]' END) AS author WHERE author.type = 'text'")
        count = self.db.execute(
            f"SELECT COUNT(DISTINCT newsarchive_fold(author.value)) {authors}").fetchone()[0]
        rows = self.db.execute(
            f"SELECT MIN(author.value), COUNT(DISTINCT articles.id) AS n {authors} "
            "GROUP BY newsarchive_fold(author.value) ORDER BY n DESC, MIN(author.value) LIMIT ?",
            [top]).fetchall()
        return count, [{"name": name, "articles": n} for name, n in rows]

    # -- ingest bookkeeping: files seen, failures, dedupe keys -----------------------------

    def file_record(self, path: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM files WHERE path = ?", [path])
        row = cursor.fetchone()
        return _as_dict(cursor, row) if row else None

    def record_file(self, path: str, size: int, mtime_ns: int, content_hash: str | None,
                    status: str, articles: int = 0) -> None:
        """What the last ingest made of a file (status `ok`, `skipped` or `failed`)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO files (path, size, mtime_ns, content_hash, status, articles, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, "
                "content_hash = excluded.content_hash, status = excluded.status, "
                "articles = excluded.articles, ingested_at = excluded.ingested_at",
                [path, size, mtime_ns, content_hash, status, articles, _now()],
            )
            if status == "failed":
                return
            conn.execute("DELETE FROM errors WHERE path = ?", [path])

    def record_error(self, path: str, reason: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO errors (path, reason, failed_at) VALUES (?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, "
                "failed_at = excluded.failed_at",
                [path, reason, _now()],
            )

    def list_errors(self) -> list[dict[str, Any]]:
        cursor = self.db.execute("SELECT path, reason, failed_at FROM errors ORDER BY path")
        return [_as_dict(cursor, row) for row in cursor]

    def article_sources(self, article_id: str) -> list[dict[str, Any]] | None:
        """The `sources` list of a stored article; None when there is no such article."""
        row = self.db.execute("SELECT source, sources FROM articles WHERE id = ?",
                              [article_id]).fetchone()
        if row is None:
            return None
        if row[1]:
            return json.loads(row[1])
        return [json.loads(row[0])] if row[0] else []

    def set_sources(self, article_id: str, sources: list[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE articles SET sources = ? WHERE id = ?",
                         [_to_json(sources), article_id])

    def article_body(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def find_by_body_hash(self, body_hash: str) -> str | None:
        row = self.db.execute("SELECT article_id FROM dedupe_body WHERE body_hash = ? LIMIT 1",
                              [body_hash]).fetchone()
        return row[0] if row else None

    def sketch_candidates(self, sketch: list[int], min_shared: int) -> list[str]:
        """Articles whose sketch shares at least `min_shared` values, most shared first
        (ties by id, last first), at most SKETCH_CANDIDATES.

        Counting every stored row of the sketch's values (a GROUP BY over them) grew with
        the archive: a value that boilerplate gives thousands of articles matched them
        all, on every article that has it. So values found to have more than
        SKETCH_PROBE rows are remembered as common and not read again: an article
        sharing `min_shared` values misses at most len(sketch) - min_shared of them, so
        it has one of any len(sketch) - min_shared + 1 values, and the other values'
        rows (read whole) name every candidate; a candidate's count is then completed
        by a look-up of each common value. Which values count as common decides only
        the cost: the answer is the GROUP BY's, which is still asked when too few
        values are rare (_sketch_candidates_counted).
        """
        values = list(dict.fromkeys(sketch))
        need = len(values) - min_shared + 1
        if not values or need <= 0:
            return []
        if len(sketch) == 1:  # `IN (?)` is `= ?`: another plan, with ties the other way
            return self._sketch_candidates_counted(sketch, min_shared)
        known = self._common_sketch_values
        common = [value for value in values if value in known]
        rare = [value for value in values if value not in known] if common else values
        if len(rare) < need:
            return self._sketch_candidates_counted(sketch, min_shared)
        marks = ", ".join("?" for _ in rare)
        rows = self.db.conn.execute(
            f"SELECT value, article_id FROM dedupe_sketch WHERE value IN ({marks})", rare).fetchall()
        if not common and len(rows) < min_shared:  # most articles: none shares enough
            return []
        shared: dict[str, int] = {}
        per_value: dict[int, int] = {}
        for value, article_id in rows:
            shared[article_id] = shared.get(article_id, 0) + 1
            per_value[value] = per_value.get(value, 0) + 1
        known.update(value for value, count in per_value.items() if count > SKETCH_PROBE)
        for article_id, count in shared.items():
            if count + len(common) < min_shared:
                continue
            for value in common:
                if self.db.conn.execute("SELECT 1 FROM dedupe_sketch WHERE value = ? AND "
                                        "article_id = ?", [value, article_id]).fetchone():
                    shared[article_id] += 1
        # The GROUP BY's order: its groups come by id, and its ORDER BY ... LIMIT puts a
        # later row before an earlier one of the same count.
        ranked = sorted(((count, article_id) for article_id, count in shared.items()
                         if count >= min_shared), reverse=True)
        return [article_id for _, article_id in ranked[:SKETCH_CANDIDATES]]

    def _sketch_candidates_counted(self, sketch: list[int], min_shared: int) -> list[str]:
        """sketch_candidates by counting every row of the sketch's values."""
        marks = ", ".join("?" for _ in sketch)
        cursor = self.db.execute(
            f"SELECT article_id FROM dedupe_sketch WHERE value IN ({marks}) "
            f"GROUP BY article_id HAVING count(*) >= ? ORDER BY count(*) DESC LIMIT {SKETCH_CANDIDATES}",
            [*sketch, min_shared],
        )
        return [row[0] for row in cursor]

    def index_dedupe_keys(self, article_id: str, body_hash: str | None, sketch: list[int],
                          old_sketch: Iterable[int] = ()) -> None:
        """Store one article's dedupe keys, replacing `old_sketch` (its body before an
        update in place; passed in so that the sketch table needs no second index)."""
        with self.transaction() as conn:
            if body_hash:
                conn.execute("INSERT OR REPLACE INTO dedupe_body (article_id, body_hash) "
                             "VALUES (?, ?)", [article_id, body_hash])
            else:
                conn.execute("DELETE FROM dedupe_body WHERE article_id = ?", [article_id])
            old = [(value, article_id) for value in old_sketch]
            if old:
                conn.executemany("DELETE FROM dedupe_sketch WHERE value = ? AND article_id = ?",
                                 old)
            conn.executemany(
                "INSERT OR IGNORE INTO dedupe_sketch (value, article_id) VALUES (?, ?)",
                [(value, article_id) for value in sketch],
            )

    def integrity_problems(self) -> list[str]:
        """`PRAGMA integrity_check` and the FTS index's own check: [] when all is well."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check")
                    if row[0] != "ok"]
        try:
            self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        return problems


def _best_snippet(snippets: str | None, mark: tuple[str, str] | None) -> str | None:
    """The body's snippet, unless only the dek's has a matched word in it."""
    if snippets is None or mark is None:
        return None
    body, _, dek = snippets.partition("\0")
    return (dek if mark[0] not in body and mark[0] in dek else body) or None


def _combine(joiner: str, conditions: Iterable[Condition], empty: str) -> Condition:
    conditions = list(conditions)
    if len(conditions) == 1:  # itself: a PersonCondition stays one (see Store._person_page)
        return conditions[0]
    parts, params = [], []
    for sql, values in conditions:
        parts.append(f"({sql})")
        params.extend(values)
    return (joiner.join(parts) if parts else empty), params


def article_to_row(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        row[key] = _to_json(article.get(key))
    if article.get("sources") is None:
        row["sources"] = _to_json([article.get("source")])
    row["fingerprint"] = fingerprint(article)
    return row


_ID = list(ARTICLE_COLUMNS).index("id")
_FINGERPRINT = list(ARTICLE_COLUMNS).index("fingerprint")


def article_values(article: dict[str, Any]) -> list[Any]:
    """article_to_row's values in ARTICLE_COLUMNS order: what the upsert binds.

    The same values as article_to_row and fingerprint give (a test compares them), made
    for every parsed article: the encoders are built once, and an ASCII body is escaped
    by the ASCII encoder (see _sorted_json_with_body).
    """
    values = [article.get(c) for c in ARTICLE_COLUMNS]
    for index, key in _JSON_VALUES:
        values[index] = _encode_json(article.get(key))
    if article.get("sources") is None:
        values[_SOURCES] = _encode_json([article.get("source")])
    body = article.get("body")
    data = (_sorted_json_with_body(article, body) if type(body) is str
            else _to_sorted_json({k: v for k, v in article.items() if k not in ("source", "sources")}))
    values[_FINGERPRINT] = hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]
    return values


_JSON_VALUES = [(list(ARTICLE_COLUMNS).index(key), key) for key in JSON_COLUMNS]
_SOURCES = list(ARTICLE_COLUMNS).index("sources")
_PUBLISHED = list(ARTICLE_COLUMNS).index("published")


def _one_shot_encoder(sort_keys: bool) -> Callable[[Any], str]:
    """json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys).encode, its C encoder
    built once: `encode` builds one on every call, which costs as much as encoding a
    short value. What encode does, with the same arguments, for any value."""
    plain = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys)
    make = json.encoder.c_make_encoder
    if make is None:
        return plain.encode
    markers: dict[int, Any] = {}
    encode = make(markers, plain.default, json.encoder.encode_basestring, plain.indent, plain.key_separator,
                  plain.item_separator, plain.sort_keys, plain.skipkeys, plain.allow_nan)

    def encoded(value: Any) -> str:
        try:
            return "".join(encode(value, 0))
        except BaseException:
            markers.clear()  # a value that failed half-way leaves its containers marked
            raise

    return encoded


_encode_json = _one_shot_encoder(sort_keys=False)
_encode_sorted_json = _one_shot_encoder(sort_keys=True)
_encode_ascii_string = json.encoder.encode_basestring_ascii


def _sorted_json_with_body(article: dict[str, Any], body: str) -> str:
    """_to_sorted_json of the article but `source` and `sources` (what fingerprint hashes),
    built around its string `body`: the keys before "body", then it, then those after, as
    the sorted encoder lays them out. The C escape of ensure_ascii=True is about twice as
    fast, and on ASCII text it writes the very same JSON but for DEL (`\\u007f`)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, value in article.items():
        if key < "body":
            before[key] = value
        elif key > "body" and key != "source" and key != "sources":
            after[key] = value
    escaped = (_encode_ascii_string(body) if body.isascii() and "\x7f" not in body
               else json.encoder.encode_basestring(body))
    parts = [_encode_sorted_json(before)[1:-1], '"body": ' + escaped, _encode_sorted_json(after)[1:-1]]
    return "{" + ", ".join(filter(None, parts)) + "}"


def row_to_article(row: dict[str, Any]) -> dict[str, Any]:
    article = {key: row.get(key) for key in ARTICLE_COLUMNS if key != "fingerprint"}
    for key in JSON_COLUMNS:
        article[key] = json.loads(row[key]) if row.get(key) else None
    article["authors"] = article["authors"] or []
    article["captions"] = article["captions"] or []
    article["removed"] = article["removed"] or []
    # Rows stored before `sources` existed have only their one `source`.
    article["sources"] = article["sources"] or ([article["source"]] if article["source"] else [])
    article["people"] = article["people"] or []
    return article


def _column_list(prefix: str, columns: Iterable[str]) -> str:
    """`prefix[a], prefix[b], …` for a SELECT, each column once, in the order given."""
    return ", ".join(f"{prefix}[{column}]" for column in dict.fromkeys(columns))


def _row_to_hit(row: dict[str, Any], columns: Sequence[str] | None) -> dict[str, Any]:
    """A row as select_articles gives it: the whole article, or (with `columns`) the
    columns a page of hits read, JSON decoded."""
    if columns is None:
        return row_to_article(row)
    hit = dict(row)
    for key in JSON_COLUMNS:
        if key in hit:
            hit[key] = json.loads(hit[key]) if hit[key] else None
    if "authors" in hit:
        hit["authors"] = hit["authors"] or []
    return hit


def fingerprint(article: dict[str, Any]) -> str:
    """What decides 'unchanged' on re-ingest: every field but where it was read from."""
    content = {k: v for k, v in article.items() if k not in ("source", "sources")}
    data = _to_sorted_json(content)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _as_dict(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {description[0]: value for description, value in zip(cursor.description, row,
                                                                   strict=True)}


# -- the person index ---------------------------------------------------------------------
#
# Across the archive a person is one row of `people`, keyed by the folded full name.
# Merging rules (names.py says how names fold):
# - the same full name is the same person, in any article, as author or mentioned;
# - a one-word name (`Rubio`, only `Mr Akazawa` in that article) joins the one person
#   whose surname or known short form it is; when none or several people have it, it
#   stays a person of its own (`Akazawa`), so two people who share a surname are never
#   merged without a full name linking them;
# - when a full name arrives and exactly one person has its surname, a one-word person
#   of that surname found earlier is merged into it (so ingest order does not matter
#   in the common case).


def save_article_people(conn: sqlite3.Connection, article: dict[str, Any], *,
                        new: bool = False, stored: tuple[int | None, str | None] | None = None) -> None:
    """(Re)write an article's links: its authors and the people its body mentions.

    `new`: the article has just been added, so it has no links yet, and each person it
    links to gains exactly one article and this article's mentions: their counts are
    added to rather than counted again over all their links (a prolific poster's count
    read every link they have, on every message of theirs).
    `stored`: the stored article's rowid and `published`, when the caller knows them
    (else they are read).
    """
    article_id = article["id"]
    if stored is None:
        stored = conn.execute("SELECT rowid, published FROM articles WHERE id = ?",
                              [article_id]).fetchone() or (None, None)
    rowid, published = stored
    touched: set[int] = set()
    if not new:
        touched = {row[0] for row in conn.execute(
            "SELECT person_id FROM article_people WHERE article_id = ?", [article_id])}
        conn.execute("DELETE FROM article_people WHERE article_id = ?", [article_id])
    # A later full name of this article can absorb a one-word person an earlier name
    # resolved to (`Rubio`, then `Marco Rubio`): `merged` says who went where.
    merged: dict[int, int] = {}
    resolved: list[tuple[int, str, int, list[str]]] = []
    for name in article.get("authors") or []:
        resolved.append((_resolve_person(conn, name, [], [], merged), "author", 0, []))
    for person in article.get("people") or []:
        person_id = _resolve_person(conn, person["name"], person.get("aliases") or [],
                                    person.get("roles") or [], merged)
        resolved.append((person_id, "mentioned", person.get("mentions", 1),
                         list(person.get("roles") or [])))
    links: dict[tuple[int, str], tuple[int, list[str]]] = {}
    for person_id, role, mentions, roles in resolved:
        while person_id in merged:
            person_id = merged[person_id]
        if role == "author":
            links[(person_id, role)] = (0, [])
            continue
        known_mentions, known_roles = links.get((person_id, role), (0, []))
        links[(person_id, role)] = (known_mentions + mentions, known_roles + roles)
    touched = {merged.get(person_id, person_id) for person_id in touched}
    for (person_id, role), (mentions, roles) in links.items():
        conn.execute(
            "INSERT INTO article_people (article_id, person_id, role, mentions, roles, "
            "article_rowid, published) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, person_id, role, mentions, _to_json(roles), rowid, published])
        touched.add(person_id)
    if not new:
        _refresh_counts(conn, touched)
        return
    added: dict[int, int] = {}
    for (person_id, _), (mentions, _) in links.items():
        added[person_id] = added.get(person_id, 0) + mentions
    for person_id, mentions in added.items():
        conn.execute("UPDATE people SET articles = articles + 1, mentions = mentions + ? "
                     "WHERE id = ?", [mentions, person_id])


def _resolve_person(conn: sqlite3.Connection, name: str, aliases: list[str],
                    roles: list[str], merged: dict[int, int] | None = None) -> int:
    key = fold_name(name)
    if len(name.split()) > 1:  # a full name (`O'Brien` is one word though it folds to two)
        row = conn.execute("SELECT id FROM people WHERE key = ?", [key]).fetchone()
        person_id = row[0] if row else _create_person(conn, name, key)
        if row:
            _prefer_spelling(conn, person_id, name)
        _adopt_surname_only(conn, person_id, name, merged)
    else:
        candidates = _full_people_with_short_key(conn, key)
        if len(candidates) == 1:
            person_id = candidates[0]
            aliases = [name, *aliases]
        else:
            row = conn.execute("SELECT id FROM people WHERE key = ?", [key]).fetchone()
            person_id = row[0] if row else _create_person(conn, name, key)
    _add_names(conn, person_id, aliases, roles)
    return person_id


def _create_person(conn: sqlite3.Connection, name: str, key: str) -> int:
    cursor = conn.execute(
        "INSERT INTO people (name, key, aliases, roles, articles, mentions) "
        "VALUES (?, ?, '[]', '[]', 0, 0)", [name, key])
    person_id = cursor.lastrowid
    assert person_id is not None
    for part, kind in name_parts(name).items():
        conn.execute("INSERT OR IGNORE INTO person_keys (key, person_id, kind) VALUES (?, ?, ?)",
                     [part, person_id, kind])
    return person_id


def _full_people_with_short_key(conn: sqlite3.Connection, key: str) -> list[int]:
    """Full-name people a one-word name can mean: by surname or a short form seen."""
    rows = conn.execute(
        "SELECT DISTINCT pk.person_id FROM person_keys pk JOIN people p ON p.id = pk.person_id "
        "WHERE pk.key = ? AND pk.kind IN ('last', 'alias') AND instr(trim(p.name), ' ') > 0", [key])
    return [row[0] for row in rows]


def _adopt_surname_only(conn: sqlite3.Connection, person_id: int, name: str,
                        merged: dict[int, int] | None = None) -> None:
    """A one-word person whose word is this full name's surname joins it, when no other
    full-name person has that surname."""
    for part, kind in name_parts(name).items():
        if kind != "last" or _full_people_with_short_key(conn, part) != [person_id]:
            continue
        row = conn.execute("SELECT id, name, aliases, roles FROM people "
                           "WHERE key = ? AND instr(trim(name), ' ') = 0", [part]).fetchone()
        if not row:
            continue
        lone_id, lone_name, lone_aliases, lone_roles = row
        for article_id, role, mentions, link_roles, article_rowid, published in conn.execute(
                "SELECT article_id, role, mentions, roles, article_rowid, published FROM article_people "
                "WHERE person_id = ?", [lone_id]).fetchall():
            conn.execute(
                "INSERT INTO article_people (article_id, person_id, role, mentions, roles, "
                "article_rowid, published) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (article_id, person_id, role) DO UPDATE SET "
                "mentions = mentions + excluded.mentions",
                [article_id, person_id, role, mentions, link_roles, article_rowid, published])
        conn.execute("DELETE FROM article_people WHERE person_id = ?", [lone_id])
        conn.execute("DELETE FROM person_keys WHERE person_id = ?", [lone_id])
        conn.execute("DELETE FROM people WHERE id = ?", [lone_id])
        _add_names(conn, person_id, [lone_name, *json.loads(lone_aliases)], json.loads(lone_roles))
        if merged is not None:
            merged[lone_id] = person_id
        # Kept even with no link yet: the article being saved links it once resolved.
        _refresh_counts(conn, {person_id}, drop_empty=False)


def _add_names(conn: sqlite3.Connection, person_id: int, aliases: list[str],
               roles: list[str]) -> None:
    row = conn.execute("SELECT key, aliases, roles FROM people WHERE id = ?", [person_id]).fetchone()
    key, known_aliases, known_roles = row[0], json.loads(row[1]), json.loads(row[2])
    alias_keys = {key} | {fold_name(a) for a in known_aliases}
    added = False
    for alias in aliases:
        folded = fold_name(alias)
        if folded and folded not in alias_keys:
            alias_keys.add(folded)
            known_aliases.append(alias)
            added = True
            conn.execute("INSERT OR IGNORE INTO person_keys (key, person_id, kind) "
                         "VALUES (?, ?, 'alias')", [folded, person_id])
    role_keys = {r.casefold() for r in known_roles}
    for role in roles:
        if role.casefold() not in role_keys:
            role_keys.add(role.casefold())
            known_roles.append(role)
            added = True
    if added:  # most mentions bring nothing new: no write for them
        conn.execute("UPDATE people SET aliases = ?, roles = ? WHERE id = ?",
                     [_to_json(known_aliases), _to_json(known_roles), person_id])


def _prefer_spelling(conn: sqlite3.Connection, person_id: int, name: str) -> None:
    """Keep the spelling with accents (`Šefčovič` over `Sefcovic`): folding lost them."""
    [current] = conn.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    if _non_ascii(name) > _non_ascii(current):
        conn.execute("UPDATE people SET name = ? WHERE id = ?", [name, person_id])


def _non_ascii(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)


def _refresh_counts(conn: sqlite3.Connection, person_ids: Iterable[int], *,
                    drop_empty: bool = True) -> None:
    """Articles and mentions per person from the links; a person left with none goes
    (unless not `drop_empty`)."""
    for person_id in person_ids:
        articles, mentions = conn.execute(
            "SELECT count(DISTINCT article_id), coalesce(sum(mentions), 0) "
            "FROM article_people WHERE person_id = ?", [person_id]).fetchone()
        if articles or not drop_empty:
            conn.execute("UPDATE people SET articles = ?, mentions = ? WHERE id = ?",
                         [articles, mentions, person_id])
        else:
            conn.execute("DELETE FROM person_keys WHERE person_id = ?", [person_id])
            conn.execute("DELETE FROM people WHERE id = ?", [person_id])
