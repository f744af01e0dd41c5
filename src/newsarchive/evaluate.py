"""Extraction quality as numbers: every dump in a gold folder against its gold JSON.

Used by `newsarchive eval GOLD_DIR` and by the gate test, which holds every figure of
`scores()` to its floor in tests/eval_floors.json.

A gold folder holds dumps (`name.txt`, or any container a reader accepts) each beside a
`name.gold.json`: one article object in the export schema, or a list of them for a
message that carries several (a digest). Gold and extracted articles are paired in
order. The report gives exact-match accuracy for the short fields, token precision /
recall / F1 for the body, and the `removed` blocks by kind, right and wrong.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.extract import extract
from newsarchive.readers import ReadError, read_path

EXACT_FIELDS = ["headline", "publication", "authors", "dateline", "published", "dek", "author_bio"]
GOLD_SUFFIX = ".gold.json"
# Removed kinds whose text must never stay in a body.
MUST_NOT_LEAK = {"promo", "teaser", "caption", "share", "footer", "ad", "copyright", "note",
                 "header"}
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class KindScore:
    gold: int = 0
    found: int = 0
    right: int = 0

    @property
    def wrong(self) -> int:
        return self.found - self.right

    @property
    def missed(self) -> int:
        return self.gold - self.right


@dataclass
class Miss:
    dump: str
    index: int
    field: str
    expected: Any
    got: Any


@dataclass
class Evaluation:
    dumps: int = 0
    articles_gold: int = 0
    articles_found: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in EXACT_FIELDS})
    body_overlap: int = 0
    body_found_tokens: int = 0
    body_gold_tokens: int = 0
    body_f1_sum: float = 0.0
    removed: dict[str, KindScore] = field(default_factory=dict)
    leaks: list[Miss] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def body_precision(self) -> float:
        return self.body_overlap / self.body_found_tokens if self.body_found_tokens else 1.0

    @property
    def body_recall(self) -> float:
        return self.body_overlap / self.body_gold_tokens if self.body_gold_tokens else 1.0

    @property
    def body_f1(self) -> float:
        p, r = self.body_precision, self.body_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def body_f1_mean(self) -> float:
        return self.body_f1_sum / self.articles_gold if self.articles_gold else 1.0

    def scores(self) -> dict[str, float]:
        """The figures the floors are checked against, each in 0..1."""
        out = {name: round(score.accuracy, 4) for name, score in self.fields.items()}
        out["articles"] = round(min(self.articles_found, self.articles_gold)
                                / max(self.articles_found, self.articles_gold, 1), 4)
        out["body_precision"] = round(self.body_precision, 4)
        out["body_recall"] = round(self.body_recall, 4)
        out["body_f1"] = round(self.body_f1, 4)
        out["body_f1_mean"] = round(self.body_f1_mean, 4)
        gold = sum(k.gold for k in self.removed.values())
        found = sum(k.found for k in self.removed.values())
        right = sum(k.right for k in self.removed.values())
        out["removed_precision"] = round(right / found, 4) if found else 1.0
        out["removed_recall"] = round(right / gold, 4) if gold else 1.0
        out["clean_bodies"] = round(1 - len({(m.dump, m.index) for m in self.leaks})
                                    / max(self.articles_gold, 1), 4)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "dumps": self.dumps,
            "articles": {"gold": self.articles_gold, "found": self.articles_found},
            "scores": self.scores(),
            "fields": {name: {"right": s.right, "total": s.total} for name, s in self.fields.items()},
            "removed": {kind: {"gold": s.gold, "found": s.found, "right": s.right,
                               "wrong": s.wrong, "missed": s.missed}
                        for kind, s in sorted(self.removed.items())},
            "leaks": [_miss_dict(m) for m in self.leaks],
            "misses": [_miss_dict(m) for m in self.misses],
            "errors": self.errors,
        }


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(dump, gold) pairs in a folder, sorted by name; dumps without gold are passed over."""
    pairs = []
    for gold in sorted(Path(gold_dir).rglob(f"*{GOLD_SUFFIX}")):
        stem = gold.name[: -len(GOLD_SUFFIX)]
        dumps = [p for p in gold.parent.glob(f"{stem}.*")
                 if p != gold and not p.name.endswith(GOLD_SUFFIX)]
        if dumps:
            pairs.append((sorted(dumps)[0], gold))
    return pairs


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def evaluate(gold_dir: Path) -> Evaluation:
    """Extract every dump in `gold_dir` and score it against its gold."""
    result = Evaluation()
    for dump, gold_path in gold_pairs(gold_dir):
        result.dumps += 1
        try:
            gold = load_gold(gold_path)
        except (OSError, ValueError) as exc:
            result.errors.append(f"{gold_path}: unreadable gold ({exc})")
            continue
        try:
            found = [a.to_dict() for m in read_path(dump) for a in extract(m)]
        except ReadError as exc:
            result.errors.append(f"{dump}: {exc}")
            found = []
        score_dump(result, dump.name, gold, found)
    return result


