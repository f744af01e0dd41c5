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


def _slow_first_file(task: FileTask):
    if task.index == 0:
        time.sleep(0.5)  # a long file
    yield Chunk(task.index, articles=[{"body": "x", "n": 0}], done=True)


def test_a_worker_goes_on_while_the_writer_waits_on_the_others_long_file(monkeypatch):
    monkeypatch.setattr(newsarchive.pool, "parse_file", _slow_first_file)
    pool = _Pool(2)
    try:
        runs = pool.run(FileTask(index, f"f{index}", 0, 0) for index in range(40))
        task, chunks = next(runs)
        assert [chunk.index for chunk in chunks] == [0]
        # While the writer waited on file 0, the other worker parsed every file sent to
        # it (handed out a few at a time, it parsed three and sat idle).
        ready = sum(chunk.done for chunk, _ in pool.early[1])
        assert ready >= 10
        assert [task.index for task, chunks in runs if list(chunks)] == list(range(1, 40))
    finally:
        pool.close()


def test_tasks_outstanding_stay_within_a_pipe_buffer(monkeypatch):
    # Paths of 3,000 bytes: 32 such tasks outstanding would fill a worker's task pipe
    # while it is blocked on a full result pipe, and the writer would wait for ever.
    monkeypatch.setattr(newsarchive.pool, "parse_file", _many_chunks)
    pool = _Pool(2)
    peak = 0
    try:
        for task, chunks in pool.run(FileTask(index, "d/" * 1500 + str(index), 0, 0) for index in range(30)):
            assert [chunk.index for chunk in chunks] == [task.index] * 5
            for slot in range(2):
                if len(pool.pending[slot]) > 1:
                    assert pool.pending_bytes[slot] <= newsarchive.pool.TASK_BYTES_AHEAD
                peak = max(peak, len(pool.pending[slot]))
    finally:
        pool.close()
    assert peak >= 2
