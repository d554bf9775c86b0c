"""Rebuild the stance artifacts in bot/data from scratch, deterministically, offline.

    nice -n 10 python -m evals.train_stance            # generic model + thresholds
    python -m evals.train_stance --thresholds-only     # recalibrate on the dev pairs only
    python -m evals.train_stance --cv topic            # FNC-1 head, cross-validated on train

1. Splits: a body-disjoint dev split of FNC-1 train (20% of Body IDs) and a claim-disjoint dev
   split of Emergent train (20% of claimIds), written to evals/cache/ as CSVs so that
   `python -m evals.stance fnc1|emergent` can score them. The model never sees them.
2. Generic model (bot/stance/generic.py): IDF over hashed lemmas of the training texts, a
   LightGBM FNC-1 head (single-threaded, fixed seed) over the hand features and sentence-
   embedding features (base all-MiniLM-L6-v2, vectors cached by text hash in
   evals/cache/vectors.sqlite; ~5 min to embed the FNC-1 bodies the first time), and a
   logistic-regression Emergent head (numpy, one BLAS thread).
3. Thresholds (bot/stance/combine.py): on the dev and test pairs of evals/data/stance_pairs.jsonl
   (not the holdout pairs), the lowest confidence per component and label at which that label's
   precision is >= 0.9.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CACHE = ROOT / "evals" / "cache"
SEED = 13
PRECISION_TARGET = 0.9
MIN_SUPPORT = 5
# Thresholds are picked on dev and test pairs (the lexicons were developed on dev and fixed once
# after a first look at test), and reported on the holdout pairs, written last.
CALIBRATION_SPLITS = ("dev", "test")

# Emergent head: logistic regression on the standardised hand features (chosen by claim-grouped
# 5-fold cross-validation on the Emergent training claims, not on dev).
EMERGENT_L2 = 1e-2
EMERGENT_EPOCHS = 300

PARAMS = {
    "objective": "multiclass", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 20,
    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": SEED, "deterministic": True, "force_row_wise": True, "num_threads": 1,
    "verbosity": -1,
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def split_ids(ids: set[str], share: float) -> set[str]:
    ordered = sorted(ids)
    random.Random(SEED).shuffle(ordered)
    return set(ordered[: int(len(ordered) * share)])


def fnc_splits(data: Path) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, str]]:
    stances = read_csv(data / "fnc1" / "train_stances.csv")
    bodies = {r["Body ID"]: r["articleBody"] for r in read_csv(data / "fnc1" / "train_bodies.csv")}
    dev_bodies = split_ids({r["Body ID"] for r in stances}, 0.2)
    train = [r for r in stances if r["Body ID"] not in dev_bodies]
    dev = [r for r in stances if r["Body ID"] in dev_bodies]
    return train, dev, bodies


def emergent_splits(data: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rows = read_csv(data / "emergent" / "url-versions-2015-06-14-clean-train.csv")
    dev_claims = split_ids({r["claimId"] for r in rows}, 0.2)
    return ([r for r in rows if r["claimId"] not in dev_claims],
            [r for r in rows if r["claimId"] in dev_claims])


def fit_idf(texts: list[str]) -> np.ndarray:
    from bot.stance.generic import DIM, _bucket, terms

    df = np.zeros(DIM, dtype=np.float64)
    for text in texts:
        for bucket in {_bucket(t) for t in terms(text)}:
            df[bucket] += 1
    return (np.log((len(texts) + 1) / (df + 1)) + 1.0).astype(np.float32)


def frequent_terms(texts: list[str], size: int) -> list[str]:
    """The `size` terms found in the most texts (ties by term), for bag-of-words features."""
    from bot.stance.generic import terms

    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(terms(text)))
    return [t for t, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:size]]


def class_weights(labels: list[int], power: float) -> np.ndarray:
    counts = Counter(labels)
    total = len(labels)
    return np.array([(total / (len(counts) * counts[y])) ** power for y in labels])


def train_head(x: np.ndarray, y: list[int], n_classes: int, rounds: int, power: float,
               num_leaves: int = 31) -> str:
    import lightgbm as lgb

    params = dict(PARAMS, num_class=n_classes, num_leaves=num_leaves)
    dataset = lgb.Dataset(x, label=np.array(y), weight=class_weights(y, power),
                          params={"verbosity": -1})
    booster = lgb.train(params, dataset, num_boost_round=rounds)
    return str(booster.model_to_string())


# Chosen by topic-disjoint cross-validation of the training split (evals/RESULTS.md):
# "prototypes" (cosines and cues by closeness, plus closeness to CUE_PROTOTYPES) beat "cosines";
# "products" (cosines plus headline x sentence products) only helps where dev topics were seen
# in training.
EMBEDDING_CHOICES = ("prototypes", "cosines", "products", "none")


def sentence_encoder() -> tuple[Any, Any]:
    """The FNC-1 head's sentence encoder (base all-MiniLM-L6-v2, no retrieval adapter) and the
    benchmarks' vector cache."""
    from bot.embedding import VectorCache
    from bot.minilm import MiniLMEmbedder
    from evals.vectors import CACHE_PATH

    return MiniLMEmbedder(adapter=None), VectorCache(CACHE_PATH)


