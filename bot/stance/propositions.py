"""Event outcome propositions: label a text by the nearest outcome sentence, read the relation off
a compatibility table.

An event the bot tracks ("who controls Lysychansk, July 2022") has a few possible outcomes, each
written as short sentences in any language ("Russian forces captured Lysychansk", "Лисичанск
остаётся под контролем ВСУ", "Українські війська відійшли з Лисичанська"), and a table of which
outcomes corroborate each other (a confirmed withdrawal = a capture) and which clash. A post and a
claim are each labelled with their nearest outcome (multilingual embeddings, margin over the
runner-up); the relation comes from the table, `related` when either margin is small.

Operators add events with `crosscheck events add` (stored by storage.events); for towns without
an operator event, `control_event(place)` derives one from templates.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.stance.frames import extract_places

# Outcome sentences for a fight over a town; {place} is filled with the place's name as the text
# spells it. Three languages each, written by the team.
CONTROL_TEMPLATES: dict[str, list[str]] = {
    "ru_holds": [
        "Russian forces captured {place} and took full control of the city.",
        "Ukrainian troops withdrew from {place}; the city is now held by Russia.",
        "Российские войска взяли {place} под полный контроль.",
        "Українські військові відійшли з міста {place}, його захопили росіяни.",
    ],
    "ua_holds": [
        "{place} remains under Ukrainian control; Russian attacks were repelled.",
        "Ukrainian forces liberated {place}; Russian troops retreated from the city.",
        "{place} остаётся под контролем ВСУ, российские войска отступили.",
        "Місто {place} під контролем ЗСУ, українські сили звільнили його.",
    ],
    "contested": [
        "Fighting for {place} continues; the city has not been fully captured.",
        "Бои за {place} продолжаются, город не взят полностью.",
        "Бої за місто {place} тривають, його не захоплено.",
    ],
    "encircled": [
        "{place} is completely encircled by Russian forces.",
        "{place} полностью окружён.",
        "Місто {place} повністю оточене.",
    ],
}
CONTROL_SAME: list[tuple[str, str]] = []
CONTROL_OPPOSITE = [("ru_holds", "ua_holds"), ("ru_holds", "contested")]


@dataclass(slots=True)
class EventSpec:
    """An event the bot tracks: its possible outcomes in sentences, and how outcomes relate."""

    event_id: str
    title: str = ""
    place: str | None = None  # normalised place name (bot.stance.frames.extract_places)
    outcomes: dict[str, list[str]] = field(default_factory=dict)
    # Pairs that corroborate (withdrawal = capture) and pairs that contradict.
    same: list[tuple[str, str]] = field(default_factory=list)
    opposite: list[tuple[str, str]] = field(default_factory=list)

    def relation(self, a: str, b: str) -> str:
        if a == b or (a, b) in self.same or (b, a) in self.same:
            return "corroborates"
        if (a, b) in self.opposite or (b, a) in self.opposite:
            return "contradicts"
        return "related"

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "title": self.title, "place": self.place,
                "outcomes": self.outcomes, "same": [list(p) for p in self.same],
                "opposite": [list(p) for p in self.opposite]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventSpec:
        return cls(event_id=data["event_id"], title=data.get("title") or "",
                   place=data.get("place"), outcomes=dict(data.get("outcomes") or {}),
                   same=[tuple(p) for p in data.get("same") or []],  # type: ignore[misc]
                   opposite=[tuple(p) for p in data.get("opposite") or []])  # type: ignore[misc]

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


def control_event(place_name: str, place_key: str | None = None) -> EventSpec:
    """A who-controls-the-town event derived from the templates for one place."""
    outcomes = {name: [s.format(place=place_name) for s in sentences]
                for name, sentences in CONTROL_TEMPLATES.items()}
    key = place_key or next(iter(extract_places(place_name)), place_name.lower())
    return EventSpec(event_id=f"control:{key}", title=f"Who controls {place_name}",
                     place=key, outcomes=outcomes, same=list(CONTROL_SAME),
                     opposite=list(CONTROL_OPPOSITE))


@dataclass(slots=True)
class Label:
    outcome: str | None
    margin: float
    scores: dict[str, float]


class PropositionStance:
    """Labels both texts of a pair with an event outcome and reads the relation off the table.

    `embedder` is a bot.embedding.Embedder; vectors of proposition sentences and of texts are
    cached in memory by text.
    """

    def __init__(self, events: Sequence[EventSpec], embedder: Any, min_margin: float = 0.01,
                 derive_control_events: bool = True) -> None:
        self.events = list(events)
        self.embedder = embedder
        self.min_margin = min_margin
        self.derive = derive_control_events
        self._vectors: dict[tuple[str, str], np.ndarray] = {}

    def _embed(self, texts: Sequence[str], kind: str) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self._vectors]
        if missing:
            vectors = (self.embedder.embed_queries(missing) if kind == "query" else
                       self.embedder.embed_passages(missing))
            for text, vec in zip(missing, vectors, strict=True):
                self._vectors[(kind, text)] = vec
        return np.stack([self._vectors[(kind, t)] for t in texts])

    def label(self, text: str, event: EventSpec) -> Label:
        """Nearest outcome by the best cosine over its sentences, with the margin to the next."""
        names = list(event.outcomes)
        sentences = [s for n in names for s in event.outcomes[n]]
        owners = [n for n in names for _ in event.outcomes[n]]
        sims = self._embed(sentences, "passage") @ self._embed([text], "query")[0]
        scores: dict[str, float] = {}
        for owner, sim in zip(owners, sims, strict=True):
            scores[owner] = max(scores.get(owner, -1.0), float(sim))
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        margin = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
        outcome = ranked[0][0] if margin >= self.min_margin else None
        return Label(outcome, margin, scores)

    def events_for(self, post_text: str, claim_text: str) -> list[EventSpec]:
        """Events whose place both texts name (or, failing that, a derived control event)."""
        places = extract_places(post_text) & extract_places(claim_text)
        chosen = [e for e in self.events if e.place and e.place in places]
        if not chosen and self.derive:
            for place in sorted(p for p in places if not p.startswith("~")):
                chosen.append(control_event(_surface(post_text, place) or place, place))
        return chosen

    def propose(self, post_text: str, claim_text: str) -> tuple[str, float]:
        best: tuple[str, float] = ("related", 0.0)
        for event in self.events_for(post_text, claim_text):
            a, b = self.label(post_text, event), self.label(claim_text, event)
            if a.outcome is None or b.outcome is None:
                continue
            relation = event.relation(a.outcome, b.outcome)
            confidence = min(a.margin, b.margin)
            if relation != "related" and confidence > best[1]:
                best = (relation, confidence)
        return best


def _surface(text: str, place: str) -> str | None:
    """How the text spells a normalised place (the first token that maps onto it)."""
    import re

    for token in re.findall(r"[^\W\d_][\w'-]+", text):
        if place in extract_places(token[:1].upper() + token[1:]):
            return token
    return None
