"""Person search, old tree against new: the same rows for every query form, and the time.

    git archive main src | tar -x -C /tmp/oldtree
    python bench/person_speed.py --old-src /tmp/oldtree/src --db /tmp/bench-twisted/newsarchive.db
    python bench/person_speed.py --old-src /tmp/oldtree/src --db OLD.db --new-db NEW.db

`--db` is copied into a work folder (never written): one copy for the old tree, one
for this tree (which migrates it on opening), unless `--new-db` gives a database this
tree ingested itself (from the same files, so the same articles and rowids: that checks
the writer as well as the migration). Both copies get the same few rows written by
plain sqlite3 (no person links; found by their bylines only).

Names are sampled from the person index: the most prolific authors, authors with few
articles, people only mentioned, and surnames alone. Each name runs in every query form
(author:/person:, with words, a phrase, a field, dates, a list, NOT, OR, the three
sorts, --limit/--offset on both sides of the person index's 500 rows, the
--author/--person options, and the whole selection as an export reads it) in a worker
process per tree, the trees alternating query by query; any difference in the rows
(ids, order, scores, snippets) fails the run. Times are each query's best of
`--repeat`, reported as p95 and sum over the names, for the old tree, the new and the
bare FTS5 query bench/run.py compares `author:"Name"` with. `--kinds` instead runs
bench/run.py's own seeded sample of word, phrase, field and person queries.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typing import Any

BARE_SQL = ("SELECT rowid, snippet(articles_fts, 2, '**', '**', '…', 12) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT 20")
# Rows written by another tool per database, each with a sampled author's byline.
FOREIGN_ROWS = 5
# Query forms: (label, query with {n} for the quoted name, filter options). {w} is a word
# and {p} a phrase from one of the person's articles, {y} the year of one, {l} its list.
FORMS: list[tuple[str, str, dict[str, Any]]] = [
    ("author", 'author:{n}', {}),
    ("person", 'person:{n}', {}),
    ("author+word", 'author:{n} {w}', {}),
    ("person+phrase", 'person:{n} {p}', {}),
    ("author+field", 'author:{n} body:{w}', {}),
    ("author+date", 'author:{n} date:{y}', {}),
    ("author+list", 'author:{n} list:{l}', {}),
    ("NOT author", '{w} -author:{n}', {}),
    ("word OR author", '{w} OR author:{n}', {}),
    ("author oldest", 'author:{n}', {"sort": "oldest"}),
    ("author+word newest", 'author:{n} {w}', {"sort": "newest"}),
    ("person relevance", 'person:{n} {w}', {"sort": "relevance"}),
    ("author offset", 'author:{n}', {"limit": 7, "offset": 30}),
    ("person relevance alone", 'person:{n}', {"sort": "relevance"}),
    ("author offset 480", 'author:{n}', {"limit": 20, "offset": 480}),
    ("author offset 490", 'author:{n}', {"limit": 20, "offset": 490}),
    ("--author option", '{w}', {"authors": ["{name}"]}),
    ("--person option since", '', {"persons": ["{name}"], "since": "{y}"}),
    ("export author", 'author:{n}', {"export": True}),
    ("export person oldest", 'person:{n}', {"export": True, "sort": "oldest"}),
]


def worker(db: str) -> None:
    """Answer one JSON command a line: run a query `repeat` times, give its rows and best time."""
    from newsarchive.search import Filters, search, select
    from newsarchive.store import Store

    store = Store(db)
    bare = sqlite3.connect(db)
    for line in sys.stdin:
        command = json.loads(line)
        best, rows = float("inf"), None
        for _ in range(command["repeat"]):
            started = time.perf_counter()
            if command.get("bare"):
                rows = bare.execute(BARE_SQL, [command["bare"]]).fetchall()
            else:
                options = dict(command["filters"])
                export = options.pop("export", False)
                limit = options.pop("limit", 20)
                offset = options.pop("offset", 0)
                if export:
                    rows = [a["id"] for a in select(store, command["query"] or None,
                                                    Filters(**options), default_sort="oldest")]
                else:
                    rows = search(store, command["query"] or None, limit=limit, offset=offset,
                                  filters=Filters(**options))
            best = min(best, time.perf_counter() - started)
        print(json.dumps({"rows": rows, "ms": best * 1000}, default=str), flush=True)


class Worker:
    def __init__(self, src: str | None, db: Path):
        env = dict(os.environ)
        if src:
            env["PYTHONPATH"] = src
        self.process = subprocess.Popen([sys.executable, __file__, "--worker", str(db)], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, **command: Any) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("a worker died (see its error above)")
        return json.loads(line)

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def ask_both(old: Worker, new: Worker, command: dict[str, Any], turn: int) -> tuple[dict, dict]:
    """The trees alternate, and which goes first too: the machine's load (and whatever
    the first of a pair leaves in the caches) falls on both alike."""
    if turn % 2:
        now = new.ask(**command)
        return old.ask(**command), now
    was = old.ask(**command)
    return was, new.ask(**command)


def add_foreign_rows(db: Path, names: list[str], rng: random.Random) -> None:
    """Rows another tool wrote: plain sqlite3, a byline, no person links."""
    conn = sqlite3.connect(db)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)") if row[1] != "people"]
    rowids = [r for (r,) in conn.execute("SELECT rowid FROM articles WHERE published IS NOT NULL")]
    for number, name in enumerate(names):
        row = dict(zip(columns, conn.execute(f"SELECT {', '.join(columns)} FROM articles WHERE rowid = ?",
                                              [rng.choice(rowids)]).fetchone(), strict=True))
        row.update(id=f"foreign{number:09d}", authors=json.dumps([name]), fingerprint=None)
        conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                     list(row.values()))
    conn.commit()
    conn.close()


def sample_names(db: Path, rng: random.Random, per_kind: int) -> list[dict[str, Any]]:
    """Names with a word, phrase, year and list from one of their articles."""
    conn = sqlite3.connect(db)
    counted = ("SELECT p.name, count(*) AS n FROM people p JOIN article_people ap ON ap.person_id = p.id "
               "WHERE ap.role = ? AND instr(trim(p.name), ' ') > 0 GROUP BY p.id ORDER BY n DESC, p.name")
    authors = conn.execute(counted, ["author"]).fetchall()
    mentioned = conn.execute(counted, ["mentioned"]).fetchall()
    few = [name for name, n in authors if n <= 5]
    chosen = [("prolific", name) for name, _ in authors[:per_kind]]
    chosen += [("rare", name) for name in rng.sample(few, min(per_kind, len(few)))]
    chosen += [("mentioned", name) for name in rng.sample([m for m, _ in mentioned],
                                                          min(per_kind, len(mentioned)))]
    chosen += [("surname", name.split()[-1]) for _, name in chosen[:per_kind]]
    names = [_details(conn, kind, name, rng) for kind, name in chosen]
    conn.close()
    return names


def run_sample(db: Path, seed: int) -> list[dict[str, Any]]:
    """The person queries bench/run.py times (its seeded sample: mostly prolific posters)."""
    from run import sample_queries

    from newsarchive.store import Store

    store = Store(db)
    pairs = sample_queries(store, random.Random(seed)).get("person", [])
    store.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    names = [_details(conn, "run.py", json.loads(query[len("author:"):]), rng) for query, _ in pairs]
    conn.close()
    return names


def _details(conn: sqlite3.Connection, kind: str, name: str, rng: random.Random) -> dict[str, Any]:
    """A word, a phrase, a year and a list from the first article with this name."""
    found = conn.execute(
        "SELECT a.body, a.published, a.list FROM articles a JOIN article_people ap ON ap.article_id = a.id "
        "JOIN people p ON p.id = ap.person_id WHERE p.name = ? OR p.name LIKE ? "
        "ORDER BY a.rowid LIMIT 1", [name, "% " + name]).fetchone()
    body, published, list_name = found or ("", None, None)
    words = [w for w in body.split() if w.isalpha() and len(w) > 3] or ["the", "list"]
    start = rng.randrange(max(1, len(words) - 1))
    return {"kind": kind, "name": name, "w": rng.choice(words), "p": f'"{" ".join(words[start:start + 2])}"',
            "y": (published or "2000")[:4], "l": json.dumps(list_name or "none")}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help="a database the old tree can open (copied, not written)")
    parser.add_argument("--new-db", type=Path, help="this tree's own ingest of the same files")
    parser.add_argument("--old-src", required=False, help="the old tree's src folder")
    parser.add_argument("--per-kind", type=int, default=8, help="names of each kind")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--forms", default="", help="only the forms whose labels contain this")
    parser.add_argument("--run-sample", action="store_true",
                        help="the names of bench/run.py's person queries (seed --seed) instead")
    parser.add_argument("--kinds", action="store_true",
                        help="bench/run.py's whole sample instead: word, phrase, field and person "
                             "queries as it times them, each against its bare query")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    if not args.db or not args.old_src:
        parser.error("--db and --old-src are needed")
    work = Path(tempfile.mkdtemp(prefix="person-speed-"))
    old_db, new_db = work / "old.db", work / "new.db"
    shutil.copy(args.db, old_db)
    shutil.copy(args.new_db or args.db, new_db)
    rng = random.Random(args.seed)
    if args.kinds:
        from run import sample_queries

        from newsarchive.store import Store

        store = Store(new_db)
        kinds = sample_queries(store, random.Random(args.seed))
        store.close()
        names = []
    else:
        kinds = {}
        names = run_sample(new_db, args.seed) if args.run_sample else sample_names(old_db, rng, args.per_kind)
    foreign = [entry["name"] for entry in names if entry["kind"] in ("prolific", "run.py")][:FOREIGN_ROWS]
    for db in (old_db, new_db):
        add_foreign_rows(db, foreign, random.Random(args.seed))
    old, new = Worker(args.old_src, old_db), Worker(None, new_db)
    times: dict[str, dict[str, list[float]]] = {}
    differ = compared = filled = 0
    try:
        for entry in names:  # warm both caches first: the first form would pay for it
            for side in (old, new):
                side.ask(query=f"person:{json.dumps(entry['name'])}", filters={"export": True}, repeat=1)
        for pairs in kinds.values():
            for query, _ in pairs:
                for side in (old, new):
                    side.ask(query=query, filters={}, repeat=1)
        for kind, pairs in kinds.items():
            spent = times.setdefault(kind, {"old": [], "new": [], "bare": []})
            for query, expression in pairs:
                command = {"query": query, "filters": {}, "repeat": args.repeat}
                was, now = ask_both(old, new, command, compared)
                compared += 1
                filled += bool(now["rows"])
                if was["rows"] != now["rows"]:
                    differ += 1
                    print(f"DIFFER {kind} {query!r}", file=sys.stderr)
                spent["old"].append(was["ms"])
                spent["new"].append(now["ms"])
                spent["bare"].append(new.ask(bare=expression, repeat=args.repeat)["ms"])
        for label, query, options in FORMS if not kinds else []:
            if args.forms not in label:
                continue
            spent = times.setdefault(label, {"old": [], "new": [], "bare": []})
            for entry in names:
                values = {**entry, "n": json.dumps(entry["name"])}
                text = query.format(**values)
                filters = {key: ([v.format(**values) for v in value] if isinstance(value, list)
                                 else value.format(**values) if isinstance(value, str) else value)
                           for key, value in options.items()}
                command = {"query": text, "filters": filters, "repeat": args.repeat}
                was, now = ask_both(old, new, command, compared)
                compared += 1
                filled += bool(now["rows"])
                if was["rows"] != now["rows"]:
                    differ += 1
                    print(f"DIFFER {label} {text!r} {filters}: {len(was['rows'])} against "
                          f"{len(now['rows'])} rows", file=sys.stderr)
                spent["old"].append(was["ms"])
                spent["new"].append(now["ms"])
                if label == "author":
                    phrase = '"' + " ".join(entry["name"].lower().split()) + '"'
                    spent["bare"].append(new.ask(bare=f"authors : {phrase}", repeat=args.repeat)["ms"])
    finally:
        old.close()
        new.close()
        shutil.rmtree(work)
    print(f"{'form':<24}{'p95 old':>9}{'p95 new':>9}{'sum old':>9}{'sum new':>9}  new/old (sum)")
    for label, spent in times.items():
        line = (f"{label:<24}{percentile(spent['old'], .95):9.2f}{percentile(spent['new'], .95):9.2f}"
                f"{sum(spent['old']):9.1f}{sum(spent['new']):9.1f}  {sum(spent['new']) / sum(spent['old']):.2f}")
        if spent["bare"]:
            bare_p95, bare_sum = percentile(spent["bare"], .95), sum(spent["bare"])
            line += (f"   bare p95 {bare_p95:.2f} sum {bare_sum:.1f}: against bare, p95 "
                     f"{percentile(spent['old'], .95) / bare_p95:.2f} -> "
                     f"{percentile(spent['new'], .95) / bare_p95:.2f}, sum "
                     f"{sum(spent['old']) / bare_sum:.2f} -> {sum(spent['new']) / bare_sum:.2f}")
        print(line)
    sampled = sorted({entry["kind"] for entry in names}) or sorted(kinds)
    print(f"{len(names)} names ({', '.join(sampled)}), {compared} queries compared "
          f"({filled} with rows), {differ} differ")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
