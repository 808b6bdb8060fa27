"""The workbook on Pyodide, for comparison only: the benchmark builds the
product (MicroPython) and renders the same pages again for Pyodide beside it.
The product itself knows one interpreter (build.INTERPRETER)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import build  # noqa: E402

PYODIDE_DIR = build.NODE_MODULES / "pyodide"
PYODIDE = {
    "script_type": "py",
    "module": "runtime/pyodide/pyodide.mjs",
    "files": ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"),
    "source": PYODIDE_DIR,
    "module_suffix": ".py",
}


def build_pyodide_site(out: Path) -> Path:
    """The built site with its pages rendered for Pyodide: the Python ships
    as source, the runtime is Pyodide's, and there is no service worker."""
    build.build(out)
    module_dir = out / Path(PYODIDE["module"]).parent
    build.copy_files(PYODIDE_DIR, PYODIDE["files"], module_dir)
    # Pyodide refuses to start without a lock file; the page installs no
    # packages, so an empty package list keeps every request local.
    lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text())
    lock["packages"] = {}
    (module_dir / "pyodide-lock.json").write_text(json.dumps(lock))
    shutil.rmtree(out / "runtime" / "micropython")
    for compiled in (out / "py").glob("*.mpy"):
        compiled.unlink()
    for module in build.shipped_modules():
        shutil.copy2(build.PY_DIR / module, out / "py" / module)
    (out / build.SERVICE_WORKER).unlink()
    build.render_pages(build.make_environment(), build.load_content(), "pyodide", out, interpreter=PYODIDE)
    return out
