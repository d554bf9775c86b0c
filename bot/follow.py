"""Follow-ups: new claims are matched against the checks chats follow, and a short update goes
out once per meaningful change.

A followed check is re-matched with the bot's matcher; a newly stored claim that the matcher
finds for the check's text (or that names the same place) and that the stance model says corroborates or contradicts it is a
meaningful change (for a followed /status topic: a new claim on the topic that takes a stance on
control). Each claim is announced to a follow once, and a follow gets at most one update per
`min_interval`. `notify_new_claims` is the hook ingestion can call after storing claims;
`run_follow_round` is what the bot's JobQueue job runs (it tracks new claims by row id itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.domain import Match
from bot.matching import LexicalMatcher, Matcher
from bot.stance import StanceModel, default_stance
from bot.stance.frames import extract_places
from bot.topics import OTHER, _mentions, claim_stance, topic_keys
from bot.textnorm import detect_language
from storage import Store
from storage.follows import (
    WATERMARK_KEY,
    Follow,
    active_follows,
    announced_claims,
    claims_after,
    max_claim_rowid,
    record_notice,
)

MIN_INTERVAL = 3600.0  # seconds between two updates to one follow
SIDED = ("corroborates", "contradicts")


@dataclass(slots=True)
class Notification:
    """One update message to send: a followed check and the new claims that changed it."""

    chat_id: int
    follow_id: int
    check_id: int
    query: str
    matches: list[Match] = field(default_factory=list)


def _recently_sent(follow: Follow, now: datetime, min_interval: float) -> bool:
    if not follow.last_sent_at:
        return False
    try:
        last = datetime.fromisoformat(follow.last_sent_at)
    except ValueError:
        return False
    return (now - last).total_seconds() < min_interval


def _status_changes(store: Store, query: str, new: dict[int, object]) -> list[Match]:
    keys = topic_keys(query)
    out = []
    for claim in store.get_claims(list(new)).values():
        if keys and _mentions(claim, keys) and claim_stance(claim) != OTHER:
            out.append(Match(claim=claim, score=1.0, relation="related"))
    return out


def notify_new_claims(store: Store, claim_ids: list[int], *, matcher: Matcher | None = None,
                      stance: StanceModel | None = None, now: datetime | None = None,
                      min_interval: float = MIN_INTERVAL, limit: int = 30) -> list[Notification]:
    """The updates due for newly stored claims (row ids), one per follow at most.

    Nothing is recorded here: call `mark_sent` once a notification was delivered, so that a
    failed send is retried with the next round.
    """
    if not claim_ids:
        return []
    matcher = matcher or LexicalMatcher(store)
    stance = stance or default_stance()
    now = now or datetime.now(UTC)
    fresh = set(claim_ids)
    notifications = []
    for follow in active_follows(store):
        if _recently_sent(follow, now, min_interval):
            continue
        check = store.get_check(follow.check_id)
        if check is None or not check["query_text"]:
            continue
        query = str(check["query_text"])
        known = announced_claims(store, follow.id)
        known.update(m.get("rowid") or 0 for m in check["report"].get("matches") or [])
        listed = {m.get("claim_id") for m in check["report"].get("matches") or []}
        new = {rowid: None for rowid in fresh if rowid not in known}
        if not new:
            continue
        if check["report"].get("view") == "status":
            changes = _status_changes(store, query, new)
        else:
            language = (check["post"] or {}).get("language") or detect_language(query)
            found = {m.claim.rowid: m for m in matcher.rank(query, language, limit)}
            places = extract_places(query)
            for rowid, claim in store.get_claims(list(new)).items():
                if rowid not in found and places & extract_places(claim.text):
                    found[rowid] = Match(claim=claim, score=0.0)  # names the same place
            changes = []
            for rowid, match in found.items():
                if rowid not in new or match.claim.claim_id in listed:
                    continue
                match.relation, match.confidence = stance.classify(query, match.claim)
                if match.relation in SIDED:
                    changes.append(match)
        if changes:
            notifications.append(Notification(chat_id=follow.chat_id, follow_id=follow.id,
                                              check_id=follow.check_id, query=query,
                                              matches=changes))
    return notifications


def mark_sent(store: Store, notification: Notification) -> None:
    """Record that a notification was delivered: its claims are never announced again."""
    record_notice(store, notification.follow_id,
                  [(m.claim.rowid or 0, m.relation) for m in notification.matches])


def run_follow_round(store: Store, *, matcher: Matcher | None = None,
                     stance: StanceModel | None = None,
                     now: datetime | None = None) -> tuple[list[Notification], int]:
    """Notifications for the claims stored since the last round, and the new watermark to save
    with `save_watermark` once they are sent. A first round starts from the newest claim."""
    mark = store.get_value(WATERMARK_KEY)
    if mark is None:
        top = max_claim_rowid(store)
        store.set_value(WATERMARK_KEY, str(top))
        return [], top
    new = claims_after(store, int(mark))
    if not new:
        return [], int(mark)
    return notify_new_claims(store, new, matcher=matcher, stance=stance, now=now), max(new)


def save_watermark(store: Store, rowid: int) -> None:
    store.set_value(WATERMARK_KEY, str(rowid))


def start_watermark(store: Store) -> None:
    """Claims stored before now are not news: start following from the newest claim."""
    if store.get_value(WATERMARK_KEY) is None:
        store.set_value(WATERMARK_KEY, str(max_claim_rowid(store)))
