"""Load test of the Telegram bot: many forwarded posts at once, through the fake Bot API.

Usage:
    python -m evals.bot_load [--claims 100000] [--posts 200] [--limiter on|off|both]
                             [--concurrency N] [--write-results evals/RESULTS.md]

Builds (once, cached under evals/cache/ keyed by size and seed) a store of synthetic claims:
the CheckThat 2022 verified claims plus generated variants (words swapped in from other claims,
numbers changed, outlets and dates drawn). Copies it to a temporary folder, starts the fake Bot
API server of the test suite (tests/telegram/fake_bot_api.py) and the real Application polling
it, pushes `--posts` forwarded channel posts in one batch, and waits until every one is answered.
Then it sends the same messages again under new update ids (as Telegram does after a restart)
and checks that nothing is answered twice.

Reports throughput (posts answered per second, from the push to the last answer) and the
p50/p95 latency from the push to the final answer (the reply, or the edit that turns
"Checking…" into the answer) and to the first reply. `--limiter on` is the production set-up
(python-telegram-bot's AIORateLimiter: at most 30 messages a second in all); `off` shows what
the engine alone can do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Settings
from bot.domain import Claim, Post, Report
from bot.i18n import STRINGS
from bot.pipeline import Pipeline
from storage import Store
from tests.telegram.fake_bot_api import FakeBotAPI

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = Path(__file__).resolve().parent / "cache"
VCLAIMS = REPO.parent / "shared" / "data" / "checkthat2022_task2a_en" / "vclaims.jsonl"
TOKEN = "424242:load-test-token-not-real"
OUTLETS = [f"Outlet {name}" for name in (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet",
    "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango")]
NUMBER_RE = re.compile(r"\d+")
GENERATOR_VERSION = 1
PLACEHOLDERS = {table["checking"] for table in STRINGS.values()}


# -- claims ----------------------------------------------------------------------------------


def read_vclaims(path: Path) -> list[Claim]:
    """The CheckThat verified claims as Claims (source Snopes, claimant the author)."""
    claims = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            try:
                day = datetime.strptime(row.get("date", ""), "%d %B %Y").date().isoformat()
            except ValueError:
                day = None
            claims.append(Claim(
                text=row["vclaim"], title=row.get("title"), claim_id=row["vclaim_id"],
                source="Snopes", claimant=row.get("author") or None, published_at=day,
                url=f"https://example.org/vclaims/{row['vclaim_id']}", language="en"))
    return claims


def generate_claims(n: int, seed: int, base: list[Claim]) -> Iterator[Claim]:
    """`n` claims: the real ones first, then variants with words from another claim swapped in."""
    rng = random.Random(seed)
    yield from base[:n]
    for i in range(max(0, n - len(base))):
        words = rng.choice(base).text.split()
        donor = rng.choice(base).text.split()
        for _ in range(max(1, len(words) // 5)):
            words[rng.randrange(len(words))] = rng.choice(donor)
        text = NUMBER_RE.sub(lambda _: str(rng.randint(1, 999)), " ".join(words))
        day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield Claim(text=text, claim_id=f"load-{seed}-{i}", source=rng.choice(OUTLETS),
                    published_at=day, url=f"https://example.org/load/{seed}/{i}",
                    language="en")


def cached_claims_db(n: int, seed: int, vclaims: Path = VCLAIMS) -> Path:
    """A database of `n` generated claims, built once per (n, seed, generator version)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"bot-load-v{GENERATOR_VERSION}-{n}-{seed}.db"
    if path.exists():
        return path
    building = path.with_name(path.name + ".building")
    for leftover in CACHE_DIR.glob(building.name + "*"):
        leftover.unlink()
    started = time.monotonic()
    store = Store(building)
    store.add_claims(generate_claims(n, seed, read_vclaims(vclaims)), batch_size=2000)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    shutil.move(building, path)
    print(f"built {n:,} claims in {time.monotonic() - started:.1f} s -> {path}", file=sys.stderr)
    return path


