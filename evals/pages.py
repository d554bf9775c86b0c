"""Benchmark our article extractor against plain trafilatura on saved pages with ground truth.

Usage::

    python -m evals.pages --pages ../shared/data/pages --out evals/out/pages.jsonl

Writes one JSON line per page (``id``, ``title``, ``author``, ``date`` as YYYY-MM-DD or null,
``body``) for our extractor, and prints per-source and overall scores for both extractors side
by side, plus pages per second for each (the two run page by page, interleaved, over the same
in-memory pages, so that a changing machine load affects both alike).

Scores, each over the pages whose ground truth has the field:

- title exact: equal after Unicode NFKC, case folding, typographic quotes/dashes made plain
  and whitespace collapsed;
- date exact: the predicted day equals the expected day (the first ten characters of the
  expected ISO value); expected values that are not valid dates are left out and counted;
- author and body token-F1: F1 of the bags of lower-cased word tokens (missing output = 0);
- with / without: share of the benchmark's ``with`` snippets found in the body, and of its
  ``without`` snippets absent from it (whitespace-normalised substring test).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["Prediction", "main", "score", "token_f1", "title_key"]


@dataclass(slots=True)
class Prediction:
    """What an extractor said about one page."""

    id: str
    title: str | None
    author: str | None
    date: str | None
    body: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "body": self.body,
        }


_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


def title_key(text: str | None) -> str:
    """The form titles are compared in."""
    folded = unicodedata.normalize("NFKC", text or "").casefold().translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", folded).strip()


def _tokens(text: str | None) -> list[str]:
    return _WORDS.findall(unicodedata.normalize("NFKC", text or "").casefold())


def token_f1(predicted: str | None, expected: str | None) -> float:
    """F1 of the bags of word tokens."""
    got, want = Counter(_tokens(predicted)), Counter(_tokens(expected))
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _expected_day(value: str) -> str | None:
    day = value.strip()[:10]
    try:
        datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    return day


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def score(predictions: dict[str, Prediction], pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-source and overall figures: {source: {metric: (mean, n)}}, plus skipped dates."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    skipped_dates: list[str] = []
    for page in pages:
        expected = page["expected"]
        prediction = predictions[page["id"]]
        buckets = (sums[page["source"]], sums["overall"])
        values: dict[str, float] = {}
        if expected.get("title"):
            values["title"] = float(title_key(prediction.title) == title_key(expected["title"]))
        if expected.get("date"):
            day = _expected_day(str(expected["date"]))
            if day is None:
                skipped_dates.append(page["id"])
            else:
                values["date"] = float((prediction.date or "")[:10] == day)
        authors = expected.get("author") or "; ".join(expected.get("authors") or [])
        if authors:
            values["author"] = token_f1(prediction.author, authors)
        if expected.get("body"):
            values["body"] = token_f1(prediction.body, expected["body"])
        body = _squash(prediction.body)
        if expected.get("with"):
            found = [_squash(s) in body for s in expected["with"]]
            values["with"] = sum(found) / len(found)
        if expected.get("without"):
            absent = [_squash(s) not in body for s in expected["without"]]
            values["without"] = sum(absent) / len(absent)
        for bucket in buckets:
            for metric, value in values.items():
                bucket[metric].append(value)
    table = {
        source: {m: (sum(v) / len(v), len(v)) for m, v in metrics.items()}
        for source, metrics in sums.items()
    }
    return {"table": table, "skipped_dates": skipped_dates}


def load_pages(folder: Path) -> list[dict[str, Any]]:
    """The index rows with their expected values and HTML bytes, in index order."""
    pages = []
    with (folder / "index.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            html_path = folder / row["html_file"]
            truth_path = html_path.with_suffix(".json")
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            row["expected"] = truth.get("expected", {})
            row["html"] = html_path.read_bytes()
            pages.append(row)
    return pages


def run_ours(page: dict[str, Any]) -> Prediction:
    from bot.parsers.article import extract_article

    article = extract_article(page["html"], page.get("url"))
    return Prediction(page["id"], article.title, article.author, article.date, article.text)


def run_trafilatura(page: dict[str, Any]) -> Prediction:
    import trafilatura

    from bot.parsers.article import trafilatura_fields

    document = trafilatura.bare_extraction(page["html"], url=page.get("url"), with_metadata=True)
    found = trafilatura_fields(document)
    day = str(found["date"])[:10] if found["date"] else None
    return Prediction(page["id"], found["title"], found["author"], day, found["text"] or "")


def _timed_pair(
    first: Callable[[dict[str, Any]], Prediction],
    second: Callable[[dict[str, Any]], Prediction],
    pages: list[dict[str, Any]],
) -> tuple[dict[str, Prediction], float, dict[str, Prediction], float]:
    """Run both extractors page by page, alternating which goes first, and time each.

    Interleaving keeps the comparison fair on a shared machine whose load changes while the
    benchmark runs. Returns predictions and pages per second for each.
    """
    first(pages[0]), second(pages[0])  # imports and caches outside the clock
    results: tuple[dict[str, Prediction], dict[str, Prediction]] = ({}, {})
    spent = [0.0, 0.0]
    extractors = (first, second)
    for number, page in enumerate(pages):
        order = (0, 1) if number % 2 == 0 else (1, 0)
        for which in order:
            started = time.perf_counter()
            results[which][page["id"]] = extractors[which](page)
            spent[which] += time.perf_counter() - started
    speeds = [len(pages) / t if t else float("inf") for t in spent]
    return results[0], speeds[0], results[1], speeds[1]


_METRICS = (
    ("title", "title exact"),
    ("date", "date exact"),
    ("author", "author F1"),
    ("body", "body F1"),
    ("with", "with"),
    ("without", "without"),
)


def format_table(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    """A Markdown table: one row per source, 'ours / trafilatura (n)' per metric."""
    sources = sorted(s for s in ours["table"] if s != "overall") + ["overall"]
    header = "| source | " + " | ".join(label for _, label in _METRICS) + " |"
    lines = [header, "|" + "---|" * (len(_METRICS) + 1)]
    for source in sources:
        cells = []
        for metric, _label in _METRICS:
            mine = ours["table"].get(source, {}).get(metric)
            other = theirs["table"].get(source, {}).get(metric)
            if mine is None:
                cells.append("")
            else:
                cells.append(f"{mine[0]:.3f} / {other[0]:.3f} ({mine[1]})" if other else "")
        lines.append(f"| {source} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.pages",
        description="Score our article extractor and plain trafilatura on saved pages.",
    )
    parser.add_argument("--pages", required=True, type=Path, help="folder with index.jsonl")
    parser.add_argument("--out", required=True, type=Path, help="where to write our predictions")
    parser.add_argument(
        "--trafilatura-out", type=Path, default=None, help="also write trafilatura's predictions"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.pages / "index.jsonl").exists():
        parser.error(f"{args.pages} has no index.jsonl")
    pages = load_pages(args.pages)
    theirs, their_speed, ours, our_speed = _timed_pair(run_trafilatura, run_ours, pages)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for page in pages:
            handle.write(json.dumps(ours[page["id"]].as_json(), ensure_ascii=False) + "\n")
    if args.trafilatura_out:
        with args.trafilatura_out.open("w", encoding="utf-8") as handle:
            for page in pages:
                handle.write(json.dumps(theirs[page["id"]].as_json(), ensure_ascii=False) + "\n")
    our_scores, their_scores = score(ours, pages), score(theirs, pages)
    print(f"{len(pages)} pages from {args.pages}; cells: ours / trafilatura (pages scored)")
    print(format_table(our_scores, their_scores))
    if our_scores["skipped_dates"]:
        print(
            "dates left out (expected value is not a valid date): "
            + ", ".join(our_scores["skipped_dates"])
        )
    print(
        f"speed: ours {our_speed:.1f} pages/s, trafilatura {their_speed:.1f} pages/s "
        f"(ratio {our_speed / their_speed:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
