"""Runs the test suite in four tiers, fastest first, and prints the time of
each: what `make test` (and so CI) runs after `ruff check`.

    .venv/bin/python tools/test_tiers.py [PYTEST_ARGS...]

- pure: the core, the build and everything else that needs neither
  MicroPython nor a browser;
- micropython: the parity tests, the core run under MicroPython in Node
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

# The CPU-bound tiers run on every core (pytest-xdist): 258 -> 163 s and
# 106 -> 60 s on 2 cores.  The pages' tiers stay in one process: their tests
# share the machine with the browser they drive.
TIERS = (
    ("pure", ["-m", "not browser and not engines", "-k", "not micropython", "-n", "auto"]),
    ("micropython", ["-m", "not browser and not engines", "-k", "micropython", "-n", "auto"]),
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
