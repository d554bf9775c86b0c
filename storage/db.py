"""The SQLite store: the only module that writes SQL. Sources, claims, their search index, checks.

Opened through sqlite-utils in WAL mode; the schema is migrated on open (storage.migrations).
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.domain import Claim, Source
from bot.textnorm import content_hash, detect_language, index_terms
from storage.migrations import migrate

DEFAULT_DB_PATH = "crosscheck.db"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_db_path() -> str:
    return os.environ.get("CROSSCHECK_DB", DEFAULT_DB_PATH)


@dataclass(slots=True)
class InsertResult:
    """What happened to a batch of claims: stored, or skipped as already known."""

    inserted: int = 0
    duplicates: int = 0


@dataclass(slots=True)
class SearchHit:
    """One row from the lexical index: claim id, BM25 score (higher is better), indexed terms."""

    rowid: int
    score: float
    terms: str
    keys: str


class Store:
    """One SQLite database holding everything the bot knows."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, memory: bool = False) -> None:
        if memory:
            self.db = sqlite_utils.Database(memory=True)
            self.path: str | None = None
        else:
            self.path = str(path or default_db_path())
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self.db = sqlite_utils.Database(conn)
            self.db.enable_wal()
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.version = migrate(self.db)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- key/value --------------------------------------------------------------------------

    def get_value(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM kv WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_value(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- sources ----------------------------------------------------------------------------

    def add_source(self, source: Source) -> int:
        """Store a source, or return the id of the same one (same url, or same kind and name)."""
        existing = self.find_source(url=source.url, kind=source.kind, name=source.name)
        if existing is not None and existing.id is not None:
            return existing.id
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO sources (kind, name, url, handle, language, labels, every_minutes, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [source.kind, source.name, source.url, source.handle, source.language,
                 json.dumps(source.labels), source.every_minutes, now_iso()],
            )
        return int(cur.lastrowid or 0)

    def find_source(self, *, url: str | None = None, kind: str | None = None,
                    name: str | None = None) -> Source | None:
        row = None
        if url:
            row = self.db.execute(f"SELECT {self._SOURCE_COLUMNS} FROM sources WHERE url = ?",
                                  [url]).fetchone()
        if row is None and kind and name:
            row = self.db.execute(
                f"SELECT {self._SOURCE_COLUMNS} FROM sources WHERE kind = ? AND name = ?",
                [kind, name]
            ).fetchone()
        return None if row is None else self._source_from_row(row)

    def sources(self) -> list[Source]:
        rows = self.db.execute(
            f"SELECT {self._SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
        return [self._source_from_row(r) for r in rows]

    def remove_source(self, source_id: int) -> bool:
        with self.db.atomic():
            self.db.execute("UPDATE claims SET source_id = NULL WHERE source_id = ?", [source_id])
            cur = self.db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        return cur.rowcount > 0

    _SOURCE_COLUMNS = "id, kind, name, url, handle, language, labels, every_minutes"

    @staticmethod
    def _source_from_row(row: tuple[Any, ...]) -> Source:
        sid, kind, name, url, handle, language, labels, every = row
        return Source(id=sid, kind=kind, name=name, url=url, handle=handle, language=language,
                      labels=json.loads(labels or "[]"), every_minutes=every)

    def source_labels(self) -> dict[str, list[str]]:
        """Labels of every source by name, for reports."""
        rows = self.db.execute("SELECT name, labels FROM sources").fetchall()
        return {name: json.loads(labels or "[]") for name, labels in rows}

    # -- claims -----------------------------------------------------------------------------

    @staticmethod
    def dedupe_key(claim: Claim) -> str:
        return content_hash((claim.url or "") + "\n" + claim.text)

    def add_claims(self, claims: Iterable[Claim], *, batch_size: int = 500) -> InsertResult:
        """Store claims in batches, one transaction each; known claims are skipped and counted.

        A claim is known when its id, or its url and text together, are already stored. A crash
        mid-way leaves whole batches only; running again stores the rest and skips the others.
        """
        result = InsertResult()
        batch: list[Claim] = []
        by_name = {name.lower(): sid for sid, name in
                   self.db.execute("SELECT id, name FROM sources").fetchall()}
        for claim in claims:
            if claim.source_id is None and claim.source:
                claim.source_id = by_name.get(claim.source.lower())
            batch.append(claim)
            if len(batch) >= batch_size:
                self._insert_batch(batch, result)
                batch = []
        if batch:
            self._insert_batch(batch, result)
        return result

    def add_claim(self, claim: Claim) -> bool:
        """Store one claim; False when it was already known."""
        return self.add_claims([claim]).inserted == 1

    def _insert_batch(self, batch: list[Claim], result: InsertResult) -> None:
        fetched = now_iso()
        with self.db.atomic():
            for claim in batch:
                if not claim.language:
                    claim.language = detect_language(claim.text)
                claim.content_hash = claim.content_hash or content_hash(claim.text)
                ext_id = claim.claim_id or f"cc-{uuid.uuid4().hex[:16]}"
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO claims (ext_id, source_id, source_name, url, "
                    "canonical_url, title, text, claimant, published_at, fetched_at, language, "
                    "content_hash, dedupe_key, extra, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [ext_id, claim.source_id, claim.source, claim.url,
                     claim.canonical_url or claim.url, claim.title, claim.text, claim.claimant,
                     claim.published_at, claim.fetched_at or fetched, claim.language,
                     claim.content_hash, self.dedupe_key(claim),
                     json.dumps(claim.extra, ensure_ascii=False), fetched],
                )
                if cur.rowcount != 1:
                    result.duplicates += 1
                    continue
                rowid = int(cur.lastrowid or 0)
                claim.rowid = rowid
                claim.claim_id = ext_id
                indexed = " ".join(filter(None, [claim.title, claim.text]))
                terms, keys = index_terms(indexed, claim.language)
                self.db.execute(
                    "INSERT INTO claims_fts (rowid, terms, keys) VALUES (?, ?, ?)",
                    [rowid, terms, keys],
                )
                result.inserted += 1

    def count_claims(self, language: str | None = None) -> int:
        if language:
            return int(self.db.execute("SELECT COUNT(*) FROM claims WHERE language = ?",
                                       [language]).fetchone()[0])
        return int(self.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0])

    _CLAIM_COLUMNS = (
        "c.id, c.ext_id, c.source_id, c.source_name, c.url, c.canonical_url, c.title, c.text, "
        "c.claimant, c.published_at, c.fetched_at, c.language, c.content_hash, c.extra, "
        "s.labels"
    )

    def _claim_from_row(self, row: tuple[Any, ...]) -> Claim:
        (rowid, ext_id, source_id, source_name, url, canonical_url, title, text, claimant,
         published_at, fetched_at, language, chash, extra, labels) = row
        return Claim(
            rowid=rowid, claim_id=ext_id, source_id=source_id, source=source_name, url=url,
            canonical_url=canonical_url, title=title, text=text, claimant=claimant,
            published_at=published_at, fetched_at=fetched_at, language=language,
            content_hash=chash, extra=json.loads(extra or "{}"),
            labels=json.loads(labels) if labels else [],
        )

    def get_claims(self, rowids: list[int]) -> dict[int, Claim]:
        """Claims by row id."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.db.execute(
            f"SELECT {self._CLAIM_COLUMNS} FROM claims c LEFT JOIN sources s "
            f"ON s.id = c.source_id WHERE c.id IN ({marks})",
            rowids,
        ).fetchall()
        return {row[0]: self._claim_from_row(row) for row in rows}

    def get_claim(self, claim_id: str) -> Claim | None:
        row = self.db.execute(
            f"SELECT {self._CLAIM_COLUMNS} FROM claims c LEFT JOIN sources s "
            f"ON s.id = c.source_id WHERE c.ext_id = ?",
            [claim_id],
        ).fetchone()
        return None if row is None else self._claim_from_row(row)

    def iter_claims(self, batch_size: int = 1000) -> Iterator[Claim]:
        """Every claim in insertion order."""
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT {self._CLAIM_COLUMNS} FROM claims c LEFT JOIN sources s "
                f"ON s.id = c.source_id WHERE c.id > ? ORDER BY c.id LIMIT ?",
                [last, batch_size],
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._claim_from_row(row)
            last = rows[-1][0]

    def search_lexical(self, match_expr: str, limit: int) -> list[SearchHit]:
        """BM25 search over the FTS5 index; `match_expr` is an FTS5 query string."""
        try:
            rows = self.db.execute(
                "SELECT rowid, -bm25(claims_fts, 1.0, 0.6) AS score, terms, keys "
                "FROM claims_fts WHERE claims_fts MATCH ? ORDER BY score DESC, rowid LIMIT ?",
                [match_expr, limit],
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [SearchHit(int(r[0]), float(r[1]), r[2] or "", r[3] or "") for r in rows]

    # -- vectors ----------------------------------------------------------------------------

    def claims_missing_vectors(self, model: str, limit: int,
                               language: str | None = None) -> list[tuple[int, str]]:
        """(claim id, text to embed) for claims that have no vector from `model` yet.

        With `language`, only claims stored in that language (a single-language encoder).
        """
        where = " AND c.language = ?" if language else ""
        rows = self.db.execute(
            "SELECT c.id, COALESCE(c.title || '. ', '') || c.text FROM claims c "
            "WHERE NOT EXISTS (SELECT 1 FROM claim_vectors v WHERE v.claim_id = c.id "
            f"AND v.model = ?){where} ORDER BY c.id LIMIT ?",
            [model, *([language] if language else []), limit],
        ).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def vectors_for(self, model: str, rowids: list[int]) -> dict[int, bytes]:
        """Stored vectors (float32 bytes) of `model` for these claims; missing ones are absent."""
        return {int(k): v for k, v in self._vectors_by(model, "claim_id", rowids).items()}

    def vectors_by_text_hash(self, model: str, hashes: list[str]) -> dict[str, bytes]:
        return {str(k): v for k, v in self._vectors_by(model, "text_hash", hashes).items()}

    def _vectors_by(self, model: str, column: str, keys: Sequence[object]) -> dict[object, bytes]:
        assert column in ("claim_id", "text_hash")
        found: dict[object, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in self.db.execute(
                f"SELECT {column}, vector FROM claim_vectors WHERE model = ? "
                f"AND {column} IN ({marks})", [model, *chunk]):
                found[key] = blob
        return found

    def put_vectors(self, model: str, rows: Iterable[tuple[int, str, bytes]]) -> int:
        """Store (claim id, text hash, float32 bytes) rows for one model."""
        rows = list(rows)
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO claim_vectors (claim_id, model, text_hash, vector) "
                "VALUES (?, ?, ?, ?)", [(cid, model, h, blob) for cid, h, blob in rows])
        return len(rows)

    def iter_vectors(self, model: str, after_rowid: int = 0,
                     batch_size: int = 20_000) -> Iterator[list[tuple[int, int, bytes]]]:
        """Batches of (vector rowid, claim id, vector bytes) newer than `after_rowid`."""
        last = after_rowid
        while True:
            rows = self.db.execute(
                "SELECT rowid, claim_id, vector FROM claim_vectors WHERE model = ? AND rowid > ? "
                "ORDER BY rowid LIMIT ?", [model, last, batch_size]).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def count_vectors(self, model: str) -> int:
        return int(self.db.execute(
            "SELECT COUNT(*) FROM claim_vectors WHERE model = ?", [model]).fetchone()[0])

    def claim_languages(self, rowids: list[int]) -> dict[int, str | None]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.db.execute(
            f"SELECT id, language FROM claims WHERE id IN ({marks})", rowids).fetchall()
        return {int(r[0]): r[1] for r in rows}

    def indexed_terms(self, rowids: list[int]) -> dict[int, tuple[str, str]]:
        """The FTS columns (terms, name keys) of claims, by claim id."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        rows = self.db.execute(
            f"SELECT rowid, terms, keys FROM claims_fts WHERE rowid IN ({marks})", rowids
        ).fetchall()
        return {int(r[0]): (r[1] or "", r[2] or "") for r in rows}

    # -- checks and updates -----------------------------------------------------------------

    def record_check(self, query_text: str, post: dict[str, Any], report: dict[str, Any], *,
                     chat_id: int | None = None, message_id: int | None = None) -> int:
        with self.db.atomic():
            cur = self.db.execute(
                "INSERT INTO checks (chat_id, message_id, query_text, post, report, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [chat_id, message_id, query_text, json.dumps(post, ensure_ascii=False, default=str),
                 json.dumps(report, ensure_ascii=False, default=str), now_iso()],
            )
        return int(cur.lastrowid or 0)

    def get_check(self, check_id: int) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT id, chat_id, message_id, query_text, post, report, created_at FROM checks "
            "WHERE id = ?", [check_id]).fetchone()
        if row is None:
            return None
        return {"id": row[0], "chat_id": row[1], "message_id": row[2], "query_text": row[3],
                "post": json.loads(row[4]), "report": json.loads(row[5]), "created_at": row[6]}

    def claim_update(self, update_id: int, chat_id: int | None, message_id: int | None) -> bool:
        """Mark an update as taken; False when this update (or this chat message) was seen."""
        try:
            with self.db.atomic():
                self.db.execute(
                    "INSERT INTO processed_updates (update_id, chat_id, message_id, processed_at) "
                    "VALUES (?, ?, ?, ?)",
                    [update_id, chat_id, message_id, now_iso()],
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def release_update(self, update_id: int) -> None:
        """Forget a taken update (its handling failed before any reply was sent)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM processed_updates WHERE update_id = ?", [update_id])

    # -- chats ------------------------------------------------------------------------------

    def chat_settings(self, chat_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT settings FROM chats WHERE chat_id = ?", [chat_id]).fetchone()
        return {} if row is None else dict(json.loads(row[0]))

    def save_chat_settings(self, chat_id: int, settings: dict[str, Any], *,
                           kind: str | None = None, title: str | None = None) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO chats (chat_id, kind, title, settings, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET "
                "settings = excluded.settings, updated_at = excluded.updated_at, "
                "kind = COALESCE(excluded.kind, chats.kind), "
                "title = COALESCE(excluded.title, chats.title)",
                [chat_id, kind, title, json.dumps(settings), now_iso()],
            )
