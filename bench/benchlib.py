"""What every benchmark records beside its numbers: the code that was measured."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def git_state() -> dict[str, object]:
    """The commit benchmarked and the uncommitted files under src/ (numbers depend on both)."""

    def git(*cmd: str) -> str | None:
        try:
            done = subprocess.run(["git", *cmd], cwd=REPO, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    status = git("status", "--porcelain", "--", "src")
    commit = git("rev-parse", "--short", "HEAD")
    return {
        "git_commit": commit and commit.strip(),
        "src_dirty": None if status is None else bool(status.strip()),
        "src_dirty_files": None if status is None else sorted(line[3:] for line in status.splitlines() if line),
    }
