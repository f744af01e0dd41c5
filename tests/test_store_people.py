"""The person index in the store: links written with the article, merging across articles."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from conftest import SAMPLE, extract_file, links_agree

from newsarchive.store import Store, _migration_1_articles, article_to_row


def _article(base: dict, article_id: str, authors: list[str], people: list[dict]) -> dict:
    return dict(base, id=article_id, authors=authors, people=people, headline=f"Story {article_id}")


def _mentioned(name: str, mentions: int = 1, aliases: list[str] | None = None,
               roles: list[str] | None = None) -> dict:
    return {"name": name, "mentions": mentions, "aliases": aliases or [], "roles": roles or []}


def _names(store: Store) -> dict[str, dict]:
    return {p["name"]: p for p in store.list_people()}


def test_sample_people_and_author_are_indexed(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    people = _names(store)
    assert people["Marco Rubio"]["articles"] == 1
    assert people["Marco Rubio"]["mentions"] == 10
    assert "Rubio" in people["Marco Rubio"]["aliases"]
    assert people["Dewey Sim"]["as_author"] == 1
    assert "Anwar" not in people
    assert store.get_article(article["id"])["people"] == article["people"]


def test_resaving_replaces_links_and_drops_people_no_longer_named(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    store.save_articles([article])
    assert _names(store)["Marco Rubio"]["articles"] == 1
    edited = dict(article, people=[p for p in article["people"] if p["name"] != "Antony Blinken"])
    assert store.save_articles([edited]).updated == 1
    assert "Antony Blinken" not in _names(store)
    assert store.find_people("Blinken") == []


def test_full_name_and_surname_are_one_person_across_articles(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([
        _article(base, "a" * 16, [], [_mentioned("Marco Rubio", 3, ["Rubio"])]),
        _article(base, "b" * 16, [], [_mentioned("Rubio", 2)]),
        _article(base, "c" * 16, ["MARCO RUBIO"], []),
    ])
    people = _names(store)
    assert set(people) == {"Marco Rubio"}
    assert people["Marco Rubio"]["articles"] == 3
    assert people["Marco Rubio"]["mentions"] == 5
    assert people["Marco Rubio"]["as_author"] == 1


def test_shared_surname_stays_apart_without_a_full_name(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([
        _article(base, "a" * 16, [], [_mentioned("Wang Yi", aliases=["Wang"])]),
        _article(base, "b" * 16, [], [_mentioned("Wang Wenbin", aliases=["Wang"])]),
        _article(base, "c" * 16, [], [_mentioned("Wang")]),
    ])
    people = _names(store)
    assert set(people) == {"Wang Yi", "Wang Wenbin", "Wang"}
    assert {p["name"] for p in store.find_people("wang")} == {"Wang Yi", "Wang Wenbin", "Wang"}
    assert [p["name"] for p in store.find_people("Wang Yi")] == ["Wang Yi"]


def test_a_lone_surname_joins_the_full_name_that_comes_later(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, "a" * 16, [], [_mentioned("Akazawa", roles=["Mr"])])])
    store.save_articles([_article(base, "b" * 16, [], [_mentioned("Ryosei Akazawa")])])
    people = _names(store)
    assert set(people) == {"Ryosei Akazawa"}
    assert people["Ryosei Akazawa"]["articles"] == 2
    assert "Akazawa" in people["Ryosei Akazawa"]["aliases"]


def test_accents_and_case_fold_and_the_accented_spelling_is_kept(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([
        _article(base, "a" * 16, [], [_mentioned("Maros Sefcovic")]),
        _article(base, "b" * 16, [], [_mentioned("Maroš Šefčovič")]),
    ])
    [person] = store.list_people()
    assert person["name"] == "Maroš Šefčovič"
    assert person["articles"] == 2
    assert store.find_people("ŠEFČOVIČ") == store.find_people("sefcovic") != []


def test_person_filter_selects_articles_by_role(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([
        _article(base, "a" * 16, ["Dewey Sim"], [_mentioned("Wang Yi")]),
        _article(base, "b" * 16, [], [_mentioned("Dewey Sim")]),
    ])
    def ids(where):
        return sorted(hit["id"] for hit in store.select_articles(where))
    assert ids(store.person_filter("Sim")) == ["a" * 16, "b" * 16]
    assert ids(store.person_filter("sím", author_only=True)) == ["a" * 16]
    assert ids(store.person_filter("Nobody Here")) == []
    hits = store.select_articles(store.person_filter("Wang Yi"), match='"Rubio"')
    assert [h["id"] for h in hits] == ["a" * 16]


def test_migration_indexes_authors_of_articles_already_stored(db_path):
    [article] = extract_file(SAMPLE)
    db = sqlite_utils.Database(sqlite3.connect(db_path))
    _migration_1_articles(db)
    if "people" in db["articles"].columns_dict:  # schema 1 had no people column
        db.execute("ALTER TABLE articles DROP COLUMN people")
    db["meta"].insert({"key": "schema_version", "value": "1"})
    before_people = {k: v for k, v in article.items() if k != "people"}
    row = {k: v for k, v in article_to_row(before_people).items() if k != "people"}
    db["articles"].insert(row)
    db.conn.commit()
    db.close()
    store = Store(db_path)
    try:
        assert store.get_article(article["id"])["people"] == []
        assert [p["name"] for p in store.find_people("Dewey Sim")] == ["Dewey Sim"]
        assert store.save_articles([article]).updated == 1
        assert store.find_people("Marco Rubio")
    finally:
        store.close()


def test_a_one_word_name_with_an_apostrophe_is_a_surname(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([
        _article(base, "a" * 16, [], [_mentioned("O'Brien", roles=["Mr"])]),
        _article(base, "b" * 16, [], [_mentioned("Sean O’Brien")]),
        _article(base, "c" * 16, [], [_mentioned("O'Brien")]),
    ])
    [person] = store.list_people()
    assert person["name"] == "Sean O’Brien" and person["articles"] == 3
    assert [p["name"] for p in store.find_people("obrien")] == []
    assert [p["name"] for p in store.find_people("O Brien")] == ["Sean O’Brien"]


def _counts_agree(store: Store) -> None:
    """Every person's stored counts are those of their links (new articles add to them)."""
    rows = store.db.execute(
        "SELECT p.id, p.articles, p.mentions, count(DISTINCT ap.article_id), "
        "coalesce(sum(ap.mentions), 0) FROM people p LEFT JOIN article_people ap "
        "ON ap.person_id = p.id GROUP BY p.id").fetchall()
    assert rows and all(r[1] == r[3] and r[2] == r[4] for r in rows), rows
    links_agree(store)


