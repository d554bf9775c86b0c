"""Group chats in SQL: the helper's interventions per chat, for its hourly limit.

Settings themselves live in `chats.settings` (Store.chat_settings / save_chat_settings); every
query here is scoped by chat id.
"""

from __future__ import annotations

from storage.db import Store


def record_intervention(store: Store, chat_id: int, message_id: int | None, at: float) -> None:
    """Remember that the helper stepped in in `chat_id` at `at` (Unix seconds)."""
    with store.db.atomic():
        store.db.execute("INSERT INTO interventions (chat_id, message_id, at) VALUES (?, ?, ?)",
                         [chat_id, message_id, at])


def interventions_since(store: Store, chat_id: int, since: float) -> list[float]:
    """When the helper stepped in in this chat since `since`, oldest first."""
    rows = store.db.execute(
        "SELECT at FROM interventions WHERE chat_id = ? AND at >= ? ORDER BY at",
        [chat_id, since]).fetchall()
    return [float(r[0]) for r in rows]
