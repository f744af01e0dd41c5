"""What finding people costs at ingest: the same files ingested with the people step and
without it (replaced by a no-op), into fresh databases; prints both times and the ratio.

    python bench/people_overhead.py ../shared/corpus/pipermail-twisted/twisted-python/2001-April
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import newsarchive.extract.article as article_module
from newsarchive.ingest import ingest
from newsarchive.store import Store


def timed_ingest(paths: list[str]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        start = time.perf_counter()
        ingest(store, paths)
        elapsed = time.perf_counter() - start
        store.close()
    return elapsed


def main(paths: list[str]) -> None:
    with_people = min(timed_ingest(paths) for _ in range(2))
    real = article_module.find_people
    article_module.find_people = lambda paragraphs: []
    try:
        without = min(timed_ingest(paths) for _ in range(2))
    finally:
        article_module.find_people = real
    print(f"ingest with people {with_people:.2f}s, without {without:.2f}s, "
          f"ratio {with_people / without:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["fixtures"])
