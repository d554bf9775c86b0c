"""Event outcome propositions: nearest outcome with a margin, relation from the table."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.stance.propositions import EventSpec, PropositionStance, control_event

WORDS = ["captured", "withdrew", "control", "encircled", "ukrainian"]


class KeywordEmbedder:
    """A stand-in embedder: one dimension per keyword, so nearness is predictable."""

    model_id = "keywords"
    dim = len(WORDS) + 1

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            low = text.lower()
            row = [float(w in low) for w in WORDS] + [0.1]
            rows.append(np.asarray(row) / np.linalg.norm(row))
        return np.asarray(rows, dtype=np.float32)

    embed_queries = _embed
    embed_passages = _embed


EVENT = EventSpec(
    "lys-2022", place="lysychansk",
    outcomes={"captured": ["Russian forces captured Lysychansk"],
              "withdrawal": ["Ukrainian forces withdrew from Lysychansk"],
              "held": ["Lysychansk remains under Ukrainian control"]},
    same=[("withdrawal", "captured")], opposite=[("captured", "held"), ("withdrawal", "held")])


def test_table() -> None:
    assert EVENT.relation("withdrawal", "captured") == "corroborates"
    assert EVENT.relation("held", "captured") == "contradicts"
    assert EVENT.relation("held", "held") == "corroborates"
    assert EventSpec.from_dict(EVENT.to_dict()) == EVENT


def test_labels_and_relations() -> None:
    stance = PropositionStance([EVENT], KeywordEmbedder(), derive_control_events=False)
    assert stance.label("Lysychansk captured", EVENT).outcome == "captured"
    assert stance.propose("Lysychansk captured", "Troops withdrew from Lysychansk")[0] == \
        "corroborates"
    assert stance.propose("Lysychansk captured",
                          "Lysychansk is still under Ukrainian control")[0] == "contradicts"


def test_small_margin_abstains() -> None:
    stance = PropositionStance([EVENT], KeywordEmbedder(), min_margin=0.5,
                               derive_control_events=False)
    assert stance.label("Lysychansk news", EVENT).outcome is None
    assert stance.propose("Lysychansk news", "Lysychansk captured") == ("related", 0.0)


def test_control_event_from_templates() -> None:
    event = control_event("Лисичанськ")
    assert event.place == "lysychansk"
    assert {"ru_holds", "ua_holds", "contested", "encircled"} == set(event.outcomes)
    assert any("Лисичанськ" in s for s in event.outcomes["ru_holds"])
    assert event.relation("ru_holds", "ua_holds") == "contradicts"
