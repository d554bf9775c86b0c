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


def _v3_ingest(db: sqlite_utils.Database) -> None:
    # Watching sources: per-source fetch state and health (storage.ingest writes these).
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS source_state (
            source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
            feed_url TEXT,
            etag TEXT,
            last_modified TEXT,
            next_due REAL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_attempt TEXT,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            items INTEGER NOT NULL DEFAULT 0,
            last_items INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    # Copies of one text: every ingested claim belongs to a group (its own id when alone).
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS claim_groups (
            claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL,
            reason TEXT NOT NULL,
            similarity REAL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS claim_groups_group ON claim_groups(group_id)")
    # MinHash signatures and their LSH band keys, for near-duplicate lookups.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS claim_minhash (
            claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS minhash_bands (
            band_key INTEGER NOT NULL,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS minhash_bands_key ON minhash_bands(band_key)")
    # Telegram forwarded-from links, quoted and reposted X posts, replies: claim -> original.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS provenance_edges (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            target_url TEXT NOT NULL,
            target_name TEXT,
            target_claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            PRIMARY KEY (claim_id, kind, target_url)
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS provenance_edges_url ON provenance_edges(target_url)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS provenance_edges_claim ON provenance_edges(target_claim_id)"
    )


def _v4_events(db: sqlite_utils.Database) -> None:
    # Operator-written events for stance: outcome propositions and their compatibility table.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS events (
            event_id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            place TEXT,
            outcomes TEXT NOT NULL DEFAULT '{}',
            same TEXT NOT NULL DEFAULT '[]',
            opposite TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        )
        """
    )


def _v5_follows(db: sqlite_utils.Database) -> None:
    # Follow-ups: a chat follows a stored check; each claim is announced to a follow once.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS follows (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            user_id INTEGER,
            check_id INTEGER NOT NULL REFERENCES checks(id),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            last_sent_at TEXT
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS follows_chat_check ON follows(chat_id, check_id)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS follow_notices (
            follow_id INTEGER NOT NULL REFERENCES follows(id),
            claim_rowid INTEGER NOT NULL,
            relation TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (follow_id, claim_rowid)
        )
        """
    )
    # Group helper: when the bot stepped in, per chat (for the hourly limit).
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS interventions (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            message_id INTEGER,
            at REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS interventions_chat ON interventions(chat_id, at)")


Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[Migration] = [_v1_initial, _v2_claim_vectors, _v3_ingest, _v4_events,
                               _v5_follows]


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
