"""Times the calls of a bench's cases under MicroPython (the page's
interpreter, in Node: tests/interpreters.py) and under CPython, with one
timing loop for both.

A bench's cases are Python source that runs unchanged in both interpreters
and defines make_cases(*texts) -> [(name, call)]; the texts are its inputs'
contents, in the order given.  Each case gives {"name", "per_call_us",
"batch_us"} (batch_us: empty unless batches are asked for)."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "py"), str(ROOT / "tests")]

from interpreters import micropython_lines  # noqa: E402

# Appended to the cases under MicroPython. Each call is timed with the host's
# performance.now() (through `js`, sub-microsecond resolution); batches, as a
# cross-check, with time.ticks_us() (whose resolution is 1 ms in this build).
MICROPYTHON_LOOP = r'''
import gc
import js
import time


def run(*texts):
    options = json.loads(texts[-1])
    calls = options["calls"]
    batch = options["batch"]
    for name, f in make_cases(*texts[:-1]):
        for i in range(options["warmup"]):
            f()
        gc.collect()
        per_call = []
        for i in range(calls):
            if options["collect"]:
                gc.collect()
            a = js.performance.now()
            f()
            per_call.append((js.performance.now() - a) * 1000.0)
        batches = []
        if batch:
            for i in range(max(5, calls // batch)):
                a = time.ticks_us()
                for j in range(batch):
                    f()
                batches.append(time.ticks_diff(time.ticks_us(), a) / batch)
        yield json.dumps({"name": name, "per_call_us": per_call, "batch_us": batches})
'''


def micropython(cases: str, modules: list[str], inputs: dict[str, str], calls: int, heap_mb: float,
                warmup: int = 30, collect: bool = False, batch: int = 0) -> list[dict]:
    """Each case timed under MicroPython, the modules (py/) compiled as the
    site ships them; `collect`: the garbage collected before each call (as
    the page does where it collects in a pause), else left to the
    interpreter, as part of the cost."""
    options = {"calls": calls, "warmup": warmup, "collect": collect, "batch": batch}
    with tempfile.TemporaryDirectory() as folder:
        lines = micropython_lines(cases + MICROPYTHON_LOOP, modules,
                                  {**inputs, "options.json": json.dumps(options)}, Path(folder),
                                  heap_mb=heap_mb, timeout=1800)
    return [json.loads(line) for line in lines if line.startswith("{")]


def cpython(cases: str, inputs: dict[str, str], calls: int, warmup: int = 30) -> list[dict]:
    """Each case timed under CPython (time.perf_counter_ns)."""
    namespace = {"__name__": "bench_cases"}
    exec(compile(cases, "bench_cases", "exec"), namespace)
    out = []
    for name, f in namespace["make_cases"](*inputs.values()):
        for _ in range(warmup):
            f()
        per_call = []
        for _ in range(calls):
            a = time.perf_counter_ns()
            f()
            per_call.append((time.perf_counter_ns() - a) / 1000)
        out.append({"name": name, "per_call_us": per_call, "batch_us": []})
    return out


def summary(values: list[float]) -> dict | None:
    """Median, p95 (nearest rank), min and max; None for no values."""
    values = sorted(values)
    if not values:
        return None
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"median": statistics.median(values), "p95": p95, "min": values[0], "max": values[-1]}
