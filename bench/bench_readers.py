"""Reader throughput and memory: stream a generated mbox (or the given paths) through read_path.

    python bench/bench_readers.py              # a generated 200 MB mbox
    python bench/bench_readers.py --mb 1000    # a 1 GB one
    python bench/bench_readers.py ../shared/corpus/pipermail-twisted

Prints messages read, seconds, MB/s and the peak resident memory, which must stay flat
whatever the size of the mbox (the reader holds one message at a time).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from newsarchive.ingest import iter_files
from newsarchive.readers import ReadError, read_path

MESSAGE = (
    "From ann@example.org  Fri Jul 11 09:30:05 2025\n"
    "From: Ann Forwarder <ann@example.org>\nSubject: [Salon] Filler story {n}\n"
    "Date: Fri, 11 Jul 2025 09:30:05 +0000\nMessage-ID: <{n}@example.org>\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    + ("A paragraph of filler text that is wrapped the way mail programs wrap it, at\n"
       "seventy-two columns or so, with nothing in it but words.\n\n") * 12
    + "\n"
)


def generate(folder: Path, megabytes: int) -> Path:
    path = folder / "bench.mbox"
    with open(path, "w", encoding="utf-8") as out:
        n = 0
        while out.tell() < megabytes * 1024 * 1024:
            out.write(MESSAGE.format(n=n))
            n += 1
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--mb", type=int, default=200, help="size of the generated mbox")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(p) for p in args.paths] or [generate(Path(folder), args.mb)]
        size = sum(p.stat().st_size for p in iter_files(paths, lambda *_: None) if p.is_file())
        start = time.perf_counter()
        messages = failed = 0
        for path in iter_files(paths, lambda *_: None):
            try:
                messages += sum(1 for _ in read_path(path))
            except ReadError:
                failed += 1
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{messages} messages, {failed} files failed, {size / 2**20:.0f} MB in {seconds:.1f} s "
          f"({size / 2**20 / seconds:.1f} MB/s), peak RSS {peak:.0f} MB", file=sys.stdout)


if __name__ == "__main__":
    main()
