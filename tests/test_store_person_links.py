"""Person links keep their article's rowid: written with every link, migrated, searched."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SAMPLE, TEXT_FIXTURES, extract_file, links_agree, write_dumps

from newsarchive.cli import cli
from newsarchive.ingest import ingest
from newsarchive.search import Filters, search
from newsarchive.store import Store


def _article(base: dict, article_id: str, authors: list[str], people: list[dict], **fields) -> dict:
    return dict(base, id=article_id, authors=authors, people=people, headline=f"Story {article_id}",
                **fields)


def _mentioned(name: str, mentions: int = 1) -> dict:
    return {"name": name, "mentions": mentions, "aliases": [], "roles": []}


def _ids(store: Store, query: str, **options) -> list[str]:
    return [hit["id"] for hit in search(store, query, limit=50, filters=Filters(**options))]


def test_links_keep_the_rowid_through_inserts_updates_and_merges(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, "a" * 16, ["Ann Lee"], [_mentioned("Rubio", 2)])], new=True)
    store.save_articles([_article(base, "b" * 16, [], [_mentioned("Jae Kim")])])
    links_agree(store)
    # A full name arriving moves the lone surname's links (from article a) to it.
    store.save_articles([_article(base, "c" * 16, ["Ann Lee"], [_mentioned("Marco Rubio", 3)])])
    links_agree(store)
    assert _ids(store, 'person:"Marco Rubio"', sort="oldest") == ["a" * 16, "c" * 16]
    # An update in place (a new date, other people) keeps the row and its rowid.
    store.save_articles([_article(base, "a" * 16, ["Ann Lee", "Jae Kim"], [],
                                  published="1999-01-02")])
    assert links_agree(store) == 5
    assert _ids(store, 'author:"Jae Kim"') == ["a" * 16]
    assert _ids(store, 'person:"Ann Lee"', sort="newest")[-1] == "a" * 16


def test_ingest_writes_the_rowid_of_new_and_re_read_articles(store, tmp_path):
    folder = tmp_path / "dumps"
    write_dumps(folder, 6)
    ingest(store, [folder, TEXT_FIXTURES])
    assert links_agree(store) > 6
    # A file changed on disk: its article is updated in place, links rewritten.
    first = sorted(folder.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line of text.\n", encoding="utf-8")
    summary = ingest(store, [folder])
    assert summary.counts.updated == 1
    links_agree(store)


def _as_main_left_it(db_path) -> None:
    """The person links as schema 5 (main before this change) made them."""
    conn = sqlite3.connect(db_path)
    conn.executescript("""
        DROP TRIGGER article_people_ad;
        DROP TRIGGER article_people_au;
        DROP INDEX idx_article_people_person_date;
        ALTER TABLE article_people DROP COLUMN article_rowid;
        ALTER TABLE article_people DROP COLUMN published;
        CREATE INDEX "idx_article_people_person_id" ON "article_people" ("person_id");
        UPDATE meta SET value = '5' WHERE key = 'schema_version';
    """)
    conn.close()


def test_migration_gives_an_archive_from_main_its_rowids(runner, db_path):
    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(TEXT_FIXTURES)])
    assert result.exit_code == 0, result.output
    store = Store(db_path)
    name = store.list_people(1)[0]["name"]
    before = {form: _ids(store, form) for form in (f'author:"{name}"', f'person:"{name}"')}
    store.close()
    _as_main_left_it(db_path)
    assert "article_rowid" not in [r[1] for r in sqlite3.connect(db_path).execute(
        "PRAGMA table_info(article_people)")]
    store = Store(db_path)
    try:
        assert store._schema_version() == 6
        assert links_agree(store) > 0
        assert {form: _ids(store, form) for form in before} == before
        # A person's newest (oldest) page is the first rows of one range of the index, unsorted.
        for order in ("ORDER BY published DESC, article_id DESC",
                      "AND published IS NOT NULL ORDER BY published, article_id",
                      "AND published IS NULL ORDER BY article_id"):
            plan = " ".join(row[3] for row in store.db.execute(
                "EXPLAIN QUERY PLAN SELECT article_rowid FROM article_people WHERE person_id = 1 "
                f"AND role = 'author' AND article_rowid IS NOT NULL {order} LIMIT 20"))
            assert "COVERING INDEX idx_article_people_person_date" in plan and "TEMP B-TREE" not in plan
    finally:
        store.close()


def test_an_article_deleted_by_another_tool_takes_its_links(store, db_path):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, "a" * 16, ["Ann Lee"], []),
                         _article(base, "b" * 16, ["Ann Lee"], [])])
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM articles WHERE id = ?", ["b" * 16])
    # SQLite gives the freed last rowid to the next row: a link left behind would name it.
    conn.execute("INSERT INTO articles (id, headline, body, authors) VALUES (?, 'Other', 'text', '[]')",
                 ["z" * 16])
    conn.commit()
    conn.close()
    assert store.db.execute("SELECT article_id FROM article_people").fetchall() == [("a" * 16,)]
    assert _ids(store, 'author:"Ann Lee"') == ["a" * 16]


def _page_both_ways(store: Store, name: str, author_only: bool, sort: str, limit: int, offset: int):
    """The page from the person index, and from the general query (a plain condition)."""
    condition = store.person_filter(name, author_only)
    assert type(condition).__name__ == "PersonCondition"
    indexed = [a["id"] for a in store.select_articles(condition, sort=sort, limit=limit, offset=offset)]
    general = [a["id"] for a in store.select_articles((condition[0], condition[1]), sort=sort,
                                                      limit=limit, offset=offset)]
    return indexed, general


def test_a_person_page_from_the_index_is_the_general_querys(store, db_path):
    [base] = extract_file(SAMPLE)
    dates = ["2020-01-02", "2020-01-02", None, "2019-05-01", "2021-03-04", None, "2020-01-02",
             "2018-12-31", "2022-07-07", "2019-05-01"]
    articles = []
    for number, published in enumerate(dates):
        # Two people share the surname Lee; Ann Lee is author and mentioned in some.
        authors = ["Ann Lee"] if number % 3 else ["Bo Lee", "Ann Lee"]
        people = [_mentioned("Ann Lee")] if number % 4 == 0 else [_mentioned("Bo Lee")]
        articles.append(_article(base, f"{number:x}" * 16, authors, people, published=published))
    store.save_articles(articles)
    conn = sqlite3.connect(db_path)  # bylines another tool wrote, one with a date SQLite orders first
    for number, published in enumerate(["2020-01-02", None]):
        conn.execute("INSERT INTO articles (id, headline, body, authors, published) "
                     "VALUES (?, 'Other', 'text', '[\"Ann Lee\"]', ?)", [f"z{number}" * 8, published])
    conn.commit()
    for name in ("Ann Lee", "Lee", "Bo Lee", "Nobody"):
        for author_only in (True, False):
            for sort in ("newest", "oldest", "relevance"):
                for limit, offset in ((20, 0), (3, 0), (3, 4), (2, 11), (0, 0)):
                    indexed, general = _page_both_ways(store, name, author_only, sort, limit, offset)
                    assert indexed == general, (name, author_only, sort, limit, offset)
    assert len(_page_both_ways(store, "Ann Lee", False, "newest", 20, 0)[0]) == 12
    # A date another tool changes reaches the links; one that is not text (SQLite orders
    # numbers before text) sends the page to the general query.
    conn.execute("UPDATE articles SET published = '2030-01-01' WHERE id = ?", ["3" * 16])
    conn.commit()
    assert _page_both_ways(store, "Ann Lee", True, "newest", 1, 0) == (["3" * 16], ["3" * 16])
    conn.execute("UPDATE articles SET published = 2031 WHERE id = ?", ["z1" * 8])
    conn.commit()
    conn.close()
    for sort in ("newest", "oldest"):
        indexed, general = _page_both_ways(store, "Ann Lee", True, sort, 5, 0)
        assert indexed == general
    links_agree(store)


def test_search_by_person_alone_reads_the_page_from_the_index(store, monkeypatch):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, f"{n:x}" * 16, ["Ann Lee"], [], published=f"20{10 + n}-01-01")
                         for n in range(6)])
    walked = []
    real = Store._person_page
    monkeypatch.setattr(Store, "_person_page", lambda *args: walked.append(args[2:]) or real(*args))
    assert _ids(store, 'author:"Ann Lee"')[:2] == ["5" * 16, "4" * 16]
    assert [h["id"] for h in search(store, "", limit=2, offset=1,
                                    filters=Filters(persons=["Lee"], sort="oldest"))] == ["1" * 16, "2" * 16]
    assert walked == [("newest", 50, 0), ("oldest", 2, 1)]
    # With words, or another condition, the general query answers.
    _ids(store, 'author:"Ann Lee" story')
    _ids(store, 'author:"Ann Lee" date:2013')
    assert len(walked) == 2


def test_an_export_sized_person_selection_streams_through_the_general_query(store, monkeypatch):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, f"{n:x}" * 16, ["Ann Lee"], []) for n in range(3)])
    monkeypatch.setattr("newsarchive.store.PERSON_PAGE_ROWS", 2)
    monkeypatch.setattr(Store, "_person_page", lambda *args: pytest.fail("read from the person index"))
    condition = store.person_filter("Ann Lee")
    assert len(list(store.select_articles(condition, sort="newest", limit=3))) == 3
    assert len(list(store.select_articles(condition, sort="newest", limit=1, offset=2))) == 1
    assert len(list(store.select_articles(condition, sort="newest"))) == 3
