"""Match stage: find stored claims that say the same thing as a post.

`Matcher` is the seam: the lexical matcher (FTS5 BM25 over lemmas and cross-script name keys) is
the default; semantic and hybrid matchers implement the same `rank` method.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain import Match
from bot.textnorm import detect_language, query_terms
from storage import Store


# A lexical match must share at least this share of the post's distinct terms to be shown.
DEFAULT_MIN_COVERAGE = 0.3


class Matcher(Protocol):
    """Anything that ranks stored claims for a query text, best first."""

    def rank(self, text: str, language: str | None = None, limit: int = 10) -> list[Match]: ...


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def build_match_expression(terms: list[str], keys: list[str]) -> str | None:
    """An FTS5 query: any of the terms in `terms`, any of the name keys in `keys`."""
    parts = []
    if terms:
        parts.append("terms : (" + " OR ".join(_quote(t) for t in terms) + ")")
    if keys:
        parts.append("keys : (" + " OR ".join(_quote(k) for k in keys) + ")")
    return " OR ".join(parts) if parts else None


@dataclass(slots=True)
class LexicalMatcher:
    """BM25 over the claims index, with a coverage check against unrelated matches.

    `min_coverage` is the share of the query's distinct terms and name keys that a claim must
    contain to count as a match at all; below it the report says "not enough evidence". Across
    languages only name keys can match, so there the share is of the query's name keys.
    """

    store: Store
    candidates: int = 50
    min_coverage: float = DEFAULT_MIN_COVERAGE

    def rank(self, text: str, language: str | None = None, limit: int = 10) -> list[Match]:
        language = language or detect_language(text)
        terms, keys = query_terms(text, language)
        expression = build_match_expression(terms, keys)
        if expression is None:
            return []
        hits = self.store.search_lexical(expression, max(limit, self.candidates))
        if not hits:
            return []
        claims = self.store.get_claims([h.rowid for h in hits])
        key_set = {"#" + k for k in keys}
        query_set = set(terms) | key_set
        matches: list[Match] = []
        for hit in hits:
            claim = claims.get(hit.rowid)
            if claim is None:
                continue
            if language and claim.language and claim.language != language:
                # Words cannot match across languages; names (as cross-script keys) can.
                coverage = _coverage(key_set, hit.terms, hit.keys)
            else:
                coverage = _coverage(query_set, hit.terms, hit.keys)
            if coverage < self.min_coverage:
                continue
            matches.append(Match(claim=claim, score=hit.score,
                                 features={"bm25": hit.score, "coverage": coverage}))
        return matches[:limit]


def _coverage(query_set: set[str], claim_terms: str, claim_keys: str) -> float:
    """Share of the query's terms present in the claim (prefix match stands in for stemming)."""
    if not query_set:
        return 0.0
    words = set(claim_terms.lower().split())
    prefixes = {w[:5] for w in words if len(w) >= 5}
    keys = {"#" + k for k in claim_keys.split()}
    found = 0
    for item in query_set:
        if item.startswith("#"):
            found += item in keys
        elif item in words or (len(item) >= 5 and item[:5] in prefixes):
            found += 1
    return found / len(query_set)
