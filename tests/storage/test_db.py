"""Store: schema and migrations, claims and deduplication, the lexical index, updates, chats."""

from __future__ import annotations

from pathlib import Path

from bot.domain import Claim, Source
from bot.textnorm import name_key
from storage import Store
from storage.migrations import MIGRATIONS


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    assert store.version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = set(store.db.table_names())
    assert {"sources", "claims", "claims_fts", "checks", "processed_updates", "chats"} <= tables
    store.close()
    again = Store(tmp_path / "x.db")  # reopening applies nothing twice
    assert again.version == len(MIGRATIONS)
    versions = again.db.execute("SELECT version FROM schema_version").fetchall()
    assert [v[0] for v in versions] == list(range(1, len(MIGRATIONS) + 1))
    again.close()


def test_same_id_or_same_url_and_text_is_stored_once(store: Store) -> None:
    first = store.add_claims([
        Claim(text="Russian forces captured Lysychansk", claim_id="a", url="https://x.org/1"),
        Claim(text="Russian forces captured Lysychansk", claim_id="b", url="https://x.org/1"),
        Claim(text="Something else entirely", claim_id="a"),
        Claim(text="Russian forces captured Lysychansk", claim_id="c", url="https://x.org/2"),
    ])
    assert (first.inserted, first.duplicates) == (2, 2)
    assert store.count_claims() == 2
    fts_rows = store.db.execute("SELECT COUNT(*) FROM claims_fts").fetchone()[0]
    assert fts_rows == 2


def test_generated_ids_and_language_detection(store: Store) -> None:
    claim = Claim(text="Лисичанськ під контролем українських військ, заявив речник")
    assert store.add_claim(claim)
    assert claim.claim_id and claim.claim_id.startswith("cc-")
    stored = store.get_claim(claim.claim_id)
    assert stored is not None and stored.language == "uk"


def test_fts_finds_cyrillic_and_latin_spellings_of_a_town(store: Store) -> None:
    store.add_claims([
        Claim(text="Лисичанск полностью освобождён", claim_id="ru", language="ru"),
        Claim(text="Лисичанськ не оточений", claim_id="uk", language="uk"),
        Claim(text="Lysychansk has fallen", claim_id="en", language="en"),
        Claim(text="Kharkiv shelled overnight", claim_id="other", language="en"),
    ])
    key = name_key("Lisichansk")
    assert key is not None
    hits = store.search_lexical(f'keys : ("{key}")', 10)
    assert {store.get_claims([h.rowid])[h.rowid].claim_id for h in hits} == {"ru", "uk", "en"}


def test_sources_are_unique_by_url_and_labels_reach_claims(store: Store) -> None:
    source = Source(kind="feed", name="TASS", url="https://tass.com/rss/v2.xml",
                    labels=["state-media", "party:RU"])
    sid = store.add_source(source)
    assert store.add_source(source) == sid
    store.add_claim(Claim(text="Claim from TASS about Lysychansk", claim_id="t1", source="TASS"))
    claim = store.get_claim("t1")
    assert claim is not None and claim.source_id == sid
    assert claim.labels == ["state-media", "party:RU"]
    assert store.remove_source(sid)
    assert store.get_claim("t1") is not None  # claims outlive their source


def test_processed_updates_are_taken_once(store: Store) -> None:
    assert store.claim_update(100, chat_id=5, message_id=7)
    assert not store.claim_update(100, chat_id=5, message_id=7)
    assert not store.claim_update(101, chat_id=5, message_id=7)  # same message, new update id
    assert store.claim_update(102, chat_id=5, message_id=8)
    store.release_update(102)
    assert store.claim_update(102, chat_id=5, message_id=8)


def test_chat_settings_are_per_chat(store: Store) -> None:
    store.save_chat_settings(1, {"helper": True}, kind="group", title="A")
    store.save_chat_settings(2, {"helper": False})
    assert store.chat_settings(1) == {"helper": True}
    assert store.chat_settings(2) == {"helper": False}
    assert store.chat_settings(3) == {}


def test_checks_are_recorded(store: Store) -> None:
    check_id = store.record_check("text", {"text": "text"}, {"matches": []}, chat_id=9)
    saved = store.get_check(check_id)
    assert saved is not None and saved["chat_id"] == 9 and saved["report"] == {"matches": []}
