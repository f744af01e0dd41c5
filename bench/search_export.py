"""Search speed and export memory on synthetic archives of growing size.

    python bench/search_export.py 10000 50000

For each size: builds a database of that many synthetic articles (in a temporary
folder), times typical searches (median of 5 runs, through the library), and runs a
full JSON Lines export in a child process, reporting its peak memory. Export memory
that stays flat while the archive grows is the "constant memory" claim.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsarchive.search import Filters, search
from newsarchive.store import Store

WORDS = ("tariff trade china japan exports minister talks summit market bank rates inflation "
         "senate bill shutdown river dam water election court ruling energy oil gas climate "
         "border migrant deal visit press officials economy growth forecast data survey").split()
PUBLICATIONS = ["Reuters", "Bloomberg", "South China Morning Post", "The Guardian", "Associated Press"]
NAMES = ["Dewey Sim", "Anna Martin", "Linton Weeks", "Kim Lee", "José Álvarez", "Lisa Mascaro"]
QUERIES = [
    ("word", "tariff", Filters()),
    ("two words", "china exports", Filters()),
    ("phrase", '"trade talks"', Filters()),
    ("OR + NOT", "(oil OR gas) -climate", Filters()),
    ("prefix", "infla*", Filters()),
    ("headline scope", "headline:summit", Filters()),
    ("word + --author", "tariff", Filters(authors=["sim"])),
    ("word + --publication", "tariff", Filters(publications=["reuters"])),
    ("word + date range", "tariff date:2024-01..2024-06", Filters()),
    ("--list only", "", Filters(lists=["list-3"])),
    ("lone NOT", "-tariff", Filters()),
]
EXPORT_CHILD = """
import resource, sys
from newsarchive.cli import cli
cli.main(["export", "--db", sys.argv[1], "--format", "jsonl", "-o", sys.argv[2]], standalone_mode=False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def build(path: Path, count: int) -> None:
    rng = random.Random(count)
    store = Store(path)
    batch = []
    for i in range(count):
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=40)) + "." for _ in range(4))
        batch.append({
            "id": f"{i:016x}", "list": f"list-{i % 7}", "subject": None,
            "headline": " ".join(rng.choices(WORDS, k=7)).capitalize(),
            "dek": " ".join(rng.choices(WORDS, k=12)), "publication": rng.choice(PUBLICATIONS),
            "authors": rng.sample(NAMES, k=rng.randint(0, 2)), "dateline": None,
            "published": f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}", "sent": None,
            "body": body, "captions": [], "author_bio": None, "removed": [],
            "archive": {"generator": None, "footer": None}, "source": {"path": f"f{i}", "format": "text"},
            "word_count": 160,
        })
        if len(batch) == 2000:
            store.save_articles(batch)
            batch = []
    store.save_articles(batch)
    store.close()


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = Path(tmp) / f"bench-{size}.db"
            started = time.perf_counter()
            build(db, size)
            print(f"\n{size} articles: built in {time.perf_counter() - started:.1f}s, "
                  f"{db.stat().st_size / 1e6:.0f} MB")
            store = Store(db)
            for label, query, filters in QUERIES:
                runs = []
                for _ in range(5):
                    started = time.perf_counter()
                    hits = search(store, query, limit=20, filters=filters)
                    runs.append(time.perf_counter() - started)
                print(f"  search {label:<22} {statistics.median(runs) * 1000:8.1f} ms  ({len(hits)} hits)")
            store.close()
            out = Path(tmp) / "export.jsonl"
            started = time.perf_counter()
            child = subprocess.run([sys.executable, "-c", EXPORT_CHILD, str(db), str(out)],
                                   capture_output=True, text=True, check=True)
            elapsed = time.perf_counter() - started
            peak_kb = int(child.stdout.strip().splitlines()[-1])
            print(f"  export jsonl: {elapsed:.1f}s, {out.stat().st_size / 1e6:.0f} MB written, "
                  f"peak memory {peak_kb / 1024:.0f} MB")
            db.unlink()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10000, 50000])