def score_dump(result: Evaluation, name: str, gold: list[dict], found: list[dict]) -> None:
    result.articles_gold += len(gold)
    result.articles_found += len(found)
    for index, expected in enumerate(gold):
        got = found[index] if index < len(found) else {}
        for name_of_field in EXACT_FIELDS:
            score = result.fields[name_of_field]
            score.total += 1
            want, have = expected.get(name_of_field), got.get(name_of_field)
            if name_of_field == "authors":
                same = sorted(want or []) == sorted(have or [])
            elif name_of_field in {"headline", "dek", "author_bio"}:  # spacing and quote style aside
                same = _fold(want or "") == _fold(have or "")
            else:
                same = want == have
            if same:
                score.right += 1
            else:
                result.misses.append(Miss(name, index, name_of_field, want, have))
        _score_body(result, expected.get("body") or "", got.get("body") or "")
        _score_removed(result, name, index, expected.get("removed") or [],
                       got.get("removed") or [], got.get("body") or "")


def _score_body(result: Evaluation, want: str, have: str) -> None:
    gold_tokens, found_tokens = Counter(tokens(want)), Counter(tokens(have))
    overlap = sum((gold_tokens & found_tokens).values())
    g, f = sum(gold_tokens.values()), sum(found_tokens.values())
    result.body_overlap += overlap
    result.body_gold_tokens += g
    result.body_found_tokens += f
    if g == f == 0:
        result.body_f1_sum += 1.0
    elif overlap:
        p, r = overlap / f, overlap / g
        result.body_f1_sum += 2 * p * r / (p + r)


def _score_removed(result: Evaluation, name: str, index: int, want: list[dict],
                   have: list[dict], body: str) -> None:
    gold_items = Counter((r["kind"], _fold(r["text"])) for r in want)
    found_items = Counter((r["kind"], _fold(r["text"])) for r in have)
    for (kind, _text), count in gold_items.items():
        result.removed.setdefault(kind, KindScore()).gold += count
    for (kind, _text), count in found_items.items():
        result.removed.setdefault(kind, KindScore()).found += count
    for (kind, _text), count in (gold_items & found_items).items():
        result.removed[kind].right += count
    folded_body = _fold(body)
    for item in want:
        text = _fold(item["text"])
        if item["kind"] in MUST_NOT_LEAK and len(text) >= 4 and text in folded_body:
            result.leaks.append(Miss(name, index, item["kind"], item["text"], "in body"))


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(_fold(text))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def _miss_dict(miss: Miss) -> dict[str, Any]:
    return {"dump": miss.dump, "article": miss.index, "field": miss.field,
            "expected": miss.expected, "got": miss.got}


def check_floors(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per figure below its floor; empty when all hold."""
    return [f"{name}: {scores.get(name, 0.0):.4f} < floor {floor:.4f}"
            for name, floor in sorted(floors.items()) if scores.get(name, 0.0) < floor]


def render_table(evaluation: Evaluation, show_misses: bool = False) -> str:
    """The per-field table for people."""
    s = evaluation.scores()
    lines = [f"{evaluation.dumps} dumps, {evaluation.articles_gold} gold articles, "
             f"{evaluation.articles_found} extracted", "",
             f"{'field':<14}{'right':>7}{'total':>7}{'accuracy':>10}"]
    for name, score in evaluation.fields.items():
        lines.append(f"{name:<14}{score.right:>7}{score.total:>7}{score.accuracy:>10.1%}")
    lines += ["", f"{'body tokens':<14}{'prec':>9}{'recall':>9}{'F1':>9}{'mean F1':>9}",
              f"{'':<14}{s['body_precision']:>9.4f}{s['body_recall']:>9.4f}"
              f"{s['body_f1']:>9.4f}{s['body_f1_mean']:>9.4f}", "",
              f"{'removed kind':<14}{'gold':>7}{'found':>7}{'right':>7}{'wrong':>7}{'missed':>7}"]
    for kind, k in sorted(evaluation.removed.items()):
        lines.append(f"{kind:<14}{k.gold:>7}{k.found:>7}{k.right:>7}{k.wrong:>7}{k.missed:>7}")
    lines += ["", f"bodies with boilerplate left in: {len({(m.dump, m.index) for m in evaluation.leaks})}"]
    for error in evaluation.errors:
        lines.append(f"error: {error}")
    if show_misses:
        lines.append("")
        for miss in _sorted(evaluation.misses + evaluation.leaks):
            lines.append(f"{miss.dump}[{miss.index}] {miss.field}: "
                         f"expected {miss.expected!r}, got {miss.got!r}")
    return "\n".join(lines) + "\n"


def _sorted(misses: Iterable[Miss]) -> list[Miss]:
    return sorted(misses, key=lambda m: (m.field, m.dump, m.index))
