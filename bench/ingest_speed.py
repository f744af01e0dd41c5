"""How much ingest costs beside extraction, and whether a change keeps the stored data,
against a git revision.

    python bench/ingest_speed.py --against main /tmp/g2k
    python bench/ingest_speed.py --against main --identity /tmp/g2k fixtures

Speed (the default): for the working tree and, with `--against REV`, the package as it
was at REV (`git archive` into a temporary folder), alternating so that load from
elsewhere on the shared machine hits both alike, best of `--repeat`:

- `ingest`: `python -m newsarchive ingest --jobs N` in a subprocess, wall time and CPU
  time (the process and its parser processes), next to bench/baseline.py on the same
  files in the same loop, as ratios to it;
- per stage, in one process, CPU ms per file: reading (readers/), extraction, the rest
  of parsing (`parse_file` with reading and extraction already done: to_dict, dedupe
  keys, content hash, chunks) and the writer alone (`_Writer.write_file` over parsed
  chunks, into a fresh database);
- `overhead`: the ingest's CPU per file less extraction's, what is not extraction.

`--identity` instead ingests the paths with both trees into two databases (the same
paths, so the same stored paths), then changes some files (an edited body, a touched
file, a file made unreadable, a new duplicate) and ingests again, twice, then once more
with `--force`, and after each ingest compares every
table row by row (timestamps and the schema version aside), the articles' rowids and the full-text index's
every term instance; it prints the first differences. It exits 1 when any differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# Columns that hold the time of the run, not data.
TIMESTAMPS = {("files", "ingested_at"), ("errors", "failed_at")}


def export_tree(rev: str, work: Path) -> Path:
    """The package's source at git revision `rev`, unpacked under `work`."""
    target = work / f"src-{rev.replace('/', '_')}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def env_for(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree / "src")
    return env


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and the children it waited for), stdout."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output = out.read()
        if code not in (0, 1) or (code == 1 and not output):
            raise SystemExit(f"{' '.join(command)} failed ({code}):\n{err.read()}")
        return wall, usage.ru_utime + usage.ru_stime, output


def clear_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def ingest(tree: Path, db: Path, paths: list[str], jobs: int,
           force: bool = False) -> tuple[float, float, dict]:
    wall, cpu, out = timed([sys.executable, "-m", "newsarchive", "ingest", "--quiet",
                            "--format", "json", "--jobs", str(jobs), "--db", str(db),
                            *(["--force"] if force else []), *paths],
                           env_for(tree))
    return wall, cpu, json.loads(out)


# -- stages, run in a child process with one tree's package importable ----------------------

def stages(paths: list[str], repeat: int) -> dict:
    import newsarchive.parse as parse
    from newsarchive.extract import extract
    from newsarchive.ingest import _Writer, iter_files
    from newsarchive.readers import read_path
    from newsarchive.store import Store

    files = [str(p) for path in paths for p in iter_files([path], lambda *_: None)]

    def cpu(run) -> float:
        best = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            run()
            best = min(best, time.process_time() - started)
        return 1000 * best / len(files)

    messages: dict[str, list] = {}

    def read_all() -> None:
        for name in files:
            try:
                messages[name] = list(read_path(name))
            except Exception:  # noqa: BLE001 - unreadable files are the parser's business
                messages[name] = []

    extracted: dict[int, list] = {}

    def extract_all() -> None:
        for found in messages.values():
            for message in found:
                extracted[id(message)] = extract(message)

    read_ms = cpu(read_all)
    extract_ms = cpu(extract_all)

    # parse_file with reading and extraction done already: what parsing adds to them.
    # The reader's entry point in parse.py: read_source (a Source) now, read_path before.
    reader = "read_source" if hasattr(parse, "read_source") else "read_path"
    real_read, real_extract = getattr(parse, reader), parse.extract
    if reader == "read_source":
        parse.read_source = lambda source: iter(messages[str(source.path)])
    else:
        parse.read_path = lambda path, *_: iter(messages[str(path)])
    parse.extract = lambda message: extracted[id(message)]
    tasks = []
    for index, name in enumerate(files):
        size, mtime_ns = parse.signature(name)
        tasks.append(parse.FileTask(index, name, size, mtime_ns))
    parsed: list = []

    def parse_all() -> None:
        parsed[:] = [(task, list(parse.parse_file(task))) for task in tasks]

    rest_ms = cpu(parse_all)
    setattr(parse, reader, real_read)
    parse.extract = real_extract

    work = Path(tempfile.mkdtemp(prefix="writer-"))

    def write_all() -> None:
        db = work / "w.db"
        clear_db(db)
        store = Store(db)
        store.tune_for_ingest() if hasattr(store, "tune_for_ingest") else None
        writer = _Writer(store, 500)
        for task, chunks in parsed:
            writer.write_file(task, iter(chunks))
        writer.commit()
        store.close()

    writer_ms = cpu(write_all)
    shutil.rmtree(work, ignore_errors=True)
    return {"files": len(files), "read": read_ms, "extract": extract_ms,
            "parse_rest": rest_ms, "writer": writer_ms}


