"""Runs one harness under CPython and under MicroPython (the WebAssembly build
the page runs, driven by tools/run_micropython.mjs in Node), for the tests
that prove the browser computes what CPython computed.

A harness is Python source that runs unchanged in both interpreters and
defines run(*texts), a generator of output lines; the texts are the inputs'
contents, passed in the order given."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import build

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tools" / "run_micropython.mjs"

# The scoring core and the foundation it imports, as a harness's modules.
CORE_MODULES = ["jsontext.py", "content.py", "scoring.py"]

# Harness code for inputs with NaN and infinities, which JSON cannot carry:
# the inputs name them as strings and decode() turns them back into floats.
DECODE_NON_FINITE = r'''
NON_FINITE = {"__nan__": float("nan"), "__inf__": float("inf"), "__-inf__": float("-inf")}


def decode(x):
    if isinstance(x, str):
        if x in NON_FINITE:
            return NON_FINITE[x]
        return x
    if isinstance(x, list):
        return [decode(v) for v in x]
    if isinstance(x, dict):
        out = {}
        for k in x:
            out[k] = decode(x[k])
        return out
    return x
'''

# Harness code that writes any plain data as lines both interpreters print
# alike: one line per leaf, its path, its type and its text as UTF-8 hex.
LEAF_LINES = r'''
import binascii


def lines_of(x, path=""):
    if isinstance(x, dict):
        for key in sorted(x, key=str):
            for line in lines_of(x[key], path + "/" + str(key)):
                yield line
    elif isinstance(x, (list, tuple)):
        for position in range(len(x)):
            for line in lines_of(x[position], path + "/" + str(position)):
                yield line
    else:
        kind = "n" if x is None else "b" if x is True or x is False else "i" if type(x) is int else \
            "s" if isinstance(x, str) else "?"
        yield path + " " + kind + binascii.hexlify(str(x).encode("utf-8")).decode()
'''

# Appended to the harness under MicroPython: read the inputs, print the lines.
MICROPYTHON_MAIN = r'''

def _read(path):
    f = open(path)
    text = f.read()
    f.close()
    return text


for _line in run(*[_read(_name) for _name in {names!r}]):
    print(_line)
'''


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: the MicroPython parity tests need Node 20")
    return found


def cpython_lines(harness: str, texts: list[str]) -> list[str]:
    namespace = {"__name__": "harness"}
    exec(compile(harness, "harness", "exec"), namespace)
    return list(namespace["run"](*texts))


def micropython_lines(harness: str, modules: list[str], inputs: dict[str, str], folder: Path,
                      heap_mb: int | None = None, timeout: int = 300) -> list[str]:
    """The harness's lines under MicroPython, with py/<module> files compiled
    to bytecode as the site ships them, and the inputs (name -> text) in its
    file system."""
    arguments = [node(), str(RUNNER)]
    if heap_mb:
        arguments += ["--heap", str(heap_mb)]
    for module in modules:
        compiled = folder / build.shipped_name(module)
        build.compile_for_micropython(ROOT / "py" / module, compiled)
        arguments += ["--put", str(compiled)]
    for name, text in inputs.items():
        (folder / name).write_text(text, encoding="utf-8")
        arguments += ["--put", f"{folder / name}:{name}"]
    main = folder / "harness_main.py"
    main.write_text(harness + MICROPYTHON_MAIN.format(names=list(inputs)), encoding="utf-8")
    proc = subprocess.run(arguments + [str(main)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)
    assert proc.returncode == 0, "MicroPython run failed:\n" + proc.stderr[-4000:]
    return proc.stdout.splitlines()


def both(harness: str, modules: list[str], inputs: dict[str, str], folder: Path, **options):
    """(CPython's lines, MicroPython's lines) of the same harness and inputs."""
    return cpython_lines(harness, list(inputs.values())), micropython_lines(harness, modules, inputs, folder, **options)
