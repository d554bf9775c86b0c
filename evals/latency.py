"""Latency of the check pipeline for tweet-length texts against large stores.

Usage:
    python -m evals.latency [--sizes 10000 100000] [--queries 300] [--seed 13]

Builds (once, cached under evals/cache/) stores of synthetic claims from the CheckThat data,
then times `Pipeline.check` on CheckThat tweets; prints import throughput and p50/p95 per size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

from bot.domain import Post
from bot.pipeline import Pipeline
from evals.synthetic import cached_store, tweet_queries
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
    args = parser.parse_args(argv)

    queries = tweet_queries()[: args.queries]
    print("| stored claims | build s (claims/s) | p50 ms | p95 ms | mean ms | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes:
        start = time.perf_counter()
        path = cached_store(size, args.seed)
        build = time.perf_counter() - start
        store = Store(path)
        pipeline = Pipeline(store)
        pipeline.check(Post(text=queries[0]))  # warm caches (language model, page cache)
        times = []
        for text in queries:
            t0 = time.perf_counter()
            pipeline.check(Post(text=text), limit=10)
            times.append((time.perf_counter() - t0) * 1000)
        store.close()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = f"{size / build:,.0f}/s" if build > 1 else "cached"
        print(f"| {size:,} | {build:.1f} ({rate}) | {percentile(times, 0.5):.1f} | "
              f"{percentile(times, 0.95):.1f} | {statistics.fmean(times):.1f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
