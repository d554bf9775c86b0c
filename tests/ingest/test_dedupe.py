"""Copy groups: exact (url, text) and near duplicates (MinHash), edges, the earliest as origin."""

from __future__ import annotations

from bot.domain import Claim
from bot.ingest.dedupe import band_keys, shingles, signature, similarity
from bot.ingest.items import ProvenanceEdge
from storage import Store
from storage.ingest import copies_of, edges_from, edges_to, group_claims, group_reasons

TEXT = ("Air defence forces shot down four drones over the Belgorod region overnight, the "
        "regional governor said, adding that a power line was damaged near the village.")
COPY = ("⚡️ " + TEXT.replace("four", "4") + "\n\nSubscribe: @frontline_news https://t.me/x")
OTHER = ("Heavy rain is expected in Lviv at the weekend, forecasters said, with temperatures "
         "falling to five degrees and strong winds in the mountains.")


def test_signatures_tell_copies_from_other_texts() -> None:
    a, b, c = signature(TEXT), signature(COPY), signature(OTHER)
    assert a is not None and b is not None and c is not None
    assert similarity(a, a) == 1.0
    assert similarity(a, b) >= 0.5  # a copy with a number spelt out and a channel footer
    assert similarity(a, c) < 0.2
    assert set(band_keys(a)) & set(band_keys(b))  # they meet in the LSH index
    assert signature("Too short to tell") is None and shingles("one two three") == []
    assert signature(TEXT).tobytes() == a.tobytes()  # stable: stored and compared across runs


def stored(store: Store, *claims: Claim) -> list[Claim]:
    store.add_claims(claims)
    return list(claims)


def test_near_duplicates_group_and_the_earliest_is_the_origin(store: Store) -> None:
    first, second, other = stored(
        store,
        Claim(text=COPY, claim_id="b", source="Channel B",
              published_at="2024-03-01T10:05:00+00:00"),
        Claim(text=TEXT, claim_id="a", source="Channel A",
              published_at="2024-03-01T09:00:00+00:00"),
        Claim(text=OTHER, claim_id="w", source="Weather",
              published_at="2024-03-01T08:00:00+00:00"),
    )
    assert group_claims(store, [first, second, other]) == 1
    (third,) = stored(store, Claim(text=TEXT.upper(), claim_id="c", source="Channel C",
                                   url="https://t.me/c/1",
                                   published_at="2024-03-01T11:30:00+00:00"))
    assert group_claims(store, [third]) == 1
    group = copies_of(store, third.rowid or 0)
    assert [c.claim_id for c in group] == ["a", "b", "c"]  # earliest first, whatever the order
    assert [c.claim_id for c in copies_of(store, other.rowid or 0)] == ["w"]
    reasons = group_reasons(store, [second.rowid or 0, third.rowid or 0])
    assert reasons[second.rowid or 0][0] == "near"
    assert reasons[third.rowid or 0][0] == "hash"  # same text but for case
    assert copies_of(store, 999) == []


def test_same_canonical_url_groups_but_passages_of_one_article_do_not(store: Store) -> None:
    article, passage, elsewhere = stored(
        store,
        Claim(text="A long article " * 20, claim_id="site:u", canonical_url="https://n.example/a",
              url="https://n.example/a"),
        Claim(text="One sentence of it with 3 numbers.", claim_id="site:u#s1",
              canonical_url="https://n.example/a", url="https://n.example/a",
              extra={"parent": "site:u"}),
        Claim(text="The same article, as the feed summarised it.", claim_id="feed:u",
              canonical_url="https://n.example/a", url="https://n.example/a?utm_source=rss"),
    )
    group_claims(store, [article, passage, elsewhere])
    assert {c.claim_id for c in copies_of(store, elsewhere.rowid or 0)} == {"site:u", "feed:u"}
    assert [c.claim_id for c in copies_of(store, passage.rowid or 0)] == ["site:u#s1"]


def test_forward_edges_group_and_resolve_when_the_original_arrives_later(store: Store) -> None:
    (forward,) = stored(store, Claim(text="Короткий пост", claim_id="telegram:fwd",
                                     canonical_url="https://t.me/copier/9",
                                     published_at="2024-03-02T10:00:00+00:00"))
    edge = ProvenanceEdge("forwarded_from", "https://t.me/origin/5", "Origin")
    from storage.ingest import _add_edges

    _add_edges(store, forward.rowid or 0, [edge])
    group_claims(store, [forward], {forward.rowid: [edge]})
    assert edges_from(store, forward.rowid or 0) == [(edge, None)]
    (original,) = stored(store, Claim(text="Короткий пост!", claim_id="telegram:orig",
                                      canonical_url="https://t.me/origin/5",
                                      published_at="2024-03-02T09:00:00+00:00"))
    group_claims(store, [original])
    assert edges_from(store, forward.rowid or 0) == [(edge, original.rowid)]
    assert edges_to(store, original.rowid or 0) == [(forward.rowid, edge)]
    assert [c.claim_id for c in copies_of(store, forward.rowid or 0)] == [
        "telegram:orig", "telegram:fwd"]
    assert group_reasons(store, [original.rowid or 0])[original.rowid or 0][0] == "forward"


def test_a_claim_linking_two_groups_merges_them(store: Store) -> None:
    left, right = stored(
        store,
        Claim(text="Explosions reported in Odesa port area this morning, officials said.",
              claim_id="l", published_at="2024-01-01"),
        Claim(text="Completely different words about grain exports and shipping insurance rates.",
              claim_id="r", published_at="2024-01-02", canonical_url="https://x.example/r"),
    )
    group_claims(store, [left, right])
    (bridge,) = stored(store, Claim(
        text="Explosions reported in Odesa port area this morning, officials said.",
        claim_id="bridge", canonical_url="https://x.example/r", url="https://x.example/r?a=1",
        published_at="2024-01-03"))
    group_claims(store, [bridge])
    assert [c.claim_id for c in copies_of(store, right.rowid or 0)] == ["l", "r", "bridge"]
