"""Operator-written events for the stance stage: outcome propositions and their compatibility.

`crosscheck events add/list` call these; bot.stance.propositions reads them back as EventSpec.
The table is created by the `_v4_events` migration (storage.migrations).
"""

from __future__ import annotations

import json

from bot.stance.propositions import EventSpec
from storage.db import Store, now_iso


def add_event(store: Store, event: EventSpec) -> bool:
    """Store an event, replacing one with the same id; True if it was new."""
    existing = get_event(store, event.event_id)
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO events (event_id, title, place, outcomes, same, opposite, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO UPDATE SET "
            "title = excluded.title, place = excluded.place, outcomes = excluded.outcomes, "
            "same = excluded.same, opposite = excluded.opposite",
            [event.event_id, event.title, event.place,
             json.dumps(event.outcomes, ensure_ascii=False), json.dumps(event.same),
             json.dumps(event.opposite), now_iso()],
        )
    return existing is None


def _from_row(row: tuple[object, ...]) -> EventSpec:
    event_id, title, place, outcomes, same, opposite = row
    return EventSpec(event_id=str(event_id), title=str(title or ""),
                     place=str(place) if place else None,
                     outcomes=json.loads(str(outcomes)),
                     same=[tuple(p) for p in json.loads(str(same))],  # type: ignore[misc]
                     opposite=[tuple(p) for p in json.loads(str(opposite))])  # type: ignore[misc]


def get_event(store: Store, event_id: str) -> EventSpec | None:
    row = store.db.execute(
        "SELECT event_id, title, place, outcomes, same, opposite FROM events WHERE event_id = ?",
        [event_id]).fetchone()
    return None if row is None else _from_row(row)


def list_events(store: Store) -> list[EventSpec]:
    rows = store.db.execute(
        "SELECT event_id, title, place, outcomes, same, opposite FROM events ORDER BY event_id"
    ).fetchall()
    return [_from_row(r) for r in rows]
