"""SQL for watching sources: per-source fetch state and health, copy groups, provenance edges.

Functions over a `Store`. `store_source_items` writes one source's new claims, their copy groups
and provenance edges, and the source's new state (ETag, Last-Modified, next due time) in one
transaction: a crash before the commit leaves nothing of that fetch, and the next run fetches it
again; claim ids are stable, so nothing is ever stored twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from bot.domain import Claim, Source
from bot.ingest.dedupe import (
    NEAR_DUPLICATE_SIMILARITY,
    band_keys,
    signature,
    signature_from_bytes,
    similarity,
)
from bot.ingest.items import IngestItem, ProvenanceEdge
from storage.db import Store

__all__ = [
    "SourceState",
    "StoredItems",
    "copies_of",
    "due_sources",
    "edges_from",
    "get_state",
    "group_claims",
    "known_claim_ids",
    "record_failure",
    "save_state",
    "source_health",
    "store_source_items",
]

# Edges that mean "this is the same text as the target" (a reply or a quote is not a copy).
COPY_EDGES = ("forwarded_from", "reposted")
# Strongest evidence first: the reason recorded when a claim joins a group.
_REASONS = ("forward", "url", "hash", "near")


def iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class SourceState:
    """Where a watched source stands: conditional-request validators, schedule and health."""

    source_id: int
    feed_url: str | None = None  # a site's discovered feed
    etag: str | None = None
    last_modified: str | None = None
    next_due: float | None = None  # Unix time; None = due now
    failures: int = 0  # consecutive
    last_attempt: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    items: int = 0  # items stored from this source, all runs
    last_items: int = 0  # items stored by the last successful fetch


_STATE_COLUMNS = [f.name for f in fields(SourceState)]


@dataclass(slots=True)
class StoredItems:
    """What one source's fetch added: new items, their passages, copies found, known skipped."""

    items: int = 0
    passages: int = 0
    grouped: int = 0
    duplicates: int = 0


def get_state(store: Store, source_id: int) -> SourceState:
    row = store.db.execute(
        f"SELECT {', '.join(_STATE_COLUMNS)} FROM source_state WHERE source_id = ?", [source_id]
    ).fetchone()
    return SourceState(source_id=source_id) if row is None else SourceState(*row)


def save_state(store: Store, state: SourceState) -> None:
    """Insert or replace a source's state (inside the caller's transaction, if any)."""
    marks = ", ".join("?" * len(_STATE_COLUMNS))
    with store.db.atomic():
        store.db.execute(
            f"INSERT OR REPLACE INTO source_state ({', '.join(_STATE_COLUMNS)}) VALUES ({marks})",
            [getattr(state, name) for name in _STATE_COLUMNS],
        )


def source_health(store: Store) -> list[tuple[Source, SourceState]]:
    """Every source with its state, in id order (a source never fetched has a blank state)."""
    rows = store.db.execute(
        f"SELECT source_id, {', '.join(_STATE_COLUMNS[1:])} FROM source_state"
    ).fetchall()
    states = {row[0]: SourceState(*row) for row in rows}
    return [(s, states.get(s.id or 0) or SourceState(source_id=s.id or 0))
            for s in store.sources()]


def due_sources(store: Store, now: float, *, source_ids: Iterable[int] | None = None,
                force: bool = False) -> list[tuple[Source, SourceState]]:
    """Sources due at `now` (all chosen ones with `force`), most overdue first."""
    wanted = set(source_ids) if source_ids is not None else None
    chosen = [(s, st) for s, st in source_health(store)
              if (wanted is None or s.id in wanted)
              and (force or st.next_due is None or st.next_due <= now)]
    return sorted(chosen, key=lambda pair: (pair[1].next_due or 0.0, pair[0].id or 0))


def record_failure(store: Store, state: SourceState, error: str, *, now: float,
                   next_due: float) -> SourceState:
    """Count a failed fetch and when to try again; the source's claims are untouched."""
    state.failures += 1
    state.last_attempt = iso(now)
    state.last_error = error[:500]
    state.last_error_at = iso(now)
    state.next_due = next_due
    save_state(store, state)
    return state


def known_claim_ids(store: Store, claim_ids: Iterable[str]) -> set[str]:
    """Which of these claim ids are stored already."""
    ids = list(dict.fromkeys(claim_ids))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in store.db.execute(
            f"SELECT ext_id FROM claims WHERE ext_id IN ({marks})", chunk))
    return found


