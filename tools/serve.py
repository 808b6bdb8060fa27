"""The one static server of the project: `make serve`, the browser tests, the
benchmarks and the screenshot tool all serve the built site with it.

It serves like a real static host rather than like `python -m http.server`:
gzip for text, JavaScript, JSON and WebAssembly when the browser accepts it,
validators (ETag, Last-Modified) with 304 answers, and cache lifetimes: a year
for the runtime's content-hashed chunks, revalidation for everything else
(pages, the page's Python, the content and the service worker change under the
same name from one build to the next).

    from tools.serve import serve
    server = serve(site_dir)              # free port on 127.0.0.1, in a thread
    server.url                            # "http://127.0.0.1:PORT/"
    with server.hold("runtime/"):         # requests under runtime/ wait ...
        ...                               # ... until the block ends
    server.stop()

    python tools/serve.py site --port 8000          # the same server, in front
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import io
import os
import re
import sys
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
# What a host compresses: text formats and WebAssembly (the interpreter's
# .wasm shrinks to about 40 %); the .mpy bytecode is compressed as well.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/wasm",
                    "application/octet-stream", "image/svg+xml")
MIN_COMPRESSED_BYTES = 512
# The level most hosts use by default (nginx gzip_comp_level 6 is common).
GZIP_LEVEL = 6
# The runtime's chunks carry a content hash in their name (core-C9KDLldu.js):
# a new build that changes one gets a new name, so a browser may keep it.
HASHED_NAME = re.compile(r"-[A-Za-z0-9_-]{8}\.(?:js|mjs|css)$")
CACHE_HASHED = "public, max-age=31536000, immutable"
CACHE_OTHER = "no-cache"
EXTRA_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".mpy": "application/octet-stream",
    ".webmanifest": "application/manifest+json",
}


def cache_control(path: str) -> str:
    return CACHE_HASHED if HASHED_NAME.search(path) else CACHE_OTHER


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSED_TYPES)


def accepts_gzip(header: str | None) -> bool:
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class StaticServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, directory: Path, port: int = 0, compress: bool = True, host: str = HOST):
        self.directory = Path(directory).resolve()
        self.compress = compress
        self._gzipped: dict[tuple[str, int, int], bytes] = {}
        self._gzip_lock = threading.Lock()
        self._held: list[tuple[tuple[str, ...], threading.Event]] = []
        self._held_lock = threading.Lock()
        super().__init__((host, port), StaticHandler)
        self.url = f"http://{host}:{self.server_address[1]}/"
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ holding requests back

    @contextmanager
    def hold(self, *path_fragments: str):
        """Requests whose path contains one of the fragments wait until the
        block ends: a page can be watched before its engine arrives without
        blocking the test that watches it."""
        released = threading.Event()
        entry = (path_fragments, released)
        with self._held_lock:
            self._held.append(entry)
        try:
            yield
        finally:
            released.set()
            with self._held_lock:
                self._held.remove(entry)

    def wait_if_held(self, path: str) -> None:
        with self._held_lock:
            gates = [released for fragments, released in self._held
                     if any(fragment in path for fragment in fragments)]
        for released in gates:
            released.wait()

    def release_all(self) -> None:
        with self._held_lock:
            for _, released in self._held:
                released.set()

    # ------------------------------------------------------------ compression

    def gzipped(self, file: Path, stat: os.stat_result) -> bytes:
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        with self._gzip_lock:
            body = self._gzipped.get(key)
        if body is None:
            body = gzip.compress(file.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
            with self._gzip_lock:
                self._gzipped[key] = body
        return body

    # ------------------------------------------------------------ running

    def start(self) -> StaticServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release_all()
        self.shutdown()
        self.server_close()

    def __exit__(self, *exc_info):
        self.stop()

    def handle_error(self, request, client_address):
        # A browser context closed while it was still fetching: not news.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class StaticHandler(SimpleHTTPRequestHandler):
    server: StaticServer
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(args[2].directory), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass

    def send_head(self):
        url_path = unquote(urlsplit(self.path).path)
        self.server.wait_if_held(url_path)
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            if not url_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            file = file / "index.html"
        if not file.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        stat = file.stat()
        content_type = self.guess_type(str(file))
        use_gzip = (self.server.compress and is_compressible(content_type)
                    and stat.st_size >= MIN_COMPRESSED_BYTES
                    and accepts_gzip(self.headers.get("Accept-Encoding")))
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if use_gzip else ""}"'
        last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self.not_modified(etag, stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_validators(url_path, etag, last_modified)
            self.end_headers()
            return None
        body = self.server.gzipped(file, stat) if use_gzip else file.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_validators(url_path, etag, last_modified)
        self.end_headers()
        return io.BytesIO(body)

    def send_validators(self, url_path: str, etag: str, last_modified: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Cache-Control", cache_control(url_path))
        if self.server.compress:
            self.send_header("Vary", "Accept-Encoding")

    def not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in (tag.strip() for tag in if_none_match.split(","))
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= since
        return False


def serve(directory: Path, port: int = 0, compress: bool = True, host: str = HOST) -> StaticServer:
    """Serve `directory` on host:port (0: a free port) in a daemon thread."""
    return StaticServer(directory, port=port, compress=compress, host=host).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built site like a static host.")
    parser.add_argument("directory", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default=HOST)
    parser.add_argument("--no-compress", dest="compress", action="store_false",
                        help="send every file as it is on disk")
    args = parser.parse_args(argv)
    server = StaticServer(args.directory, port=args.port, compress=args.compress, host=args.bind)
    print(f"Trust Workbook: {server.url} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
