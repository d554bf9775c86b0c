"""First-run seeding: the starter sources and claims in `seeds/` go into a new database."""

from __future__ import annotations

import json
from pathlib import Path

from bot.domain import Source
from bot.importer import ImportReport, read_claims
from storage import Store

SEEDED_KEY = "seeded"


def import_sources_file(store: Store, path: Path) -> int:
    """Add every source in a sources JSONL file (the seeds' format); returns how many are new."""
    before = len(store.sources())
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                source = Source(
                    kind=str(obj["kind"]), name=str(obj["name"]), url=obj.get("url"),
                    handle=obj.get("handle"), language=obj.get("language"),
                    labels=list(obj.get("labels") or []),
                    every_minutes=int(obj.get("every_minutes") or 30),
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: bad source line ({exc})") from None
            store.add_source(source)
    return len(store.sources()) - before


def seed_store(store: Store, seeds_dir: Path, *, force: bool = False) -> ImportReport:
    """Load seeds into the store once (a database remembers it was seeded)."""
    report = ImportReport()
    if store.get_value(SEEDED_KEY) and not force:
        return report
    sources = seeds_dir / "sources.jsonl"
    if sources.exists():
        import_sources_file(store, sources)
    claims = seeds_dir / "claims.jsonl"
    if claims.exists():
        with claims.open(encoding="utf-8") as handle:
            result = store.add_claims(read_claims(handle, report))
        report.inserted, report.duplicates = result.inserted, result.duplicates
    store.set_value(SEEDED_KEY, "1")
    return report
