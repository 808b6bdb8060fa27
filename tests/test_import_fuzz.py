"""Ten thousand malformed or hostile import files: reading one never crashes
and never yields part of a file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import results
import scoring
from workbook_strategies import METHOD, junk, malformed_workbooks, workbooks

HOSTILE_TEXTS = [
    line for line in (Path(__file__).parent / "hostile_payloads.txt").read_text(encoding="utf-8").splitlines() if line
]
# 10,000 documents in all, spread by cost; derandomized so CI is repeatable.
def fuzz(examples):
    return settings(
        max_examples=examples, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
METHOD_BEFORE = copy.deepcopy(METHOD)
MODEL = scoring.prepare(METHOD)


def read_without_the_safety_net(text: str):
    """read_document() turns an internal exception into a generic error, which
    would hide a crash from this test: call what it wraps."""
    return results._read(text, METHOD, "zh", True)


def assert_whole_file_or_nothing(text: str):
    found, errors = read_without_the_safety_net(text)
    assert (found == []) != (errors == []), "a file gives workbooks or errors, never both or neither"
    for error in errors:
        assert isinstance(error["path"], str) and error["message"]
    # Every text read can be written as UTF-8: no lone surrogate gets through.
    json.dumps(found, ensure_ascii=False).encode("utf-8")
    for workbook in found:
        assert scoring.normalise(workbook, MODEL) == workbook
        scoring.score(workbook, MODEL)
    assert METHOD == METHOD_BEFORE


def valid_export(generated):
    """An exported document as a reader parses it. Through the standard json
    module: the export's own readable writer, in pure Python, was half of the
    mutation test's time (tests/test_results.py checks that writer)."""
    return json.loads(json.dumps(results.export_document(generated, MODEL, "2026-11-26", "fuzz"), ensure_ascii=False))


def mutations():
    """A valid results file with one part broken: a key dropped, a value
    replaced by junk or hostile text, or the text cut short."""
    hostile = st.sampled_from(HOSTILE_TEXTS)
    replacement = st.one_of(junk(), hostile)

    @st.composite
    def mutated(draw):
        document = valid_export(draw(st.lists(workbooks(max_needs=3, max_shared=3), min_size=1, max_size=2)))
        node = document
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node))) if isinstance(node, dict) else draw(
                st.integers(0, len(node) - 1)
            )
            path.append((node, key))
            node = node[key]
        if path:
            parent, key = path[-1]
            if draw(st.booleans()) and isinstance(parent, dict):
                del parent[key]
            else:
                parent[key] = draw(replacement)
        text = json.dumps(document, ensure_ascii=False)
        if draw(st.integers(0, 9)) == 0:
            text = text[: draw(st.integers(0, len(text)))]
        return text

    return mutated()


@fuzz(3000)
@given(mutations())
def test_a_results_file_with_one_part_broken_is_read_whole_or_refused(text):
    assert_whole_file_or_nothing(text)


@fuzz(1000)
@given(malformed_workbooks().map(lambda value: json.dumps(value, ensure_ascii=False)))
def test_a_malformed_bare_workbook_is_read_whole_or_refused(text):
    assert_whole_file_or_nothing(text)


@fuzz(3500)
@given(st.one_of(junk().map(lambda value: json.dumps(value, ensure_ascii=False)), st.text(max_size=200)))
def test_junk_json_and_random_text_are_refused_without_a_crash(text):
    assert_whole_file_or_nothing(text)


@fuzz(2500)
@given(
    st.lists(st.sampled_from(HOSTILE_TEXTS), min_size=1, max_size=4),
    st.sampled_from(["name", "account", "note", "text", "person", "title", "organisation"]),
)
def test_hostile_strings_anywhere_a_user_types_are_kept_as_plain_text(payloads, field):
    workbook = scoring.blank_workbook(MODEL, "wb-1", "例")
    joined = " ".join(payloads)
    if field in ("name", "account"):
        workbook[field] = joined
    elif field == "note":
        workbook["seller"]["product"][0]["note"] = joined
    elif field == "text":
        workbook["client"]["needs"] = [{"id": "need-1", "text": joined, "known": True}]
    elif field == "organisation":
        workbook["people"][0]["motives"]["organisation"] = joined
    else:
        workbook["people"][0]["name" if field == "person" else "title"] = joined
    found, errors = read_without_the_safety_net(json.dumps(workbook, ensure_ascii=False))
    assert errors == []
    (read,) = found
    kept = {
        "name": read["name"],
        "account": read["account"],
        "note": read["seller"]["product"][0]["note"],
        "text": read["client"]["needs"][0]["text"] if read["client"]["needs"] else None,
        "person": read["people"][0]["name"],
        "title": read["people"][0]["title"],
        "organisation": read["people"][0]["motives"]["organisation"],
    }
    assert kept[field] == joined
