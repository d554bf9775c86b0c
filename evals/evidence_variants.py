"""Compare variants of the evidence decision ("not enough evidence") without re-ranking.

Usage:
    python -m evals.evidence_variants collect [--top 5] [--reranker FILE] [--verifier FILE]
    python -m evals.evidence_variants compare [--retention 0.95 0.96] [--reranker FILE]
                                              [--verifier FILE]

`collect` ranks once and caches, under evals/cache/evidence/ (keyed by the artifacts' hashes):
- every CheckThat train tweet's candidates with and without its gold (evals.train_reranker.collect,
  the English cosine from the cross-fitting fold adapters) and the match verifier's log-odds on
  the `--top` best of each list, from the fold verifier that never saw the tweet
  (evals/cache/verifier_adapter_fold{0,1}.npz: whatever `evals.train_verifier --holdout-fold K`
  last wrote there);
- every dev tweet of both collections the same way, through the shipped English encoder and
  the verifier `--verifier` (default: the shipped one).
`--reranker` (default: the shipped bot/data/reranker.json) ranks the candidates; pass the pair
that evals.train_reranker fitted with those fold verifiers.
`compare` fits each variant's query-level logistic model on the train rows (as
evals.train_reranker.fit_evidence does), picks its threshold on the train tweets (the highest that
keeps `--retention` of their MAP@5), and prints, per variant and retention, the train and dev
figures of issue #6: MAP@5 kept (of the ungated ranking's, evals.checkthat) and the share of
tweets answered "not enough evidence" with the gold removed. Dev only reads what train chose.

Variants: `shipped` (bot.hybrid.EVIDENCE_VERIFIED_FEATURES: the English evidence features and the
verifier on the best), `second` (plus the verifier on the runner-up), `max3` (the verifier's best
over the top 3 instead of the best's), `verify-only` (the best's absolute probability and its
verifier log-odds), `length` (plus the tweet's length in words), `rerank3` (the shipped features,
the top 3 re-ordered by the verifier before the gate and the ranking).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.hybrid import (
    EVIDENCE_VERIFIED_FEATURES,
    RERANKER_PATH,
    Reranker,
    evidence_features,
)
from evals.synthetic import SHARED_DATA
from evals.train_reranker import Query, ap_at_5, fit_logistic, reranker_scored

CACHE_DIR = Path(__file__).resolve().parent / "cache" / "evidence"
DEV_SPLITS = {
    "2020": ("checkthat2020_task2/verified_claims.docs.tsv",
             "checkthat2020_task2/dev/tweets.queries.tsv",
             "checkthat2020_task2/dev/tweet-vclaim-pairs.qrels"),
    "2022": ("checkthat2022_task2a_en/vclaims.jsonl",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Train-Dev_Queries.tsv",
             "checkthat2022_task2a_en/CT2022-Task2A-EN-Dev_QRELs.tsv"),
}
_WORD = re.compile(r"\w+")
_NOISE = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|@\w+")


@dataclass(slots=True)
class Logits:
    """The verifier's log-odds on the best candidates of a tweet's lists (rank order)."""

    present: list[float]
    removed: list[float]


Scored = list[tuple[int, float, float, dict[str, float], int]]


def shown_ap(reranker: Reranker, scored: Scored, n_gold: int) -> float:
    """AP@5 of what the product shows once the gate is passed (bot.hybrid.HybridMatcher.shown)."""
    shown = scored[:1] + [s for s in scored[1:] if s[2] >= reranker.related_threshold(s[3])]
    return ap_at_5([gold for *_, gold in shown], n_gold)


def tweet_length(text: str) -> float:
    """log(1 + words) of a tweet without links, handles and its "— name (@handle) date" tail."""
    return math.log1p(len(_WORD.findall(_NOISE.sub(" ", text.split(" — ")[0]))))


def variant_row(reranker: Reranker, scored: Scored, logits: list[float], text: str
                ) -> dict[str, float]:
    """Every feature any variant reads, for one candidate list and its verifier log-odds."""
    row = evidence_features([(i, p, pa, f) for i, p, pa, f, _ in scored])
    row["top_verify"] = logits[0] if logits else 0.0
    row["second_verify"] = logits[1] if len(logits) > 1 else -10.0
    row["max3_verify"] = max(logits[:3]) if logits else 0.0
    row["length"] = tweet_length(text)
    return row


def rerank_by_verifier(scored: Scored, logits: list[float], top: int = 3
                       ) -> tuple[Scored, list[float]]:
    """The best `top` candidates re-ordered by the verifier's log-odds (stable), the rest after."""
    k = min(top, len(scored), len(logits))
    order = sorted(range(k), key=lambda i: -logits[i])
    return [scored[i] for i in order] + scored[k:], [logits[i] for i in order] + logits[k:]


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    features: tuple[str, ...]
    rerank: bool = False