def child_stages(tree: Path, paths: list[str], repeat: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child-stages", "--repeat", str(repeat),
                          *paths], env=env_for(tree), check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


def speed(trees: dict[str, Path], paths: list[str], jobs: int, repeat: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="ingest-speed-"))
    best: dict[str, dict] = {name: {} for name in [*trees, "baseline"]}

    def keep(name: str, **figures: float) -> None:
        for key, value in figures.items():
            best[name][key] = min(best[name].get(key, float("inf")), value)

    baseline_root = paths[0]
    if len(paths) > 1:
        print("note: the baseline reads only the first path", file=sys.stderr)
    files = None
    for _ in range(repeat):
        for name, tree in trees.items():
            db = work / f"{name}.db"
            clear_db(db)
            wall, cpu, summary = ingest(tree, db, paths, jobs)
            files = summary["files_read"] + summary["files_skipped"] + summary["files_failed"]
            keep(name, wall=wall, cpu=cpu)
            db = work / "baseline.db"
            clear_db(db)
            wall, cpu, _ = timed([sys.executable, str(BENCH / "baseline.py"), baseline_root,
                                  str(db)])
            keep("baseline", wall=wall, cpu=cpu)
        for name, tree in trees.items():
            for key, value in child_stages(tree, paths, 1).items():
                keep(name, **{key: value})
    shutil.rmtree(work, ignore_errors=True)
    assert files
    base = best["baseline"]
    print(f"{files} files, --jobs {jobs}, best of {repeat}; baseline wall "
          f"{1000 * base['wall'] / files:.3f} ms/file, cpu {1000 * base['cpu'] / files:.3f}")
    print(f"{'':12s} {'wall/base':>9s} {'cpu/base':>9s} | cpu ms/file: {'read':>6s} "
          f"{'extract':>7s} {'parse rest':>10s} {'writer':>6s} {'overhead':>8s}")
    for name in trees:
        b = best[name]
        overhead = 1000 * b["cpu"] / files - b["extract"]
        b["overhead"] = overhead
        print(f"{name:12s} {b['wall'] / base['wall']:9.2f} {b['cpu'] / base['cpu']:9.2f} | "
              f"{'':12s} {b['read']:6.3f} {b['extract']:7.3f} {b['parse_rest']:10.3f} "
              f"{b['writer']:6.3f} {overhead:8.3f}")
    if len(trees) == 2:
        old, new = (best[name] for name in trees)
        print("old/new: " + ", ".join(f"{key} {old[key] / new[key]:.2f}x" for key in
                                      ("wall", "cpu", "read", "parse_rest", "writer", "overhead")))


# -- identity -----------------------------------------------------------------------------

def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')
            if (table, row[1]) not in TIMESTAMPS]


def table_digest(conn: sqlite3.Connection, table: str, columns: list[str]) -> tuple[int, str, list]:
    if table == "articles":
        columns = ["rowid", *columns]
    order = ", ".join(f'"{c}"' if c != "rowid" else c for c in columns)
    digest = hashlib.sha256()
    rows = []
    # The schema version is the code's, not the data's: a new migration step raises it.
    skip = " WHERE key != 'schema_version'" if table == "meta" else ""
    for row in conn.execute(f'SELECT {order} FROM "{table}"{skip} ORDER BY {order}'):
        digest.update(repr(row).encode("utf-8", "surrogatepass"))
        rows.append(row)
    return len(rows), digest.hexdigest(), rows


def fts_digest(conn: sqlite3.Connection) -> tuple[int, str, list]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms "
                 "USING fts5vocab(main, articles_fts, instance)")
    digest = hashlib.sha256()
    count = 0
    for row in conn.execute("SELECT term, doc, col, offset FROM temp.fts_terms "
                            "ORDER BY term, doc, col, offset"):
        digest.update(repr(row).encode())
        count += 1
    return count, digest.hexdigest(), []