def test_counts_added_for_new_articles_match_links_through_merges(store):
    [base] = extract_file(SAMPLE)
    store.save_articles([_article(base, "a" * 16, ["Ann Lee"], [_mentioned("Rubio", 2)])], new=True)
    _counts_agree(store)
    # An author who is also mentioned counts one article; the lone surname of the first
    # article is merged into the full name this one brings.
    store.save_articles([_article(base, "b" * 16, ["Ann Lee"],
                                  [_mentioned("Ann Lee", 4), _mentioned("Marco Rubio", 3),
                                   _mentioned("Jae Kim", 2)])],
                        new=True)
    _counts_agree(store)
    store.save_articles([_article(base, "c" * 16, [], [_mentioned("Rubio", 5), _mentioned("Kim")])])
    store.save_articles([_article(base, "b" * 16, ["Ann Lee"], [_mentioned("Jae Kim", 1)])])
    _counts_agree(store)
    assert _names(store)["Marco Rubio"]["articles"] == 2  # a and c: b no longer names him
    assert _names(store)["Ann Lee"]["articles"] == 2


@pytest.mark.parametrize("earlier", [False, True])
def test_a_full_name_absorbing_a_lone_surname_of_the_same_article(store, earlier):
    # `Rubio`, then `Marco Rubio` in one article: the lone person the first resolved to
    # is merged into the full name before the article's links are written, so the article
    # links Marco Rubio once (mentions added), and no link names a person that is gone.
    [base] = extract_file(SAMPLE)
    if earlier:  # the lone surname already stands alone from another article
        store.save_articles([_article(base, "a" * 16, [], [_mentioned("Rubio", 3)])])
    store.save_articles([_article(base, "b" * 16, ["Rubio"], [_mentioned("Rubio", 2), _mentioned("Marco Rubio")])])
    people = _names(store)
    assert "Rubio" not in people and people["Marco Rubio"]["articles"] == (2 if earlier else 1)
    links = store.db.execute("SELECT article_id, person_id, role, mentions FROM article_people "
                             "WHERE article_id = ?", ["b" * 16]).fetchall()
    marco = store.find_people("Marco Rubio")[0]["id"]
    assert sorted(links) == [("b" * 16, marco, "author", 0), ("b" * 16, marco, "mentioned", 3)]
    dangling = store.db.execute("SELECT count(*) FROM article_people WHERE person_id NOT IN "
                                "(SELECT id FROM people)").fetchone()[0]
    assert dangling == 0
    counted = store.db.execute("SELECT count(DISTINCT article_id), sum(mentions) FROM article_people "
                               "WHERE person_id = ?", [marco]).fetchone()
    assert (people["Marco Rubio"]["articles"], people["Marco Rubio"]["mentions"]) == counted
    links_agree(store)
