"""The site in the engines participants bring besides Chromium: WebKit (the
engine of Safari on every iPhone) and Firefox, met the way users meet them.

Playwright's own WebKit and Firefox builds cannot be downloaded here, so
each engine is Debian's: WebKitGTK through its GObject bindings (driven by
tests/engines/webkit_driver.py under Debian's python3 and a virtual
display), Firefox ESR through Marionette. tools/ensure-engines.sh installs
them. Both send every request that is not for localhost to a proxy that
records it and answers nothing, so the test also proves the site stays on
its own origin."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.engines

DRIVERS = Path(__file__).parent / "engines"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with python3-gi
FIREFOX = os.environ.get("TRUST_WORKBOOK_FIREFOX", "/usr/bin/firefox-esr")
SCRIPT_TIMEOUT_S = 20
NOTE = "WebKit, Firefox: 两个引擎 · both engines"

# The pages as a participant and a facilitator open them, Chinese first:
# once English is chosen, the Chinese pages redirect to it.
PAGES = ("", "facilitator.html", "en/", "en/facilitator.html")

# Waits for the page's readiness marker, or a Python error, which ends the
# wait at once; answers what it saw.
UNTIL_READY = """
for (let waited = 0; waited < 15000; waited += 25) {
  const error = document.querySelector(".py-error");
  if (error) return "Python error: " + error.textContent;
  if (document.body.innerText.includes("Traceback")) return "traceback: " + document.body.innerText;
  const body = document.body.dataset;
  // A worksheet page is ready once its sheets are all in place; a facilitator page has none,
  // and is settled once the page workers it started, if any, have started (leaving it while
  // they fetch their files is an error in the console of Firefox).
  const sheetsInPlace = body.sheets === "all" || !document.querySelector("[data-list] [data-field]");
  const readersStarted = body.roomReadersWanted === undefined || body.roomReadersWanted === "0"
    || body.roomReaders === body.roomReadersWanted;
  if (body.ready === "1" && sheetsInPlace && readersStarted) return "ready";
  await new Promise((resolve) => setTimeout(resolve, 25));
}
return "not ready after 15 s";
"""
FIRST_NOTE = "document.querySelector(\"[data-list='seller.product'] textarea[data-field='note']\")"
# What a participant does: types into the first point's note.
TYPE_NOTE = f"""
const note = {FIRST_NOTE};
note.focus();
note.value = arguments[0];
note.dispatchEvent(new InputEvent("input", {{ bubbles: true, data: arguments[0] }}));
note.dispatchEvent(new Event("change", {{ bubbles: true }}));
for (let waited = 0; waited < 5000; waited += 25) {{
  if (document.body.dataset.saveState === "saved") return "saved";
  await new Promise((resolve) => setTimeout(resolve, 25));
}}
return "save state: " + document.body.dataset.saveState;
"""
# The state the page shows about keeping the data, if its words are visible.
SHOWN_PROMISE = """
const state = document.body.dataset.storage;
const words = document.querySelector(`[data-when-storage="${state}"]`);
return words && getComputedStyle(words).visibility === "visible" && words.textContent.trim() ? state : "nothing shown";
"""
PRESS_KEEP_MY_DATA = """
document.querySelector("[data-action='keep-data']").click();
await new Promise((resolve) => setTimeout(resolve, 300));
"""
# Heights of the points on the first screen (the account's fields and the
# first people), once every sheet is in place.
POINT_HEIGHTS = """
for (let waited = 0; waited < 5000 && document.body.dataset.sheets !== "all"; waited += 25) {
  await new Promise((resolve) => setTimeout(resolve, 25));
}
await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
return Array.from(document.querySelectorAll("#worksheets .point"))
  .filter((point) => point.getBoundingClientRect().top < innerHeight)
  .map((point) => Math.round(point.getBoundingClientRect().height));
