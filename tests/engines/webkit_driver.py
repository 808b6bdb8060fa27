"""Drives Debian's WebKitGTK (the engine of Safari) for tests/test_engines.py.

Run by Debian's /usr/bin/python3, which has the GObject bindings
(python3-gi, gir1.2-webkit2-4.1), under a virtual X display. Commands arrive
one JSON object a line on stdin, answers leave the same way on stdout:

  {"open": url}                  load url, answer once it has loaded
  {"reload": true}               reload, answer once it has loaded
  {"call": body}                 run a JS function body (it may await and
                                 return a promise), answer {"value": ...}
  {"size": [width, height]}      resize the window
  {"snapshot": path}             save what the window shows as a PNG
  {"quit": true}

Every answer is {"ok": true, ...} or {"ok": false, "error": text}. The
browser keeps its data in a fresh folder (argv[1]) and sends every request
that is not for localhost to the proxy at argv[2], which records it.
"""

import json
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gdk, GLib, Gtk, WebKit2  # noqa: E402 - after require_version, as gi needs

LOAD_TIMEOUT_S = 20
UNCAUGHT_ERRORS = """
window.uncaughtErrors = [];
addEventListener("error", (event) => uncaughtErrors.push(String(event.message)));
addEventListener("unhandledrejection", (event) => uncaughtErrors.push("unhandled rejection: " + event.reason));
"""


class Browser:
    def __init__(self, data_dir, proxy_url):
        manager = WebKit2.WebsiteDataManager(base_data_directory=data_dir + "/data",
                                             base_cache_directory=data_dir + "/cache")
        proxy = WebKit2.NetworkProxySettings.new(proxy_url, ["localhost", "127.0.0.1", "::1"])
        manager.set_network_proxy_settings(WebKit2.NetworkProxyMode.CUSTOM, proxy)
        context = WebKit2.WebContext.new_with_website_data_manager(manager)
        self.view = WebKit2.WebView.new_with_context(context)
        # Uncaught JavaScript errors never show on the page: collected from
        # before the page's own scripts run, for the test to read.
        self.view.get_user_content_manager().add_script(WebKit2.UserScript.new(
            UNCAUGHT_ERRORS, WebKit2.UserContentInjectedFrames.ALL_FRAMES,
            WebKit2.UserScriptInjectionTime.START, None, None))
        self.window = Gtk.Window()
        self.window.set_default_size(1280, 900)
        self.window.add(self.view)
        self.window.show_all()
        self.loaded = False
        self.load_error = None
        self.view.connect("load-changed", self.on_load_changed)
        self.view.connect("load-failed", self.on_load_failed)

    def on_load_changed(self, view, event):
        if event == WebKit2.LoadEvent.FINISHED:
            self.loaded = True

    def on_load_failed(self, view, event, uri, error):
        self.load_error = f"{uri}: {error.message}"
        return False

    def run_until(self, done, what):
        timed_out = []
        timer = GLib.timeout_add_seconds(LOAD_TIMEOUT_S, lambda: timed_out.append(True) or False)
        context = GLib.MainContext.default()
        while not done() and not timed_out:
            context.iteration(True)
        if not timed_out:
            GLib.source_remove(timer)
        if timed_out:
            raise TimeoutError(f"{what}: no answer in {LOAD_TIMEOUT_S} s")

    def load(self, start):
        self.loaded, self.load_error = False, None
        start()
        self.run_until(lambda: self.loaded, "load")
        if self.load_error:
            raise RuntimeError(self.load_error)
        return {}

    def call(self, body):
        answer = {}

        def finished(view, result):
            try:
                value = view.call_async_javascript_function_finish(result)
                answer["value"] = None if value.is_undefined() or value.is_null() else json.loads(value.to_json(0))
            except GLib.Error as error:
                answer["error"] = error.message

        self.view.call_async_javascript_function(body, -1, None, None, None, None, finished)
        self.run_until(lambda: answer, "script")
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def snapshot(self, path):
        """What the window shows, as a PNG at path (for looking at a failure)."""
        for _ in range(50):  # let pending frames reach the screen
            GLib.MainContext.default().iteration(False)
        window = self.window.get_window()
        Gdk.pixbuf_get_from_window(window, 0, 0, window.get_width(), window.get_height()).savev(path, "png", [], [])
        return {}

    def handle(self, command):
        if "open" in command:
            return self.load(lambda: self.view.load_uri(command["open"]))
        if "reload" in command:
            return self.load(self.view.reload)
        if "call" in command:
            return self.call(command["call"])
        if "snapshot" in command:
            return self.snapshot(command["snapshot"])
        if "size" in command:
            self.window.resize(*command["size"])
            self.run_until(lambda: self.view.get_allocated_width() == command["size"][0], "resize")
            return {}
        raise ValueError(f"unknown command {command}")


def main():
    Gtk.init(None)
    browser = Browser(sys.argv[1], sys.argv[2])
    version = f"{WebKit2.get_major_version()}.{WebKit2.get_minor_version()}.{WebKit2.get_micro_version()}"
    print(json.dumps({"ok": True, "engine": f"WebKitGTK {version}"}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        try:
            answer = {"ok": True, **browser.handle(command)}
        except Exception as error:  # reported to the test, which fails with it
            answer = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
