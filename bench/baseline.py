"""The minimal baseline: plain sqlite3, one FTS5 row per file of raw text, no extraction.

    python bench/baseline.py ARCHIVE_DIR DB

The same tokenizer as newsarchive's index, one transaction, files in the same order:
the least any full-text ingest of these files can cost on this machine.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

TOKENIZE = "porter unicode61 remove_diacritics 2"


def files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / name for name in sorted(names) if not name.startswith(".")]
    return found


def ingest(root: Path, db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(path, body, "
                 f"tokenize='{TOKENIZE}')")
    count = 0
    with conn:
        for path in files(root):
            text = path.read_bytes().decode("utf-8", errors="replace")
            conn.execute("INSERT INTO docs (path, body) VALUES (?, ?)", [str(path), text])
            count += 1
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return count


if __name__ == "__main__":
    print(ingest(Path(sys.argv[1]), Path(sys.argv[2])))
