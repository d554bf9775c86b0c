"""The README's CLI reference documents every `crosscheck` command and option."""

from __future__ import annotations

import re

import click
import pytest

from bot.cli import main

from .conftest import REPO_ROOT


def leaf_commands(group: click.Group, prefix: str = "crosscheck") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            out.extend(leaf_commands(command, path))
        else:
            out.append((path, command))
    return out


def readme_sections() -> dict[str, str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"^### `(crosscheck[^`]*)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


COMMANDS = leaf_commands(main)


def test_there_are_commands_to_document() -> None:
    assert {"crosscheck check", "crosscheck claims import", "crosscheck run"} <= {
        path for path, _ in COMMANDS}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_and_its_options_are_documented(path: str, command: click.Command) -> None:
    sections = readme_sections()
    assert path in sections, f"README has no '### `{path}`' section"
    assert command.help, f"{path} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            names = [n for n in param.opts + param.secondary_opts if n.startswith("--")]
            assert any(n in sections[path] for n in names), f"{path}: {names} undocumented"


def test_readme_documents_no_command_that_does_not_exist() -> None:
    assert set(readme_sections()) <= {path for path, _ in COMMANDS}
