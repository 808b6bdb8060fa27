"""The browser computes what the tests checked: py/scoring.py (model version 2,
the account's people) gives exactly the
same results under MicroPython (the WebAssembly build the page runs, driven
by tools/run_micropython.mjs in Node) as under CPython.

Both interpreters run the same harness (HARNESS below) on the same JSON text
of a few hundred workbooks (edge cases, odd floats, malformed input) and
write every result in a canonical form that the harness controls: keys
sorted, ints in decimal, floats as their 8 IEEE-754 bytes, strings as UTF-8
hex.  The two outputs must be identical, line by line.  One Node process
runs the whole batch.
"""

import json
import subprocess

import pytest

from interpreters import CORE_MODULES, DECODE_NON_FINITE, ROOT, RUNNER, both, node
from workbook_strategies import METHOD_PATH, ODD_FLOATS, parity_cases

# Runs unchanged under CPython and MicroPython.
HARNESS = r'''
import json
import struct
import binascii
import jsontext
import scoring

''' + DECODE_NON_FINITE + r'''

def canon(x, out):
    if x is None:
        out.append("N")
    elif x is True:
        out.append("T")
    elif x is False:
        out.append("F")
    elif type(x) is int:
        out.append("i" + str(x) + ";")
    elif type(x) is float:
        out.append("f" + binascii.hexlify(struct.pack(">d", x)).decode())
    elif isinstance(x, str):
        out.append("s" + binascii.hexlify(x.encode("utf-8")).decode() + ";")
    elif isinstance(x, dict):
        out.append("{")
        for k in sorted(x):
            canon(k, out)
            out.append(":")
            canon(x[k], out)
            out.append(",")
        out.append("}")
    elif isinstance(x, (list, tuple)):
        out.append("[")
        for v in x:
            canon(v, out)
            out.append(",")
        out.append("]")
    else:
        out.append("?" + str(type(x)))


def line(name, value):
    out = []
    canon(value, out)
    return name + " " + "".join(out)


def run(cases_text, method_text, numbers_text):
    method = json.loads(method_text)
    prepared = scoring.prepare(method)
    cases = json.loads(cases_text)
    for i in range(len(cases)):
        wb = decode(cases[i])
        n = scoring.normalise(wb, method)
        r = scoring.score(wb, prepared)
        yield line("case-%d" % i, {
            "score": r,
            "exact_score": scoring.score(wb, prepared, exact=True),
            "normalise": n,
            "settings": scoring.settings_for(wb, method),
            "dumps": jsontext.dumps(n),
            "dumps_score": jsontext.dumps(r),
            "rescore": scoring.score(n, prepared) == r,
        })
    yield line("blank", scoring.blank_workbook(method, "wb-1", "名字"))
    yield line("defaults", scoring.default_settings(method))
    numbers = decode(json.loads(numbers_text))
    texts = []
    for x in numbers:
        for d in range(7):
            texts.append(jsontext.format_number(x, d))
    yield line("format_number", texts)
    yield line("dumps_numbers", [jsontext.dumps(numbers), jsontext.dumps(numbers, 2)])
    yield line("blank_text", [jsontext.is_blank(t) for t in
                              ["", " ", "\u3000", "\u200b\ufeff", "a", " \u3000x", None, 5]])
'''

NUMBERS = ODD_FLOATS + [0.0, 1.0, 248.0, 6.5, -2.675, 0.125, 1e15, 1e16, -1e17, 123456789.987654,
                        2 ** 53 + 0.0, 1e-6, 5e-7, 4.9999999e-7, "__nan__", "__inf__", "__-inf__",
                        0, 7, -3, 10 ** 20]


@pytest.fixture(scope="module")
def parity_run(tmp_path_factory):
    cases = parity_cases(seed=1234, n=240)
    inputs = {
        "cases.json": json.dumps(cases, ensure_ascii=False),
        "method.json": METHOD_PATH.read_text(encoding="utf-8"),
        "numbers.json": json.dumps(NUMBERS),
    }
    expected, got = both(HARNESS, CORE_MODULES, inputs, tmp_path_factory.mktemp("parity"))
    return len(cases), expected, got


def test_micropython_scores_every_case_exactly_as_cpython(parity_run):
    n_cases, expected, got = parity_run
    assert n_cases >= 200
    assert len(expected) == n_cases + 5
    assert len(got) == len(expected), "MicroPython wrote %d lines, CPython %d" % (
        len(got), len(expected))
    diffs = [e.split(" ", 1)[0] for e, g in zip(expected, got) if e != g]
    assert diffs == [], "results differ for %d cases, first: %s" % (len(diffs), diffs[:10])


def test_the_parity_cases_cover_real_results():
    cases = parity_cases(seed=1234, n=240)
    import scoring
    from workbook_strategies import METHOD, decode_non_finite
    results = [scoring.score(decode_non_finite(c), METHOD) for c in cases]
    assert sum(1 for r in results if r["T"] > 0) > 100
    assert sum(1 for r in results if len(r["next_moves"]) == 6) > 50
    assert sum(1 for r in results if r["indicators"]["reciprocity"] is not None) > 100
    assert len({p["contact_factor"] for r in results for p in r["people"]}) > 50
    assert len({r["settings"]["weights"]["needs"] for r in results}) > 50
    # The account's people: several of them, up to the limit, with moves of each kind.
    assert sum(1 for r in results if len(r["people"]) > 1) > 80
    assert max(len(r["people"]) for r in results) == 12
    assert {m["kind"] for r in results for m in r["next_moves"]} == {
        "disclose", "tell", "learn", "raise_level"}
    assert sum(1 for r in results if r["common_ground"]) > 100


def test_the_runner_fails_when_python_raises():
    proc = subprocess.run([node(), str(RUNNER), "-c", "print('before')\nraise ValueError('boom')"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == "before\n"
    assert "ValueError: boom" in proc.stderr