# -- posts -----------------------------------------------------------------------------------


def forwarded_posts(api: FakeBotAPI, base: list[Claim], count: int, seed: int
                    ) -> list[dict[str, Any]]:
    """`count` updates: posts forwarded from public channels, retelling stored claims."""
    rng = random.Random(seed + 1)
    updates = []
    for i in range(count):
        words = rng.choice(base).text.split()
        if len(words) > 6:
            del words[rng.randrange(len(words))]
        text = rng.choice(["", "BREAKING: ", "⚡️ ", "Reportedly, "]) + " ".join(words)
        origin = {"type": "channel", "date": 1656849600 + i, "message_id": 1000 + i,
                  "chat": {"id": -1001000000000 - i % 40, "type": "channel",
                           "title": f"Channel {i % 40}", "username": f"channel_{i % 40}"}}
        chat_id = 100_000 + i  # one private chat per user
        message = api.message(chat_id, text, forward_origin=origin,
                              user={"id": chat_id, "is_bot": False, "first_name": f"U{i}",
                                    "language_code": rng.choice(["en", "uk", "ru", "de"])})
        updates.append({"message": message})
    return updates


# -- measuring -------------------------------------------------------------------------------


class TimedPipeline:
    """The real pipeline, timing each check (in the worker thread that runs it)."""

    def __init__(self, inner: Pipeline) -> None:
        self.inner = inner
        self.seconds: list[float] = []

    def check(self, post: Post, limit: int = 10) -> Report:
        started = time.perf_counter()
        try:
            return self.inner.check(post, limit)
        finally:
            self.seconds.append(time.perf_counter() - started)


@dataclass(slots=True)
class RunResult:
    """What one load run measured."""

    limiter: bool
    posts: int
    answered_once: int
    duplicates: int
    missing: int
    placeholders: int
    seconds: float
    final_p50: float
    final_p95: float
    first_p50: float
    first_p95: float
    check_p50_ms: float
    check_p95_ms: float
    resent_answered: int

    @property
    def throughput(self) -> float:
        return self.posts / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def answer_times(api: FakeBotAPI) -> dict[tuple[int, int], tuple[float, float]]:
    """(first reply, final answer) times of every answered message, by (chat id, message id).

    The final answer is the reply itself, or the first edit of a "Checking…" reply.
    """
    calls = api.calls()
    edits: dict[tuple[int, int], float] = {}
    for call in calls:
        if call.method == "editMessageText":
            edits.setdefault((call.params["chat_id"], call.params["message_id"]), call.at)
    answered: dict[tuple[int, int], tuple[float, float]] = {}
    for call in calls:
        reply_to = (call.params.get("reply_parameters") or {}).get("message_id")
        if call.method != "sendMessage" or reply_to is None:
            continue
        key = (call.params["chat_id"], reply_to)
        if key in answered:
            continue
        if call.params.get("text") not in PLACEHOLDERS:
            answered[key] = (call.at, call.at)
        elif (call.params["chat_id"], call.result["message_id"]) in edits:
            answered[key] = (call.at, edits[(call.params["chat_id"], call.result["message_id"])])
    return answered


def wait_until(condition: Any, timeout: float, what: str, every: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(every)


async def _serve_bot(db: str, base_url: str, base_file_url: str, limiter: bool,
                     stop: Any, ready: Any, stats: str, options: dict[str, Any]) -> None:
    store = Store(db)
    settings = Settings(db_path=db, telegram_token=TOKEN, telegram_base_url=base_url,
                        telegram_base_file_url=base_file_url)
    options = dict(options)
    if options.pop("engine", "lexical") == "hybrid":
        from bot.engine import Engine

        pipeline = TimedPipeline(Engine(store).pipeline)  # what `crosscheck run` uses
    else:
        pipeline = TimedPipeline(Pipeline(store))
    application = build_application(
        settings, store, pipeline=pipeline,  # type: ignore[arg-type]
        fetch_link=None, **({} if limiter else {"rate_limiter": None}), **options)
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1,
                                                allowed_updates=ALLOWED_UPDATES)
        await application.start()
        ready.set()
        while not stop.is_set():
            await asyncio.sleep(0.1)
        await application.updater.stop()
        await application.stop()
    store.close()
    Path(stats).write_text(json.dumps(pipeline.seconds), encoding="utf-8")


