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
from bot.dense import embed_pending
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
    pending = store.count_claims() - (store.count_vectors(engine.embedder.model_id)
                                      if engine.embedder else 0)
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


@main.command("index")
@db_option
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Embed at most this many claims (default: all pending).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when stderr is a terminal).")
def index(db: str | None, limit: int | None, progress: bool | None) -> None:
    """Embed stored claims that have no vector yet (the bot also does this in the background)."""
    store = open_store(db)
    engine = Engine(store)
    if engine.embedder is None:
        click.echo("the embedding model could not be loaded; see the log above", err=True)
        sys.exit(1)
    model = engine.embedder.model_id
    pending = store.count_claims() - store.count_vectors(model)
    if limit is not None:
        pending = min(pending, limit)
    show = sys.stderr.isatty() if progress is None else progress
    with click.progressbar(length=pending, label="Embedding", file=sys.stderr) as bar:
        done = embed_pending(store, engine.embedder, limit=limit,
                             on_batch=bar.update if show else None)
    store.close()
    click.echo(f"embedded {done} claims with {model}")


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
