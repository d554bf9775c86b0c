"""Stance stage: how a matched claim relates to the post (corroborates, contradicts, related).

`StanceModel` is the seam the pipeline calls for every match. `default_stance()` is the production
model (bot.stance.combine): the learned reader (bot.stance.reader) where it sees a side; else
claim frames (bot.stance.frames), then, where their calibrated thresholds allow, event outcome
propositions (bot.stance.propositions) and the trained pairwise model (bot.stance.generic); a
frames side is shown only when the learned outcome classifier (bot.stance.outcomes) reads the
same; else `related`. `NeutralStance` takes no side.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from bot.domain import Claim, Relation


class StanceModel(Protocol):
    """Decides the relation of one stored claim to the text of a post."""

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]: ...


class NeutralStance:
    """Takes no side: every match is `related`, with zero confidence."""

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]:
        return "related", 0.0


@lru_cache(maxsize=1)
def default_stance() -> StanceModel:
    """The production stance model, loaded once from the artifacts in bot/data (offline)."""
    from bot.stance.combine import CombinedStance

    return CombinedStance.load()


__all__ = ["NeutralStance", "StanceModel", "default_stance"]