def serve_bot(db: str, base_url: str, base_file_url: str, limiter: bool, stop: Any,
              ready: Any, stats: str, options: dict[str, Any]) -> None:
    """The bot in its own process (its own interpreter lock), until `stop` is set."""
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_serve_bot(db, base_url, base_file_url, limiter, stop, ready, stats, options))


def run_load(db: Path, posts: int, seed: int, limiter: bool, timeout: float,
             options: dict[str, Any] | None = None) -> RunResult:
    """One run: a fresh copy of the database, the fake server here, the bot in a child process,
    `posts` forwards pushed at once."""
    base = read_vclaims(VCLAIMS)
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="bot-load-") as tmp, FakeBotAPI() as api:
        copy = Path(tmp) / "load.db"
        shutil.copy(db, copy)
        stats = Path(tmp) / "check-seconds.json"
        stop, ready = spawn.Event(), spawn.Event()
        child = spawn.Process(target=serve_bot, name="bot", args=(
            str(copy), api.base_url, api.base_file_url, limiter, stop, ready, str(stats),
            options or {}))
        child.start()
        try:
            wait_until(ready.is_set, 120, "the bot to start")
            updates = forwarded_posts(api, base, posts, seed)
            keys = [(u["message"]["chat"]["id"], u["message"]["message_id"]) for u in updates]
            pushed = time.monotonic()
            api.push_updates(updates)
            wait_until(lambda: set(keys) <= answer_times(api).keys(), timeout,
                       "every post answered", every=0.25)
            answered = answer_times(api)
            times = [answered[k] for k in keys]
            # Telegram re-sends the same messages under new update ids (a restart): no answer.
            before = len(api.calls("sendMessage"))
            api.push_updates([{"message": u["message"]} for u in updates])
            wait_until(lambda: not api.pending_update_ids(), timeout, "re-sent updates fetched")
            time.sleep(3.0)  # room for wrong second answers to show up
            resent_answered = len(api.calls("sendMessage")) - before
        finally:
            stop.set()
            child.join(60)
            if child.is_alive():
                child.kill()
        check_seconds = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else []
    counts = [len(api.replies_to(*k)) for k in keys]
    finals = [t[1] - pushed for t in times]
    firsts = [t[0] - pushed for t in times]
    return RunResult(
        limiter=limiter, posts=posts, answered_once=counts.count(1),
        duplicates=sum(c - 1 for c in counts if c > 1), missing=counts.count(0),
        placeholders=sum(1 for c in api.calls("sendMessage")
                         if c.params.get("text") in PLACEHOLDERS),
        seconds=max(finals), final_p50=percentile(finals, 0.5),
        final_p95=percentile(finals, 0.95), first_p50=percentile(firsts, 0.5),
        first_p95=percentile(firsts, 0.95),
        check_p50_ms=1000 * percentile(check_seconds, 0.5),
        check_p95_ms=1000 * percentile(check_seconds, 0.95),
        resent_answered=resent_answered,
    )


# -- reporting -------------------------------------------------------------------------------