def store_source_items(store: Store, items: list[IngestItem], state: SourceState, *,
                       now: float) -> StoredItems:
    """Store one fetch's items with their groups and edges, and the new state, atomically.

    The caller sets the validators and next due time on `state`; this adds the counts and the
    success time. Items already stored (same claim id, or same url and text) are skipped.
    """
    result = StoredItems()
    with store.db.atomic():
        claims = [claim for item in items for claim in item.claims]
        inserted = store.add_claims(claims)
        result.duplicates = inserted.duplicates
        new = [item for item in items if item.claim.rowid is not None]
        result.items = len(new)
        result.passages = sum(1 for item in items for p in item.passages if p.rowid is not None)
        for item in items:
            if item.claim.rowid is not None and item.edges:
                _add_edges(store, item.claim.rowid, item.edges)
        edges_by_claim = {item.claim.rowid: item.edges for item in new}
        fresh = [c for c in claims if c.rowid is not None]
        result.grouped = group_claims(store, fresh, edges_by_claim)
        state.failures = 0
        state.last_attempt = state.last_success = iso(now)
        state.items += result.items
        state.last_items = result.items
        save_state(store, state)
    return result


# -- provenance edges ---------------------------------------------------------------------------


def _add_edges(store: Store, claim_rowid: int, edges: list[ProvenanceEdge]) -> None:
    for edge in edges:
        target = store.db.execute(
            "SELECT id FROM claims WHERE canonical_url = ? AND id != ? "
            "AND json_extract(extra, '$.parent') IS NULL ORDER BY id LIMIT 1",
            [edge.target_url, claim_rowid],
        ).fetchone()
        store.db.execute(
            "INSERT OR IGNORE INTO provenance_edges (claim_id, kind, target_url, target_name, "
            "target_claim_id) VALUES (?, ?, ?, ?, ?)",
            [claim_rowid, edge.kind, edge.target_url, edge.target_name,
             target[0] if target else None],
        )


def _resolve_edges_to(store: Store, claim: Claim) -> None:
    """Point edges that waited for this claim's url at it."""
    if claim.canonical_url and not claim.extra.get("parent"):
        store.db.execute(
            "UPDATE provenance_edges SET target_claim_id = ? "
            "WHERE target_url = ? AND target_claim_id IS NULL AND claim_id != ?",
            [claim.rowid, claim.canonical_url, claim.rowid],
        )


def edges_from(store: Store, claim_rowid: int) -> list[tuple[ProvenanceEdge, int | None]]:
    """A claim's edges (what it forwards, reposts, quotes or answers) with the target's row id."""
    rows = store.db.execute(
        "SELECT kind, target_url, target_name, target_claim_id FROM provenance_edges "
        "WHERE claim_id = ? ORDER BY kind, target_url", [claim_rowid]).fetchall()
    return [(ProvenanceEdge(r[0], r[1], r[2]), r[3]) for r in rows]


def edges_to(store: Store, claim_rowid: int) -> list[tuple[int, ProvenanceEdge]]:
    """Claims that forward, repost, quote or answer this one: (their row id, the edge)."""
    rows = store.db.execute(
        "SELECT claim_id, kind, target_url, target_name FROM provenance_edges "
        "WHERE target_claim_id = ? ORDER BY claim_id", [claim_rowid]).fetchall()
    return [(r[0], ProvenanceEdge(r[1], r[2], r[3])) for r in rows]


# -- copy groups --------------------------------------------------------------------------------


def _group_of(store: Store, claim_rowid: int) -> int:
    """The claim's group, creating a group of its own when it has none (e.g. imported claims)."""
    row = store.db.execute(
        "SELECT group_id FROM claim_groups WHERE claim_id = ?", [claim_rowid]).fetchone()
    if row is not None:
        return int(row[0])
    store.db.execute(
        "INSERT INTO claim_groups (claim_id, group_id, reason) VALUES (?, ?, 'self')",
        [claim_rowid, claim_rowid])
    return claim_rowid


