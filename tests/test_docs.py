"""Docs are checked like code: README's commands are the ones CI and users run."""

import re
from pathlib import Path

from typer.main import get_command

from sitrep.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    first_screen = text.split("---", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", first_screen)


def test_first_screen_has_exactly_two_commands_and_ci_runs_the_second():
    install, tests = _readme_commands()
    assert "sitrep demo" in install and "pip install" in install
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text()


def test_every_cli_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    commands = get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"sitrep {name}" not in readme]
    assert not missing, missing
