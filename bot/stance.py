"""Stance stage: how a matched claim relates to the post (corroborates, contradicts, related).

`StanceModel` is the seam; `NeutralStance` says "related" for everything until a trained model
and claim frames replace it.
"""

from __future__ import annotations

from typing import Protocol

from bot.domain import Claim, Relation


class StanceModel(Protocol):
    """Decides the relation of one stored claim to the text of a post."""

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]: ...


class NeutralStance:
    """Takes no side: every match is `related`, with zero confidence."""

    def classify(self, post_text: str, claim: Claim) -> tuple[Relation, float]:
        return "related", 0.0
