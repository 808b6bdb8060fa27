"""The results file keeps its format: the file exported from a fixed set of
workbooks is pinned byte for byte (tests/golden/results-export.json, written
by the code before the core's refactor), and reading it back gives the same
workbooks and the same IS, IC, R and T."""

import json
import random
from fractions import Fraction
from pathlib import Path

import results
import scoring
from workbook_strategies import METHOD, largest_workbook, random_workbook, version_0, worked_example

GOLDEN = Path(__file__).resolve().parent / "golden" / "results-export.json"
EXPORTED_AT = "2026-11-26T09:30:00.000Z"


def fixed_workbooks():
    """The worked example, the largest workbook, a pilot (version 0) workbook,
    and random workbooks with odd settings (floats, clamped values, junk)."""
    rng = random.Random(20261201)
    found = [worked_example(), largest_workbook(), version_0(worked_example())]
    found += [random_workbook(rng, malformed=0.2) for _ in range(6)]
    return found


def exported_text():
    return results.document_text(results.export_document(fixed_workbooks(), METHOD, EXPORTED_AT, "golden"))


def test_the_exported_file_of_a_fixed_set_of_workbooks_is_unchanged_to_the_byte():
    assert exported_text() == GOLDEN.read_text(encoding="utf-8")


def test_the_pinned_file_reads_back_to_the_same_workbooks_and_exact_figures():
    workbooks, errors = results.read_document(GOLDEN.read_text(encoding="utf-8"), METHOD, "en")
    assert errors == []
    expected = [scoring.normalise(workbook, METHOD) for workbook in fixed_workbooks()]
    assert workbooks == expected
    entries = json.loads(GOLDEN.read_text(encoding="utf-8"))["workbooks"]
    for read_back, original, entry in zip(workbooks, fixed_workbooks(), entries):
        again = scoring.score(read_back, METHOD, exact=True)
        before = scoring.score(original, METHOD, exact=True)
        for name in ("IS", "IC", "R", "T"):
            assert Fraction(*again["exact"][name]) == Fraction(*before["exact"][name])
            assert entry["result"][name] == again[name]
            assert entry["result"]["text"][name] == again["text"][name]