def featurizer(idf: np.ndarray, meta: dict[str, Any], embeddings: str) -> Any:
    """A GenericStance without heads that computes the FNC-1 head's features with `embeddings`
    (one of EMBEDDING_CHOICES), its sentence vectors through the benchmarks' cache."""
    from bot.stance.generic import GenericStance

    meta = {k: v for k, v in meta.items() if k != "fnc_embeddings"}
    if embeddings == "none":
        return GenericStance(idf, None, None, meta)
    encoder, cache = sentence_encoder()
    meta["fnc_embeddings"] = {"model": encoder.model_id, "products": embeddings == "products",
                              "prototypes": embeddings == "prototypes"}
    model = GenericStance(idf, None, None, meta)
    model.use_encoder(encoder, cache)
    return model


def build_generic(data: Path, out: Path, rounds_fnc: int, leaves_fnc: int, power: float,
                  vocab_size: int, embeddings: str = "prototypes") -> None:
    from bot.stance.generic import EMERGENT_LABELS, FNC_LABELS, GenericStance, LinearHead
    from evals.stance import report_emergent, report_fnc

    train, dev, bodies = fnc_splits(data)
    em_train, em_dev = emergent_splits(data)
    write_csv(CACHE / "fnc1_dev_stances.csv", dev, ["Headline", "Body ID", "Stance"])
    write_csv(CACHE / "fnc1_train_split_stances.csv", train, ["Headline", "Body ID", "Stance"])
    em_fields = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId",
                 "claimId"]
    write_csv(CACHE / "emergent_dev.csv", em_dev, em_fields)
    print(f"FNC-1: {len(train)} train rows / {len(dev)} dev rows (body-disjoint); "
          f"Emergent: {len(em_train)} train / {len(em_dev)} dev (claim-disjoint)")
    started = time.perf_counter()
    train_bodies = sorted({r["Body ID"] for r in train})
    texts = ([bodies[b] for b in train_bodies] + sorted({r["Headline"] for r in train})
             + sorted({r["claimHeadline"] for r in em_train})
             + sorted({r["articleHeadline"] for r in em_train}))
    idf = fit_idf(texts)
    vocab = frequent_terms(sorted({r["Headline"] for r in train})
                           + sorted({r["articleHeadline"] for r in em_train}), vocab_size)
    model = featurizer(idf, {"vocab": vocab}, embeddings)
    x_train = model.fnc_features([(r["Headline"], bodies[r["Body ID"]]) for r in train], True)
    x_dev = model.fnc_features([(r["Headline"], bodies[r["Body ID"]]) for r in dev], True)
    print(f"features in {time.perf_counter() - started:.0f} s")
    fnc_model = train_head(x_train, [FNC_LABELS.index(r["Stance"]) for r in train],
                           len(FNC_LABELS), rounds_fnc, power, leaves_fnc)
    em_x = model.emergent_features([(r["claimHeadline"], r["articleHeadline"])
                                    for r in em_train])
    em_y = [EMERGENT_LABELS.index(r["articleHeadlineStance"]) for r in em_train]
    em_model = LinearHead.fit(em_x, em_y, len(EMERGENT_LABELS), l2=EMERGENT_L2,
                              epochs=EMERGENT_EPOCHS, sample_weight=class_weights(em_y, power))
    meta = {"vocab": vocab, "seed": SEED, "rounds_fnc": rounds_fnc, "leaves_fnc": leaves_fnc,
            "emergent_head": f"logistic regression, l2 {EMERGENT_L2}, {EMERGENT_EPOCHS} epochs",
            "class_weight_power": power, "train_rows_fnc": len(train),
            "train_rows_emergent": len(em_train),
            **{k: v for k, v in model.meta.items() if k == "fnc_embeddings"}}
    GenericStance.save(out, idf, fnc_model, em_model, meta)
    trained = GenericStance.load(out)
    print("\nFNC-1 dev (body-disjoint):")
    assert trained.fnc is not None
    pred = [FNC_LABELS[i] for i in np.argmax(trained.fnc.predict(x_dev), axis=1)]
    report_fnc([r["Stance"] for r in dev], pred)
    print("\nEmergent dev (claim-disjoint):")
    report_emergent([r["articleHeadlineStance"] for r in em_dev],
                    trained.predict_emergent([(r["claimHeadline"], r["articleHeadline"])
                                              for r in em_dev]))
    print(f"\nwrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


EMERGENT_CE_EPOCHS = 3
EMERGENT_CE_FOLDS = 3
BLEND_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def group_fold(group_id: str, folds: int) -> int:
    """A cross-validation fold by group (an Emergent claim, an FNC-1 body): all rows of a group
    fall in one fold."""
    return zlib.crc32(group_id.encode("utf-8")) % folds


def build_emergent_cross_encoder(data: Path, out: Path, threads: int = 2) -> float:
    """Train the Emergent cross-encoder on the claim-disjoint train split and choose its blend
    weight with the linear head by claim-grouped cross-validation on the training claims
    (out-of-fold accuracy, smaller weight on ties): dev is only scored, once, at the end."""
    from bot.cross_encoder import CrossEncoder
    from bot.stance.generic import (
        BLEND_KEY,
        EMERGENT_LABELS,
        GenericStance,
        LinearHead,
        softmax,
    )
    from evals.stance import report_emergent
    from evals.train_cross_encoder import Settings, train_cross_encoder

    em_train, em_dev = emergent_splits(data)
    generic = GenericStance.load_default()
    assert generic is not None, "build the generic model first (python -m evals.train_stance)"
    settings = Settings(outputs=len(EMERGENT_LABELS), epochs=EMERGENT_CE_EPOCHS,
                        threads=threads, seed=SEED)
    pairs = [(r["claimHeadline"], r["articleHeadline"],
              EMERGENT_LABELS.index(r["articleHeadlineStance"])) for r in em_train]
    x = generic.emergent_features([(a, b) for a, b, _ in pairs])
    y = np.array([label for *_, label in pairs])
    folds = np.array([group_fold(r["claimId"], EMERGENT_CE_FOLDS) for r in em_train])
    head_oof = np.zeros((len(pairs), len(EMERGENT_LABELS)))
    ce_oof = np.zeros_like(head_oof)
    for k in range(EMERGENT_CE_FOLDS):
        fit, held = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        head = LinearHead.fit(x[fit], list(y[fit]), len(EMERGENT_LABELS), l2=EMERGENT_L2,
                              epochs=EMERGENT_EPOCHS,
                              sample_weight=class_weights(list(y[fit]), 1.0))
        head_oof[held] = head.predict(x[held])
        arrays = train_cross_encoder([pairs[i] for i in fit], settings)
        path = CACHE / f"stance_emergent_ce_fold{k}.npz"
        np.savez_compressed(path, **arrays, **{BLEND_KEY: np.array(0.0, dtype=np.float32)})
        encoder = CrossEncoder(path, num_threads=threads)
        ce_oof[held] = softmax(encoder.scores([pairs[i][0] for i in held],
                                               [pairs[i][1] for i in held]))
        print(f"fold {k}: head {np.mean(head_oof[held].argmax(1) == y[held]):.4f}, "
              f"cross-encoder {np.mean(ce_oof[held].argmax(1) == y[held]):.4f} "
              f"({len(held)} rows)")
    accuracy = {w: float(np.mean(((1 - w) * head_oof + w * ce_oof).argmax(1) == y))
                for w in BLEND_GRID}
    blend = max(BLEND_GRID, key=lambda w: (accuracy[w], -w))
    print("out-of-fold accuracy by blend weight: "
          + ", ".join(f"{w:.1f} {a:.4f}" for w, a in accuracy.items()) + f" -> {blend:.1f}")
    arrays = train_cross_encoder(pairs, settings)
    np.savez_compressed(out, **arrays, **{BLEND_KEY: np.array(blend, dtype=np.float32)})
    generic.attach_emergent_cross_encoder(out, num_threads=threads)
    print("\nEmergent dev (claim-disjoint), head + cross-encoder:")
    report_emergent([r["articleHeadlineStance"] for r in em_dev],
                    generic.predict_emergent([(r["claimHeadline"], r["articleHeadline"])
                                              for r in em_dev]))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB), blend {blend:.1f}")
    return blend


