"""Operator events: storage round trip and the `crosscheck events` commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from bot.stance.propositions import EventSpec
from storage import Store
from storage.events import add_event, get_event, list_events


def test_add_replace_and_list(store: Store) -> None:
    event = EventSpec("kherson-2022", title="Kherson", place="kherson",
                      outcomes={"held": ["Kherson remains under Russian control"]})
    assert add_event(store, event) is True
    event.outcomes["liberated"] = ["Ukrainian forces liberated Kherson"]
    event.opposite.append(("held", "liberated"))
    assert add_event(store, event) is False
    assert get_event(store, "kherson-2022") == event
    assert [e.event_id for e in list_events(store)] == ["kherson-2022"]


def test_cli_add_and_list(db_env: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, [
        "events", "add", "lys", "--place", "Лисичанськ", "--title", "Lysychansk",
        "--outcome", "captured=Russian forces captured Lysychansk",
        "--outcome", "withdrawal=Ukrainian forces withdrew from Lysychansk",
        "--outcome", "held=Лисичанськ під контролем ЗСУ",
        "--same", "withdrawal=captured", "--opposite", "captured=held"])
    assert result.exit_code == 0, result.output
    assert "3 outcomes" in result.output
    listed = runner.invoke(main, ["events", "list", "--json"])
    event = json.loads(listed.output.strip())
    assert event["place"] == "lysychansk" and event["same"] == [["withdrawal", "captured"]]
    bad = runner.invoke(main, ["events", "add", "x", "--outcome", "a=b", "--same", "a=zzz"])
    assert bad.exit_code != 0 and "zzz" in bad.output
    control = runner.invoke(main, ["events", "add", "bakh", "--place", "Bakhmut", "--control"])
    assert control.exit_code == 0 and "4 outcomes" in control.output
