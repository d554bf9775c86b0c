"""evals.checkthat: readers for both collection formats, the CheckThat measures, the TREC run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.checkthat import average_precision, main, read_collection, read_queries, score_run


def test_average_precision_divides_by_the_number_of_gold_claims() -> None:
    assert average_precision({"a"}, ["a", "b"], 5) == 1.0
    assert average_precision({"a"}, ["b", "a"], 5) == 0.5
    assert average_precision({"a"}, ["b", "a"], 1) == 0.0
    assert average_precision({"a", "b"}, ["a", "x", "b"], 5) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision({"a", "b"}, ["a"], 5) == 0.5


def test_score_run_reports_map_mrr_and_recall() -> None:
    scores = score_run({"q1": ["a", "b"], "q2": ["x", "y", "c"]}, {"q1": {"a"}, "q2": {"c"}})
    assert scores.map_at[1] == 0.5
    assert scores.map_at[5] == pytest.approx((1 + 1 / 3) / 2)
    assert scores.mrr == pytest.approx((1 + 1 / 3) / 2)
    assert scores.recall_at_20 == 1.0


def tiny_dataset(tmp_path: Path, fmt: str) -> tuple[Path, Path, Path]:
    rows = [("0", "The moon landing was staged in a film studio.", "Moon hoax"),
            ("1", "Drinking bleach cures viral infections.", "Bleach cure"),
            ("2", "A shark was photographed swimming on a flooded highway.", "Highway shark")]
    if fmt == "tsv":
        claims = tmp_path / "claims.tsv"
        claims.write_text("\tvclaim\ttitle\n" + "".join(f"{i}\t{t}\t{h}\n" for i, t, h in rows))
    else:
        claims = tmp_path / "vclaims.jsonl"
        claims.write_text("".join(json.dumps({"vclaim_id": f"v{i}", "vclaim": t, "title": h})
                                  + "\n" for i, t, h in rows))
    prefix = "" if fmt == "tsv" else "v"
    queries = tmp_path / "queries.tsv"
    queries.write_text("\ttweet_content\n"
                       "q0\tThey faked the moon landing in a studio! — Bob (@bob) May 1, 2020\n"
                       "q1\tWow, a shark swimming down the highway after the flood\n")
    qrels = tmp_path / "qrels"
    qrels.write_text(f"q0\t0\t{prefix}0\t1\nq1\t0\t{prefix}2\t1\n")
    return claims, queries, qrels


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_main_ranks_with_the_pipeline_and_writes_a_trec_run(
        tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    claims, queries, qrels = tiny_dataset(tmp_path, fmt)
    assert len(read_collection(claims)) == 3
    assert [q for q, _ in read_queries(queries)] == ["q0", "q1"]
    run = tmp_path / "run.trec"
    assert main(["--claims", str(claims), "--queries", str(queries), "--qrels", str(qrels),
                 "--run", str(run)]) == 0
    out = capsys.readouterr().out
    assert "| lexical | 1.0000 | 1.0000 |" in out
    first = run.read_text().splitlines()[0].split("\t")
    assert first[:4] == ["q0", "Q0", ("" if fmt == "tsv" else "v") + "0", "1"]


def test_gold_with_twins_removes_claims_that_differ_only_in_quote_characters() -> None:
    from bot.domain import Claim
    from evals.checkthat import build_store, gold_with_twins

    store = build_store([
        Claim(text='Roger Stone was an "aide" to Richard Nixon.', claim_id="1", language="en"),
        Claim(text="Roger Stone was an 'aide' to Richard Nixon.", claim_id="2", language="en"),
        Claim(text="Roger Stone was an  aide' to Richard Nixon.", claim_id="3", language="en"),
        Claim(text="Hobby Lobby sold cotton decor.", claim_id="4", language="en"),
        Claim(text="Roger Stone was an aide to Gerald Ford.", claim_id="5", language="en"),
    ])
    rows = {c.claim_id: c.rowid for c in store.iter_claims()}
    # a quote missing on one side (and spacing) still makes a twin; other words do not
    assert gold_with_twins(store, {"1"}) == frozenset({rows["1"], rows["2"], rows["3"]})
    assert gold_with_twins(store, {"4"}) == frozenset({rows["4"]})
