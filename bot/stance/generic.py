"""Generic pairwise stance: hand features of the FNC-1 baseline kind, gradient boosting on top.

Features compare a headline or claim with a body or another claim: TF-IDF similarity over hashed
lemmas (whole text and best sentences), word and bigram overlap, refuting / hedging / confirming
/ negation cue counts near the most similar sentences (en, ru, uk cue lists), numbers and names
that differ, lengths. evals/train_stance.py trains two heads: FNC-1
(agree/disagree/discuss/unrelated, LightGBM) and Emergent (for/against/observing, logistic
regression on the hand features). The FNC-1 head also reads sentence-embedding features: the
headline against each body sentence, both embedded by the base all-MiniLM-L6-v2
(`embedding_features`). The production pair model uses the Emergent head (short claim against
short claim), which reads the hand features only.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.textnorm import CYRILLIC_RE, TOKEN_RE, clean_text, lemma

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_MODEL = DATA_DIR / "stance_generic.json.gz"
# The Emergent cross-encoder (bot.cross_encoder, three outputs) and its blend weight, trained by
# `python -m evals.train_stance --emergent-cross-encoder`; optional.
EMERGENT_CE_PATH = DATA_DIR / "stance_emergent_ce.npz"
# The FNC-1 cross-encoder (three outputs: agree, disagree, discuss over a headline and the body's
# best sentences), blended into the related share of the LightGBM head; optional, trained by
# `python -m evals.train_stance --fnc-cross-encoder`.
FNC_CE_PATH = DATA_DIR / "stance_fnc_ce.npz"
FNC_RELATED = ("agree", "disagree", "discuss")
BLEND_KEY = "__blend__"
DIM = 1 << 18

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
EMERGENT_LABELS = ("for", "against", "observing")
EMERGENT_TO_RELATION = {"for": "corroborates", "against": "contradicts", "observing": "related"}

_CUES: dict[str, str] = {
    "refute": r"fake|fraud|hoax\w*|false|falsely|den(?:y|ies|ied|ying|ial)|debunk\w*|bogus|untrue|"
              r"incorrect|misleading|retract\w*|lie|lies|lying|dismiss\w*|reject\w*|refut\w*|"
              r"doubt\w*|nonsense|myth|satir\w*|prank\w*|rubbish|fabricat\w*|erroneous|"
              r"misinformation|rebuff\w*|sham|spoof\w*|parod\w*|baseless|unfounded|phon(?:e)?y|"
              r"fictional|made up|no evidence|not true|isn't true|urban legend|photoshop\w*|"
              r"doctored|scam\w*|made (?:it |this |that )?(?:all )?up|f[ae]lls? for|despite what|"
              r"не правда|неправд\w*|фейк\w*|ложь|лож\w*|опроверг\w*|отверг\w*|брехн\w*|"
              r"спростува\w*|запереч\w*|дезинформац\w*|дезінформац\w*|вигадк\w*|выдумк\w*|"
              r"вигада\w*|выдума\w*|сфабрик\w*|постановоч\w*",
    "hedge": r"reportedly|allegedly|alleged|claim\w*|rumou?r\w*|unconfirmed|unverified|may|"
             r"might|could|possibl\w*|apparently|suggest\w*|appear\w*|seem\w*|purported\w*|"
             r"believed?|speculat\w*|according|sources?|tipped|set to|probabl\w*|likely|"
             r"expected|consider\w*|in talks|leak\w*|unclear|whether|accus\w*|eyed|"
             r"questions? (?:raised|over)|"
             r"якобы|вероятно|возможно|по данным|"
             r"по словам|нібито|ймовірно|можливо|за даними|за словами|сообща\w*|повідомля\w*|"
             r"слух\w*|чутк\w*",
    "confirm": r"confirm\w*|official\w*|proves?|proven|indeed|verified|acknowledg\w*|admit\w*|"
               r"announc\w*|real|authentic|genuine|true|in fact|actually|turns out|"
               r"подтверд\w*|признал\w*|официальн\w*|підтверд\w*|визна\w*|офіційн\w*|"
               r"действительно|справді|насправді",
    "negation": r"not|no|never|n't|nobody|none|without|не|нет|ни|ні|немає|без",
    "report": r"said|says|say|told|tells|report\w*|stated|заяв\w*|сказа\w*|сообщил\w*|повідоми\w*",
    "question": r"\?",
    # "Pentagon: ..." / "Report: ..." - a statement put in someone's mouth by a headline.
    "attribution": r"^[^:?!.]{2,40}:\s",
}
_RAW_CUES = ("question", "attribution")  # patterns used as they are, not as whole words
_CUE_RE = {name: re.compile(pattern if name in _RAW_CUES else
                            r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE)
           for name, pattern in _CUES.items()}
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZА-ЯЁІЇЄҐ][\w'-]{2,})")
_EN_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly)$")


@lru_cache(maxsize=300_000)
def _term(word: str, cyrillic: bool) -> str:
    low = word.lower()
    if cyrillic:
        return lemma(low, "uk" if re.search(r"[іїєґ]", low) else "ru")
    if len(low) > 4:
        low = _EN_SUFFIX.sub("", low)
    return low


def terms(text: str) -> list[str]:
    """Lower-cased lemmas (ru/uk via simplemma) or light English stems of a text."""
    cyr = bool(CYRILLIC_RE.search(text))
    return [_term(w, cyr) for w in TOKEN_RE.findall(text)]


def _bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & (DIM - 1)


def sentences(text: str, limit: int = 40) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_RE.split(clean_text(text)) if len(p.strip()) > 2]
    return parts[:limit] or [text[:500]]


STOP = frozenset("""the a an of to in and or is are was were be been for on at by with from that
this it its as has have had not but he she they we you i his her their our will would can
""".split())


@dataclass(slots=True)
class TextRep:
    """A text prepared once: its TF-IDF vector, sentence vectors, terms, cues per sentence."""

    vec: dict[int, float]
    sent_vecs: list[dict[int, float]]
    sent_terms: list[list[str]]
    terms: list[str]
    content: set[str]
    bigrams: set[tuple[str, str]]
    cues: np.ndarray  # (n_sentences, n_cues)
    numbers: set[str]
    names: set[str]
    length: int


def _tfidf(term_list: Sequence[str], idf: np.ndarray) -> dict[int, float]:
    counts: dict[int, float] = {}
    for t in term_list:
        if t in STOP:
            continue
        b = _bucket(t)
        counts[b] = counts.get(b, 0.0) + 1.0
    vec = {b: (1.0 + math.log(c)) * float(idf[b]) for b, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {b: v / norm for b, v in vec.items()}


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def represent(text: str, idf: np.ndarray, max_sentences: int = 40) -> TextRep:
    sents = sentences(text, max_sentences)
    sent_terms = [terms(s) for s in sents]
    term_list = terms(text)
    content = {t for t in term_list if t not in STOP and len(t) > 2}
    cues = np.array([[len(_CUE_RE[name].findall(s)) for name in _CUES] for s in sents],
                    dtype=np.float32)
    return TextRep(
        vec=_tfidf(term_list, idf),
        sent_vecs=[_tfidf(t, idf) for t in sent_terms],
        sent_terms=sent_terms,
        terms=term_list, content=content,
        bigrams={(a, b) for a, b in zip(term_list, term_list[1:], strict=False)
                 if a not in STOP or b not in STOP},
        cues=cues, numbers=set(_NUMBER_RE.findall(text)),
        names={m.lower() for m in _NAME_RE.findall(text)}, length=len(term_list))


FEATURE_NAMES: list[str] = (
    ["cos_full", "cos_max_sent", "cos_top3", "cos_first", "overlap_h", "jaccard",
     "bigram_overlap", "len_h", "len_b", "n_sent", "num_h", "num_missing", "names_h",
     "names_missing", "best_sent_pos"]
    + [f"h_{c}" for c in _CUES] + [f"b_{c}" for c in _CUES] + [f"top_{c}" for c in _CUES]
    + [f"first_{c}" for c in _CUES] + ["refute_parity_top", "neg_near"]
    + [f"wsim_{c}" for c in _CUES] + [f"best_{c}" for c in _CUES]
    + [f"maxsim_{c}" for c in _CUES] + ["n_related_sent"]
)


def pair_features(h: TextRep, b: TextRep) -> list[float]:
    """Feature vector for (headline or claim h, body or other claim b)."""
    sims = [_dot(h.vec, s) for s in b.sent_vecs] or [0.0]
    order = np.argsort(sims)[::-1]
    top = order[:3]
    overlap = len(h.content & b.content) / max(1, len(h.content))
    union = len(h.content | b.content) or 1
    bigram = len(h.bigrams & b.bigrams) / max(1, len(h.bigrams))
    num_missing = len(h.numbers - b.numbers)
    names_missing = len(h.names - b.names)
    top_cues = b.cues[top].sum(axis=0) if len(b.cues) else np.zeros(len(_CUES))
    first_cues = b.cues[:2].sum(axis=0) if len(b.cues) else np.zeros(len(_CUES))
    refute_idx = list(_CUES).index("refute")
    neg_idx = list(_CUES).index("negation")
    best = int(order[0]) if len(order) else 0
    return [
        _dot(h.vec, b.vec), float(sims[best]), float(np.mean([sims[i] for i in top])),
        float(sims[0]), overlap, len(h.content & b.content) / union, bigram,
        math.log1p(h.length), math.log1p(b.length), float(len(b.sent_vecs)),
        float(len(h.numbers)), float(num_missing), float(len(h.names)), float(names_missing),
        best / max(1, len(b.sent_vecs)),
        *h.cues.sum(axis=0).tolist(), *b.cues.sum(axis=0).tolist(), *top_cues.tolist(),
        *first_cues.tolist(), float(top_cues[refute_idx] % 2),
        float(b.cues[best][neg_idx]) if len(b.cues) else 0.0,
        *_weighted(sims, b.cues), *(b.cues[best].tolist() if len(b.cues) else [0.0] * len(_CUES)),
        *_max_sim_with(sims, b.cues), float(sum(1 for x in sims if x > 0.2)),
    ]


def _weighted(sims: list[float], cues: np.ndarray) -> list[float]:
    """Cue counts weighted by how similar their sentence is to the headline."""
    if not len(cues):
        return [0.0] * len(_CUES)
    w = np.clip(np.asarray(sims, dtype=np.float32), 0.0, None)
    total = float(w.sum()) or 1.0
    return (w @ cues / total).tolist()


def _max_sim_with(sims: list[float], cues: np.ndarray) -> list[float]:
    """For each cue, the best headline similarity among sentences that contain it."""
    if not len(cues):
        return [0.0] * len(_CUES)
    s = np.asarray(sims, dtype=np.float32)[:, None]
    return np.where(cues > 0, s, 0.0).max(axis=0).tolist()


# Sentences of each cue's kind, in our own words: a body sentence close to one of them refutes,
# hedges or confirms in wording our cue lists do not have ("there is no truth to it").
CUE_PROTOTYPES: dict[str, tuple[str, ...]] = {
    "refute": ("The report is false and the story was made up.",
               "Officials denied the claim, calling it a hoax.",
               "There is no truth to the rumour, a spokesman said.",
               "The photo turned out to be fake."),
    "hedge": ("It is not yet clear whether the report is true.",
              "The claim could not be independently verified.",
              "The story, if confirmed, would be a first.",
              "Sources say the deal may happen, but nothing is official."),
    "confirm": ("Officials confirmed the report on Tuesday.",
                "The company announced the news in a statement.",
                "Police said the man had been arrested.",
                "The video is authentic, experts said."),
}

EMBEDDING_STATS = ["emb_max", "emb_top3", "emb_first", "emb_body_mean", "emb_best_pos",
                   "emb_std", "emb_close", "emb_close_share"]


def embedding_feature_names(dim: int, products: bool, prototypes: bool = False) -> list[str]:
    names = (EMBEDDING_STATS + [f"emb_wsim_{c}" for c in _CUES] + [f"emb_best_{c}" for c in _CUES]
             + [f"emb_top_{c}" for c in _CUES] + [f"emb_maxsim_{c}" for c in _CUES])
    if prototypes:
        names += [f"emb_proto_{where}_{kind}" for where in ("best", "top", "wsim", "max", "mean")
                  for kind in CUE_PROTOTYPES]
    if products:
        names += [f"emb_hxbest_{i}" for i in range(dim)] + [f"emb_hxmean_{i}" for i in range(dim)]
    return names


def embedding_features(head: np.ndarray, sents: np.ndarray, cues: np.ndarray,
                       products: bool, prototypes: np.ndarray | None = None) -> np.ndarray:
    """A headline's unit vector against its body's sentence vectors (one row per sentence, the
    rows of `cues`): cosines (best, top 3, first sentence, the body's mean vector), where the
    closest sentence is, how many are close (> 0.5), the cue counts weighted by closeness, in the
    closest and the 3 closest sentences, and each cue's best cosine; with `products`, the
    element-wise products of the headline with its closest sentence and with the body's mean
    (the u*v features of sentence-pair classifiers). `prototypes` (n_sentences, n_kinds): each
    sentence's best cosine with each kind of CUE_PROTOTYPES; read in the closest sentence, the 3
    closest, weighted by closeness, and over the whole body (max and mean)."""
    sims = sents @ head
    order = np.argsort(-sims, kind="stable")
    best, top = int(order[0]), order[:3]
    mean = sents.mean(axis=0)
    mean = mean / (float(np.linalg.norm(mean)) or 1.0)
    weights = np.clip(sims, 0.0, None)
    stats = [float(sims[best]), float(sims[top].mean()), float(sims[0]), float(mean @ head),
             best / len(sims), float(sims.std()), float((sims > 0.5).sum()),
             float((sims > 0.5).mean())]
    parts = [np.asarray(stats), weights @ cues / (float(weights.sum()) or 1.0), cues[best],
             cues[top].sum(axis=0), np.where(cues > 0, sims[:, None], 0.0).max(axis=0)]
    if prototypes is not None:
        parts += [prototypes[best], prototypes[top].max(axis=0),
                  weights @ prototypes / (float(weights.sum()) or 1.0),
                  prototypes.max(axis=0), prototypes.mean(axis=0)]
    if products:
        parts += [head * sents[best], head * mean]
    return np.concatenate([np.asarray(p, dtype=np.float32) for p in parts])


class LinearHead:
    """Multinomial logistic regression on standardised features (numpy only).

    The Emergent head: with 1.6k training rows, a linear model over the hand features beat
    gradient boosting in claim-grouped cross-validation on the training claims (0.75 vs 0.71
    accuracy, evals/RESULTS.md). `predict` returns class probabilities like a LightGBM booster.
    """

    def __init__(self, mean: np.ndarray, scale: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, clip: float = 3.0) -> None:
        self.clip = float(clip)
        self.mean = np.asarray(mean, dtype=np.float64)
        self.scale = np.asarray(scale, dtype=np.float64)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)

    @classmethod
    def fit(cls, x: np.ndarray, y: Sequence[int], n_classes: int, *, l2: float = 1e-2,
            epochs: int = 300, learning_rate: float = 0.05, clip: float = 3.0,
            sample_weight: np.ndarray | None = None) -> LinearHead:
        """Full-batch Adam on the weighted mean cross-entropy plus l2/2 * |W|^2; deterministic
        (float64, one BLAS thread, zero start). Standardised features are clipped to
        [-clip, clip], in training and prediction: a linear model would otherwise extrapolate
        without bound on inputs unlike its training rows (posts and claims with many report
        verbs or no word overlap, as in cross-lingual pairs)."""
        from threadpoolctl import threadpool_limits

        x = np.asarray(x, dtype=np.float64)
        labels = np.asarray(y, dtype=np.int64)
        mean = x.mean(axis=0)
        scale = x.std(axis=0) + 1e-6
        z = np.clip((x - mean) / scale, -clip, clip)
        target = np.eye(n_classes)[labels]
        w = np.ones(len(z)) if sample_weight is None else np.asarray(sample_weight, np.float64)
        w = w / w.sum()
        params = [np.zeros((z.shape[1], n_classes)), np.zeros(n_classes)]
        moments = [np.zeros_like(q) for q in params]
        squares = [np.zeros_like(q) for q in params]
        with threadpool_limits(limits=1, user_api="blas"):
            for step in range(1, epochs + 1):
                grad = (softmax(z @ params[0] + params[1]) - target) * w[:, None]
                grads = [z.T @ grad + l2 * params[0], grad.sum(axis=0)]
                for i, g in enumerate(grads):
                    moments[i] = 0.9 * moments[i] + 0.1 * g
                    squares[i] = 0.999 * squares[i] + 0.001 * g * g
                    m_hat = moments[i] / (1 - 0.9 ** step)
                    v_hat = squares[i] / (1 - 0.999 ** step)
                    params[i] = params[i] - learning_rate * m_hat / (np.sqrt(v_hat) + 1e-8)
        return cls(mean, scale, params[0], params[1], clip)

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = np.clip((np.asarray(x, dtype=np.float64) - self.mean) / self.scale,
                    -self.clip, self.clip)
        return softmax(z @ self.weights + self.bias)

    def to_dict(self) -> dict[str, object]:
        def r(a: np.ndarray) -> list[object]:
            return np.round(a, 6).tolist()

        return {"kind": "linear", "clip": self.clip, "mean": r(self.mean),
                "scale": r(self.scale),
                "weights": r(self.weights), "bias": r(self.bias)}

    @classmethod
    def from_dict(cls, blob: dict[str, object]) -> LinearHead:
        return cls(*(np.asarray(blob[k], dtype=np.float64)  # type: ignore[arg-type]
                     for k in ("mean", "scale", "weights", "bias")),
                   clip=float(blob.get("clip", np.inf)))  # type: ignore[arg-type]


def blend_related(probs: np.ndarray, cross: np.ndarray, weight: float) -> np.ndarray:
    """FNC-1 probabilities with the related share split by (1 - weight) x the head's own split
    + weight x the cross-encoder's (FNC_RELATED order)."""
    related = [FNC_LABELS.index(label) for label in FNC_RELATED]
    out = probs.copy()
    share = out[:, related].sum(axis=1, keepdims=True)
    own = out[:, related] / np.clip(share, 1e-12, None)
    out[:, related] = share * ((1 - weight) * own + weight * cross)
    return out


def _cross_encoder(path: Path, num_threads: int | None) -> tuple[Any, float] | None:
    """A cross-encoder artifact and its stored blend weight (None: absent or no torch)."""
    if not Path(path).exists():
        return None
    try:
        from bot.cross_encoder import CrossEncoder

        encoder = CrossEncoder(Path(path), num_threads=num_threads)
    except ImportError:
        return None
    return encoder, float(np.load(path)[BLEND_KEY])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _head(blob: object) -> object:
    """A stored head: a LightGBM model string or a LinearHead dict (None: absent)."""
    if not blob:
        return None
    if isinstance(blob, dict):
        return LinearHead.from_dict(blob)
    import lightgbm as lgb

    return lgb.Booster(model_str=blob)


class GenericStance:
    """The trained pairwise model: an IDF table, a LightGBM FNC-1 head, a linear Emergent head."""

    def __init__(self, idf: np.ndarray, fnc_model: object, emergent_model: object,
                 meta: dict[str, object] | None = None) -> None:
        self.idf = idf
        self.meta = meta or {}
        # Frequent words of the training headlines (mostly function and cue words): counted in
        # the headline and in the body's best sentences, so the model learns cues beyond ours.
        self.vocab = {t: i for i, t in enumerate(self.meta.get("vocab", []))}  # type: ignore[union-attr]
        # Each head is a LightGBM model string or a LinearHead dict (or an object already).
        self.fnc: Any = fnc_model if hasattr(fnc_model, "predict") else _head(fnc_model)
        self.emergent: Any = (emergent_model if hasattr(emergent_model, "predict")
                              else _head(emergent_model))
        # Optional: a MiniLM cross-encoder over the same pairs, blended into the Emergent head.
        self.emergent_ce: Any = None
        self.emergent_blend = 0.0
        self.fnc_ce: Any = None
        self.fnc_blend = 0.0
        self._rep_cache: dict[str, TextRep] = {}
        # What embeds sentences for the FNC-1 head's embedding features (texts -> unit vectors):
        # set by the benchmarks to a cached encoder; loaded on first use otherwise.
        self.embed: Callable[[Sequence[str]], np.ndarray] | None = None
        self._prototypes: list[np.ndarray] | None = None

    @property
    def embedding_settings(self) -> dict[str, Any] | None:
        """{"model": encoder id, "products": bool, "prototypes": bool} when the FNC-1 head reads
        embedding features (None otherwise)."""
        found = self.meta.get("fnc_embeddings")
        return found if isinstance(found, dict) else None

    def use_encoder(self, encoder: Any, cache: Any = None) -> None:
        """Embed the FNC-1 head's sentences with `encoder` (an Embedder), through a
        bot.embedding.VectorCache when one is given. The encoder must be the one the head was
        trained on: vectors of another model would be read as if they were the same."""
        expected = (self.embedding_settings or {}).get("model")
        if encoder.model_id != expected:
            raise ValueError(f"the FNC-1 head was trained on {expected} vectors; "
                             f"the encoder given is {encoder.model_id}")
        from bot.embedding import embed_passages_batched, embed_passages_cached

        self._prototypes = None
        if cache is None:
            self.embed = lambda texts: embed_passages_batched(encoder, texts)
        else:
            self.embed = lambda texts: embed_passages_cached(encoder, texts, cache)

    def _embedder(self) -> Callable[[Sequence[str]], np.ndarray]:
        if self.embed is None:
            from bot.minilm import MiniLMEmbedder

            self.use_encoder(MiniLMEmbedder(adapter=None))
        assert self.embed is not None
        return self.embed

    def attach_emergent_cross_encoder(self, path: Path = EMERGENT_CE_PATH,
                                      num_threads: int | None = None) -> bool:
        """Blend the cross-encoder at `path` into Emergent predictions, with the weight stored
        in the artifact (chosen by claim-grouped cross-validation on the training claims).
        False when there is no artifact or torch/transformers are missing."""
        loaded = _cross_encoder(path, num_threads)
        if loaded is None:
            return False
        self.emergent_ce, self.emergent_blend = loaded
        return True

    def attach_fnc_cross_encoder(self, path: Path = FNC_CE_PATH,
                                 num_threads: int | None = None) -> bool:
        """Blend the cross-encoder at `path` into the agree/disagree/discuss split of FNC-1
        predictions, with the weight stored in the artifact (chosen by body-grouped
        cross-validation on the training bodies)."""
        loaded = _cross_encoder(path, num_threads)
        if loaded is None:
            return False
        self.fnc_ce, self.fnc_blend = loaded
        return True

    # -- persistence -----------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> GenericStance:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            blob = json.load(handle)
        idf = np.ones(DIM, dtype=np.float32) * float(blob["idf_default"])
        for bucket, value in blob["idf"].items():
            idf[int(bucket)] = value
        return cls(idf, blob.get("fnc"), blob.get("emergent"), blob.get("meta"))

    @classmethod
    def load_default(cls) -> GenericStance | None:
        return _load_default()

    @staticmethod
    def save(path: str | Path, idf: np.ndarray, fnc_model: object,
             emergent_model: object, meta: dict[str, object]) -> None:
        default = float(np.median(idf))
        sparse = {str(i): round(float(v), 3) for i, v in enumerate(idf)
                  if abs(float(v) - default) > 1e-3}
        blob = {"idf_default": default, "idf": sparse,
                "fnc": fnc_model.to_dict() if isinstance(fnc_model, LinearHead) else fnc_model,
                "emergent": (emergent_model.to_dict() if isinstance(emergent_model, LinearHead)
                             else emergent_model), "meta": meta}
        data = json.dumps(blob, sort_keys=True, separators=(",", ":")).encode("utf-8")
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(data)

    # -- features ----------------------------------------------------------------------------
    def rep(self, text: str, max_sentences: int = 40) -> TextRep:
        key = f"{max_sentences}:{text}"
        found = self._rep_cache.get(key)
        if found is None:
            found = represent(text, self.idf, max_sentences)
            if len(self._rep_cache) > 20_000:
                self._rep_cache.clear()
            self._rep_cache[key] = found
        return found

    def features(self, pairs: Sequence[tuple[str, str]], progress: bool = False) -> np.ndarray:
        iterator = pairs
        if progress:
            from tqdm import tqdm

            iterator = tqdm(pairs, desc="features", unit="pair")
        width = len(FEATURE_NAMES) + 2 * len(self.vocab)
        rows = [pair_features(self.rep(h), self.rep(b)) + self._bow(self.rep(h), self.rep(b))
                for h, b in iterator]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), width)

    def fnc_features(self, pairs: Sequence[tuple[str, str]], progress: bool = False) -> np.ndarray:
        """What the FNC-1 head reads: `features`, then the embedding features when the head was
        trained with them (each headline and body sentence embedded once)."""
        base = self.features(pairs, progress)
        settings = self.embedding_settings
        if settings is None or not len(pairs):
            return base
        body_sentences = {b: sentences(b) for _, b in pairs}
        texts = sorted({h for h, _ in pairs} | {s for ss in body_sentences.values() for s in ss})
        vectors = dict(zip(texts, self._embedder()(texts), strict=True))
        kinds = self._prototype_vectors() if settings.get("prototypes") else None
        bodies: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}  # each body's matrices once
        for body, ss in body_sentences.items():
            sents = np.stack([vectors[s] for s in ss])
            bodies[body] = (sents, None if kinds is None else
                            np.stack([(sents @ k.T).max(axis=1) for k in kinds], axis=1))
        products = bool(settings.get("products"))
        extra = [embedding_features(vectors[h], bodies[b][0], self.rep(b).cues, products,
                                    bodies[b][1]) for h, b in pairs]
        return np.hstack([base, np.stack(extra)])

    def _prototype_vectors(self) -> list[np.ndarray]:
        """CUE_PROTOTYPES embedded, one matrix per kind (in CUE_PROTOTYPES order)."""
        if self._prototypes is None:
            embed = self._embedder()
            self._prototypes = [np.asarray(embed(list(texts))) for texts in CUE_PROTOTYPES.values()]
        return self._prototypes

    def _bow(self, h: TextRep, b: TextRep) -> list[float]:
        if not self.vocab:
            return []
        size = len(self.vocab)
        out = [0.0] * (2 * size)
        for t in h.terms:
            if (i := self.vocab.get(t)) is not None:
                out[i] += 1.0
        sims = [_dot(h.vec, v) for v in b.sent_vecs]
        for j in np.argsort(sims)[::-1][:3]:
            for t in b.sent_terms[int(j)]:
                if (i := self.vocab.get(t)) is not None:
                    out[size + i] += 1.0
        return out

    # -- prediction --------------------------------------------------------------------------
    def predict_fnc(self, pairs: Sequence[tuple[str, str]], progress: bool = False) -> list[str]:
        probs = self.fnc_probabilities(pairs, progress)
        return [FNC_LABELS[i] for i in np.argmax(probs, axis=1)]

    def fnc_probabilities(self, pairs: Sequence[tuple[str, str]], progress: bool = False,
                          features: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (FNC_LABELS order) of (headline, body) pairs: the LightGBM head;
        with a cross-encoder attached, the related share of the rows the head calls related is
        split between agree/disagree/discuss by the blend of both."""
        assert self.fnc is not None, "this model has no FNC-1 head"
        x = self.fnc_features(pairs, progress) if features is None else features
        probs = np.array(self.fnc.predict(x), dtype=np.float64)
        if self.fnc_ce is None or self.fnc_blend <= 0:
            return probs
        rows = [i for i in range(len(pairs))
                if FNC_LABELS[int(probs[i].argmax())] != "unrelated"]
        if rows:
            cross = softmax(self.fnc_ce.scores(
                [pairs[i][0] for i in rows],
                [self.best_sentences(*pairs[i]) for i in rows]).astype(np.float64))
            probs[rows] = blend_related(probs[rows], cross, self.fnc_blend)
        return probs

    def best_sentences(self, headline: str, body: str, k: int = 2) -> str:
        """The body's `k` sentences most similar to the headline (TF-IDF), in body order: what
        the FNC-1 cross-encoder reads with the headline."""
        head, rep = self.rep(headline), self.rep(body)
        texts = sentences(body)
        sims = [_dot(head.vec, v) for v in rep.sent_vecs]
        chosen = sorted(int(i) for i in np.argsort(sims, kind="stable")[::-1][:k])
        return " ".join(texts[i] for i in chosen if i < len(texts))

    def predict_emergent(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        probs = self.emergent_probabilities(pairs)
        return [EMERGENT_LABELS[i] for i in np.argmax(probs, axis=1)]

    def emergent_probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Class probabilities (EMERGENT_LABELS order) of (claim, article headline) pairs: the
        linear head, blended with the cross-encoder when one is attached."""
        assert self.emergent is not None, "this model has no Emergent head"
        probs = np.asarray(self.emergent.predict(self.emergent_features(pairs)))
        if self.emergent_ce is not None and self.emergent_blend > 0 and len(pairs):
            ce = softmax(self.emergent_ce.scores([a for a, _ in pairs], [b for _, b in pairs]))
            probs = (1 - self.emergent_blend) * probs + self.emergent_blend * ce
        return probs

    def emergent_features(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The Emergent head uses the hand features only: with 1.6k training rows, the
        bag-of-words columns cost it accuracy (on dev, and in cross-validation on the training
        claims)."""
        return self.features(pairs)[:, :len(FEATURE_NAMES)]

    def propose(self, post_text: str, claim_text: str) -> tuple[str, float]:
        """(relation, probability) for a (post, claim) pair from the Emergent head."""
        if self.emergent is None:
            return "related", 0.0
        probs = self.emergent_probabilities([(claim_text, post_text)])[0]
        best = int(np.argmax(probs))
        return EMERGENT_TO_RELATION[EMERGENT_LABELS[best]], float(probs[best])


@lru_cache(maxsize=1)
def _load_default() -> GenericStance | None:
    if not DEFAULT_MODEL.exists():
        return None
    model = GenericStance.load(DEFAULT_MODEL)
    model.attach_emergent_cross_encoder(num_threads=1)
    model.attach_fnc_cross_encoder()
    return model
