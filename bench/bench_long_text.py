"""Benchmark (not a test): reading an import file with one long note, under
MicroPython (the page's interpreter, in Node by tools/run_micropython.mjs).

    .venv/bin/python bench/bench_long_text.py [--sizes 10000,20000,100000,1000000,5000000]

For each note length it prints the time of results.read_document() on the
file (what an import and the facilitator's room pay) beside the time of
json.loads() alone on the same text, which is what reading cost before the
reader refused texts longer than the limit unparsed: MicroPython's json
grows a string 16 bytes at a time, so that time grows with the square of
the note's length.  json.loads is timed only up to 400,000 characters (a
5 MB note took about a minute).
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "tests")]

import build  # noqa: E402
from fixtures import METHOD_PATH, worked_example  # noqa: E402
from interpreters import CORE_MODULES  # noqa: E402

LOADS_UP_TO = 400000

MP_BENCH = r'''
import json
import sys
import time

import results


def ms(call):
    start = time.ticks_ms()
    call()
    return time.ticks_diff(time.ticks_ms(), start)


method = json.loads(open("method.json").read())
template = open("workbook.json").read()
for size in [int(n) for n in sys.argv[1].split(",")]:
    text = template.replace("@NOTE@", "字" * size)
    read_ms = ms(lambda: results.read_document(text, method, "en"))
    workbooks, errors = results.read_document(text, method, "en")
    outcome = "read" if workbooks else "refused"
    loads_ms = ms(lambda: json.loads(text)) if size <= %d else None
    print("%%9d chars  read_document %%6d ms (%%s)  json.loads %%s" %% (
        size, read_ms, outcome, "%%6d ms" %% loads_ms if loads_ms is not None else "(not timed)"))
''' % LOADS_UP_TO


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,20000,100000,200000,400000,1000000,5000000")
    parser.add_argument("--heap", type=int, default=256)
    args = parser.parse_args()
    workbook = worked_example()
    workbook["seller"]["product"][0]["note"] = "@NOTE@"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = []
        for module in CORE_MODULES + ["library.py", "migrations.py", "results.py"]:
            compiled = folder / build.shipped_name(module, "micropython")
            build.compile_for_micropython(ROOT / "py" / module, compiled)
            files += ["--put", str(compiled)]
        (folder / "workbook.json").write_text(json.dumps(workbook, ensure_ascii=False), encoding="utf-8")
        script = folder / "bench_main.py"
        script.write_text(MP_BENCH, encoding="utf-8")
        command = ["node", str(ROOT / "tools" / "run_micropython.mjs"), *files,
                   "--put", f"{METHOD_PATH}:method.json", "--put", f"{folder / 'workbook.json'}:workbook.json",
                   "--heap", str(args.heap), str(script), args.sizes]
        print("One note of N characters in an import file, under MicroPython:")
        subprocess.run(command, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
