"""The storage port (py/store.py) with a dict for localStorage: saving,
revisions, a second tab writing in between, full storage, damaged entries
set aside, the index rebuilt and migrated, imports that fit or not.  The
scenarios live in store_scenarios.py, in the Python both interpreters
share: each runs here under CPython, and all of them under MicroPython."""

from __future__ import annotations

from pathlib import Path

import pytest

import build
from interpreters import micropython_lines
import store
import store_scenarios
from store_scenarios import SCENARIOS

METHOD = build.load_content()
SCENARIO_SOURCE = Path(__file__).with_name("store_scenarios.py")

HARNESS = r'''
import json
import store
import store_scenarios


def run(method_text, scenarios_text):
    method = json.loads(method_text)
    for scenario in store_scenarios.SCENARIOS:
        try:
            scenario(method)
            yield scenario.__name__ + " kept"
        except AssertionError as broken:
            yield scenario.__name__ + " broken: " + str(broken)
'''


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_the_store_keeps_its_promises(scenario):
    scenario(METHOD)


def test_the_store_keeps_the_same_promises_under_micropython(tmp_path):
    inputs = {"method.json": (build.ROOT / "content" / "method.json").read_text(encoding="utf-8"),
              "store_scenarios.py": SCENARIO_SOURCE.read_text(encoding="utf-8")}
    modules = ["jsontext.py", "content.py", "scoring.py", "library.py", "migrations.py", "store.py", "editing.py"]
    lines = micropython_lines(HARNESS, modules, inputs, tmp_path)
    assert lines == [scenario.__name__ + " kept" for scenario in SCENARIOS]


def test_the_participants_name_is_kept_cleaned_as_it_is_typed():
    storage = store_scenarios.FakeStorage()
    assert store.keep_participant(storage, " 王芳\t\n李 ") == store.SAVED
    assert store.participant(storage) == "王芳 李"
    assert store.keep_participant(store_scenarios.FakeStorage(quota=0), "王芳") == store.FAILED
