"""The SQLite store against real temporary databases."""

from __future__ import annotations

import random
import sqlite3

import pytest
from conftest import SAMPLE, extract_file

from newsarchive.store import Store, StoreError


def test_save_counts_added_unchanged_updated(store):
    [article] = extract_file(SAMPLE)
    assert store.save_articles([article]).added == 1
    assert store.save_articles([article]).unchanged == 1
    changed = dict(article, dek="A new dek")
    counts = store.save_articles([changed])
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 0)
    assert store.get_article(article["id"])["dek"] == "A new dek"
    assert store.count_articles() == 1


def test_round_trip_keeps_the_export_object(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    assert store.get_article(article["id"]) == article


def test_fts_follows_updates(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    assert store.search('"Rubio"')
    store.save_articles([dict(article, headline="Quokka summit", body="Nothing else here.",
                              dek=None, authors=[])])
    assert store.search('"Rubio"') == []
    [hit] = store.search('"quokka"')
    assert hit["id"] == article["id"]


def test_a_failed_batch_leaves_nothing_behind(store):
    [article] = extract_file(SAMPLE)
    bad = dict(article, id=None)  # violates NOT NULL part-way through the batch
    other = dict(article, id="0" * 16, headline="Another")
    with pytest.raises(sqlite3.IntegrityError):
        store.save_articles([other, bad])
    assert store.count_articles() == 0


def test_fts_table_follows_sqlite_utils_conventions(store):
    assert store.db["articles"].detect_fts() == "articles_fts"
    sql = store.db["articles_fts"].schema
    assert "content=\"articles\"" in sql or "content=[articles]" in sql


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just some notes\n" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        Store(path)


def test_journal_mode_is_wal(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _old_update_trigger(path) -> None:
    """Put back the update trigger as sqlite-utils made it (schema 4): any UPDATE fires it."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        DROP TRIGGER articles_au;
        CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN
          INSERT INTO "articles_fts" ("articles_fts", rowid, "headline", "dek", "body", "authors")
            VALUES('delete', old.rowid, old."headline", old."dek", old."body", old."authors");
          INSERT INTO "articles_fts" (rowid, "headline", "dek", "body", "authors")
            VALUES (new.rowid, new."headline", new."dek", new."body", new."authors");
        END;
        UPDATE meta SET value = '4' WHERE key = 'schema_version';
    """)
    conn.close()


def _fires_on_any_update(store: Store) -> bool:
    sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_au'").fetchone()[0]
    return "UPDATE OF" not in sql


def test_an_old_database_gets_the_narrow_update_trigger_and_keeps_its_index(db_path):
    [article] = extract_file(SAMPLE)
    store = Store(db_path)
    store.save_articles([article])
    store.close()
    _old_update_trigger(db_path)
    store = Store(db_path)
    assert not _fires_on_any_update(store)
    assert store.integrity_problems() == []
    [hit] = store.search('"Rubio"')
    assert hit["id"] == article["id"]
    store.close()
    Store(db_path).close()  # opening again changes nothing


def test_fts_follows_text_updates_but_not_sources_updates(store):
    [article] = extract_file(SAMPLE)
    store.save_articles([article])
    store.set_sources(article["id"], [article["source"], dict(article["source"], path="/x")])
    assert store.integrity_problems() == []
    assert len(store.get_article(article["id"])["sources"]) == 2
    assert store.search('"Rubio"')
    store.db.execute("UPDATE articles SET body = 'Quokka only now.' WHERE id = ?", [article["id"]])
    assert store.integrity_problems() == []
    assert [hit["id"] for hit in store.search('"quokka"')] == [article["id"]]


def test_sketch_candidates_are_the_group_by_answer_with_common_values_and_ties(store):
    # Values shared by more than SKETCH_PROBE articles (boilerplate) and many equal
    # counts: the probe-and-complete look-up must give the GROUP BY's list, order included.
    rnd = random.Random(7)
    ids = [f"{rnd.getrandbits(64):016x}" for _ in range(400)]
    stored = []
    with store.transaction() as conn:
        for index, article_id in enumerate(ids):
            values = rnd.sample(range(300), 12) + ([1000, 1001] if index % 2 else [])
            stored.append(values)
            conn.executemany("INSERT OR IGNORE INTO dedupe_sketch (value, article_id) VALUES (?, ?)",
                             [(value, article_id) for value in values])
    sketches = [sorted(rnd.sample(range(310), rnd.randint(1, 16))) for _ in range(150)]
    sketches += [sorted(rnd.sample(range(300), 14) + [1000, 1001]) for _ in range(50)]
    sketches += [sorted(rnd.sample(range(1000, 1002), 1) + rnd.sample(range(300), 9)) for _ in range(30)]
    sketches += [sorted(values[:10] + rnd.sample(range(300), 4)) for values in stored[:40]]  # near twins
    for sketch in sketches:
        for min_shared in (1, 3, 8):
            assert (store.sketch_candidates(sketch, min_shared)
                    == store._sketch_candidates_counted(sketch, min_shared)), (sketch, min_shared)
    assert {1000, 1001} <= store._common_sketch_values  # the common values' path was taken