TABLE_HEAD = (
    "| rate limiter | posts | answered once | twice or more | unanswered | throughput posts/s "
    "| final answer p50 / p95 s | first reply p50 / p95 s | check p50 / p95 ms "
    "| \"Checking…\" sent | re-sent, answered again |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def table_row(r: RunResult) -> str:
    return (f"| {'AIORateLimiter (30 msg/s)' if r.limiter else 'off'} | {r.posts} "
            f"| {r.answered_once} | {r.duplicates} | {r.missing} | {r.throughput:.1f} "
            f"| {r.final_p50:.2f} / {r.final_p95:.2f} | {r.first_p50:.2f} / {r.first_p95:.2f} "
            f"| {r.check_p50_ms:.0f} / {r.check_p95_ms:.0f} | {r.placeholders} "
            f"| {r.resent_answered} |")


def results_section(command: str, claims: int, results: list[RunResult]) -> str:
    rows = "\n".join(table_row(r) for r in results)
    return f"""## Bot load

```sh
{command}
```

{results[0].posts} forwarded channel posts pushed in one batch through the fake Bot API
(`tests/telegram/fake_bot_api.py`, HTTP on 127.0.0.1) to the real Application (polling,
concurrent updates, processed-update dedupe in SQLite), against {claims:,} stored claims
(CheckThat 2022 verified claims plus generated variants), matched by the lexical pipeline
(`Pipeline(store)`, not the embedding engine). Latency runs from the push to the
final answer (the reply, or the edit of "Checking…" into the answer) and to the first reply.
Afterwards the same messages are sent again under new update ids, as Telegram does after a
restart; none may be answered again. The bot runs in its own process, the fake server and the
measuring in another, on the 2-core development machine (shared; single runs vary by about 30%).

{TABLE_HEAD}
{rows}

With the limiter on, Telegram's 30-messages-a-second budget (the "Checking…" messages and
their edits count too) sets the pace; with it off, the checks themselves do (one SQLite
connection, checks run one at a time in a worker thread).
"""


def write_section(path: Path, section: str) -> None:
    """Put the "## Bot load" section into RESULTS.md: replace ours, keep everyone else's."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Bot load\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bot_load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000, help="stored claims")
    parser.add_argument("--posts", type=int, default=200, help="forwarded posts pushed at once")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limiter", choices=("on", "off", "both"), default="both",
                        help="run with PTB's AIORateLimiter, without, or both (default)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds to wait for all answers")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="updates handled at once (default: the bot's own default)")
    parser.add_argument("--engine", choices=("lexical", "hybrid"), default="lexical",
                        help="lexical Pipeline(store), or the bot's hybrid engine (e5 + BM25 "
                             "over evals.synthetic's store with vectors)")
    parser.add_argument("--write-results", metavar="PATH", type=Path, default=None,
                        help="write the '## Bot load' section into this RESULTS.md")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.engine == "hybrid":
        from bot.embedding import VectorCache, default_embedder
        from evals.synthetic import attach_synthetic_vectors, cached_store
        from evals.vectors import CACHE_PATH

        from bot.minilm import default_english_encoder

        db = cached_store(args.claims)
        attach_synthetic_vectors(db, default_embedder(), VectorCache(CACHE_PATH))
        english = default_english_encoder()
        if english is not None:  # the engine re-ranks English claims with it
            attach_synthetic_vectors(db, english, VectorCache(CACHE_PATH))
    else:
        db = cached_claims_db(args.claims, args.seed)
    results = []
    for limiter in {"on": [True], "off": [False], "both": [True, False]}[args.limiter]:
        options: dict[str, Any] = ({} if args.concurrency is None
                                   else {"concurrent_updates": args.concurrency})
        options["engine"] = args.engine
        result = run_load(db, args.posts, args.seed, limiter, args.timeout, options)
        print(table_row(result), flush=True)
        results.append(result)
    if args.write_results:
        command = "python -m evals.bot_load " + " ".join(
            a for a in (argv if argv is not None else sys.argv[1:]))
        write_section(args.write_results, results_section(command.strip(), args.claims,
                                                          results))
    ok = all(r.answered_once == r.posts and r.resent_answered == 0 for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
