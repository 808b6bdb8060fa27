"""The GitHub Pages workflow (.github/workflows/pages.yml): actionlint finds
nothing in it, every action it uses is pinned to a commit, and it publishes
site/ only after the whole suite has passed the way CI runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PAGES = ROOT / ".github" / "workflows" / "pages.yml"
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)", re.M)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def actionlint() -> str:
    # Installed into the venv by requirements-test.txt, beside this Python.
    found = Path(sys.executable).with_name("actionlint")
    return str(found) if found.exists() else shutil.which("actionlint") or pytest.fail("actionlint is not installed")


def test_actionlint_finds_nothing_in_the_workflows():
    assert WORKFLOWS, "no workflow files"
    run = subprocess.run([actionlint(), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_to_a_full_commit_hash():
    used = [action for workflow in WORKFLOWS for action in USES.findall(workflow.read_text(encoding="utf-8"))]
    assert used
    assert [action for action in used if not PINNED.match(action)] == []


def test_the_site_is_deployed_only_after_the_tests_that_ci_runs():
    text = PAGES.read_text(encoding="utf-8")
    steps = [text.index(marker) for marker in ("run: bash .ci/run", "run: make build", "path: site")]
    assert steps == sorted(steps)
    assert re.search(r"deploy:\s*\n\s*needs: test-and-build", text)
