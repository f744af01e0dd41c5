"""Writers: articles to JSON, JSON Lines and CSV, streamed and written atomically."""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

FORMATS = ("json", "jsonl", "csv")
CSV_FIELDS = ["id", "list", "subject", "headline", "dek", "publication", "authors", "dateline",
              "published", "sent", "body", "captions", "author_bio", "word_count",
              "source_path", "source_format", "people"]


def write_articles(articles: Iterable[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Write articles one at a time (constant memory); return how many were written."""
    if fmt == "json":
        return _write_json(articles, out)
    if fmt == "jsonl":
        count = 0
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        return _write_csv(articles, out)
    raise ValueError(f"unknown export format {fmt!r}")


@contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[str]]:
    """A file that replaces `path` only when writing finished: never a partial file.

    A path that exists and is not a regular file (`/dev/stdout`, a FIFO, a device) is
    written to directly: renaming over it would replace the device, not write to it.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, "w", encoding="utf-8", newline="") as direct:
            yield direct
        return
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=target.parent or ".",
        prefix=f".{target.name}.", suffix=".tmp", delete=False,
    )
    try:
        # The temporary file is private (0600); the export gets the mode a plain write
        # would give: the old file's, else what the umask allows.
        os.chmod(handle.name, _mode_for(target))
        with handle:
            yield handle
        os.replace(handle.name, target)
    except BaseException:
        os.unlink(handle.name)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def flatten_for_csv(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in CSV_FIELDS}
    row["authors"] = "; ".join(article.get("authors") or [])
    row["captions"] = "; ".join(article.get("captions") or [])
    source = article.get("source") or {}
    row["source_path"] = source.get("path")
    row["source_format"] = source.get("format")
    row["people"] = "; ".join(person["name"] for person in article.get("people") or [])
    return row


def write_hits(hits: Iterable[dict[str, Any]], out: IO[str], fmt: str,
               fields: Iterable[str]) -> int:
    """Search hits for tools: a JSON array, JSON Lines, or CSV with lists joined by '; '."""
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(fields))
        writer.writeheader()
        count = 0
        for hit in hits:
            writer.writerow({key: "; ".join(value) if isinstance(value, list) else value
                             for key, value in hit.items()})
            count += 1
        return count
    return write_articles(hits, out, fmt)


def _write_json(articles: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    out.write("[")
    for article in articles:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(article, ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _write_csv(articles: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    count = 0
    for article in articles:
        writer.writerow(flatten_for_csv(article))
        count += 1
    return count
