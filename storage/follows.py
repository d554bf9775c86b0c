"""Follow-ups in SQL: which chat follows which stored check, and which claims each was told of.

Functions over a Store (storage is the only place that writes SQL); every query is scoped by
chat, so one chat's follows never show in another's.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Store, now_iso

WATERMARK_KEY = "follow_watermark"


@dataclass(slots=True)
class Follow:
    """One chat following one check."""

    id: int
    chat_id: int
    user_id: int | None
    check_id: int
    last_sent_at: str | None = None


def follow_check(store: Store, chat_id: int, check_id: int, user_id: int | None = None) -> int:
    """Follow (again) a check from a chat; returns the follow's id."""
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO follows (chat_id, user_id, check_id, active, created_at) "
            "VALUES (?, ?, ?, 1, ?) ON CONFLICT(chat_id, check_id) DO UPDATE SET active = 1",
            [chat_id, user_id, check_id, now_iso()])
        row = store.db.execute("SELECT id FROM follows WHERE chat_id = ? AND check_id = ?",
                               [chat_id, check_id]).fetchone()
    return int(row[0])


def unfollow_check(store: Store, chat_id: int, check_id: int) -> bool:
    """Stop following; False when the chat did not follow the check."""
    with store.db.atomic():
        cur = store.db.execute(
            "UPDATE follows SET active = 0 WHERE chat_id = ? AND check_id = ? AND active = 1",
            [chat_id, check_id])
    return bool(cur.rowcount)


def is_following(store: Store, chat_id: int, check_id: int) -> bool:
    row = store.db.execute(
        "SELECT 1 FROM follows WHERE chat_id = ? AND check_id = ? AND active = 1",
        [chat_id, check_id]).fetchone()
    return row is not None


def active_follows(store: Store) -> list[Follow]:
    """Every active follow, oldest first."""
    rows = store.db.execute(
        "SELECT id, chat_id, user_id, check_id, last_sent_at FROM follows WHERE active = 1 "
        "ORDER BY id").fetchall()
    return [Follow(*row) for row in rows]


def announced_claims(store: Store, follow_id: int) -> set[int]:
    """Claim rowids a follow was already told about."""
    rows = store.db.execute("SELECT claim_rowid FROM follow_notices WHERE follow_id = ?",
                            [follow_id]).fetchall()
    return {int(r[0]) for r in rows}


def record_notice(store: Store, follow_id: int, claims: list[tuple[int, str]]) -> None:
    """Remember that a follow was told about these (claim rowid, relation) pairs, at once."""
    stamp = now_iso()
    with store.db.atomic():
        for rowid, relation in claims:
            store.db.execute(
                "INSERT OR IGNORE INTO follow_notices (follow_id, claim_rowid, relation, "
                "sent_at) VALUES (?, ?, ?, ?)", [follow_id, rowid, relation, stamp])
        store.db.execute("UPDATE follows SET last_sent_at = ? WHERE id = ?", [stamp, follow_id])


def claims_after(store: Store, rowid: int, limit: int = 1000) -> list[int]:
    """Rowids of claims stored after `rowid`, oldest first."""
    rows = store.db.execute("SELECT id FROM claims WHERE id > ? ORDER BY id LIMIT ?",
                            [rowid, limit]).fetchall()
    return [int(r[0]) for r in rows]


def max_claim_rowid(store: Store) -> int:
    return int(store.db.execute("SELECT COALESCE(MAX(id), 0) FROM claims").fetchone()[0])
