"""The stance training script's cross-validation groups."""

from __future__ import annotations

from evals.train_stance import group_fold, topic_groups


def test_topic_groups_join_bodies_through_related_headlines_only() -> None:
    rows = [
        {"Headline": "Banksy arrested", "Body ID": "7", "Stance": "agree"},
        {"Headline": "Banksy arrested", "Body ID": "3", "Stance": "discuss"},
        {"Headline": "Banksy arrested", "Body ID": "9", "Stance": "unrelated"},
        {"Headline": "Apple buys Tesla", "Body ID": "9", "Stance": "disagree"},
        {"Headline": "Apple buys Tesla", "Body ID": "12", "Stance": "unrelated"},
    ]
    groups = topic_groups(rows)
    assert groups == {"3": "3", "7": "3", "9": "9", "12": "12"}
    # a topic falls in one fold whole
    assert group_fold(groups["7"], 4) == group_fold(groups["3"], 4)
