"""Shared fixtures: paths to the shipped dumps, a CLI runner, temporary databases."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive.extract import extract
from newsarchive.readers import read_path
from newsarchive.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TEXT_FIXTURES = FIXTURES / "text"
SAMPLE = TEXT_FIXTURES / "scmp_wang_rubio.txt"


def gold_pairs() -> list[tuple[Path, Path]]:
    return [(dump, dump.with_suffix(".gold.json")) for dump in sorted(TEXT_FIXTURES.glob("*.txt"))
            if dump.with_suffix(".gold.json").exists()]


def extract_file(path: Path) -> list[dict]:
    return [article.to_dict() for message in read_path(path) for article in extract(message)]


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def sample_article() -> dict:
    [article] = extract_file(SAMPLE)
    return article


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    store = Store(db_path)
    yield store
    store.close()


@pytest.fixture
def loaded_db(runner: CliRunner, db_path: Path) -> Path:
    """A database with every text fixture ingested through the CLI (the gold corpus in
    fixtures/gold/ is measured by the eval gate instead)."""
    from newsarchive.cli import cli

    result = runner.invoke(cli, ["ingest", "--db", str(db_path), str(TEXT_FIXTURES)])
    assert result.exit_code == 0, result.output
    return db_path


def make_article(article_id: str, headline: str, body: str, **fields) -> dict:
    """A complete export object with the given fields, for tests that need exact content."""
    article = {
        "id": article_id, "list": None, "subject": headline, "headline": headline, "dek": None,
        "publication": None, "authors": [], "dateline": None, "published": None, "sent": None,
        "body": body, "captions": [], "author_bio": None, "removed": [],
        "archive": {"generator": None, "footer": None}, "source": {"path": "test", "format": "text"},
        "word_count": len(body.split()),
    }
    article.update(fields)
    return article


def write_dumps(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """`count` text dumps in `folder`, each a different article of 150 to 400 words.

    Words are drawn from the sample dump's vocabulary, so no two bodies share more than
    chance 5-word runs: ingesting them must give `count` articles, nothing folded.
    """
    rng = random.Random(seed)
    vocabulary = sorted(set(re.findall(r"[a-z]+", SAMPLE.read_text(encoding="utf-8").lower())))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        headline = " ".join(rng.choices(vocabulary, k=8)).capitalize()
        paragraphs = []
        words = rng.randint(150, 400)
        while words > 0:
            sentence = rng.choices(vocabulary, k=rng.randint(8, 25))
            paragraphs.append(" ".join(sentence).capitalize() + ".")
            words -= len(sentence)
        path = folder / f"{number:05d}.txt"
        path.write_text(f"[Test-List] {headline}\n\n{headline}\n\nBy Ann Lee\n\n"
                        + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def links_agree(store: Store) -> int:
    """Every person link names its article's rowid and date; returns how many links there are."""
    rows = store.db.execute(
        "SELECT ap.article_id, ap.article_rowid, a.rowid, ap.published, a.published "
        "FROM article_people ap LEFT JOIN articles a ON a.id = ap.article_id").fetchall()
    wrong = [row for row in rows if row[1] is None or row[1] != row[2] or row[3] != row[4]]
    assert not wrong, wrong
    return len(rows)
