"""Runs the test suite in four tiers, fastest first, and prints the time of
each: what `make test` (and so CI) runs after `ruff check`.

    .venv/bin/python tools/test_tiers.py [PYTEST_ARGS...]

- python: the core, the build and everything else that needs no browser
  marker, with the parity tests that run the core under MicroPython in Node
  (the tests named test_micropython_*, and test_micropython_parity.py);
- browser: the pages in Debian's Chromium (marked `browser`);
- engines: the pages in Debian's WebKitGTK and Firefox ESR (marked
  `engines`, tests/test_engines.py).

Every tier runs even when an earlier one fails; the exit status is that of
the first tier that failed.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_TESTS_COLLECTED = 5

# The CPU-bound tier runs on every core (pytest-xdist): the pure tests and
# the MicroPython parity tests in one run, so that the few long parity tests
# (30-40 s each) share the cores with the many short ones instead of
# running last with one core idle; worksteal hands a worker that is done
# some of the other's queue.  The pages' tiers stay in one process: their
# tests share the machine with the browser they drive.
TIERS = (
    ("python", ["-m", "not browser and not engines", "-n", "auto", "--dist", "worksteal"]),
    ("browser", ["-m", "browser"]),
    ("engines", ["-m", "engines"]),
)


def main(extra):
    timings = []
    status = 0
    for name, selection in TIERS:
        print(f"\n==== tier: {name}", flush=True)
        start = time.monotonic()
        code = subprocess.call([sys.executable, "-m", "pytest", *selection, *extra], cwd=ROOT)
        timings.append((name, time.monotonic() - start, code))
        if code not in (0, NO_TESTS_COLLECTED) and status == 0:
            status = code
    print("\n==== time of each tier")
    for name, seconds, code in timings:
        outcome = "passed" if code in (0, NO_TESTS_COLLECTED) else f"FAILED (exit {code})"
        print(f"{name:>12}  {seconds:7.1f} s  {outcome}")
    print(f"{'all':>12}  {sum(seconds for _, seconds, _ in timings):7.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