def _candidates(store: Store, claim: Claim, edges: list[ProvenanceEdge], sig: Any,
                keys: list[int]) -> dict[int, tuple[str, float | None]]:
    """Groups this claim is a copy of: {group id: (reason, similarity)}."""
    assert claim.rowid is not None
    found: dict[int, tuple[str, float | None]] = {}

    def note(other: int, reason: str, sim: float | None = None) -> None:
        group = _group_of(store, other)
        if group not in found or _REASONS.index(reason) < _REASONS.index(found[group][0]):
            found[group] = (reason, sim)

    for edge in edges:
        if edge.kind in COPY_EDGES:
            for (target,) in store.db.execute(
                    "SELECT target_claim_id FROM provenance_edges WHERE claim_id = ? AND kind = ? "
                    "AND target_url = ? AND target_claim_id IS NOT NULL",
                    [claim.rowid, edge.kind, edge.target_url]).fetchall():
                note(target, "forward")
    is_passage = bool(claim.extra.get("parent"))
    if claim.canonical_url and not is_passage:
        marks = ",".join("?" * len(COPY_EDGES))
        for (other,) in store.db.execute(
                f"SELECT claim_id FROM provenance_edges WHERE target_url = ? AND claim_id != ? "
                f"AND kind IN ({marks})", [claim.canonical_url, claim.rowid, *COPY_EDGES]):
            note(other, "forward")
        for (other,) in store.db.execute(
                "SELECT id FROM claims WHERE canonical_url = ? AND id != ? "
                "AND json_extract(extra, '$.parent') IS NULL", [claim.canonical_url, claim.rowid]):
            note(other, "url")
    for (other,) in store.db.execute(
            "SELECT id FROM claims WHERE content_hash = ? AND id != ?",
            [claim.content_hash, claim.rowid]):
        note(other, "hash", 1.0)
    if sig is not None:
        marks = ",".join("?" * len(keys))
        others = [r[0] for r in store.db.execute(
            f"SELECT DISTINCT claim_id FROM minhash_bands WHERE band_key IN ({marks}) "
            f"AND claim_id != ?", [*keys, claim.rowid])]
        for start in range(0, len(others), 500):
            chunk = others[start:start + 500]
            for other, blob in store.db.execute(
                    f"SELECT claim_id, signature FROM claim_minhash WHERE claim_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                sim = similarity(sig, signature_from_bytes(blob))
                if sim >= NEAR_DUPLICATE_SIMILARITY:
                    note(other, "near", sim)
    return found


def group_claims(store: Store, claims: list[Claim],
                 edges: dict[int | None, list[ProvenanceEdge]] | None = None) -> int:
    """Put newly stored claims into copy groups; returns how many joined an existing group.

    A claim joins the group of a claim it forwards or reposts, of one with the same canonical
    url (articles, not their passages) or the same text, or of a near-duplicate (MinHash); when
    it links several groups they are merged. Its signature is stored for later claims.
    """
    joined = 0
    edges = edges or {}
    with store.db.atomic():
        for claim in claims:
            if claim.rowid is None:
                continue
            _resolve_edges_to(store, claim)
            sig = signature(claim.text)
            keys = band_keys(sig) if sig is not None else []
            found = _candidates(store, claim, edges.get(claim.rowid, []), sig, keys)
            if found:
                target = min(found)
                reason, sim = min(found.values(), key=lambda v: _REASONS.index(v[0]))
                store.db.execute(
                    "INSERT OR REPLACE INTO claim_groups (claim_id, group_id, reason, similarity) "
                    "VALUES (?, ?, ?, ?)", [claim.rowid, target, reason, sim])
                others = [g for g in found if g != target]
                if others:
                    marks = ",".join("?" * len(others))
                    store.db.execute(
                        f"UPDATE claim_groups SET group_id = ? WHERE group_id IN ({marks})",
                        [target, *others])
                joined += 1
            else:
                store.db.execute(
                    "INSERT OR REPLACE INTO claim_groups (claim_id, group_id, reason) "
                    "VALUES (?, ?, 'self')", [claim.rowid, claim.rowid])
            if sig is not None:
                store.db.execute(
                    "INSERT OR REPLACE INTO claim_minhash (claim_id, signature) VALUES (?, ?)",
                    [claim.rowid, sig.tobytes()])
                store.db.conn.executemany(
                    "INSERT INTO minhash_bands (band_key, claim_id) VALUES (?, ?)",
                    [(key, claim.rowid) for key in keys])
    return joined


def _time_key(claim: Claim) -> tuple[bool, str, int]:
    """Earliest first; undated last; ties by storage order."""
    when = claim.published_at or ""
    return (not when, when, claim.rowid or 0)


def copies_of(store: Store, claim_rowid: int) -> list[Claim]:
    """Every known copy of a claim's text, the claim included, earliest first.

    Empty when the claim is in no group (it was never grouped), a list of one when it has no
    copies. The first element is the origin; the others copied it later.
    """
    row = store.db.execute(
        "SELECT group_id FROM claim_groups WHERE claim_id = ?", [claim_rowid]).fetchone()
    if row is None:
        return []
    ids = [r[0] for r in store.db.execute(
        "SELECT claim_id FROM claim_groups WHERE group_id = ?", [row[0]])]
    members = store.get_claims(ids)
    return sorted(members.values(), key=_time_key)


def group_reasons(store: Store, claim_rowids: list[int]) -> dict[int, tuple[str, float | None]]:
    """Why each claim is in its group: (reason, similarity)."""
    if not claim_rowids:
        return {}
    marks = ",".join("?" * len(claim_rowids))
    return {r[0]: (r[1], r[2]) for r in store.db.execute(
        f"SELECT claim_id, reason, similarity FROM claim_groups WHERE claim_id IN ({marks})",
        claim_rowids)}


def state_to_dict(state: SourceState) -> dict[str, Any]:
    data = {name: getattr(state, name) for name in _STATE_COLUMNS}
    data["next_due"] = iso(state.next_due) if state.next_due else None
    return data


def dumps_health(pairs: list[tuple[Source, SourceState]]) -> str:
    """Sources with their health as JSON Lines (for `crosscheck sources list --json`)."""
    return "\n".join(json.dumps({
        "id": s.id, "kind": s.kind, "name": s.name, "url": s.url, "handle": s.handle,
        "language": s.language, "labels": s.labels, "every_minutes": s.every_minutes,
        **{k: v for k, v in state_to_dict(st).items() if k != "source_id"},
    }, ensure_ascii=False) for s, st in pairs)
