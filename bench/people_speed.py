"""How fast `find_people` runs, and whether a change keeps its output.

Extracts every article from the given paths once (with the people step switched off),
then times `find_people` over each article's paragraphs: ms per article, best of
`--repeat` passes. `--dump FILE` writes each article's people (names, mentions, roles,
aliases) as JSON, to compare byte for byte with a dump from another commit.
`--against REV` also times `find_people` as it was at git revision REV, loaded under
another name in the same process, and checks both give the same people.

    python bench/people_speed.py --dump /tmp/new.json --against main \
        /tmp/pf_gen fixtures ../shared/corpus/pipermail-twisted/reality
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import newsarchive.extract.article as article_module
from newsarchive.extract import extract
from newsarchive.extract.people import find_people
from newsarchive.readers import NotADump, ReadError, is_container_folder, read_path

PEOPLE_PATH = "src/newsarchive/extract/people.py"


def files_of(path: str) -> list[str]:
    # A mistyped path (or `../shared` from another working folder) would otherwise be
    # read as one unreadable file and skipped: a gate over no messages that says "0 differ".
    if not os.path.exists(path):
        raise SystemExit(f"{path}: no such file or folder")
    if not os.path.isdir(path) or is_container_folder(Path(path)):
        return [path]
    found = []
    for folder, dirs, names in os.walk(path):
        dirs.sort()
        found += [os.path.join(folder, name) for name in sorted(names)]
    return found


def article_paragraphs(paths: list[str]) -> list[tuple[str, list[str]]]:
    """(label, paragraphs) of every article in the paths, people step switched off."""
    real = article_module.find_people
    article_module.find_people = lambda paragraphs: []
    found: list[tuple[str, list[str]]] = []
    try:
        for path in paths:
            for name in files_of(path):
                try:
                    for number, message in enumerate(read_path(Path(name))):
                        for part, article in enumerate(extract(message)):
                            found.append((f"{name}#{number}.{part}", list(article.paragraphs)))
                except (NotADump, ReadError, OSError):
                    continue
    finally:
        article_module.find_people = real
    return found


def module_at(revision: str) -> Callable:
    """`find_people` as it was at a git revision, imported under another name."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(["git", "-C", str(root), "show", f"{revision}:{PEOPLE_PATH}"],
                            check=True, capture_output=True, text=True).stdout
    spec = importlib.util.spec_from_loader("people_at_revision", loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules["people_at_revision"] = module
    exec(compile(source, f"{revision}:{PEOPLE_PATH}", "exec"), module.__dict__)  # noqa: S102
    return module.find_people


def timed(function: Callable, articles: list[tuple[str, list[str]]], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _, paragraphs in articles:
            function(paragraphs)
        best = min(best, time.perf_counter() - start)
    return best


def results(function: Callable, articles: list[tuple[str, list[str]]]) -> list[dict]:
    return [{"article": label, "people": [asdict(p) for p in function(paragraphs)]}
            for label, paragraphs in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--dump", help="write each article's people as JSON here")
    parser.add_argument("--against", help="also time find_people at this git revision")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = article_paragraphs(args.paths)
    print(f"{len(articles)} articles, {sum(len(p) for _, p in articles)} paragraphs")
    old_find_people = module_at(args.against) if args.against else None
    new = old = float("inf")
    for _ in range(args.repeat):  # interleaved, so that load from elsewhere hits both alike
        new = min(new, timed(find_people, articles, 1))
        if old_find_people:
            old = min(old, timed(old_find_people, articles, 1))
    print(f"find_people (working tree): {1000 * new / len(articles):.3f} ms/article")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            json.dump(results(find_people, articles), handle, ensure_ascii=False, indent=1)
    if old_find_people:
        same = results(old_find_people, articles) == results(find_people, articles)
        print(f"find_people at {args.against}: {1000 * old / len(articles):.3f} ms/article; "
              f"speed-up {old / new:.2f}x; same people: {same}")


if __name__ == "__main__":
    main()