VARIANTS = (
    Variant("shipped", EVIDENCE_VERIFIED_FEATURES),
    Variant("second", EVIDENCE_VERIFIED_FEATURES + ("second_verify",)),
    Variant("max3", EVIDENCE_VERIFIED_FEATURES[:-1] + ("max3_verify",)),
    Variant("verify-only", ("top_abs", "top_verify")),
    Variant("length", EVIDENCE_VERIFIED_FEATURES + ("length",)),
    Variant("rerank3", EVIDENCE_VERIFIED_FEATURES, rerank=True),
)


@dataclass(slots=True)
class Rows:
    """Per tweet: the evidence row with its gold (None: no candidate) and whether its best is a
    gold claim, the AP@5 shown, and the row with the gold removed."""

    present: list[dict[str, float] | None]
    top_is_gold: list[bool]
    aps: np.ndarray
    removed: list[dict[str, float] | None]


def build_rows(reranker: Reranker, queries: Sequence[Query], logits: dict[str, Logits],
               variant: Variant) -> Rows:
    present: list[dict[str, float] | None] = []
    removed: list[dict[str, float] | None] = []
    top_is_gold, aps = [], []
    for q in queries:
        got = logits[q.qid]
        scored = reranker_scored(reranker, q.features, q.golds)
        values = list(got.present)
        if variant.rerank:
            scored, values = rerank_by_verifier(scored, values)
        present.append(variant_row(reranker, scored, values, q.text) if scored else None)
        top_is_gold.append(bool(scored) and scored[0][4] == 1)
        aps.append(shown_ap(reranker, scored, q.n_gold) if scored else 0.0)
        gone = reranker_scored(reranker, q.removed, [0] * len(q.removed))
        values = list(got.removed)
        if variant.rerank:
            gone, values = rerank_by_verifier(gone, values)
        removed.append(variant_row(reranker, gone, values, q.text) if gone else None)
    return Rows(present, top_is_gold, np.array(aps, dtype=np.float64), removed)