FNC_CE_EPOCHS = 1
FNC_CE_FOLDS = 2
FNC_BLEND_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


def build_fnc_cross_encoder(data: Path, out: Path, threads: int = 2) -> float:
    """Train the FNC-1 cross-encoder (agree/disagree/discuss from a headline and its body's two
    best sentences) on the related rows of the body-disjoint train split, and choose its blend
    weight by body-grouped cross-validation on the training bodies (out-of-fold FNC score of a
    LightGBM head and a cross-encoder trained per fold; smaller weight on ties). Dev is scored
    once, at the end."""
    import lightgbm as lgb

    from bot.cross_encoder import CrossEncoder
    from bot.stance.generic import (
        BLEND_KEY,
        FNC_LABELS,
        FNC_RELATED,
        GenericStance,
        blend_related,
        softmax,
    )
    from evals.stance import fnc_score, report_fnc
    from evals.train_cross_encoder import Settings, train_cross_encoder

    train, dev, bodies = fnc_splits(data)
    generic = GenericStance.load_default()
    assert generic is not None and generic.fnc is not None, "build the generic model first"
    settings = Settings(outputs=len(FNC_RELATED), epochs=FNC_CE_EPOCHS, threads=threads,
                        seed=SEED)
    pairs = [(r["Headline"], bodies[r["Body ID"]]) for r in train]
    gold = [r["Stance"] for r in train]
    if generic.embedding_settings is not None:
        generic.use_encoder(*sentence_encoder())
    x = generic.fnc_features(pairs, True)
    y = [FNC_LABELS.index(g) for g in gold]
    folds = np.array([group_fold(r["Body ID"], FNC_CE_FOLDS) for r in train])
    meta = generic.meta
    head_oof = np.zeros((len(pairs), len(FNC_LABELS)))
    cross_oof = np.full((len(pairs), len(FNC_RELATED)), 1 / len(FNC_RELATED))
    for k in range(FNC_CE_FOLDS):
        fit, held = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        booster = lgb.Booster(model_str=train_head(
            x[fit], [y[i] for i in fit], len(FNC_LABELS), int(meta.get("rounds_fnc", 600)),
            float(meta.get("class_weight_power", 1.0)), int(meta.get("leaves_fnc", 15))))
        head_oof[held] = booster.predict(x[held])
        related = [(pairs[i][0], generic.best_sentences(*pairs[i]), FNC_RELATED.index(gold[i]))
                   for i in fit if gold[i] in FNC_RELATED]
        path = CACHE / f"stance_fnc_ce_fold{k}.npz"
        np.savez_compressed(path, **train_cross_encoder(related, settings),
                            **{BLEND_KEY: np.array(0.0, dtype=np.float32)})
        encoder = CrossEncoder(path, num_threads=threads)
        # only where the blend applies: rows the fold's head calls related
        scored = [int(i) for i in held
                  if FNC_LABELS[int(head_oof[i].argmax())] != "unrelated"]
        cross_oof[scored] = softmax(encoder.scores(
            [pairs[i][0] for i in scored], [generic.best_sentences(*pairs[i]) for i in scored]))
        print(f"fold {k}: {len(fit)} rows fitted ({len(related)} related), {len(held)} held out")

    def score(weight: float) -> float:
        # as GenericStance.fnc_probabilities: only rows the head calls related are blended
        mask = head_oof.argmax(1) != FNC_LABELS.index("unrelated")
        final = np.where(mask[:, None], blend_related(head_oof, cross_oof, weight), head_oof)
        got, best = fnc_score(gold, [FNC_LABELS[i] for i in final.argmax(1)])
        return got / best

    relative = {w: score(w) for w in FNC_BLEND_GRID}
    blend = max(FNC_BLEND_GRID, key=lambda w: (relative[w], -w))
    print("out-of-fold FNC relative score by blend weight: "
          + ", ".join(f"{w:.1f} {r:.4f}" for w, r in relative.items()) + f" -> {blend:.1f}")
    related = [(h, generic.best_sentences(h, b), FNC_RELATED.index(g))
               for (h, b), g in zip(pairs, gold, strict=True) if g in FNC_RELATED]
    np.savez_compressed(out, **train_cross_encoder(related, settings),
                        **{BLEND_KEY: np.array(blend, dtype=np.float32)})
    generic.attach_fnc_cross_encoder(out, num_threads=threads)
    print("\nFNC-1 dev (body-disjoint), LightGBM + cross-encoder:")
    report_fnc([r["Stance"] for r in dev],
               generic.predict_fnc([(r["Headline"], bodies[r["Body ID"]]) for r in dev]))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB), blend {blend:.1f}")
    return blend


