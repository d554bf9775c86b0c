"""The `crosscheck` command line: import and export claims, check a text, start the bot.

Every command and option here is documented in README.md (tests/test_cli_docs.py checks it).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from bot.config import Settings
from bot.domain import Post
from bot.importer import ImportReport, read_claims, write_claims
from bot.engine import Engine
from bot.report import render_text, report_to_dict
from bot.seeding import seed_store
from storage import Store

# `crosscheck check` embeds up to this many pending claims before answering; more wait for
# `crosscheck index` or the bot's background indexer.
INLINE_INDEX_LIMIT = 256

TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is not set.\n"
    "Get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps.\n"
    "Then put it in a .env file in this folder (copy .env.example to .env and fill in\n"
    "TELEGRAM_BOT_TOKEN=123456:ABC...), or export TELEGRAM_BOT_TOKEN in your shell."
)


def open_store(db: str | None, *, seed: bool = True) -> Store:
    """Open (and migrate) the database; a new one gets the seeds."""
    settings = Settings.from_env()
    store = Store(db or settings.db_path)
    if seed:
        seed_store(store, settings.seeds_dir)
    return store


db_option = click.option(
    "--db", "db", metavar="PATH", default=None,
    help="SQLite database file (default: $CROSSCHECK_DB or ./crosscheck.db).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosscheck-bot")
def main() -> None:
    """crosscheck: where does a post come from, and who corroborates or contradicts it?"""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@main.group("claims")
def claims_group() -> None:
    """Import and export stored claims (JSON Lines, contract A)."""


@claims_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@db_option
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
def claims_import(file: str, db: str | None, progress: bool | None) -> None:
    """Import claims from FILE (JSON Lines; '-' reads stdin).

    Duplicates (same id, or same url and text) are skipped and counted. Bad lines are reported
    with their line numbers; good lines are kept. Exit status 1 if any line was rejected.
    """
    report = ImportReport()
    store = open_store(db)
    show = sys.stderr.isatty() if progress is None else progress
    with click.open_file(file, encoding="utf-8", errors="replace") as handle:
        lines = handle
        if show and file != "-":
            size = Path(file).stat().st_size
            with click.progressbar(length=size, label="Importing", file=sys.stderr) as bar:
                def tracked():  # type: ignore[no-untyped-def]
                    for line in handle:
                        bar.update(len(line.encode("utf-8")))
                        yield line
                result = store.add_claims(read_claims(tracked(), report))
        else:
            result = store.add_claims(read_claims(lines, report))
    store.close()
    for number, reason in report.rejected:
        click.echo(f"line {number}: rejected: {reason}", err=True)
    click.echo(f"imported {result.inserted}, skipped {result.duplicates} duplicates, "
               f"rejected {len(report.rejected)} lines")
    if report.rejected:
        sys.exit(1)


@claims_group.command("export")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              default="-", help="Write to this file instead of stdout.")
def claims_export(db: str | None, output: str) -> None:
    """Write every stored claim as JSON Lines (the import format)."""
    store = open_store(db)
    with click.open_file(output, "w", encoding="utf-8") as out:
        count = write_claims(store.iter_claims(), out)
    store.close()
    if output != "-":
        click.echo(f"exported {count} claims to {output}", err=True)


@main.command("check")
@click.argument("text", nargs=-1, required=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (contract B).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100),
              help="At most this many matches.")
def check(text: tuple[str, ...], db: str | None, as_json: bool, limit: int) -> None:
    """Check TEXT against the stored claims: who said it first, who agrees, who does not."""
    store = open_store(db)
    engine = Engine(store)
    pending = engine.pending()
    if 0 < pending <= INLINE_INDEX_LIMIT:
        engine.index_pending()
    elif pending > INLINE_INDEX_LIMIT:
        click.echo(f"note: {pending} claims are not embedded yet and are matched by words only; "
                   "run `crosscheck index`", err=True)
    post = Post(text=" ".join(text))
    report = engine.pipeline.check(post, limit=limit)
    store.close()
    if as_json:
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False))
    else:
        click.echo(render_text(report))


@main.command("status")
@click.argument("topic", nargs=-1, required=True)
@db_option
@click.option("--chart", "chart", metavar="FILE", type=click.Path(dir_okay=False, writable=True),
              default=None, help="Also write the timeline chart (PNG) to FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def status(topic: tuple[str, ...], db: str | None, chart: str | None, as_json: bool) -> None:
    """What each side claims about TOPIC (any spelling or script), latest first."""
    from bot.topics import render_status_text, status_to_dict, topic_status

    store = open_store(db)
    name = " ".join(topic)
    # The same matcher as `check` and the bot's /status (hybrid, or lexical without a model).
    result = topic_status(store, name, Engine(store).pipeline.matcher)
    store.close()
    if chart:
        from bot.timeline_chart import render_timeline_png

        Path(chart).write_bytes(render_timeline_png(result))
    if as_json:
        click.echo(json.dumps(status_to_dict(result), ensure_ascii=False))
    else:
        click.echo(render_status_text(result))
    if chart:
        click.echo(f"chart written to {chart}", err=True)


@main.command("index")
@db_option
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Embed at most this many claims per encoder (default: all pending).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
def index(db: str | None, limit: int | None, progress: bool | None) -> None:
    """Embed stored claims that have no vector yet (the bot also does this in the background)."""
    store = open_store(db)
    engine = Engine(store)
    if engine.embedder is None:
        click.echo("the embedding model could not be loaded; see the log above", err=True)
        sys.exit(1)
    models = engine.embedder.model_id + (f" and {engine.second.embedder.model_id}"
                                         if engine.second is not None else "")
    pending = engine.pending()
    if limit is not None:
        pending = min(pending, limit)
    show = sys.stderr.isatty() if progress is None else progress
    with click.progressbar(length=pending, label="Embedding", file=sys.stderr) as bar:
        done = engine.index_pending(limit=limit, on_batch=bar.update if show else None)
    store.close()
    click.echo(f"embedded {done} vectors with {models}")


@main.command("seed")
@db_option
@click.option("--force", is_flag=True, help="Load the seeds again even if already loaded.")
def seed(db: str | None, force: bool) -> None:
    """Load the starter sources and claims from seeds/ (done automatically on a new database)."""
    settings = Settings.from_env()
    store = Store(db or settings.db_path)
    report = seed_store(store, settings.seeds_dir, force=force)
    store.close()
    click.echo(f"seeded {report.inserted} claims ({report.duplicates} already stored)")


@main.command("parse")
@click.argument("target", metavar="URL|FILE")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: the post (Post.to_dict()), or {\"posts\": [...]}.")
def parse(target: str, as_json: bool) -> None:
    """Fetch URL (or read a saved FILE) and print the post parsed from it.

    Telegram posts, X posts, news articles and feeds are recognised; a saved page, feed or X
    JSON file is read from disk. Links go through the safe fetcher (no internal addresses).
    """
    from bot.parsers import ParseError, parse_file
    from bot.fetch import FetchError

    try:
        if Path(target).is_file():
            result = parse_file(target)
        else:
            result = _fetch_for_cli(target)
    except (FetchError, ParseError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    posts = result if isinstance(result, list) else [result]
    if as_json:
        data = posts[0].to_dict() if len(posts) == 1 else {"posts": [p.to_dict() for p in posts]}
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
        return
    for number, post in enumerate(posts):
        if number:
            click.echo("")
        click.echo(_describe_post(post))


def _fetch_for_cli(url: str) -> Post:
    import asyncio

    from bot.fetch import AddressPolicy, SafeFetcher
    from bot.parsers import fetch_post
    from bot.urls import link_kind

    if link_kind(url).kind == "web" and "://" not in url and not url.startswith("www."):
        if "." not in url.split("/")[0]:
            from bot.parsers import ParseError

            raise ParseError(f"{url} is neither an existing file nor a web address")

    async def go() -> Post:
        async with SafeFetcher(AddressPolicy.from_env()) as fetcher:
            return await fetch_post(url, fetcher)

    return asyncio.run(go())


def _describe_post(post: Post) -> str:
    """A few labelled lines, then the text."""
    author = " ".join(filter(None, [post.author_name,
                                    f"@{post.author_handle}" if post.author_handle else None]))
    rows = [
        ("platform", post.platform),
        ("url", post.canonical_url or post.url),
        ("author", author or None),
        ("published", post.published_at.isoformat() if post.published_at else None),
        ("title", post.title),
        ("language", post.language),
        ("forwarded from", " ".join(filter(None, [post.forwarded_from,
                                                  post.forwarded_from_url]))),
        ("quotes", post.quoted.url or post.quoted.text[:80] if post.quoted else None),
        ("media", ", ".join(post.media) or None),
        ("views", str(post.extra["views"]) if post.extra.get("views") is not None else None),
    ]
    lines = [f"{label}: {value}" for label, value in rows if value]
    if post.links:
        lines.append("links:")
        lines.extend(f"  {link}" for link in post.links[:20])
        if len(post.links) > 20:
            lines.append(f"  … and {len(post.links) - 20} more")
    lines.append("")
    lines.append(post.text)
    return "\n".join(lines)


@main.group("sources")
def sources_group() -> None:
    """Watched sources: news feeds, Telegram channels, news sites and fact-checkers."""


@sources_group.command("add")
@click.argument("url")
@db_option
@click.option("--name", default=None, help="Name to show (default: the feed's or page's title).")
@click.option("--label", "labels", multiple=True, metavar="LABEL",
              help="A label such as party:UA or state-media (repeat for more).")
@click.option("--every", type=click.IntRange(1), default=30, show_default=True,
              metavar="MINUTES", help="Fetch the source every this many minutes.")
@click.option("--kind", type=click.Choice(["feed", "telegram", "site", "factcheck"]),
              default=None, help="Use this kind instead of detecting it (no fetch).")
@click.option("--language", default=None, metavar="CODE",
              help="Language of the source's items (ISO 639-1; default: detected).")
def sources_add(url: str, db: str | None, name: str | None, labels: tuple[str, ...], every: int,
                kind: str | None, language: str | None) -> None:
    """Watch URL: a feed, a t.me/s/<channel> page, a news site or a fact-checker.

    The kind is detected from the URL and what it serves (a site's feed is found from its
    <link rel=alternate>; ClaimReview markup marks a fact-checker), unless --kind is given.
    """
    from bot.fetch import AddressPolicy, FetchError
    from bot.ingest.manage import add_watched_source
    from bot.parsers.errors import ParseError

    store = open_store(db)
    try:
        source, new = add_watched_source(
            store, url, name=name, labels=list(labels), every_minutes=every, kind=kind,
            language=language, policy=AddressPolicy.from_env())
    except (FetchError, ParseError) as exc:
        click.echo(f"error: could not add {url}: {exc}", err=True)
        sys.exit(1)
    finally:
        store.close()
    verb = "added" if new else "already watched:"
    click.echo(f"{verb} #{source.id} {source.kind} {source.name} {source.url}")


@sources_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per source and line, with its health.")
def sources_list(db: str | None, as_json: bool) -> None:
    """List watched sources with their health: last success, last error, items stored."""
    import time

    from bot.ingest.manage import health_table
    from storage.ingest import dumps_health, source_health

    store = open_store(db)
    pairs = source_health(store)
    store.close()
    if as_json:
        if pairs:
            click.echo(dumps_health(pairs))
    else:
        click.echo(health_table(pairs, time.time()) if pairs else "no sources")


@sources_group.command("remove")
@click.argument("source", metavar="ID|URL|NAME")
@db_option
def sources_remove(source: str, db: str | None) -> None:
    """Stop watching a source; the claims it gave stay stored."""
    from bot.ingest.manage import find_source

    store = open_store(db)
    found = find_source(store, source)
    removed = found is not None and found.id is not None and store.remove_source(found.id)
    store.close()
    if not removed or found is None:
        click.echo(f"error: no source {source!r}", err=True)
        sys.exit(1)
    click.echo(f"removed #{found.id} {found.name}")


@sources_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
def sources_import(file: str, db: str | None) -> None:
    """Add the sources in FILE (JSON Lines in the format of seeds/sources.jsonl)."""
    from bot.seeding import import_sources_file

    store = open_store(db)
    try:
        added = import_sources_file(store, Path(file))
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    finally:
        store.close()
    click.echo(f"imported {added} new sources")


@main.command("ingest")
@db_option
@click.option("--once", is_flag=True, help="Fetch the due sources once and exit.")
@click.option("--source", "source_ids", type=int, multiple=True, metavar="ID",
              help="Only this source, fetched even if not due (repeat for more).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar with --once (default: only when stderr is a terminal).")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              metavar="SECONDS", help="Wait between two requests to the same host.")
@click.option("--timeout", type=click.FloatRange(1), default=60.0, show_default=True,
              metavar="SECONDS", help="Give up on one source after this long.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Fetch at most this many sources at a time.")
def ingest(db: str | None, once: bool, source_ids: tuple[int, ...], progress: bool | None,
           delay: float, timeout: float, concurrency: int) -> None:
    """Fetch watched sources and store their new items as claims (the bot does this too).

    Each source is fetched at its own interval with conditional requests, back-off after
    errors, a polite gap per host and robots.txt honoured. Without --once it keeps watching.
    """
    import asyncio
    import time

    from bot.fetch import AddressPolicy
    from bot.ingest.run import IngestConfig, Ingestor
    from storage.ingest import due_sources

    store = open_store(db)
    config = IngestConfig(concurrency=concurrency, source_timeout=timeout,
                          request_timeout=min(20.0, timeout), host_delay=delay)
    ingestor = Ingestor(store, config=config, policy=AddressPolicy.from_env())
    chosen = list(source_ids) or None
    if not once:
        click.echo("watching sources; Ctrl-C stops", err=True)
        try:
            asyncio.run(ingestor.run_forever())
        except KeyboardInterrupt:
            pass
        finally:
            store.close()
        return
    due = due_sources(store, time.time(), source_ids=chosen, force=bool(chosen))
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        with click.progressbar(length=len(due), label="Ingesting", file=sys.stderr) as bar:
            summary = asyncio.run(ingestor.run_once(
                source_ids=chosen, force=bool(chosen), on_done=lambda _done: bar.update(1)))
    else:
        summary = asyncio.run(ingestor.run_once(source_ids=chosen, force=bool(chosen)))
    store.close()
    for outcome in sorted(summary.outcomes, key=lambda o: o.source.id or 0):
        if outcome.status == "error":
            click.echo(f"#{outcome.source.id} {outcome.source.name}: error: {outcome.error}",
                       err=True)
    not_modified = sum(1 for o in summary.outcomes if o.status == "not_modified")
    click.echo(f"ingested {len(summary.outcomes)} sources: {summary.items} new items "
               f"({summary.passages} passages), {not_modified} not modified, "
               f"{len(summary.errors)} errors")


@main.group("events")
def events_group() -> None:
    """Events the stance stage tracks: outcome propositions and which outcomes agree."""


@events_group.command("add")
@click.argument("event_id")
@db_option
@click.option("--title", default="", help="A human title, e.g. 'Who controls Lysychansk'.")
@click.option("--place", default=None, metavar="NAME",
              help="The place the event is about, in any spelling or script.")
@click.option("--outcome", "outcomes", multiple=True, metavar="NAME=SENTENCE",
              help="One outcome sentence, any language; repeat for more sentences and outcomes.")
@click.option("--same", "same", multiple=True, metavar="A=B",
              help="Two outcomes that corroborate each other (e.g. withdrawal=captured).")
@click.option("--opposite", "opposite", multiple=True, metavar="A=B",
              help="Two outcomes that contradict each other (e.g. captured=held).")
@click.option("--control", is_flag=True,
              help="Start from the built-in who-controls-the-town outcomes for --place.")
def events_add(event_id: str, db: str | None, title: str, place: str | None,
               outcomes: tuple[str, ...], same: tuple[str, ...], opposite: tuple[str, ...],
               control: bool) -> None:
    """Add or replace the event EVENT_ID with its outcome sentences and compatibility table."""
    from bot.stance.frames import extract_places
    from bot.stance.propositions import EventSpec, control_event
    from storage.events import add_event

    def pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
        out = []
        for value in values:
            left, sep, right = value.partition("=")
            if not sep or not left.strip() or not right.strip():
                raise click.BadParameter(f"expected A=B, got {value!r}", param_hint=option)
            out.append((left.strip(), right.strip()))
        return out

    if control and not place:
        raise click.BadParameter("--control needs --place", param_hint="--control")
    key = None
    if place:
        found = sorted(extract_places(place[:1].upper() + place[1:]))
        key = found[0] if found else place.lower()
    event = control_event(place, key) if control and place else EventSpec(event_id, place=key)
    event.event_id, event.title = event_id, title or event.title
    for name, sentence in pairs(outcomes, "--outcome"):
        event.outcomes.setdefault(name, []).append(sentence)
    event.same += pairs(same, "--same")
    event.opposite += pairs(opposite, "--opposite")
    unknown = {n for p in event.same + event.opposite for n in p} - set(event.outcomes)
    if unknown:
        raise click.BadParameter(f"no sentences for outcome(s) {', '.join(sorted(unknown))}",
                                 param_hint="--same/--opposite")
    if not event.outcomes:
        raise click.BadParameter("give at least one --outcome (or --control)",
                                 param_hint="--outcome")
    store = open_store(db, seed=False)
    new = add_event(store, event)
    store.close()
    sentences = sum(len(v) for v in event.outcomes.values())
    click.echo(f"{'added' if new else 'replaced'} event {event_id}: {len(event.outcomes)} "
               f"outcomes, {sentences} sentences")


@events_group.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event.")
def events_list(db: str | None, as_json: bool) -> None:
    """List the stored events with their outcomes."""
    from storage.events import list_events

    store = open_store(db, seed=False)
    events = list_events(store)
    store.close()
    for event in events:
        if as_json:
            click.echo(event.to_json())
            continue
        click.echo(f"{event.event_id}  {event.title}  (place: {event.place or '-'})")
        for name, sentences in event.outcomes.items():
            click.echo(f"  {name}: " + " | ".join(sentences))
        if event.same:
            click.echo("  same: " + ", ".join(f"{a}={b}" for a, b in event.same))
        if event.opposite:
            click.echo("  opposite: " + ", ".join(f"{a}={b}" for a, b in event.opposite))
    if not events and not as_json:
        click.echo("no events")


@main.command("run")
@db_option
def run(db: str | None) -> None:
    """Start the Telegram bot (polling, or a webhook when TELEGRAM_WEBHOOK_URL is set)."""
    settings = Settings.from_env()
    if not settings.telegram_token:
        click.echo(TOKEN_HELP, err=True)
        sys.exit(2)
    if db:
        settings.db_path = db
    from bot.app import run_bot

    run_bot(settings)


if __name__ == "__main__":  # pragma: no cover
    main()
