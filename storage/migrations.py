"""Versioned schema: an ordered list of migrations applied once each, recorded in `schema_version`.

Add a new function at the end of MIGRATIONS to change the schema; never edit an applied one.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _v1_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS sources (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            url TEXT,
            handle TEXT,
            language TEXT,
            labels TEXT NOT NULL DEFAULT '[]',
            every_minutes INTEGER NOT NULL DEFAULT 30,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS sources_url ON sources(url) WHERE url IS NOT NULL")
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS sources_name_kind ON sources(kind, name)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS claims (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,
            source_id INTEGER REFERENCES sources(id),
            source_name TEXT,
            url TEXT,
            canonical_url TEXT,
            title TEXT,
            text TEXT NOT NULL,
            claimant TEXT,
            published_at TEXT,
            fetched_at TEXT,
            language TEXT,
            content_hash TEXT NOT NULL,
            dedupe_key TEXT NOT NULL UNIQUE,
            extra TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS claims_content_hash ON claims(content_hash)")
    db.execute("CREATE INDEX IF NOT EXISTS claims_canonical_url ON claims(canonical_url)")
    db.execute("CREATE INDEX IF NOT EXISTS claims_published_at ON claims(published_at)")
    # Search index: normalised terms (lemmas/stems) and cross-script name keys, rowid = claims.id.
    db.execute(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
            terms, keys,
            tokenize = 'porter unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS checks (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER,
            message_id INTEGER,
            query_text TEXT NOT NULL,
            post TEXT NOT NULL DEFAULT '{}',
            report TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS checks_chat ON checks(chat_id, created_at)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS processed_updates (
            update_id INTEGER PRIMARY KEY,
            chat_id INTEGER,
            message_id INTEGER,
            processed_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS processed_updates_msg "
        "ON processed_updates(chat_id, message_id) WHERE chat_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS chats (
            chat_id INTEGER PRIMARY KEY,
            kind TEXT,
            title TEXT,
            settings TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS kv (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )


def _v2_claim_vectors(db: sqlite_utils.Database) -> None:
    # One vector per claim and embedding model; text_hash lets identical texts share a vector.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS claim_vectors (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (claim_id, model)
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS claim_vectors_hash ON claim_vectors(model, text_hash)")


Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[Migration] = [_v1_initial, _v2_claim_vectors]


def current_version(db: sqlite_utils.Database) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration newer than the database; return the resulting version."""
    version = current_version(db)
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with db.atomic():
            step(db)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
        version = number
    return version