def fit_variant(rows: Rows, names: tuple[str, ...]) -> Callable[[dict[str, float] | None], float]:
    """The logistic evidence model of a variant, fitted on train rows: each tweet's list with its
    gold (label: the best is gold) and without it (label 0)."""
    x, y = [], []
    for row, gold, gone in zip(rows.present, rows.top_is_gold, rows.removed, strict=True):
        if row is not None:
            x.append([row.get(n, 0.0) for n in names])
            y.append(float(gold))
        if gone is not None:
            x.append([gone.get(n, 0.0) for n in names])
            y.append(0.0)
    w = fit_logistic(np.array(x, dtype=np.float64), np.array(y))

    def probability(row: dict[str, float] | None) -> float:
        if row is None:
            return 0.0
        z = w[-1] + sum(float(wi) * row.get(n, 0.0) for wi, n in zip(w[:-1], names, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    return probability


def retention_threshold(probabilities: np.ndarray, aps: np.ndarray, retention: float) -> float:
    """The highest threshold (on a 1e-4 grid, rounded down so that each tweet's probability
    passes its own) whose gated AP sum keeps `retention` of the ungated one."""
    best = 0.0
    for t in sorted(set((np.floor(probabilities * 1e4) / 1e4).tolist())):
        if aps[probabilities >= t].sum() >= retention * aps.sum():
            best = float(t)
    return best


def gate_figures(rows: Rows, probability: Callable[[dict[str, float] | None], float],
                 threshold: float, ranking_map: float) -> tuple[float, float]:
    """(MAP@5 kept as a share of `ranking_map`, share "not enough evidence" with gold removed)."""
    present = np.array([probability(r) for r in rows.present])
    removed = np.array([probability(r) for r in rows.removed])
    kept = float(rows.aps[present >= threshold].sum() / len(rows.aps))
    return kept / ranking_map if ranking_map else 0.0, float(np.mean(removed < threshold))


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:12]


def cache_key(reranker: Path, verifier: Path) -> str:
    from bot.minilm import ADAPTER_PATH
    from evals.train_minilm import FOLD_PATHS as ADAPTER_FOLDS
    from evals.train_verifier import FOLD_PATHS as VERIFIER_FOLDS

    return _digest(reranker, ADAPTER_PATH, verifier, *ADAPTER_FOLDS.values(),
                   *VERIFIER_FOLDS.values())


def logits_for(verify: Callable[[str, list[str]], np.ndarray], reranker: Reranker,
               query: Query, top: int) -> Logits:
    scored = reranker_scored(reranker, query.features, query.golds)[:top]
    gone = reranker_scored(reranker, query.removed, [0] * len(query.removed))[:top]
    present = verify(query.text, [query.passages[i] for i, *_ in scored]) if scored else []
    removed = verify(query.text, [query.removed_passages[i] for i, *_ in gone]) if gone else []
    return Logits([float(v) for v in present], [float(v) for v in removed])


def collect_dev(data: Path, files: tuple[str, str, str]) -> list[Query]:
    """A dev split's candidate lists, as the product ranks them (shipped English encoder)."""
    from bot.embedding import VectorCache
    from bot.hybrid import HybridMatcher
    from evals.checkthat import (
        build_matchers,
        build_store,
        english_encoder,
        read_collection,
        read_qrels,
        read_queries,
    )
    from evals.train_reranker import rank_queries
    from evals.vectors import CACHE_PATH

    store = build_store(read_collection(data / files[0]))
    matcher = build_matchers(store, ["hybrid-e5"])["hybrid-e5"]
    assert isinstance(matcher, HybridMatcher)
    matcher.second = english_encoder(store, VectorCache(CACHE_PATH))
    queries = rank_queries(store, matcher, read_queries(data / files[1]),
                           read_qrels(data / files[2]))
    store.close()
    return queries


def collect(data: Path, top: int, out: Path, reranker: Reranker, verifier: Path) -> None:
    from bot.verifier import Verifier
    from evals.train_minilm import fold_of
    from evals.train_reranker import collect as collect_train
    from evals.train_verifier import FOLD_PATHS

    train = collect_train(data)
    folds = {k: Verifier(path, num_threads=2) for k, path in FOLD_PATHS.items()}
    train_logits = {q.qid: logits_for(lambda t, c, q=q: folds[fold_of(q.qid)].logits(t, c),
                                      reranker, q, top) for q in train}
    shipped = Verifier(verifier, num_threads=2)
    dev = {}
    for name, files in DEV_SPLITS.items():
        queries = collect_dev(data, files)
        dev[name] = (queries, {q.qid: logits_for(shipped.logits, reranker, q, top)
                               for q in queries})
        print(f"dev {name}: {len(queries)} tweets", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pickle.dumps({"train": (train, train_logits), "dev": dev}))
    print(f"wrote {out}", file=sys.stderr)


def ranking_maps(reranker: Reranker, queries: Sequence[Query], rerank: bool,
                 logits: dict[str, Logits]) -> float:
    """MAP@5 of the ungated ranking (the denominator of "kept", as in evals.checkthat)."""
    total = 0.0
    for q in queries:
        scored = reranker_scored(reranker, q.features, q.golds)
        if rerank:
            scored, _ = rerank_by_verifier(scored, list(logits[q.qid].present))
        total += ap_at_5([g for *_, g in scored], q.n_gold)
    return total / len(queries) if queries else 0.0


def compare(data: dict[str, object], retentions: Sequence[float],
            variants: Sequence[Variant] = VARIANTS, reranker: Reranker | None = None
            ) -> list[dict[str, object]]:
    """One result per variant and retention (see the module docstring)."""
    reranker = reranker or Reranker.load()
    train, train_logits = data["train"]  # type: ignore[index]
    dev = data["dev"]  # type: ignore[assignment]
    base_maps = {name: ranking_maps(reranker, qs, False, lg)
                 for name, (qs, lg) in dev.items()}  # type: ignore[union-attr]
    results = []
    for variant in variants:
        rows = build_rows(reranker, train, train_logits, variant)
        probability = fit_variant(rows, variant.features)
        present = np.array([probability(r) for r in rows.present])
        train_map = float(rows.aps.mean())
        dev_rows = {name: build_rows(reranker, qs, lg, variant)
                    for name, (qs, lg) in dev.items()}  # type: ignore[union-attr]
        for retention in retentions:
            threshold = retention_threshold(present, rows.aps, retention)
            result: dict[str, object] = {"variant": variant.name, "retention": retention,
                                         "threshold": threshold}
            result["train"] = gate_figures(rows, probability, threshold, train_map)
            for name, dr in dev_rows.items():
                result[name] = gate_figures(dr, probability, threshold, base_maps[name])
            results.append(result)
    return results


def print_table(results: list[dict[str, object]]) -> None:
    sets = [k for k in results[0] if k not in ("variant", "retention", "threshold")]
    print("| variant | train retention | threshold | "
          + " | ".join(f"{s} kept | {s} not enough evidence" for s in sets) + " |")
    print("|---|---|---|" + "---|---|" * len(sets))
    for r in results:
        cells = " | ".join(f"{r[s][0]:.1%} | {r[s][1]:.1%}" for s in sets)  # type: ignore[index]
        print(f"| {r['variant']} | {r['retention']:.2f} | {r['threshold']:.4f} | {cells} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.evidence_variants",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    artifacts = argparse.ArgumentParser(add_help=False)
    artifacts.add_argument("--reranker", type=Path, default=RERANKER_PATH)
    artifacts.add_argument("--verifier", type=Path, default=None,
                           help="the full verifier for dev (default: the shipped one)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", parents=[artifacts],
                       help="rank train and dev once, cache the rows")
    c.add_argument("--data", type=Path, default=SHARED_DATA)
    c.add_argument("--top", type=int, default=5, help="verifier log-odds for this many")
    p = sub.add_parser("compare", parents=[artifacts],
                       help="fit and score every variant from the cache")
    p.add_argument("--retention", type=float, nargs="+", default=[0.95, 0.96])
    args = parser.parse_args(argv)
    from bot.verifier import VERIFIER_PATH

    verifier = args.verifier or VERIFIER_PATH
    reranker = Reranker.load(args.reranker)
    path = CACHE_DIR / f"rows-{cache_key(args.reranker, verifier)}.pkl"
    if args.command == "collect":
        collect(args.data, args.top, path, reranker, verifier)
        return 0
    if not path.exists():
        print(f"no cached rows for the current artifacts ({path}): run "
              "`python -m evals.evidence_variants collect` first", file=sys.stderr)
        return 1
    print_table(compare(pickle.loads(path.read_bytes()), args.retention, reranker=reranker))
    return 0


if __name__ == "__main__":
    sys.exit(main())
