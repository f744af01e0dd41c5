"""The ingest progress line on a terminal: files, articles, rate and time left.

Drawn on standard error, at most REDRAW_SECONDS apart, and only when asked (the CLI
asks when standard error is a terminal and --quiet is not given). Time left is
estimated from bytes, since file sizes vary far more than file counts suggest.
"""

from __future__ import annotations

import time
from typing import TextIO

REDRAW_SECONDS = 0.2


class IngestProgress:
    def __init__(self, stream: TextIO, enabled: bool):
        self.stream = stream
        self.enabled = enabled
        self.files_total = 0
        self.bytes_total = 0
        self.files = 0
        self.bytes = 0
        self.articles = 0
        # The file being written, when it is a big one written in parts (an mbox).
        self.part_articles = 0
        self.part_bytes = 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def start(self, files_total: int, bytes_total: int) -> None:
        self.files_total, self.bytes_total = files_total, bytes_total
        self.started = time.monotonic()

    def file_done(self, size: int, articles: int) -> None:
        self.files += 1
        self.bytes += size
        self.articles += articles
        self.part_articles = self.part_bytes = 0
        self._redraw()

    def file_part(self, articles: int, bytes_read: int) -> None:
        """Inside a big file: its articles so far and how far into it the reader got, so
        that one 1 GB mbox does not sit at `articles 0` for an hour."""
        self.part_articles, self.part_bytes = articles, bytes_read
        self._redraw()

    def _redraw(self) -> None:
        now = time.monotonic()
        if self.enabled and now - self.drawn >= REDRAW_SECONDS:
            self.drawn = now
            self._draw(self.line(now - self.started))

    def line(self, elapsed: float) -> str:
        articles = self.articles + self.part_articles
        done = self.bytes + self.part_bytes
        rate = articles / elapsed if elapsed > 0 else 0.0
        parts = [f"files {self.files}/{self.files_total}", f"articles {articles}",
                 f"{rate:.0f} articles/s"]
        if done and elapsed > 1:
            left = max(self.bytes_total - done, 0) * elapsed / done
            parts.append(f"ETA {_clock(left)}")
        return " · ".join(parts)

    def message(self, text: str) -> None:
        """A line of its own (an error), above the progress line."""
        if self.enabled:
            self._draw("")
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self._draw("")

    def _draw(self, text: str) -> None:
        self.stream.write("\r\033[K" + text)
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
