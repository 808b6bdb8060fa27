"""The results file keeps its format.

- Version 3 (workbooks with the account's people) is pinned byte for byte:
  tests/golden/results-export-v3.json is the export of the workbooks kept in
  tests/golden/results-v3-workbooks.json (the worked examples of one and two
  people, the largest workbook of 12 people, a pilot (version 0) and a
  version 1 workbook, one with a client type and the seller's review,
  random workbooks with odd settings and junk), each with its score and
  its review (the open reasons, the seller's own word), and it reads back
  to the same workbooks, exact figures and review.
- Files written before it still read: tests/golden/results-export.json was
  written by version 1 (workbooks of schema version 1, one anonymous client
  person); it reads, as it is and as version 2 (with a participant), to
  workbooks that score the very T, IS, IC and R the file recorded.

To renew the version 3 file after a deliberate change of the format:
    .venv/bin/python tests/test_results_golden.py --write
"""

import json
import random
import sys
from fractions import Fraction
from pathlib import Path

if __name__ == "__main__":   # --write, run as a script
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1] / "py")]

import migrations
import results
import scoring
from workbook_strategies import (
    METHOD, largest_workbook, random_workbook, version_0, version_1, worked_example, worked_example_account)

GOLDEN = Path(__file__).resolve().parent / "golden"
VERSION_1_FILE = GOLDEN / "results-export.json"
PINNED = GOLDEN / "results-export-v3.json"
INPUTS = GOLDEN / "results-v3-workbooks.json"
EXPORTED_AT = "2026-11-26T09:30:00.000Z"
FIGURES = ("IS", "IC", "R", "T")


def generated_workbooks():
    """What the pinned file was made from (kept in INPUTS, so that a change
    of the test generators does not move the pin)."""
    rng = random.Random(20261201)
    reviewed = worked_example_account()
    reviewed.update({"id": "wb-reviewed", "client_type": "government",
                     "review": [{"id": "budget", "state": "open", "note": "明年预算未批"},
                                {"id": "no_decider", "state": "cleared", "note": ""}]})
    found = [worked_example(), worked_example_account(), largest_workbook(), version_0(worked_example()),
             version_1(worked_example()), reviewed]
    found += [random_workbook(rng, malformed=0.2) for _ in range(6)]
    return found


def fixed_workbooks():
    return json.loads(INPUTS.read_text(encoding="utf-8"))


def exported_text():
    return results.document_text(results.export_document(fixed_workbooks(), METHOD, EXPORTED_AT, "golden", "王芳"))


def as_read(workbook):
    """A workbook of any version as the current one, as a reader sees it."""
    return scoring.normalise(migrations.migrate_stored_workbook(workbook, METHOD), METHOD)


def test_the_exported_file_of_a_fixed_set_of_workbooks_is_unchanged_to_the_byte():
    assert exported_text() == PINNED.read_text(encoding="utf-8")


def test_the_pinned_file_reads_back_to_the_same_workbooks_and_exact_figures():
    workbooks, errors = results.read_document(PINNED.read_text(encoding="utf-8"), METHOD, "en")
    assert errors == []
    assert workbooks == [as_read(workbook) for workbook in fixed_workbooks()]
    entries = json.loads(PINNED.read_text(encoding="utf-8"))["workbooks"]
    assert len(entries) == len(fixed_workbooks()) == 12
    for read_back, original, entry in zip(workbooks, fixed_workbooks(), entries):
        again = scoring.score(read_back, METHOD, exact=True)
        before = scoring.score(as_read(original), METHOD, exact=True)
        for name in FIGURES:
            assert Fraction(*again["exact"][name]) == Fraction(*before["exact"][name])
            assert entry["result"][name] == again[name]
            assert entry["result"]["text"][name] == again["text"][name]
        assert [person["T"] for person in entry["result"]["people"]] == [person["T"] for person in again["people"]]
        assert entry["review"] == results.review_summary(scoring.review(read_back, METHOD))
    assert entries[1]["result"]["T"] == 192.25 and len(entries[2]["workbook"]["people"]) == 12
    assert entries[5]["review"] == {"open": ["no_inside_support", "budget"],
                                    "by_hand": [{"id": "no_decider", "state": "cleared"},
                                                {"id": "budget", "state": "open"}]}


def version_2_text():
    """The version 1 file as version 2 wrote the same workbooks: a participant."""
    return VERSION_1_FILE.read_text(encoding="utf-8").replace(
        '  "schema_version": 1,\n', '  "schema_version": 2,\n', 1).replace(
        '"version": "golden"},\n', '"version": "golden"},\n  "participant": "王芳",\n', 1)


def test_a_file_of_version_1_or_2_still_imports_and_scores_the_same_figures():
    entries = json.loads(VERSION_1_FILE.read_text(encoding="utf-8"))["workbooks"]
    assert {entry["workbook"]["schema_version"] for entry in entries} == {1}
    for text, participant in ((VERSION_1_FILE.read_text(encoding="utf-8"), ""), (version_2_text(), "王芳")):
        read = results.read_results(text, METHOD, "zh")
        assert read["errors"] == [] and read["participant"] == participant
        assert len(read["workbooks"]) == len(entries) == 9
        for workbook, entry in zip(read["workbooks"], entries):
            assert workbook["schema_version"] == 2 and len(workbook["people"]) == 1
            again = scoring.score(workbook, METHOD)
            for name in FIGURES:
                assert again[name] == entry["result"][name]
                assert again["text"][name] == entry["result"]["text"][name]
            assert again["people"][0]["T"] == entry["result"]["T"]


def test_the_pinned_inputs_are_what_the_generators_make():
    # If this fails the generators changed: the pin still holds, on the kept inputs.
    assert json.loads(json.dumps(generated_workbooks())) == fixed_workbooks()


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    INPUTS.write_text(json.dumps(generated_workbooks(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    PINNED.write_text(exported_text(), encoding="utf-8")
    print("wrote", INPUTS, PINNED)
