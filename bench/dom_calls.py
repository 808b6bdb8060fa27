# What one call from Python to the page costs: the same loops run on the
# page's main thread and in a worker (through PyScript's synchronous proxy of
# the page's document, SharedArrayBuffer and Atomics). bench_worker_floor.py
# reads the result from body[data-result] once body[data-ready="1"].
import json

import js
from pyscript import document, window

CALLS = 1000
FINDS = 100  # a find costs ten times a write in a worker: fewer keep the run short
WARM_UP = 50
KEYSTROKE_WRITES = 40  # the workbook's keystroke writes about 20-60 properties


def now():
    return js.performance.now()


shown = document.getElementById("shown")
typed = document.getElementById("typed")
cells = [document.getElementById("cell-%d" % n) for n in range(KEYSTROKE_WRITES)]


def python_only(count):
    for i in range(count):
        _text = str(i)


def write_text(count):
    for i in range(count):
        shown.textContent = str(i)


def read_value(count):
    for i in range(count):
        _text = typed.value


def find_element(count):
    for i in range(count):
        _element = document.getElementById("shown")


def keystroke_one_by_one(count):
    for i in range(count):
        for cell in cells:
            cell.textContent = str(i)


def keystroke_in_one_call(count):
    apply_writes = window.benchApplyWrites
    for i in range(count):
        apply_writes(json.dumps([["cell-%d" % n, str(i)] for n in range(KEYSTROKE_WRITES)]))


def micro_seconds_per_call(work, count):
    work(min(WARM_UP, count))
    start = now()
    work(count)
    return (now() - start) * 1000 / count


result = {
    "python_only_us": micro_seconds_per_call(python_only, CALLS * 10),
    "write_text_us": micro_seconds_per_call(write_text, CALLS),
    "read_value_us": micro_seconds_per_call(read_value, CALLS),
    "find_element_us": micro_seconds_per_call(find_element, FINDS),
    "keystroke_one_by_one_ms": micro_seconds_per_call(keystroke_one_by_one, 25) / 1000,
    "keystroke_in_one_call_ms": micro_seconds_per_call(keystroke_in_one_call, 25) / 1000,
    "check": shown.textContent,
}
document.body.setAttribute("data-result", json.dumps(result))
document.body.setAttribute("data-ready", "1")
