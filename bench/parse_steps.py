"""Where a file's parsing time goes, step by step, against a git revision.

Times, in ms per message (for each file and message, the best of `--repeat` passes in
each process; of the processes, the best total): reading (the reader chosen
by sniffing, from bytes already in memory, as ingest hands them over), every step of
extract/article.py (each wrapped with a timer), and `Article.to_dict()`. With
`--against REV` the same runs in a second process over the package at git revision REV
(`git archive` into a temporary folder), alternating with the working tree, and the
two are printed side by side with their ratio. Output identity is extract_speed.py's
job; this says where the time went.

    python bench/parse_steps.py --against main --repeat 5 /tmp/g2k
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = ["start_draft", "take_footers", "unquote_forward", "take_quotes", "split_digest",
         "take_forward_headers", "gather_evidence", "find_headline", "read_header", "sort_body",
         "read_wire_dateline", "read_subject_credit", "split_flattened", "settle_dates",
         "credit_sender", "find_people"]


def run_one(paths: list[str], repeat: int) -> dict:
    """Per-stage seconds with whichever `newsarchive` is importable."""
    from people_speed import files_of  # bench/ is the script's folder, first on sys.path

    import newsarchive.extract.article as article_module
    from newsarchive.extract import extract
    from newsarchive.readers import NotADump, ReadError, read_source
    from newsarchive.readers.source import DEFAULT_MAX_SIZE, Source

    files = []
    for path in paths:
        for name in files_of(path):
            if os.path.isfile(name):
                with open(name, "rb") as handle:
                    files.append((name, handle.read()))

    def read_all() -> list:
        found = []
        for name, data in files:
            try:
                found += list(read_source(Source(Path(name), DEFAULT_MAX_SIZE, data)))
            except (NotADump, ReadError, OSError):
                continue
        return found

    messages = read_all()
    stages = ["reading", *STEPS, "extract (all)", "to_dict"]
    # The best of the passes for each file and message, not for each pass: on a shared
    # machine a pass is rarely spared some other process, a single message mostly is.
    best = {stage: [float("inf")] * max(len(files), len(messages)) for stage in stages}
    current = dict.fromkeys(STEPS, 0.0)
    for step in STEPS:
        real = getattr(article_module, step)

        def wrapped(*args, _real=real, _step=step, **kwargs):
            started = time.perf_counter()
            try:
                return _real(*args, **kwargs)
            finally:
                current[_step] += time.perf_counter() - started
        setattr(article_module, step, wrapped)
    clock = time.perf_counter
    for _ in range(repeat):
        for index, (name, data) in enumerate(files):
            started = clock()
            try:
                list(read_source(Source(Path(name), DEFAULT_MAX_SIZE, data)))
            except (NotADump, ReadError, OSError):
                pass
            best["reading"][index] = min(best["reading"][index], clock() - started)
        for index, message in enumerate(messages):
            for step in STEPS:
                current[step] = 0.0
            started = clock()
            articles = extract(message)
            middle = clock()
            for article in articles:
                article.to_dict()
            ended = clock()
            best["extract (all)"][index] = min(best["extract (all)"][index], middle - started)
            best["to_dict"][index] = min(best["to_dict"][index], ended - middle)
            for step in STEPS:
                best[step][index] = min(best[step][index], current[step])
    count = max(len(messages), 1)
    return {"messages": len(messages),
            "ms": {stage: 1000 * sum(v for v in best[stage] if v != float("inf")) / count for stage in stages}}


def in_process(source: Path | None, paths: list[str], passes: int) -> dict:
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    out = subprocess.run([sys.executable, __file__, "--child", "--passes", str(passes), *paths],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--against", help="git revision to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="processes of each revision, alternated")
    parser.add_argument("--passes", type=int, default=3, help="passes over the messages in each process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    from people_speed import files_of  # bench/ is the script's folder, first on sys.path

    for path in args.paths:  # before any child runs: a missing one would only be skipped
        files_of(path)
    if args.child:
        print(json.dumps(run_one(args.paths, args.passes)))
        return
    old_source = None
    if args.against:
        old_source = Path(tempfile.mkdtemp(prefix="parse-steps-"))
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_source)], input=archive, check=True)
    new_best: dict[str, float] = {}
    old_best: dict[str, float] = {}
    messages = 0
    for _ in range(args.repeat):  # alternate, one process each, keep the best of each
        new = in_process(ROOT if old_source else None, args.paths, args.passes)
        messages = new["messages"]
        new_best = {k: min(v, new_best.get(k, v)) for k, v in new["ms"].items()}
        if old_source:
            old = in_process(old_source, args.paths, args.passes)
            old_best = {k: min(v, old_best.get(k, v)) for k, v in old["ms"].items()}
    print(f"{messages} messages; ms per message")
    header = f"{'stage':<22}{'working tree':>14}"
    if old_best:
        header += f"{args.against:>14}{'ratio':>8}"
    print(header)
    for key, value in new_best.items():
        line = f"{key:<22}{value:>14.3f}"
        if old_best:
            line += f"{old_best[key]:>14.3f}{old_best[key] / value if value else 0:>8.2f}"
        print(line)


if __name__ == "__main__":
    main()
