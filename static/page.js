// The little JavaScript the pages need before Python starts. Deferred: it
// runs once the document is parsed, before PyScript's module script. (The
// language redirect, which must run first, is inline: _remember_language.js.)
const LANGUAGE_KEY = "trust-workbook:language";

// Choosing a language with the link remembers it before the page changes.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-language]");
  if (link) {
    globalThis.trustWorkbookStorage.write(LANGUAGE_KEY, link.dataset.language);
  }
});

// Where the workbooks live: localStorage, or, when the browser refuses it
// (cookies blocked: reading window.localStorage throws; some in-app
// browsers have none), a stand-in with the same calls that keeps the data
// while the page is open. The page then says so instead of failing.
function usableLocalStorage() {
  try {
    const area = globalThis.localStorage;
    if (!area) {
      return null;
    }
    area.getItem("trust-workbook:index");
    return area;
  } catch (error) {
    return null;
  }
}

function memoryStorage() {
  const items = new Map();
  return {
    get length() { return items.size; },
    key(n) { return n < items.size ? Array.from(items.keys())[n] : null; },
    getItem(key) { return items.has(key) ? items.get(key) : null; },
    setItem(key, value) { items.set(String(key), String(value)); },
    removeItem(key) { items.delete(key); },
  };
}

const lastingArea = usableLocalStorage();

// What the browser promises about keeping the data (the states and the rule
// of asking: py/view.py). navigator.storage is missing in WebKitGTK, older
// iOS and some in-app browsers; its persist() puts a question to Firefox's user.
function storageManager() {
  const manager = navigator.storage;
  return manager && typeof manager.persisted === "function" && typeof manager.persist === "function"
    ? manager : null;
}

const keptOrNot = (kept) => (kept ? "persisted" : "best-effort");

// localStorage calls that report failure instead of throwing. A JS exception
// raised inside a call from MicroPython cannot be caught on the Python side
// (it escapes as a page error), so the glue writes through these.
globalThis.trustWorkbookStorage = {
  area: lastingArea || memoryStorage(),
  // "" when saved, else the error's name (QuotaExceededError, SecurityError…).
  write(key, value) {
    try {
      this.area.setItem(key, value);
      return "";
    } catch (error) {
      return error.name || "Error";
    }
  },
  // Resolves to "persisted", "best-effort", "unsupported" or "not-kept";
  // never asks the user anything.
  persistence() {
    const manager = storageManager();
    if (!lastingArea) {
      return Promise.resolve("not-kept");
    }
    if (!manager) {
      return Promise.resolve("unsupported");
    }
    return manager.persisted().then(keptOrNot, () => "unsupported");
  },
  // Asks for the promise (Firefox asks the user); resolves like persistence().
  askToPersist() {
    const manager = storageManager();
    return manager ? manager.persist().then(keptOrNot, () => "best-effort") : this.persistence();
  },
  // Hands text to the browser as a file download; nothing leaves the machine.
  download(fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
};

// After one visit the site works offline: the service worker keeps every
// file. When a new release takes over, a page nobody has typed in yet
// reloads into it at once; one already in use says so and offers to reload
// (everything typed is saved), so nobody keeps working on a stale page.
if ("serviceWorker" in navigator) {
  const root = document.documentElement.dataset.siteRoot;
  let controlled = Boolean(navigator.serviceWorker.controller);
  let typedIn = false;
  document.addEventListener("input", () => { typedIn = true; }, { once: true });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    const notice = document.querySelector("[data-update]");
    if (controlled && !typedIn) {
      location.reload();
    } else if (controlled && notice) {
      notice.hidden = false;
    }
    controlled = true;
  });
  // Registered once the page is ready, so its downloads never compete with
  // the page's own start.
  // A page opened under the worker (a second visit) has it keep the rest of
  // the site too; a first visit downloads only what it uses.
  const openedUnderWorker = controlled;
  const register = () =>
    navigator.serviceWorker.register(root + "sw.js", { scope: root })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (openedUnderWorker && registration.active) {
          registration.active.postMessage("keep-the-rest");
        }
      })
      .catch(() => {
        // No service worker (private mode, file://): the site still works online.
      });
  const ready = new MutationObserver(() => {
    if (document.body.dataset.ready === "1") {
      ready.disconnect();
      register();
    }
  });
  ready.observe(document.body, { attributes: true });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='reload']")) {
      location.reload();
    }
  });
}
