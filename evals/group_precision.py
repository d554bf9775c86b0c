"""Group helper precision: would the helper step in on each labelled group message?

    .venv/bin/python -m evals.group_precision [--sensitivity normal] [--verbose]

Runs the production stack (Engine's hybrid matcher over a fresh database with the seeds, the
calibrated stance model) and the helper's decision (bot.group_helper.decide) with the helper on
and no hourly limit, over evals/data/group_messages.jsonl (written for this benchmark: forwards
stating contested or debunked control claims, related posts that are not those claims, and
small talk, in en/uk/ru). Prints precision and recall of interventions.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bot.domain import Post
from bot.engine import Engine
from bot.group_helper import GroupSettings, MessageFacts, decide
from bot.seeding import seed_store
from bot.stance import default_stance
from storage import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evals" / "data" / "group_messages.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sensitivity", default="normal", choices=("low", "normal", "high"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    settings = GroupSettings(enabled=True, sensitivity=args.sensitivity, max_per_hour=10**6)
    stance = default_stance()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.db")
        seed_store(store, ROOT / "seeds")
        engine = Engine(store)
        engine.index_pending()
        tp = fp = fn = tn = 0
        started = time.perf_counter()
        for row in rows:
            post = Post(text=row["text"], language=row["language"])
            report = engine.pipeline.check(post, 15)
            for match in report.matches:
                match.relation, match.confidence = stance.classify(row["text"], match.claim)
            facts = MessageFacts(is_forward=bool(row["forward"]))
            said = decide(report, settings, facts, [], time.time()).intervene
            gold = bool(row["intervene"])
            tp += said and gold
            fp += said and not gold
            fn += gold and not said
            tn += not said and not gold
            if args.verbose and said != gold:
                print(f"{'FP' if said else 'FN'} {row['id']}: {row['text']}")
        seconds = time.perf_counter() - started
        store.close()
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"messages {len(rows)} (should intervene {tp + fn}), sensitivity {args.sensitivity}")
    print(f"interventions {tp + fp}: precision {precision:.3f}, recall {recall:.3f} "
          f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}); {seconds:.1f} s")


if __name__ == "__main__":
    main()
