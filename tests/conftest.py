"""Shared fixtures: one built site per test session, the project's static
server (tools/serve.py: gzip, cache headers) for it on a free localhost port,
and Playwright pointed at Debian's Chromium with every
request that would leave localhost blocked and recorded."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

import build
from tools.serve import StaticServer, serve
from fixtures import CHROMIUM, CHROMIUM_ARGS

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# A check passes as soon as the page shows what it expects; the timeout only
# says how long a failing one waits. Playwright's 5 s is too short for the
# heaviest steps (an import of twenty 12-person workbooks, a save after it)
# on a 2-core runner that is busy, so they failed there while right.
expect.set_options(timeout=15_000)


__all__ = ["serve"]  # tests that serve a site of their own import it from here


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build.build(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_server(built_site) -> StaticServer:
    """The session's server; `site_server.hold("runtime/")` keeps files back."""
    server = serve(built_site)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_url(site_server) -> str:
    return site_server.url


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