def compare(old_db: Path, new_db: Path) -> list[str]:
    old = sqlite3.connect(old_db, isolation_level=None)
    new = sqlite3.connect(new_db, isolation_level=None)
    problems = []
    for conn, name in ((old, "old"), (new, "new")):
        check = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            problems.append(f"{name}: integrity_check: {check[:3]}")
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    tables = sorted(row[0] for row in old.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%'"))
    new_tables = sorted(row[0] for row in new.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%'"))
    if tables != new_tables:
        problems.append(f"tables differ: {tables} vs {new_tables}")
    for table in tables:
        if table not in new_tables:
            continue
        # A column one side's schema lacks (a migration's new one) is not compared: the
        # tests check what it holds; the rest must still be the same.
        old_columns, new_columns = table_columns(old, table), table_columns(new, table)
        columns = [c for c in old_columns if c in new_columns]
        unmatched = sorted(set(old_columns) ^ set(new_columns))
        old_count, old_hash, old_rows = table_digest(old, table, columns)
        new_count, new_hash, new_rows = table_digest(new, table, columns)
        status = "same" if old_hash == new_hash else "DIFFERENT"
        print(f"  {table}: {old_count} rows, {status}"
              + (f" (not compared: {', '.join(unmatched)})" if unmatched else ""))
        if old_hash != new_hash:
            gone = set(old_rows) - set(new_rows)
            added = set(new_rows) - set(old_rows)
            problems.append(f"{table}: {old_count} -> {new_count} rows; only old: "
                            f"{sorted(gone, key=repr)[:2]}; only new: {sorted(added, key=repr)[:2]}")
    for conn, name in ((old, "old"), (new, "new")):
        if "article_rowid" in table_columns(conn, "article_people"):
            wrong = conn.execute(
                "SELECT count(*) FROM article_people ap LEFT JOIN articles a ON a.id = ap.article_id "
                "WHERE ap.article_rowid IS NOT a.rowid OR ap.published IS NOT a.published").fetchone()[0]
            if wrong:
                problems.append(f"{name}: {wrong} person links name another rowid or date than their article's")
    old_count, old_hash, _ = fts_digest(old)
    new_count, new_hash, _ = fts_digest(new)
    print(f"  articles_fts: {old_count} term instances, "
          f"{'same' if old_hash == new_hash else 'DIFFERENT'}")
    if old_hash != new_hash:
        problems.append(f"full-text index: {old_count} -> {new_count} term instances")
    for conn in (old, new):
        conn.rollback()
        conn.close()
    return problems


def mutate(archive: Path, step: int) -> str:
    """Change some files of `archive` the way a live archive changes between runs."""
    files = sorted(p for p in archive.rglob("*") if p.is_file())
    texts = [p for p in files if p.suffix == ".txt"]
    done = []
    if step == 0:
        for path in texts[3:40:7]:  # an edited body: same message, typo fixed
            data = path.read_bytes()
            path.write_bytes(data.replace(b" the ", b" teh ", 1))
            done.append("edited")
        for path in texts[5:60:11]:  # touched, same content
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
            done.append("touched")
        if texts:
            shutil.copy(texts[1], archive / "copy-of-one.txt")  # a duplicate of another file
            (archive / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08 not really gzip")
            done += ["copied", "broken"]
    else:
        for path in texts[3:40:7]:  # edited back
            data = path.read_bytes()
            path.write_bytes(data.replace(b" teh ", b" the ", 1))
            done.append("edited back")
        (archive / "broken.txt.gz").unlink(missing_ok=True)
        if len(texts) > 2:
            texts[2].write_bytes(texts[2].read_bytes() + b"\n\nOne more paragraph added here.\n")
            done.append("grown")
    return ", ".join(sorted(set(done)))


def identity(trees: dict[str, Path], paths: list[str], jobs: int) -> int:
    work = Path(tempfile.mkdtemp(prefix="ingest-identity-"))
    archive = work / "archive"
    archive.mkdir()
    for index, path in enumerate(paths):  # copies, so that they can be changed
        source = Path(path)
        target = archive / f"{index}-{source.name}"
        if source.is_dir():
            shutil.copytree(source, target, symlinks=True)
        else:
            shutil.copy2(source, target)
    names = list(trees)
    problems: list[str] = []
    rounds = ["first ingest", "after changes", "after more changes", "--force"]
    for round_, note in enumerate(rounds):
        if 0 < round_ < 3:
            note += f" ({mutate(archive, round_ - 1)})"
        print(f"{note}:")
        summaries = []
        for name in names:
            _, _, summary = ingest(trees[name], work / f"{name}.db", [str(archive)], jobs,
                                   force=note == "--force")
            summary.pop("failures", None)
            summaries.append(summary)
            print(f"  {name}: {summary}")
        if summaries[0] != summaries[-1]:
            problems.append(f"{note}: summaries differ")
        problems += [f"{note}: {p}" for p in compare(work / f"{names[0]}.db",
                                                      work / f"{names[-1]}.db")]
    print("identical" if not problems else "DIFFERENCES:\n  " + "\n  ".join(problems))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--against", help="git revision to compare with")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--identity", action="store_true",
                        help="compare the stored data instead of timing")
    parser.add_argument("--child-stages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stages:
        print(json.dumps(stages(args.paths, args.repeat)))
        return
    work = Path(tempfile.mkdtemp(prefix="ingest-trees-"))
    trees = {"working tree": ROOT}
    if args.against:
        trees = {args.against: export_tree(args.against, work), "working tree": ROOT}
    try:
        if args.identity:
            if len(trees) < 2:
                raise SystemExit("--identity needs --against REV")
            sys.exit(identity(trees, args.paths, args.jobs))
        speed(trees, args.paths, args.jobs, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