def topic_groups(rows: list[dict[str, str]]) -> dict[str, str]:
    """Body ID -> topic: bodies joined through the headlines they are related to (agree,
    disagree, discuss), named by their smallest Body ID. FNC-1's dev split is body-disjoint but
    shares its headlines with train; folds by topic hold out whole stories, as the competition's
    test set did."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for r in rows:
        if r["Stance"] != "unrelated":
            a, b = find("b:" + r["Body ID"]), find("h:" + r["Headline"])
            if a != b:
                parent[a] = b
    members: dict[str, list[str]] = {}
    for body in sorted({r["Body ID"] for r in rows}):
        members.setdefault(find("b:" + body), []).append(body)
    return {body: min(group, key=int) for group in members.values() for body in group}


def cross_validate_fnc(data: Path, grouping: str, embeddings: str, folds: int, rounds: int,
                       leaves: int, power: float) -> float:
    """Out-of-fold FNC-1 relative score of the LightGBM head on the training split (dev is never
    read), folds by body or by topic (`topic_groups`); the model's IDF and vocabulary are the
    shipped ones."""
    import lightgbm as lgb

    from bot.stance.generic import FNC_LABELS, GenericStance
    from evals.stance import f1_table, fnc_score

    train, _dev, bodies = fnc_splits(data)
    shipped = GenericStance.load_default()
    assert shipped is not None, "build the generic model first (python -m evals.train_stance)"
    model = featurizer(shipped.idf, shipped.meta, embeddings)
    x = model.fnc_features([(r["Headline"], bodies[r["Body ID"]]) for r in train], True)
    y = [FNC_LABELS.index(r["Stance"]) for r in train]
    groups = topic_groups(train) if grouping == "topic" else {b: b for b in bodies}
    fold = np.array([group_fold(groups[r["Body ID"]], folds) for r in train])
    oof = np.zeros((len(train), len(FNC_LABELS)))
    for k in range(folds):
        fit, held = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        booster = lgb.Booster(model_str=train_head(x[fit], [y[i] for i in fit], len(FNC_LABELS),
                                                   rounds, power, leaves))
        oof[held] = booster.predict(x[held])
    gold = [r["Stance"] for r in train]
    pred = [FNC_LABELS[i] for i in oof.argmax(1)]
    got, best = fnc_score(gold, pred)
    metrics = f1_table(gold, pred, FNC_LABELS)
    macro = float(np.mean([m["f1"] for m in metrics.values()]))
    print(f"{folds}-fold by {grouping} ({len(set(groups[r['Body ID']] for r in train))} groups), "
          f"embeddings {embeddings}: relative {got / best:.4f}, macro-F1 {macro:.4f}, "
          f"disagree F1 {metrics['disagree']['f1']:.3f}")
    return got / best


def pick_threshold(scored: list[tuple[float, bool]], target: float = PRECISION_TARGET,
                   support: int = MIN_SUPPORT) -> float:
    """Lowest confidence t such that precision over proposals with confidence >= t is at least
    the target (with `support` proposals); 2.0 (never) when no t qualifies."""
    best = 2.0
    ordered = sorted(scored, key=lambda s: -s[0])
    hits = 0
    for count, (confidence, correct) in enumerate(ordered, start=1):
        hits += correct
        nxt = ordered[count][0] if count < len(ordered) else -1.0
        if nxt == confidence:
            continue  # only cut between distinct confidences
        if count >= support and hits / count >= target:
            best = confidence
    return best


def calibrate(pairs_path: Path, out: Path) -> dict[str, dict[str, float]]:
    """Per component and label thresholds on the dev pairs, through the cascade order."""
    from bot.stance.combine import CombinedStance
    from evals.stance import read_jsonl

    pairs = [p for p in read_jsonl(pairs_path) if p["split"] in CALIBRATION_SPLITS]
    model = CombinedStance.load(with_generic=True, with_learned=False)
    thresholds: dict[str, dict[str, float]] = {}
    proposals = [model.propose(p["post"]["text"], p["claim"]["text"]) for p in pairs]
    undecided = list(range(len(pairs)))
    report = {}
    for source in model.order:
        thresholds[source] = {}
        for relation in ("corroborates", "contradicts"):
            scored = [(proposals[i][source][1], pairs[i]["gold"] == relation)
                      for i in undecided if source in proposals[i]
                      and proposals[i][source][0] == relation]
            thresholds[source][relation] = pick_threshold(scored)
            report[f"{source}/{relation}"] = len(scored)
        model.thresholds = thresholds
        # Pairs this component decides (a side, or a frames 'related' that stops the cascade)
        # leave the pool for the next component.
        decided = set()
        for i in undecided:
            partial = CombinedStance(thresholds=thresholds, order=model.order[
                : model.order.index(source) + 1])
            if partial.decide(proposals[i]).source != "none":
                decided.add(i)
        undecided = [i for i in undecided if i not in decided]
    payload = {"precision_target": PRECISION_TARGET, "min_support": MIN_SUPPORT,
               "calibrated_on": "evals/data/stance_pairs.jsonl splits " +
                                "+".join(CALIBRATION_SPLITS),
               "n_pairs": len(pairs), "proposals": report, "thresholds": thresholds}
    out.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"thresholds -> {out}: {json.dumps(thresholds)}")
    return thresholds


def calibrate_propositions(pairs: list[dict], propositions: object,
                           frame_thresholds: dict[str, dict[str, float]]) -> dict[str, object]:
    """Thresholds for an event-propositions component (e.g. over operator-written events) by the
    procedure of `calibrate`: on the pairs that the production frames leave undecided (no side
    above their thresholds and no comparable-frames `related`), the lowest margin per label at
    which that label's precision is >= PRECISION_TARGET (pick_threshold)."""
    from bot.stance.combine import CombinedStance

    frames_only = CombinedStance(thresholds=frame_thresholds, order=("frames",))
    thresholds: dict[str, float] = {}
    report: dict[str, int] = {}
    undecided = []
    for p in pairs:
        post, claim = p["post"]["text"], p["claim"]["text"]
        verdict = CombinedStance.frame_verdict(post, claim)
        if frames_only.decide({"frames": (verdict.relation, verdict.confidence)}).source == "none":
            undecided.append((p, propositions.propose(post, claim)))  # type: ignore[attr-defined]
    for relation in ("corroborates", "contradicts"):
        scored = [(conf, p["gold"] == relation) for p, (rel, conf) in undecided if rel == relation]
        thresholds[relation] = pick_threshold(scored)
        report[f"propositions/{relation}"] = len(scored)
        report[f"propositions/{relation}/correct"] = sum(c for _, c in scored)
    return {"thresholds": thresholds, "proposals": report, "n_pairs": len(pairs),
            "undecided_by_frames": len(undecided)}


