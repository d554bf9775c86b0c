"""Ingest throughput: local feeds in, claims out, end to end.

Usage:
    python -m evals.ingest [--sources 50] [--items 100] [--concurrency 8] [--rounds 3]

Serves `--sources` generated RSS feeds of `--items` items each from a local HTTP server
(127.0.0.1, one port, ETag on every feed), watches them as feed sources in a fresh on-disk store
(WAL, as in production) and times `Ingestor.run_once` over all of them: fetch, parse, claims
and passages, copy grouping (MinHash), storing, and the full-text index written with each claim.
Embedding is not part of ingest (the background indexer does it) and is not timed. The
politeness gap is off (all feeds share one host); robots.txt is fetched (a 404) once.

Round 1 stores everything; round 2 finds every feed unchanged (ETag, 304); round 3 sees 10% new
items in every feed. About 10% of items are long articles (their sentences become passages)
and 10% copy an item of another feed with a prefix and a footer (they join its copy group).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.domain import Source
from bot.fetch import AddressPolicy
from bot.ingest.run import IngestConfig, Ingestor
from storage import Store

PLACES = ["Kharkiv", "Belgorod", "Kherson", "Zaporizhzhia", "Donetsk", "Kursk", "Odesa",
          "Sumy", "Bakhmut", "Avdiivka", "Crimea", "Mykolaiv", "Lysychansk", "Kupiansk"]
ACTORS = ["the governor", "the defence ministry", "the general staff", "the mayor",
          "a military spokesman", "the regional administration", "local officials"]
OBJECTS = ["drones", "missiles", "shells", "tanks", "artillery systems", "aircraft"]
VERBS = ["shot down", "destroyed", "intercepted", "reported", "spotted", "captured"]
FILLER = ("residents power line school hospital bridge railway station convoy village district "
          "shelter siren curfew volunteers grain port refinery warehouse checkpoint road river "
          "forest field market factory substation airfield depot barracks trench").split()


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ACTORS).capitalize()} said {rng.randint(2, 400)} "
            f"{rng.choice(OBJECTS)} were {rng.choice(VERBS)} near {rng.choice(PLACES)}, "
            f"{' '.join(rng.choices(FILLER, k=rng.randint(5, 12)))}.")


def item_text(rng: random.Random, long: bool) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(8, 12) if long else 2))


def build_feeds(sources: int, items: int, seed: int, extra: int = 0,
                texts: dict[tuple[int, int], str] | None = None) -> dict[str, bytes]:
    """RSS documents by path; `extra` newer items per feed on top of `items`."""
    rng = random.Random(seed)
    texts = texts if texts is not None else {}
    start = datetime(2024, 6, 1, tzinfo=UTC)
    out: dict[str, bytes] = {}
    for feed in range(sources):
        entries = []
        for i in range(items + extra):
            key = (feed, i)
            if key not in texts:
                if feed and rng.random() < 0.1 and (feed - 1, i) in texts:
                    texts[key] = "BREAKING: " + texts[(feed - 1, i)] + " Follow us for more."
                else:
                    texts[key] = item_text(rng, long=rng.random() < 0.1)
            when = start + timedelta(minutes=i * 7 + feed)
            entries.append(
                f"<item><title>Item {feed}-{i}</title>"
                f"<link>https://feed{feed}.example/news/{i}</link>"
                f"<guid>feed{feed}-{i}</guid><pubDate>{format_datetime(when)}</pubDate>"
                f"<description>{escape(texts[key])}</description></item>")
        out[f"/feed{feed}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Feed {feed}</title><link>https://feed{feed}.example/</link>"
            f"<language>en</language>{''.join(reversed(entries))}</channel></rss>").encode()
    return out


class FeedServer:
    """The feeds on 127.0.0.1, with an ETag per document (304 when it matches)."""

    def __init__(self, feeds: dict[str, bytes]) -> None:
        self.feeds = feeds
        self.version = 1
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                body = server.feeds.get(self.path)
                etag = f'"v{server.version}"'
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.ingest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--items", type=int, default=100, help="items per feed")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, choices=(1, 2, 3))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    texts: dict[tuple[int, int], str] = {}
    server = FeedServer(build_feeds(args.sources, args.items, args.seed, texts=texts))
    clock = {"now": time.time()}
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "ingest.db")
        for feed in range(args.sources):
            store.add_source(Source(kind="feed", name=f"Feed {feed}",
                                    url=f"http://127.0.0.1:{server.port}/feed{feed}.xml",
                                    every_minutes=15))
        ingestor = Ingestor(store, config=IngestConfig(concurrency=args.concurrency,
                                                       host_delay=0.0),
                            policy=AddressPolicy(allow=(f"127.0.0.1:{server.port}",)),
                            clock=lambda: clock["now"])
        print(f"{args.sources} feeds x {args.items} items, concurrency {args.concurrency}")
        print("| round | sources | new items | passages | copies grouped | seconds "
              "| items/s | claims/s |")
        print("|---|---|---|---|---|---|---|---|")
        for number in range(1, args.rounds + 1):
            if number == 3:
                extra = max(1, args.items // 10)
                server.feeds = build_feeds(args.sources, args.items, args.seed + 1, extra,
                                           texts)
                server.version += 1
            clock["now"] += 16 * 60
            started = time.perf_counter()
            summary = asyncio.run(ingestor.run_once())
            seconds = time.perf_counter() - started
            errors = summary.errors
            if errors:
                print(f"errors: {[(o.source.name, o.error) for o in errors][:5]}",
                      file=sys.stderr)
            grouped = sum(o.grouped for o in summary.outcomes)
            label = {1: "1 (all new)", 2: "2 (all 304)", 3: "3 (10% new)"}[number]
            claims = summary.items + summary.passages
            print(f"| {label} | {len(summary.outcomes)} | {summary.items} | {summary.passages} "
                  f"| {grouped} | {seconds:.2f} | {summary.items / seconds:,.0f} "
                  f"| {claims / seconds:,.0f} |")
        total = store.count_claims()
        fts = store.db.execute("SELECT COUNT(*) FROM claims_fts").fetchone()[0]
        groups = store.db.execute(
            "SELECT COUNT(*) FROM (SELECT group_id FROM claim_groups GROUP BY group_id "
            "HAVING COUNT(*) > 1)").fetchone()[0]
        store.close()
    server.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stored {total} claims ({fts} indexed), {groups} copy groups; peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
