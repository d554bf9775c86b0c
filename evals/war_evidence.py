"""The evidence decision on war news in our own words: is a stored claim about the same event
found, and is "not enough evidence" the answer when the event is not stored?

Usage:
    python -m evals.war_evidence [--distractors 2000] [--reranker FILE] [--verifier FILE|off]
                                 [--languages en ru uk] [--no-place-filter] [--no-require-place]
                                 [--no-settlement-names]
                                 [--statements FILE ...]

CheckThat (evals.checkthat --no-match) measures the gate on fact-checked English claims; this
measures it on the product's own ground. The store holds every statement of the team's stance
sets (evals/data/stance_statements*.jsonl: en/ru/uk, one event each, several claimants) and
`--distractors` English CheckThat claims. Each statement in `--languages` is a post:
- present: the statement itself is removed from the store (its event's other statements stay);
  "found" when the gate passes and the best shown claim is about the same event;
- absent: every statement of its event is removed; "not enough evidence" is the right answer.
The same matcher as the product (hybrid, English encoder, match verifier for English posts with
an English best candidate); `--reranker` and `--verifier` score other artifacts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from bot.dense import DenseIndex
from bot.domain import Claim
from bot.embedding import VectorCache, default_embedder
from bot.hybrid import RERANKER_PATH, HybridMatcher, Reranker
from evals.checkthat import english_encoder
from evals.synthetic import base_claims
from evals.vectors import CACHE_PATH, CachedQueryEmbedder, attach_vectors
from storage import Store

DATA_DIR = Path(__file__).resolve().parent / "data"


class TimedMatcher(HybridMatcher):
    """The product's matcher, timing its place filter."""

    # timings (seconds per call) are kept in the instance __dict__

    def place_conflicts(self, text: str, ids: list[int]) -> set[int]:
        start = time.perf_counter()
        try:
            return super().place_conflicts(text, ids)
        finally:
            self.__dict__.setdefault("timings", []).append(time.perf_counter() - start)


def read_statements(files: list[Path] | None = None) -> list[dict[str, object]]:
    """The statements of `files` (default: every stance_statements*.jsonl in evals/data)."""
    rows: list[dict[str, object]] = []
    for path in files or sorted(DATA_DIR.glob("stance_statements*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.war_evidence", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distractors", type=int, default=2000)
    parser.add_argument("--reranker", type=Path, default=RERANKER_PATH)
    parser.add_argument("--verifier", default=None,
                        help="a verifier artifact, or 'off' (default: the shipped one)")
    parser.add_argument("--languages", nargs="+", default=["en", "ru", "uk"])
    parser.add_argument("--no-place-filter", dest="place_filter", action="store_false",
                        help="keep candidates that name only other places than the post")
    parser.add_argument("--no-require-place", dest="require_place", action="store_false",
                        help="keep candidates naming no place for a post naming a known one")
    parser.add_argument("--no-settlement-names", dest="settlement_names", action="store_false",
                        help="place filter: known places only, not names after settlement "
                             "nouns or capture verbs")
    parser.add_argument("--statements", nargs="+", type=Path, default=None,
                        help="statement files (default: evals/data/stance_statements*.jsonl)")
    args = parser.parse_args(argv)

    statements = read_statements(args.statements)
    store = Store(memory=True)
    store.add_claims([Claim(text=str(s["text"]), claim_id=str(s["id"]), language=str(s["lang"]),
                            claimant=str(s["claimant"])) for s in statements]
                     + base_claims()[: args.distractors])
    cache = VectorCache(CACHE_PATH)
    embedder = CachedQueryEmbedder(default_embedder(), cache)
    attach_vectors(store, embedder, cache, progress=sys.stderr.isatty())
    index = DenseIndex(embedder.model_id, embedder.dim)
    index.refresh(store)
    if args.verifier == "off":
        verifier = None
    else:
        from bot.verifier import VERIFIER_PATH, Verifier

        verifier = Verifier(Path(args.verifier) if args.verifier else VERIFIER_PATH)
    matcher = TimedMatcher(store, embedder, index, reranker=Reranker.load(args.reranker),
                            second=english_encoder(store, cache), verifier=verifier,
                            place_filter=args.place_filter, require_place=args.require_place,
                            settlement_names=args.settlement_names)
    rowid = {c.claim_id: c.rowid or 0 for c in store.iter_claims()}
    event_of = {rowid[str(s["id"])]: str(s["event"]) for s in statements}
    by_event: dict[str, set[int]] = defaultdict(set)
    for rid, event in event_of.items():
        by_event[event].add(rid)

    found: dict[str, list[int]] = defaultdict(list)
    empty: dict[str, list[int]] = defaultdict(list)
    for s in statements:
        lang = str(s["lang"])
        if lang not in args.languages:
            continue
        text, own = str(s["text"]), rowid[str(s["id"])]
        for exclude, out in ((frozenset({own}), found), (frozenset(by_event[str(s["event"])]),
                                                         empty)):
            scored = matcher.score(matcher.candidate_features(text, lang, exclude=exclude))
            matcher.verify(text, scored)
            shown = matcher.select(scored, lang)
            if out is found:
                out[lang].append(int(bool(shown) and event_of.get(shown[0][0]) == s["event"]))
            else:
                out[lang].append(int(not shown))
    print(f"{len(statements)} statements of {len(by_event)} events stored with "
          f"{args.distractors} English distractors; reranker {args.reranker.name}, "
          f"verifier {args.verifier or 'shipped'}, place filter "
          f"{'on' if args.place_filter else 'off'}"
          f"{', places required' if args.require_place else ', places not required'}")
    print("| post language | posts | same event found above the gate | event removed: "
          "not enough evidence |")
    print("|---|---|---|---|")
    for lang in args.languages:
        n = len(found[lang])
        if n:
            print(f"| {lang} | {n} | {sum(found[lang]) / n:.3f} | {sum(empty[lang]) / n:.3f} |")
    timings = sorted(matcher.__dict__.get("timings", []))
    if args.place_filter and timings:
        print(f"place filter: p50 {1000 * timings[len(timings) // 2]:.2f} ms, p95 "
              f"{1000 * timings[int(len(timings) * 0.95)]:.2f} ms per query "
              f"({len(timings)} queries, claim places cached after their first query)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
