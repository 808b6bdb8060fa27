"""Shared fixtures: one built site per test session, a static server for it on
a free localhost port, and Playwright pointed at Debian's Chromium with every
request that would leave localhost blocked and recorded."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

import build
from fixtures import CHROMIUM, CHROMIUM_ARGS

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


def serve(directory: Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build.build(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def outside_requests(context) -> list[str]:
    """Every request the page tried to send outside localhost, aborted."""
    attempted: list[str] = []

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", guard)
    yield attempted
    assert attempted == [], f"the page tried to leave localhost: {attempted}"
