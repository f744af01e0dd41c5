"""How fast extraction runs, and whether a change keeps its output, against a git revision.

Reads every message of the given paths once, then times `extract` over all of them (ms
per message, best of `--repeat` passes) and writes every article's `to_dict()` as JSON
Lines. With `--against REV`, the same runs in a second process over the package as it
was at git revision REV (`git archive` into a temporary folder), alternating with the
working tree so that load from elsewhere on the machine hits both alike; it then
reports the speed-up and the first articles whose output differs.

    python bench/extract_speed.py --against main fixtures bench/heldout /tmp/g2k \
        ../shared/corpus/pipermail-twisted/reality

`--step NAME` also times one step of extract/article.py (say `find_people` or
`sort_body`) on its own, by wrapping it.
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


def run_one(paths: list[str], repeat: int, dump: str, step: str | None) -> dict:
    """Time extraction with whichever `newsarchive` is importable; dump the articles."""
    from people_speed import files_of  # bench/ is the script's folder, first on sys.path

    import newsarchive.extract.article as article_module
    from newsarchive.extract import extract
    from newsarchive.readers import NotADump, ReadError, read_path

    messages = []
    for path in paths:
        for name in files_of(path):
            try:
                messages += [(f"{name}#{n}", m) for n, m in enumerate(read_path(Path(name)))]
            except (NotADump, ReadError, OSError):
                continue
    step_seconds = [0.0]
    if step:
        real = getattr(article_module, step)

        def wrapped(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                step_seconds[0] += time.perf_counter() - started
        setattr(article_module, step, wrapped)
    best = best_step = float("inf")
    for _ in range(repeat):
        step_seconds[0] = 0.0
        started = time.perf_counter()
        for _, message in messages:
            extract(message)
        best = min(best, time.perf_counter() - started)
        best_step = min(best_step, step_seconds[0])
    with open(dump, "w", encoding="utf-8") as out:
        for label, message in messages:
            for part, article in enumerate(extract(message)):
                out.write(json.dumps({"at": f"{label}.{part}", **article.to_dict()},
                                     ensure_ascii=False, sort_keys=True, default=str) + "\n")
    count = max(len(messages), 1)
    return {"messages": len(messages), "ms_per_message": 1000 * best / count,
            "step_ms_per_message": 1000 * best_step / count if step else None}


def in_process(source: Path | None, paths: list[str], dump: str, step: str | None) -> dict:
    """One timed pass in a fresh interpreter over the package at `source` (None: ours)."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    out = subprocess.run([sys.executable, __file__, "--child", dump, "--step", step or "",
                          *paths], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def first_differences(old: str, new: str, limit: int = 5) -> tuple[int, list[str]]:
    with open(old, encoding="utf-8") as a, open(new, encoding="utf-8") as b:
        old_lines, new_lines = a.readlines(), b.readlines()
    differing = []
    for left, right in zip(old_lines, new_lines, strict=False):
        if left != right:
            before, after = json.loads(left), json.loads(right)
            fields = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            differing.append(f"{before['at']}: {', '.join(fields)}")
    if len(old_lines) != len(new_lines):
        differing.append(f"article count {len(old_lines)} -> {len(new_lines)}")
    return len(differing), differing[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--against", help="git revision to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--step", help="also time this step of extract/article.py")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--keep", help="folder to keep the two JSON Lines dumps in")
    args = parser.parse_args()
    from people_speed import files_of  # bench/ is the script's folder, first on sys.path

    for path in args.paths:  # before any child runs: a missing one would only be skipped
        files_of(path)
    if args.child:
        print(json.dumps(run_one(args.paths, args.repeat, args.child, args.step or None)))
        return
    work = Path(args.keep or tempfile.mkdtemp(prefix="extract-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    old_source = None
    if args.against:
        old_source = work / "old"
        old_source.mkdir(exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_source)], input=archive, check=True)
    new_best = old_best = None
    for _ in range(args.repeat):  # alternate, one pass each, keep the best of each
        new = in_process(None if not args.against else ROOT, args.paths, str(work / "new.jsonl"), args.step)
        new_best = new if new_best is None or new["ms_per_message"] < new_best["ms_per_message"] else new_best
        if old_source:
            old = in_process(old_source, args.paths, str(work / "old.jsonl"), args.step)
            old_best = old if old_best is None or old["ms_per_message"] < old_best["ms_per_message"] else old_best
    step = f", {args.step} {new_best['step_ms_per_message']:.3f}" if args.step else ""
    print(f"{new_best['messages']} messages; working tree: {new_best['ms_per_message']:.3f} ms/message{step}")
    if old_best:
        step = f", {args.step} {old_best['step_ms_per_message']:.3f}" if args.step else ""
        print(f"at {args.against}: {old_best['ms_per_message']:.3f} ms/message{step}; "
              f"speed-up {old_best['ms_per_message'] / new_best['ms_per_message']:.2f}x")
        count, examples = first_differences(str(work / "old.jsonl"), str(work / "new.jsonl"))
        print(f"articles that differ: {count}" + "".join(f"\n  {e}" for e in examples))
        print(f"dumps: {work}/old.jsonl {work}/new.jsonl")


if __name__ == "__main__":
    main()