"""
KEEP_BUTTON_SHOWN = "return !document.querySelector(\"[data-action='keep-data']\").hidden;"
WORKER_READY = """
const registration = await navigator.serviceWorker.ready;
return Boolean(registration.active);
"""


class RecordingProxy(ThreadingHTTPServer):
    """Where the browsers send every request that is not for localhost: it
    records what was asked and answers with an error."""

    def __init__(self):
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), RefusingHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class RefusingHandler(BaseHTTPRequestHandler):
    def refuse(self):
        self.server.requests.append(f"{self.command} {self.path}")
        self.send_error(403)

    do_GET = do_POST = do_HEAD = do_PUT = do_CONNECT = do_OPTIONS = refuse

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


@pytest.fixture(scope="module")
def proxy():
    recording = RecordingProxy()
    threading.Thread(target=recording.serve_forever, daemon=True).start()
    yield recording
    recording.shutdown()


@pytest.fixture
def outside(proxy):
    """The proxy, with what this test's browser tried to send outside."""
    proxy.requests.clear()
    yield proxy
    assert proxy.requests == [], f"the browser tried to leave localhost: {proxy.requests}"


class WebKit:
    """WebKitGTK in a child process (see tests/engines/webkit_driver.py)."""

    name = "webkit"

    def __init__(self, data_dir: Path, proxy_url: str):
        self.process = subprocess.Popen(
            ["xvfb-run", "--auto-servernum", SYSTEM_PYTHON, str(DRIVERS / "webkit_driver.py"),
             str(data_dir), proxy_url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True,  # its own process group: xvfb-run, Xvfb and WebKit's processes end together
        )
        self.version = self.answer()["engine"]

    def answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the WebKit driver ended (exit code {self.process.poll()})")
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError(answer["error"])
        return answer

    def send(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.answer()

    def open(self, url: str):
        self.send(open=url)

    def reload(self):
        self.send(reload=True)

    def run(self, body: str, *args):
        # The driver's calls take named arguments; the bodies here read arguments[n].
        return self.send(call=f"return (async function () {{ {body} }}).apply(null, {json.dumps(args)});")["value"]

    def uncaught_errors(self) -> list[str]:
        """JavaScript errors nobody caught (the driver collects them from
        before the page's own scripts run)."""
        return self.run("return window.uncaughtErrors || ['the error collector is missing'];")

    def close(self):
        try:
            self.send(quit=True) if self.process.poll() is None else None
        except (BrokenPipeError, RuntimeError, AssertionError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Firefox:
    """Firefox ESR through Marionette, in a fresh profile."""

    name = "firefox"

    def __init__(self, data_dir: Path, proxy_url: str):
        from marionette_driver.marionette import Marionette

        proxy_host, proxy_port = proxy_url.removeprefix("http://").split(":")
        self.client = Marionette(
            host="127.0.0.1", port=free_port(), bin=FIREFOX, headless=True,
            gecko_log=str(data_dir / "gecko.log"), workspace=str(data_dir),
            prefs={
                "network.proxy.type": 1,
                "network.proxy.http": proxy_host, "network.proxy.http_port": int(proxy_port),
                "network.proxy.ssl": proxy_host, "network.proxy.ssl_port": int(proxy_port),
                "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
                "network.proxy.allow_hijacking_localhost": False,
            },
        )
        self.client.start_session()
        self.client.timeout.script = SCRIPT_TIMEOUT_S
        self.version = "Firefox " + self.client.session_capabilities["browserVersion"]

    def open(self, url: str):
        self.client.navigate(url)

    def reload(self):
        # Marionette's refresh() bypasses the service worker like a forced
        # reload; a participant's reload does not.
        self.client.navigate(self.client.get_url())

    def run(self, body: str, *args):
        # The last argument of an async script is the callback that answers.
        wrapped = f"""
        const [answer, ...rest] = [arguments[arguments.length - 1], ...Array.from(arguments).slice(0, -1)];
        (async function () {{ {body} }}).apply(null, rest).then(answer, (error) => answer("error: " + error));
        """
        return self.client.execute_async_script(wrapped, script_args=list(args), sandbox=None)

    def uncaught_errors(self) -> list[str]:
        """JavaScript errors nobody caught, from the browser's console."""
        with self.client.using_context("chrome"):
            return self.client.execute_script("""
                return Services.console.getMessageArray()
                  .filter((message) => message instanceof Ci.nsIScriptError
                    && message.category === "content javascript"
                    && !(message.flags & Ci.nsIScriptError.warningFlag))
                  .map((message) => message.errorMessage);""")

    def asked_about_storage(self) -> bool:
        """Whether Firefox's question "Allow … to store data in persistent
        storage?" is open on the page."""
        with self.client.using_context("chrome"):
            return self.client.execute_script(
                'return Boolean(PopupNotifications.getNotification("persistent-storage", gBrowser.selectedBrowser));')

    def forget_every_site(self):
        """A fresh profile's state: no site data, service worker, cache or
        permission left; no page open."""
        self.client.navigate("about:blank")
        with self.client.using_context("chrome"):
            self.client.execute_async_script("""
                const done = arguments[arguments.length - 1];
                Services.clearData.deleteData(Ci.nsIClearDataService.CLEAR_ALL, { onDataDeleted: () => done() });""")

    def close(self):
        self.client.cleanup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def engine_missing(engine: str) -> str | None:
    if engine == "webkit":
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2"],
            check=False, capture_output=True) if Path(SYSTEM_PYTHON).exists() else None
        if probe is None or probe.returncode != 0 or not shutil.which("xvfb-run"):
            return "WebKitGTK (gir1.2-webkit2-4.1, python3-gi, xvfb)"
    elif not Path(FIREFOX).exists():
        return f"Firefox ESR ({FIREFOX})"
    return None


def available(engine_name: str):
    missing = engine_missing(engine_name)
    if missing:
        # CI installs both (tools/ensure-engines.sh): there a missing engine fails.
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is not installed")
        pytest.skip(f"{missing} is not installed: run `make setup-test`")


@pytest.fixture(scope="module")
def firefox_process(tmp_path_factory, proxy):
    """One Firefox for the module (starting it is the slow part); each test
    gets it with everything a site left behind cleared (firefox fixture)."""
    available("firefox")
    with pytest.MonkeyPatch.context() as environment:
        # Lets the profile's dummy address for Firefox's remote settings
        # apply, so the browser's own housekeeping stays off the network too.
        environment.setenv("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1")
        browser = Firefox(tmp_path_factory.mktemp("firefox"), proxy.url)
    yield browser
    browser.close()


@pytest.fixture
def firefox(firefox_process, outside):
    firefox_process.forget_every_site()
    return firefox_process


@pytest.fixture
def webkit_starter(tmp_path, outside):
    """Starts WebKit on this test's own profile as often as asked: each start
    is a participant opening the browser again."""
    available("webkit")
    started = []

    def start_webkit():
        started.append(WebKit(tmp_path, outside.url))
        return started[-1]

    yield start_webkit
    for browser in started:
        browser.close()


@pytest.fixture(params=["webkit", "firefox"])
def engine(request):
    if request.param == "firefox":
        return request.getfixturevalue("firefox")
    return request.getfixturevalue("webkit_starter")()


def open_ready(engine, url: str):
    engine.open(url)
    assert engine.run(UNTIL_READY) == "ready", f"{engine.version}: {url}"
    assert engine.uncaught_errors() == [], f"{engine.version}: {url}"


def test_every_page_gets_ready_keeps_an_edit_and_comes_under_the_service_worker(engine, site_url):
    for path in PAGES:
        open_ready(engine, site_url + path)
    open_ready(engine, site_url + "en/")
    # What the browser promises is said in words (WebKitGTK has no Storage
    # API: "unsupported"), never as a traceback.
    assert engine.run(SHOWN_PROMISE) in {"persisted", "best-effort", "unsupported"}
    assert engine.run(TYPE_NOTE, NOTE) == "saved"
    assert engine.run(WORKER_READY) is True
    engine.reload()
    assert engine.run(UNTIL_READY) == "ready"
    assert engine.run(f"return {FIRST_NOTE}.value") == NOTE
    assert engine.run("return Boolean(navigator.serviceWorker.controller)") is True


def test_firefox_asks_about_keeping_the_data_only_when_the_user_asks_and_never_again(firefox, site_url):
    open_ready(firefox, site_url + "en/")
    firefox.reload()
    assert firefox.run(UNTIL_READY) == "ready"
    assert not firefox.asked_about_storage()
    assert firefox.run(SHOWN_PROMISE) == "best-effort"
    assert firefox.run(KEEP_BUTTON_SHOWN) is True
    firefox.run(PRESS_KEEP_MY_DATA)
    assert firefox.asked_about_storage()
    firefox.reload()
    assert firefox.run(UNTIL_READY) == "ready"
    assert not firefox.asked_about_storage()
    assert firefox.run(KEEP_BUTTON_SHOWN) is False


def test_webkit_draws_the_first_points_at_their_own_height_when_the_browser_opens_again(webkit_starter, site_url):
    # Started again on the same profile, WebKit drew the points at the
    # height of content-visibility's placeholder: 70-80 px blank under each.
    first = webkit_starter()
    open_ready(first, site_url)
    assert first.run(TYPE_NOTE, NOTE) == "saved"
    assert first.run(WORKER_READY) is True
    heights = first.run(POINT_HEIGHTS)
    assert len(heights) > 1, "no point on the first screen"
    first.close()
    again = webkit_starter()
    open_ready(again, site_url)
    assert again.run(POINT_HEIGHTS) == heights


# The facilitator's page workers (static/room_page.js): goes to the file
# picker, as a facilitator does, which starts them; waits until the number
# asked for has started, or 15 s; answers how many did.
UNTIL_READERS = """
document.querySelector("[data-control='files']").focus();
for (let waited = 0; waited < 15000 && document.body.dataset.roomReaders !== String(arguments[0]); waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
return document.body.dataset.roomReaders || "none";
"""
# Chooses the files (arguments[0]: [name, text] pairs) in the file picker and
# answers who read them and the table's rows once the room is drawn.
LOAD_ROOM = """
const picker = document.querySelector("[data-control='files']");
const transfer = new DataTransfer();
for (const [name, text] of arguments[0]) {
  transfer.items.add(new File([text], name, { type: "application/json" }));
}
picker.files = transfer.files;
picker.dispatchEvent(new Event("change", { bubbles: true }));
for (let waited = 0; waited < 15000 && document.body.dataset.loaded !== String(arguments[0].length); waited += 50) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
return { readBy: document.body.dataset.readBy,
         rows: Array.from(document.querySelectorAll("[data-rows] tr")).map((row) => row.textContent) };
"""


def room_files() -> list[list[str]]:
    import results
    from workbook_strategies import METHOD, largest_workbook, worked_example

    files = []
    for number in range(8):
        workbook = largest_workbook() if number % 3 == 0 else worked_example()
        workbook["id"] = "wb-%d" % number
        document = results.export_document([workbook], METHOD, "2026-11-26T09:00:00.000Z", "engines", "学员%d" % number)
        files.append(["%d.json" % number, results.document_text(document)])
    files.append(["broken.json", "{"])
    return files


def test_the_facilitator_reads_a_room_in_page_workers_or_in_its_own_worker_alike(engine, site_url):
    files = room_files()
    read = {}
    for readers in (0, 2):
        open_ready(engine, site_url + "facilitator.html?readers=%d" % readers)
        started = engine.run(UNTIL_READERS, readers) if readers else "none"
        read[readers] = engine.run(LOAD_ROOM, files)
        engine.run("localStorage.clear();")   # the next page starts from an empty room
        # Workers that start read the files; where none starts, the page's own worker reads them.
        assert read[readers]["readBy"] == ("page workers" if started == str(readers) else "room worker"), \
            engine.version
        print(f"{engine.version}: {readers} readers asked, {started} started, read by {read[readers]['readBy']}")
    assert read[2]["rows"] == read[0]["rows"] and len(read[0]["rows"]) == 8
    assert engine.uncaught_errors() == [], engine.version
