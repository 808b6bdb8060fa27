"""Nothing typed or imported is destroyed on its way through the reader
(issue #13: surrogates, long texts); the browser's side of the same cases is
in test_text_integrity_page.py."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import results
from interpreters import CORE_MODULES, both
from workbook_strategies import METHOD, worked_example

ROOT = Path(__file__).resolve().parents[1]
LIMIT = METHOD["limits"]["text"]


def file_with_note(note_json: str) -> str:
    """A bare workbook whose first product note is the given JSON text, as
    an ordinary writer with ASCII escapes might have written it."""
    workbook = worked_example()
    workbook["seller"]["product"][0]["note"] = "@NOTE@"
    return json.dumps(workbook).replace('"@NOTE@"', note_json)


def first_note(text: str, language="en"):
    workbooks, errors = results.read_document(text, METHOD, language)
    assert errors == []
    return workbooks[0]["seller"]["product"][0]["note"]


def test_an_escaped_surrogate_pair_reads_as_the_character_it_stands_for():
    assert first_note(file_with_note('"ok \\ud83d\\udc4d done"')) == "ok \U0001f44d done"


def test_a_lone_escaped_surrogate_is_replaced_visibly_and_nothing_else_is_lost():
    assert first_note(file_with_note('"前\\ud800后"')) == "前\ufffd后"
    assert first_note(file_with_note('"\\udc4d\\ud83d"')) == "\ufffd\ufffd"
    assert first_note(file_with_note('"end \\ud83d"')) == "end \ufffd"


# Any text, surrogates (paired or lone) included, as a writer with ASCII
# escapes writes it.
ANY_TEXT = st.text(st.characters(codec=None, categories=["Cs", "Lo", "Ll", "Cc", "So", "Zs"]), max_size=30)


def mended(text: str) -> str:
    """What a note should read as: pairs joined, each lone surrogate U+FFFD
    (UTF-16's own decoder, with replacement, says so)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(ANY_TEXT)
def test_any_escaped_text_reads_whole_with_only_lone_surrogates_replaced(text):
    note = first_note(file_with_note(json.dumps(text)))
    assert note == mended(text)
    note.encode("utf-8")  # writable as UTF-8: no surrogate is left


def test_a_nul_in_a_note_is_kept_with_everything_after_it():
    assert first_note(file_with_note('"前\\u0000后"')) == "前\x00后"


def test_a_text_at_the_limit_reads_and_one_character_more_is_refused_with_its_path():
    assert first_note(file_with_note(json.dumps("字" * LIMIT, ensure_ascii=False))) == "字" * LIMIT
    workbooks, errors = results.read_document(
        file_with_note(json.dumps("字" * (LIMIT + 1), ensure_ascii=False)), METHOD, "zh")
    assert workbooks == []
    assert errors == [{"path": "seller.product[0].note",
                       "message": "文字超过 %d 个字符的上限。" % LIMIT}]


def test_a_huge_text_is_refused_before_the_file_is_parsed():
    # Parsing a 5 MB string takes a minute under MicroPython (the parser
    # grows its buffer 16 bytes at a time); the reader must refuse it first.
    text = file_with_note(json.dumps("x" * 4_000_000))
    workbooks, errors = results.read_document(text, METHOD, "en")
    assert workbooks == []
    assert errors == [{"path": "", "message": "A text in this file is longer than %d characters." % LIMIT}]


def test_a_huge_text_of_escaped_quotes_is_refused_before_the_file_is_parsed_too():
    text = file_with_note(json.dumps('"' * 1_000_000))
    assert results.read_document(text, METHOD, "en")[1] == [
        {"path": "", "message": "A text in this file is longer than %d characters." % LIMIT}]


def test_many_texts_ending_in_a_backslash_are_not_taken_for_one_long_text():
    workbook = worked_example()
    workbook["client"]["needs"] = [{"id": "need-%d" % n, "text": "x" * 4000 + "\\"} for n in range(1, 31)]
    workbook["common_ground"] = [{"id": "cg-%d" % n, "text": "y" * 4000 + "\\"} for n in range(1, 31)]
    workbooks, errors = results.read_document(json.dumps(workbook), METHOD, "en")
    assert errors == [] and workbooks[0]["client"]["needs"][0]["text"].endswith("x\\")


def test_an_escaped_text_is_measured_by_its_characters_not_its_escapes():
    escaped = json.dumps("字" * LIMIT)  # six bytes per character in the file
    assert len(escaped) > 6 * LIMIT
    assert first_note(file_with_note(escaped)) == "字" * LIMIT


HARNESS = r'''
import json
import results


def run(method_text, texts_text):
    method = json.loads(method_text)
    for text in json.loads(texts_text):
        workbooks, errors = results.read_document(text, method, "en")
        if errors:
            yield "errors " + json.dumps(errors)
        else:
            yield "note " + " ".join([hex(ord(ch)) for ch in workbooks[0]["seller"]["product"][0]["note"]])
'''


def test_micropython_reads_escaped_emoji_and_lone_surrogates_as_cpython_does(tmp_path):
    texts = [file_with_note(note) for note in (
        '"\\ud83d\\udc4d"', '"a\\ud800b"', '"\\udc00"', '"\\uD83D\\uDE00!"', '"\\u0000x"', '"中\\u6587"')]
    texts.append(file_with_note(json.dumps("x" * (6 * LIMIT + 1))))
    inputs = {"method.json": (ROOT / "content" / "method.json").read_text(encoding="utf-8"),
              "texts.json": json.dumps(texts)}
    expected, got = both(HARNESS, CORE_MODULES + ["library.py", "migrations.py", "results.py"], inputs, tmp_path)
    assert expected[0] == "note 0x1f44d"
    assert expected[1] == "note 0x61 0xfffd 0x62"
    assert got == expected

