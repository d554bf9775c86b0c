"""`crosscheck check` (contract B) over the seeds, and `crosscheck run` without a token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.domain import RELATIONS

from .conftest import SEEDS_DIR

MATCH_KEYS = {"claim_id": (str,), "source": (str, type(None)), "claimant": (str, type(None)),
              "url": (str, type(None)), "published": (str, type(None)),
              "language": (str, type(None)), "text": (str,), "score": (float, int),
              "relation": (str,)}


def validate_contract_b(obj: dict[str, Any], limit: int) -> None:
    assert set(obj) >= {"query", "matches"}
    assert isinstance(obj["query"]["text"], str) and "language" in obj["query"]
    assert isinstance(obj["matches"], list) and len(obj["matches"]) <= limit
    scores = []
    for match in obj["matches"]:
        for key, types in MATCH_KEYS.items():
            assert key in match, key
            assert isinstance(match[key], types), (key, match[key])
        assert match["relation"] in RELATIONS
        scores.append(match["score"])
    assert scores == sorted(scores, reverse=True), "best match first"


@pytest.mark.skipif(not (SEEDS_DIR / "claims.jsonl").exists(), reason="seeds not present")
def test_check_json_finds_seeded_lysychansk_claims_first(db_env: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--json", "--limit", "5",
               "Russian troops have captured the city of Lysychansk in Luhansk region"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, "exactly one JSON object"
    obj = json.loads(lines[0])
    validate_contract_b(obj, limit=5)
    assert obj["query"]["language"] == "en"
    seeds = {json.loads(line)["id"]: json.loads(line)
             for line in (SEEDS_DIR / "claims.jsonl").read_text(encoding="utf-8").splitlines()}
    top = obj["matches"][:3]
    assert top, "seeded claims must match"
    for match in top:
        assert match["claim_id"] in seeds
        assert seeds[match["claim_id"]]["topic"] == "Lysychansk", match["text"]


def test_check_text_output_says_when_nothing_matches(db_env: Path) -> None:
    result = CliRunner().invoke(main, ["check", "Penguins enjoy the Antarctic summer sun"])
    assert result.exit_code == 0
    assert "Not enough evidence" in result.stdout


def test_check_json_with_no_match_is_still_contract_b(db_env: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--json", "qwertyuiop asdfghjkl"])
    obj = json.loads(result.stdout)
    validate_contract_b(obj, limit=10)
    assert obj["matches"] == [] and obj["enough_evidence"] is False


def test_run_without_token_says_how_to_get_one(db_env: Path) -> None:
    result = CliRunner().invoke(main, ["run"])
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "@BotFather" in result.stderr
    assert ".env" in result.stderr