def main(argv: list[str] | None = None) -> int:
    from bot.stance.combine import THRESHOLDS_PATH
    from bot.stance.generic import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(SHARED), help="folder with fnc1/ and emergent/")
    parser.add_argument("--thresholds-only", action="store_true")
    parser.add_argument("--emergent-cross-encoder", action="store_true",
                        help="only (re)train the Emergent cross-encoder and its blend weight")
    parser.add_argument("--fnc-cross-encoder", action="store_true",
                        help="only (re)train the FNC-1 cross-encoder and its blend weight")
    parser.add_argument("--rounds-fnc", type=int, default=600)
    parser.add_argument("--leaves-fnc", type=int, default=15)
    parser.add_argument("--class-weight-power", type=float, default=1.0)
    parser.add_argument("--vocab-size", type=int, default=150,
                        help="frequent headline words used as bag-of-words features (0: none)")
    parser.add_argument("--fnc-embeddings", choices=EMBEDDING_CHOICES, default="prototypes",
                        help="sentence-embedding features of the FNC-1 head: cosines, cues by "
                             "closeness and closeness to cue prototypes (default); without the "
                             "prototypes; cosines plus headline x sentence products; or none")
    parser.add_argument("--cv", choices=("body", "topic"), default=None,
                        help="only cross-validate the FNC-1 head on the training split, folds "
                             "by body or by topic (stories held out whole); writes nothing")
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args(argv)
    if args.cv:
        cross_validate_fnc(Path(args.data), args.cv, args.fnc_embeddings, args.folds,
                           args.rounds_fnc, args.leaves_fnc, args.class_weight_power)
        return 0
    if args.emergent_cross_encoder:
        from bot.stance.generic import EMERGENT_CE_PATH

        build_emergent_cross_encoder(Path(args.data), EMERGENT_CE_PATH)
        return 0
    if args.fnc_cross_encoder:
        from bot.stance.generic import FNC_CE_PATH

        build_fnc_cross_encoder(Path(args.data), FNC_CE_PATH)
        return 0
    if not args.thresholds_only:
        build_generic(Path(args.data), DEFAULT_MODEL, args.rounds_fnc, args.leaves_fnc,
                      args.class_weight_power, args.vocab_size, args.fnc_embeddings)
        from bot.stance.generic import _load_default

        _load_default.cache_clear()
    calibrate(ROOT / "evals" / "data" / "stance_pairs.jsonl", THRESHOLDS_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
