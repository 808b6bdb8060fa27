"""tools/serve.py serves the site the way a real static host does: compressed
text and WebAssembly, a long cache for content-hashed names only, 304s, and
requests held back on demand."""

from __future__ import annotations

import gzip
import threading
import urllib.request
from urllib.error import HTTPError

import pytest

from tools.serve import serve


@pytest.fixture
def site(tmp_path):
    (tmp_path / "runtime").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><p>信任工作簿</p>" * 100, encoding="utf-8")
    (tmp_path / "runtime" / "core-C9KDLldu.js").write_text("export const x = 1;\n" * 100)
    (tmp_path / "runtime" / "engine.wasm").write_bytes(b"\0asm" + b"\0" * 4000)
    (tmp_path / "tiny.json").write_text("{}")
    server = serve(tmp_path)
    yield server
    server.stop()


def fetch(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, b""


def test_text_and_webassembly_arrive_gzipped_when_the_browser_accepts_it(site):
    for path, content_type in (("", "text/html"), ("runtime/engine.wasm", "application/wasm")):
        status, headers, body = fetch(site.url + path, **{"Accept-Encoding": "gzip, br"})
        served_as = (status, headers["Content-Encoding"], headers["Content-Type"].split(";")[0])
        assert served_as == (200, "gzip", content_type)
        assert len(body) < len(gzip.decompress(body))
    status, headers, body = fetch(site.url)
    assert headers["Content-Encoding"] is None and body.startswith(b"<!doctype html>")


def test_only_content_hashed_names_are_cached_for_a_year(site):
    assert fetch(site.url + "runtime/core-C9KDLldu.js")[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert fetch(site.url + "runtime/engine.wasm")[1]["Cache-Control"] == "no-cache"
    assert fetch(site.url)[1]["Cache-Control"] == "no-cache"


def test_a_revalidation_of_an_unchanged_file_is_answered_304(site):
    _, headers, _ = fetch(site.url + "tiny.json", **{"Accept-Encoding": "gzip"})
    status, _, body = fetch(site.url + "tiny.json", **{"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_a_missing_file_is_404_and_a_folder_without_its_slash_is_redirected(site):
    assert fetch(site.url + "nothing.js")[0] == 404
    (site.directory / "en").mkdir()
    (site.directory / "en" / "index.html").write_text("<p>en</p>")
    status, _, body = fetch(site.url + "en")
    assert (status, body) == (200, b"<p>en</p>")


def test_held_requests_wait_until_the_hold_ends(site):
    answers = []
    with site.hold("runtime/"):
        waiting = threading.Thread(target=lambda: answers.append(fetch(site.url + "runtime/engine.wasm")[0]))
        waiting.start()
        assert fetch(site.url + "tiny.json")[0] == 200
        waiting.join(0.5)
        assert answers == []
    waiting.join(10)
    assert answers == [200]
