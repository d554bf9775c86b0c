"""Latency of the check pipeline for tweet-length texts against large stores.

Usage:
    python -m evals.latency [--sizes 10000 100000 1000000] [--queries 300] [--matcher hybrid]
                            [--no-english]

Builds (once, cached under evals/cache/) stores of synthetic claims from the CheckThat data and
times `Pipeline.check` on CheckThat tweets, query embedding included. With the hybrid matcher,
real claims carry their real vectors and spliced variants a blend of their parents' (see
evals.synthetic.attach_synthetic_vectors): search cost does not depend on the values.
Prints build throughput, index load time, p50/p95 per size and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

from bot.domain import Post
from bot.matching import LexicalMatcher, Matcher
from bot.pipeline import Pipeline
from evals.synthetic import attach_synthetic_vectors, cached_store, tweet_queries
from storage import Store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300, help="how many tweets to time")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--matcher", choices=("lexical", "hybrid"), default="hybrid")
    parser.add_argument("--no-english", dest="english", action="store_false",
                        help="hybrid without the English encoder (MiniLM)")
    args = parser.parse_args(argv)

    queries = tweet_queries()[: args.queries]
    english = " + English encoder" if args.matcher == "hybrid" and args.english else ""
    print(f"matcher: {args.matcher}{english}; {len(queries)} tweet queries per size")
    print("| stored claims | store build s | index load s | p50 ms | p95 ms | mean ms "
          "| peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for size in args.sizes:
        start = time.perf_counter()
        path = cached_store(size, args.seed)
        build = time.perf_counter() - start
        load = 0.0
        store = Store(path)
        matcher: Matcher
        if args.matcher == "hybrid":
            from bot.dense import DenseIndex
            from bot.embedding import VectorCache, default_embedder
            from bot.hybrid import HybridMatcher, SecondEncoder
            from bot.minilm import default_english_encoder
            from evals.vectors import CACHE_PATH

            embedder = default_embedder()
            attach_synthetic_vectors(path, embedder, VectorCache(CACHE_PATH))
            english = default_english_encoder() if args.english else None
            if english is not None:
                attach_synthetic_vectors(path, english, VectorCache(CACHE_PATH))
            t0 = time.perf_counter()
            index = DenseIndex(embedder.model_id, embedder.dim)
            index.refresh(store)
            load = time.perf_counter() - t0
            from bot.verifier import default_verifier

            matcher = HybridMatcher(store, embedder, index,
                                    second=SecondEncoder(english) if english else None,
                                    verifier=default_verifier() if english else None)
        else:
            matcher = LexicalMatcher(store)
        pipeline = Pipeline(store, matcher=matcher)
        pipeline.check(Post(text=queries[0]))  # warm caches (language model, page cache)
        times = []
        for text in queries:
            t0 = time.perf_counter()
            pipeline.check(Post(text=text), limit=10)
            times.append((time.perf_counter() - t0) * 1000)
        store.close()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        built = f"{build:.1f}" if build > 1 else "cached"
        print(f"| {size:,} | {built} | {load:.1f} | {percentile(times, 0.5):.1f} | "
              f"{percentile(times, 0.95):.1f} | {statistics.fmean(times):.1f} | {rss:.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
