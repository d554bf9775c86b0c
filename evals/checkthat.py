"""CheckThat! claim-retrieval benchmark (contract C): rank every tweet against the whole collection.

Usage:
    python -m evals.checkthat --claims FILE --queries FILE --qrels FILE [--run OUT]
        [--matchers lexical dense dense-en hybrid-e5 hybrid] [--no-match [--trade-off]]

Reads the 2020 TSV collection (`vclaim` + `title`) or the 2022 `vclaims.jsonl`; query TSVs with
or without a header; TREC qrels. Ranks with the product's own pipeline (the code path of
`crosscheck check`), writes a TREC run (`qid Q0 docid rank score tag`, top 20) and prints MAP@1,
MAP@5, MAP@10, MRR and Recall@20 as the CheckThat scorer defines them (AP@k divides by the number
of gold claims of the query).

Ties (the 2020 collection has ~180 groups of twin claims differing only in quote characters) are
broken by insertion order, i.e. the order of the collection file, so the lower id comes first.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain import Claim, Match, Post
from bot.matching import LexicalMatcher, Matcher
from bot.pipeline import Pipeline
from storage import Store

csv.field_size_limit(sys.maxsize)
RUN_DEPTH = 20


@dataclass(slots=True)
class Scores:
    map_at: dict[int, float]
    mrr: float
    recall_at_20: float
    queries: int

    def row(self) -> dict[str, float]:
        out = {f"MAP@{k}": v for k, v in self.map_at.items()}
        out.update({"MRR": self.mrr, "R@20": self.recall_at_20})
        return out


def read_collection(path: Path) -> list[Claim]:
    """Verified claims from a 2020 TSV (id, vclaim, title) or a 2022 JSONL collection."""
    claims: list[Claim] = []
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                claims.append(Claim(text=obj["vclaim"], claim_id=str(obj["vclaim_id"]),
                                    title=obj.get("title") or None, language="en",
                                    url=obj.get("page_url") or None))
        return claims
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        title_col = header.index("title") if "title" in header else None
        text_col = header.index("vclaim") if "vclaim" in header else 1
        for row in reader:
            if not row:
                continue
            title = row[title_col] if title_col is not None and title_col < len(row) else None
            claims.append(Claim(text=row[text_col], claim_id=row[0], title=title or None,
                                language="en"))
    return claims


def read_queries(path: Path) -> list[tuple[str, str]]:
    """(query id, text) pairs from a TSV with or without a header row."""
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.reader(handle, delimiter="\t")):
            if len(row) < 2:
                continue
            if i == 0 and (row[0] == "" or row[1] in ("tweet_content", "iclaim")):
                continue
            out.append((row[0], row[1]))
    return out


def read_qrels(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            gold.setdefault(parts[0], set()).add(parts[2])
    return gold


def average_precision(gold: set[str], ranked: list[str], depth: int) -> float:
    found = 0
    total = 0.0
    for i, doc in enumerate(ranked[:depth], start=1):
        if doc in gold:
            found += 1
            total += found / i
    return total / len(gold) if gold else 0.0


def score_run(run: dict[str, list[str]], qrels: dict[str, set[str]]) -> Scores:
    qids = [q for q in qrels if q in run]
    maps = {k: sum(average_precision(qrels[q], run[q], k) for q in qids) / len(qids)
            for k in (1, 5, 10)}
    mrr = 0.0
    recall = 0.0
    for q in qids:
        for i, doc in enumerate(run[q], start=1):
            if doc in qrels[q]:
                mrr += 1 / i
                break
        recall += len(qrels[q] & set(run[q][:20])) / len(qrels[q])
    return Scores(maps, mrr / len(qids), recall / len(qids), len(qids))


Ranker = Callable[[str], list[tuple[str, float]]]


def pipeline_ranker(pipeline: Pipeline, depth: int = RUN_DEPTH) -> Ranker:
    """Rank a query with the product pipeline (no evidence threshold: pure ranking)."""

    def rank(text: str) -> list[tuple[str, float]]:
        report = pipeline.check(Post(text=text), limit=depth)
        return [(m.claim.claim_id or "", m.score) for m in report.matches]

    return rank


def run_queries(ranker: Ranker, queries: Iterable[tuple[str, str]]) -> tuple[dict[str, list[tuple[str, float]]], list[float]]:
    run: dict[str, list[tuple[str, float]]] = {}
    latencies: list[float] = []
    for qid, text in queries:
        start = time.perf_counter()
        run[qid] = ranker(text)
        latencies.append(time.perf_counter() - start)
    return run, latencies


def write_trec(run: dict[str, list[tuple[str, float]]], path: Path, tag: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for qid, ranked in run.items():
            for rank, (doc, score) in enumerate(ranked[:RUN_DEPTH], start=1):
                out.write(f"{qid}\tQ0\t{doc}\t{rank}\t{score:.6f}\t{tag}\n")


def build_store(claims: list[Claim]) -> Store:
    store = Store(memory=True)
    store.add_claims(claims)
    return store


MATCHERS = ("lexical", "dense", "dense-en", "hybrid-e5", "hybrid")


def english_encoder(store: Store, cache: Any) -> Any:
    """The product's English encoder (MiniLM + adapter) with cached vectors for the store's
    English claims, as a SecondEncoder; None when it is not installed."""
    from bot.hybrid import SecondEncoder
    from bot.minilm import default_english_encoder
    from evals.vectors import CachedQueryEmbedder, attach_vectors

    english = default_english_encoder()
    if english is None:
        return None
    embedder = CachedQueryEmbedder(english, cache)
    attach_vectors(store, embedder, cache, progress=sys.stderr.isatty(), language="en")
    return SecondEncoder(embedder)


def build_matchers(store: Store, names: list[str]) -> dict[str, Matcher]:
    """The matchers to compare; dense and hybrid get vectors from the evals cache.

    dense: multilingual e5 alone; dense-en: the English encoder (MiniLM + adapter) alone;
    hybrid-e5: the hybrid without the English encoder; hybrid: the product's matcher.
    """
    matchers: dict[str, Matcher] = {}
    if "lexical" in names:
        matchers["lexical"] = LexicalMatcher(store, min_coverage=0.0)
    if any(n != "lexical" for n in names):
        from bot.dense import DenseIndex
        from bot.embedding import VectorCache, default_embedder
        from bot.hybrid import HybridMatcher
        from evals.vectors import CACHE_PATH, CachedQueryEmbedder, attach_vectors

        cache = VectorCache(CACHE_PATH)
        embedder = CachedQueryEmbedder(default_embedder(), cache)
        attach_vectors(store, embedder, cache, progress=sys.stderr.isatty())
        index = DenseIndex(embedder.model_id, embedder.dim)
        index.refresh(store)
        second = (english_encoder(store, cache)
                  if "hybrid" in names or "dense-en" in names else None)
        if "dense" in names:
            matchers["dense"] = DenseOnlyMatcher(store, embedder, index)
        if "dense-en" in names and second is not None:
            en_index = DenseIndex(second.embedder.model_id, second.embedder.dim)
            en_index.refresh(store)
            matchers["dense-en"] = DenseOnlyMatcher(store, second.embedder, en_index)
        if "hybrid-e5" in names:
            matchers["hybrid-e5"] = HybridMatcher(store, embedder, index, apply_threshold=False)
        if "hybrid" in names:
            from bot.verifier import default_verifier

            matchers["hybrid"] = HybridMatcher(
                store, embedder, index, apply_threshold=False, second=second,
                verifier=default_verifier() if second is not None else None)
    return matchers


@dataclass(slots=True)
class DenseOnlyMatcher:
    """The dense anchor: cosine ranking alone."""

    store: Store
    embedder: Any
    index: Any

    def rank(self, text: str, language: str | None = None, limit: int = 10) -> list[Match]:
        hits = self.index.search(self.embedder.embed_queries([text])[0], limit)
        claims = self.store.get_claims([cid for cid, _ in hits])
        return [Match(claim=claims[cid], score=cos) for cid, cos in hits if cid in claims]


_QUOTES = re.compile(r"[\"'“”‘’«»„‟`´]")


def twin_key(text: str) -> str:
    """Claims that differ only in quote characters (the 2020 collection's ~180 twin groups:
    "..." in one, '...' in the other, or a quote missing in one) or in spacing and case share
    this key."""
    return " ".join(_QUOTES.sub("", text).casefold().split())


_TWIN_GROUPS: list[tuple[Store, dict[str, list[int]]]] = []  # the last store's groups


def gold_with_twins(store: Store, gold_ids: set[str]) -> frozenset[int]:
    """Row ids of the gold claims and of every claim with the same text but for quote
    characters, spacing and case (removed together when measuring "not enough evidence")."""
    if _TWIN_GROUPS and _TWIN_GROUPS[0][0] is store:
        groups = _TWIN_GROUPS[0][1]
    else:
        groups = {}
        for claim in store.iter_claims():
            groups.setdefault(twin_key(claim.text), []).append(claim.rowid or 0)
        _TWIN_GROUPS[:] = [(store, groups)]
    keys = {twin_key(c.text) for c in (store.get_claim(g) for g in sorted(gold_ids)) if c}
    return frozenset(rowid for key in keys for rowid in groups.get(key, []))


def evidence_trade_off(matcher: Any, queries: list[tuple[str, str]],
                       qrels: dict[str, set[str]], store: Store,
                       ) -> tuple[float, float, list[tuple[float, float, float, float]]]:
    """For the hybrid matcher with its evidence decision: MAP@5 of what it shows, the share of
    queries answered "not enough evidence" when the gold claims (and their twins) are removed
    from the store, and per query (evidence probability and its threshold with the gold present,
    AP@5 of what would be shown, evidence probability with the gold removed), so that other
    thresholds can be read off without ranking again."""
    from bot.textnorm import detect_language

    rowid_of = {c.claim_id: c.rowid for c in store.iter_claims()}
    gold_rows = {q: {str(rowid_of[g]) for g in qrels[q] if g in rowid_of} for q in qrels}
    reranker = matcher.reranker
    empty = 0
    shown: dict[str, list[str]] = {}
    rows: list[tuple[float, float, float, float]] = []
    for qid, text in queries:
        language = detect_language(text)
        scored = matcher.score(matcher.candidate_features(text, language))
        matcher.verify(text, scored)
        selected = matcher.select(scored, language)
        shown[qid] = [str(cid) for cid, _, _, _ in selected][:RUN_DEPTH]
        gone = gold_with_twins(store, qrels[qid])
        scored_without = matcher.score(matcher.candidate_features(text, language, exclude=gone))
        matcher.verify(text, scored_without)
        empty += not matcher.select(scored_without, language)
        ungated = [str(cid) for cid, _, _, _ in matcher.shown(scored)][:RUN_DEPTH]
        rows.append((reranker.has_evidence(scored), reranker.evidence_threshold(scored, language),
                     average_precision(gold_rows[qid], ungated, 5),
                     reranker.has_evidence(scored_without)))
    return score_run(shown, gold_rows).map_at[5], empty / len(queries), rows


def print_trade_off(rows: list[tuple[float, float, float, float]], full_map: float) -> None:
    """MAP@5 kept (of the ungated ranking's `full_map`) and the 'not enough evidence' share at
    other evidence thresholds."""
    print("| evidence threshold | MAP@5 of what is shown | kept | gold removed: not enough evidence |")
    print("|---|---|---|---|")
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        shown = sum(ap for p, _, ap, _ in rows if p >= t) / len(rows)
        empty = sum(1 for *_, p_gone in rows if p_gone < t) / len(rows)
        print(f"| {t:.2f} | {shown:.4f} | {shown / full_map:.1%} | {empty:.1%} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.checkthat", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", required=True, type=Path, help="verified claims collection")
    parser.add_argument("--queries", required=True, type=Path, help="tweets TSV")
    parser.add_argument("--qrels", required=True, type=Path, help="TREC qrels of the queries")
    parser.add_argument("--run", type=Path, help="write the TREC run (top 20) of the last matcher")
    parser.add_argument("--tag", default="crosscheck", help="run tag in the TREC file")
    parser.add_argument("--matchers", nargs="+", choices=MATCHERS, default=["lexical"],
                        help="matchers to run side by side (default: lexical)")
    parser.add_argument("--no-match", action="store_true",
                        help="also measure the hybrid evidence threshold with the gold removed")
    parser.add_argument("--trade-off", action="store_true",
                        help="with --no-match: also print the trade-off at other thresholds")
    args = parser.parse_args(argv)

    qrels = read_qrels(args.qrels)
    queries = [(q, t) for q, t in read_queries(args.queries) if q in qrels]
    claims = read_collection(args.claims)
    start = time.perf_counter()
    store = build_store(claims)
    index_seconds = time.perf_counter() - start
    matchers = build_matchers(store, args.matchers)
    print(f"collection: {len(claims)} claims indexed in {index_seconds:.1f}s; "
          f"queries: {len(queries)}")
    header = False
    ranking_map: dict[str, float] = {}
    for name, matcher in matchers.items():
        pipeline = Pipeline(store, matcher=matcher)
        run, latencies = run_queries(pipeline_ranker(pipeline), queries)
        if args.run:
            write_trec(run, args.run, args.tag)
        scores = score_run({q: [d for d, _ in r] for q, r in run.items()}, qrels)
        ranking_map[name] = scores.map_at[5]
        if not header:
            print("| matcher | " + " | ".join(scores.row()) + " | p50 ms |")
            print("|---|" + "---|" * (len(scores.row()) + 1))
            header = True
        latencies.sort()
        print(f"| {name} | " + " | ".join(f"{v:.4f}" for v in scores.row().values())
              + f" | {1000 * latencies[len(latencies) // 2]:.1f} |")
    if args.no_match and "hybrid" in matchers:
        hybrid = matchers["hybrid"]
        kept, empty, rows = evidence_trade_off(hybrid, queries, qrels, store)
        thresholds = sorted({round(t, 4) for _, t, _, _ in rows})
        print(f"evidence decision (evidence threshold(s) {thresholds}, related "
              f"{hybrid.reranker.related:.4f} / English {hybrid.reranker.related_en}): MAP@5 of what is shown {kept:.4f}; gold removed "
              f"-> 'not enough evidence' for {empty:.1%} of queries")
        if args.trade_off:
            print_trade_off(rows, ranking_map["hybrid"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
