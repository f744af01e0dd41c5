"""Searches while an ingest writes in another process (WAL): never an error, never half a state."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from newsarchive.search import Filters, select
from newsarchive.store import Store

FILES = 200
GROUPS = 8  # separate ingest runs, so at least this many commits whatever ingest batches
OLD = ("The first version of the story", ("Alice Oldham",))
NEW = ("The second version of the story", ("Bobby Newman",))
SYLLABLES = ["ka", "lo", "mi", "ne", "tu", "ra", "so", "vi", "de", "po", "gu", "ze", "ba", "fi"]


def body_words(seed: int, count: int) -> str:
    """Different text for every article, so no ingest takes two of them for duplicates."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(count))


def write_dumps(folder: Path, version: tuple[str, tuple[str, ...]]) -> None:
    dek, [author] = version
    for i in range(FILES):
        group = folder / f"group-{i % GROUPS}"
        group.mkdir(exist_ok=True)
        (group / f"report-{i:03d}.txt").write_text(
            f"[Conc] Zanzibarite report number {i}\n\nZanzibarite report number {i}\n\n{dek}\n\n"
            f"By {author}\n2025-07-{1 + i % 28:02d}\n\n"
            f"ZANZIBAR, July 1 (Reuters) - The zanzibarite mine number {i} reopened on Tuesday. "
            f"{body_words(i, 40).capitalize()}.\n\n{body_words(i + FILES, 40).capitalize()}.\n",
            encoding="utf-8")


WRITER = """
import sys
from pathlib import Path
from newsarchive.cli import cli
for group in sorted(Path(sys.argv[2]).iterdir()):
    cli.main(["ingest", "--quiet", "--db", sys.argv[1], str(group)], standalone_mode=False)
"""


def start_ingest(db: Path, folder: Path) -> subprocess.Popen:
    """Another process that ingests the folder, group by group."""
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def state(hit: dict) -> tuple[str, tuple[str, ...]]:
    return hit["dek"], tuple(hit["authors"])


def test_search_during_ingest_sees_whole_states(tmp_path):
    db = tmp_path / "live.db"
    folder = tmp_path / "dumps"
    folder.mkdir()
    Store(db).close()  # the schema exists before either side starts
    reader = Store(db)

    def hits(query: str) -> list[dict]:
        # Whole articles from the one query (one snapshot) that found them.
        return list(select(reader, query, Filters(limit=FILES * 2), mark=("**", "**")))

    # Phase 1: articles appear one file (one transaction) at a time, each whole.
    write_dumps(folder, OLD)
    ingest = start_ingest(db, folder)
    counts, reads_during_ingest = [], 0
    while ingest.poll() is None:
        found = hits("zanzibarite")
        reads_during_ingest += ingest.poll() is None
        counts.append(len(found))
        assert all(state(hit) == OLD and "**zanzibarite**" in hit["snippet"].lower()
                   for hit in found)
    assert ingest.returncode == 0, ingest.stderr.read()
    assert counts == sorted(counts), "a search saw an article vanish"
    assert len(hits("zanzibarite")) == FILES
    assert reads_during_ingest > 0
    assert any(0 < count < FILES for count in counts), "no search ran while the ingest wrote"

    # Phase 2: every article is updated in place; a search sees each one old or new,
    # and the full-text index always agrees with the row it returns.
    write_dumps(folder, NEW)
    ingest = start_ingest(db, folder)
    while ingest.poll() is None:
        found = hits("zanzibarite")
        assert len(found) == FILES
        states = {hit["id"]: state(hit) for hit in found}
        assert set(states.values()) <= {OLD, NEW}
        assert all(state(hit) == NEW for hit in hits('dek:second'))
        assert all(state(hit) == OLD for hit in hits("author:oldham"))
    assert ingest.returncode == 0, ingest.stderr.read()
    assert {state(hit) for hit in hits("zanzibarite")} == {NEW}
    assert hits("author:oldham") == [] and len(hits("author:newman")) == FILES
    reader.close()
