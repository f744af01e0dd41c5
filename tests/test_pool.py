"""The parser pool: results in input order, and workers kept busy within a memory bound."""

from __future__ import annotations

import time

import newsarchive.pool
from newsarchive.parse import Chunk, FileTask
from newsarchive.pool import _Pool

CHUNK_BODY = 10_000


def _many_chunks(task: FileTask):
    for number in range(5):
        yield Chunk(task.index, articles=[{"body": "x" * CHUNK_BODY, "n": number}], done=number == 4)


def test_chunks_come_in_order_and_are_read_ahead_within_the_bound(monkeypatch):
    bound = 5 * CHUNK_BODY
    monkeypatch.setattr(newsarchive.pool, "READ_AHEAD_BYTES", bound)
    monkeypatch.setattr(newsarchive.pool, "parse_file", _many_chunks)
    pool = _Pool(2)
    seen, peak = [], 0
    try:
        for task, chunks in pool.run(FileTask(index, f"f{index}", 0, 0) for index in range(12)):
            for chunk in chunks:
                seen.append((task.index, chunk.index, chunk.articles[0]["n"], chunk.done))
                peak = max(peak, pool.early_bytes)
                time.sleep(0.005)  # a writer slower than its parsers
    finally:
        pool.close()
    assert seen == [(i, i, n, n == 4) for i in range(12) for n in range(5)]
    # The other worker's chunks were taken while this one's were written, never more
    # than the bound and one chunk.
    assert CHUNK_BODY < peak < bound + 2 * CHUNK_BODY
    assert pool.early_bytes == 0
