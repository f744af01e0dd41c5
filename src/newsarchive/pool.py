"""Parse files on every core, hand their chunks to one writer in the order given.

Each worker process has its own task pipe and its own result pipe; each file (or
part of a big mbox) goes to the worker with the fewest files outstanding, and the writer
reads task i's chunks from the worker it went to. So results arrive in input order (runs
are reproducible), and the writer never waits on a worker that waits on it. Files run
from 100 words to megabytes: handed out strictly in turn, a few tasks ahead, one worker
sat idle whenever the writer waited on the other's long file: an ingest of 10,000
synthetic dumps kept 1.66 of 2 cores busy handed out four ahead, 1.77–1.80 now.

While the writer works through one worker's chunks, it takes what the others have
ready, up to READ_AHEAD_BYTES in all; past that a worker blocks once its pipe is full.
So memory is bounded by that and the chunk size, not by the archive, and a worker whose
next file or part is not yet due goes on parsing: a chunk of 100 articles fills a pipe,
and without reading ahead the parts of one big mbox were parsed one after the other.

Pipes rather than queues: a send is complete when it returns (no feeder thread to lose
data when a worker dies, nor to contend with the writer for the interpreter lock on
every file), and a dead worker shows as end-of-file instead of a silent wait. A task
pipe never fills: it holds at most TASKS_AHEAD tasks and TASK_BYTES_AHEAD bytes of them
(but always one), below a pipe's smallest buffer, so handing out a task never blocks the
writer (a worker blocked on a full result pipe would then never read it).

A worker that dies (killed, out of memory) costs the file it was parsing, which is
reported as failed; a fresh worker takes over its remaining files.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait
from typing import Any

from newsarchive.parse import Chunk, FileTask, parse_file, preload

# Files handed out ahead of the writer, per worker, and their bytes as sent (a path can
# be 4 KB long); enough that a worker goes on while the writer waits on another's long file.
TASKS_AHEAD = 32
TASK_BYTES_AHEAD = 8 * 1024
POLL_SECONDS = 0.5
# Chunks taken early from workers whose turn has not come, in bytes as sent: about three
# parts of a big mbox.
READ_AHEAD_BYTES = 32 * 1024 * 1024


def parse_in_order(tasks: Iterable[FileTask], jobs: int) -> Iterator[tuple[FileTask, Iterator[Chunk]]]:
    """Each task with an iterator of its chunks, in input order.

    The caller must finish one task's chunk iterator before asking for the next task.
    """
    if jobs <= 1:
        for task in tasks:
            yield task, parse_file(task)
        return
    # No parser processes (nor the extractor) for a run with nothing to parse.
    tasks = iter(tasks)
    first = next(tasks, None)
    if first is None:
        return
    tasks = itertools.chain([first], tasks)
    preload()  # before the fork: the parsers share the extractor's compiled rules
    pool = _Pool(jobs)
    try:
        yield from pool.run(tasks)
    finally:
        pool.close()


def _worker(tasks: Any, results: Any, parent: int, inherited: list[Any]) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The writer's ends of the pipes (this worker's and the others'), copied by fork: held
    # open here, a dead writer's pipes would not read as closed, and a worker with tasks
    # queued would block for ever on its full result pipe instead of seeing the writer gone.
    for connection in inherited:
        connection.close()
    while True:
        try:
            if not tasks.poll(POLL_SECONDS):
                if os.getppid() != parent:  # the writer was killed: do not linger
                    return
                continue
            task = tasks.recv()
        except (EOFError, OSError):  # the writer closed the pipe or is gone
            return
        if task is None:
            return
        try:
            for chunk in parse_file(task):
                results.send(chunk)
        except (BrokenPipeError, EOFError):  # the writer is gone
            return


class _Pool:
    def __init__(self, jobs: int):
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.jobs = jobs
        self.workers: list[Any] = [None] * jobs
        self.task_pipes: list[Any] = [None] * jobs
        self.result_queues: list[Any] = [None] * jobs
        # Tasks sent to each worker and not yet done, with their size as sent, and the sizes' total.
        self.pending: list[deque[tuple[FileTask, bytes]]] = [deque() for _ in range(jobs)]
        self.pending_bytes = [0] * jobs
        # Chunks read ahead of their turn, with their size as sent, and the sizes' total.
        self.early: list[deque[tuple[Chunk, int]]] = [deque() for _ in range(jobs)]
        self.early_bytes = 0
        # Workers found dead while reading ahead: not waited on (their pipe would wake
        # every wait) until their turn comes and a fresh worker takes over.
        self.ended: set[int] = set()
        for slot in range(jobs):
            self._start(slot)

    def _start(self, slot: int) -> None:
        task_receiver, task_sender = self.context.Pipe(duplex=False)
        receiver, sender = self.context.Pipe(duplex=False)
        # Only a forked worker holds copies of the writer's ends (a spawned one would be
        # handed new copies by passing them).
        inherited = ([end for end in (*self.task_pipes, *self.result_queues, task_sender, receiver)
                      if end is not None] if self.context.get_start_method() == "fork" else [])
        worker = self.context.Process(target=_worker, daemon=True,
                                      args=(task_receiver, sender, os.getpid(), inherited))
        worker.start()
        # The worker's ends: closed here, so its death reads as end-of-file.
        sender.close()
        task_receiver.close()
        self.task_pipes[slot] = task_sender
        self.result_queues[slot] = receiver
        self.workers[slot] = worker
        self.ended.discard(slot)
        for _, data in self.pending[slot]:
            self._send(slot, data)

    def _send(self, slot: int, data: bytes) -> None:
        try:
            self.task_pipes[slot].send_bytes(data)
        except OSError:
            # The worker died: its results pipe will read as end-of-file, and the fresh
            # worker that replaces it gets every task still pending, this one included.
            pass

    def run(self, tasks: Iterable[FileTask]) -> Iterator[tuple[FileTask, Iterator[Chunk]]]:
        task_iter = iter(tasks)
        in_flight: deque[tuple[int, FileTask]] = deque()
        waiting: tuple[FileTask, bytes] | None = None  # taken from `tasks`, not yet sent
        while True:
            while True:
                if waiting is None:
                    task = next(task_iter, None)
                    if task is None:
                        break
                    waiting = (task, pickle.dumps(task, pickle.HIGHEST_PROTOCOL))
                slot = self._slot_for(len(waiting[1]))
                if slot is None:
                    break
                self.pending[slot].append(waiting)
                self.pending_bytes[slot] += len(waiting[1])
                self._send(slot, waiting[1])
                in_flight.append((slot, waiting[0]))
                waiting = None
            if not in_flight:
                return
            slot, task = in_flight.popleft()
            chunks = self._chunks(slot, task)
            yield task, chunks
            for _ in chunks:  # whatever the caller left unread
                pass

    def _slot_for(self, size: int) -> int | None:
        """The worker with the fewest tasks outstanding that has room for one of `size`
        bytes; None when none has."""
        best = None
        for slot in range(self.jobs):
            count = len(self.pending[slot])
            if count and (count >= TASKS_AHEAD or self.pending_bytes[slot] + size > TASK_BYTES_AHEAD):
                continue
            if best is None or count < len(self.pending[best]):
                best = slot
        return best

    def _done(self, slot: int) -> None:
        """`slot`'s oldest task is over: done, or lost with its worker."""
        _, data = self.pending[slot].popleft()
        self.pending_bytes[slot] -= len(data)

    def _chunks(self, slot: int, task: FileTask) -> Iterator[Chunk]:
        while True:
            if self.early[slot]:
                chunk, size = self.early[slot].popleft()
                self.early_bytes -= size
            else:
                try:
                    chunk = self._next_chunk(slot)
                except (EOFError, OSError, pickle.UnpicklingError):
                    self.workers[slot].join()
                    code = self.workers[slot].exitcode
                    self.result_queues[slot].close()
                    self.task_pipes[slot].close()
                    self._done(slot)  # the task it was parsing: none of it came
                    self._start(slot)
                    how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
                    yield Chunk(task.index, done=True, error=f"parser process died ({how})")
                    return
            yield chunk
            if chunk.done:
                return

    def _next_chunk(self, slot: int) -> Chunk:
        """The next chunk from `slot`'s worker; while it is not there, what the other
        workers have ready is read ahead. Raises EOFError when the worker died."""
        receiver = self.result_queues[slot]
        while True:
            self._read_ahead(slot)
            if receiver.poll(0):
                return self._receive(slot)[0]
            others = [self.result_queues[other] for other in range(self.jobs)
                      if other != slot and other not in self.ended and self.early_bytes < READ_AHEAD_BYTES]
            wait([receiver, *others], POLL_SECONDS)

    def _read_ahead(self, current: int) -> None:
        for slot in range(self.jobs):
            if slot == current or slot in self.ended:
                continue
            receiver = self.result_queues[slot]
            while self.early_bytes < READ_AHEAD_BYTES:
                try:
                    if not receiver.poll(0):
                        break
                    chunk, size = self._receive(slot)
                except (EOFError, OSError, pickle.UnpicklingError):
                    self.ended.add(slot)  # a worker that died: dealt with when its turn comes
                    break
                self.early[slot].append((chunk, size))
                self.early_bytes += size

    def _receive(self, slot: int) -> tuple[Chunk, int]:
        """One chunk from `slot`'s pipe, and its size as sent; a file's last chunk ends
        its task (a worker that dies later is not asked for it again)."""
        data = self.result_queues[slot].recv_bytes()
        chunk = pickle.loads(data)
        if chunk.done:
            self._done(slot)
        return chunk, len(data)

    def close(self) -> None:
        for slot, worker in enumerate(self.workers):
            if worker.is_alive():
                try:
                    self.task_pipes[slot].send(None)
                except (OSError, ValueError):
                    pass
        for slot, worker in enumerate(self.workers):
            worker.join(timeout=1)
            if worker.is_alive():
                worker.terminate()
                worker.join()
            self.result_queues[slot].close()
            self.task_pipes[slot].close()
