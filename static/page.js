// The little JavaScript the pages need before Python starts. Deferred: it
// runs once the document is parsed, before PyScript's module script. (The
// language redirect, which must run first, is inline: _remember_language.js.)
const LANGUAGE_KEY = "trust-workbook:language";

// The engine (PyScript's core, the interpreter, the page's Python: the
// head's <template data-engine>) starts once the first contentful paint is
// on screen, so the page's text is there first and its paint waits for no
// download of the engine's (nor does the page's largest contentful paint
// in Lighthouse's simulation, which counts every request begun before it).
// Where the browser does not report paints, it starts in the task after
// the first frame. A page opened in the background paints nothing yet and
// starts it at once.
const ENGINE_AT_THE_LATEST_MS = 1000;
let engineStarted = false;

function startEngine() {
  if (engineStarted) {
    return;
  }
  engineStarted = true;
  const engine = document.querySelector("template[data-engine]");
  if (engine) {
    engine.replaceWith(document.importNode(engine.content, true));
  }
}

function startEngineAfterFirstPaint() {
  const reportsPaints = typeof PerformanceObserver === "function"
    && (PerformanceObserver.supportedEntryTypes || []).includes("paint");
  if (!reportsPaints) {
    requestAnimationFrame(() => setTimeout(startEngine, 0));
    return;
  }
  const painted = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName("first-contentful-paint").length) {
      painted.disconnect();
      startEngine();
    }
  });
  painted.observe({ type: "paint", buffered: true });
  // A page with nothing to paint yet still starts.
  setTimeout(startEngine, ENGINE_AT_THE_LATEST_MS);
}

if (document.visibilityState === "hidden") {
  startEngine();
} else {
  startEngineAfterFirstPaint();
  // Hidden before its first frame, a page gets no frame until shown again.
  document.addEventListener("visibilitychange", startEngine, { once: true });
}

// The score details start closed, as a phone shows them (the markup is the
// first paint's layout); on wider screens they open at once.
const scoreDetails = document.querySelector("[data-score-details]");
if (scoreDetails && !matchMedia("(max-width: 56rem)").matches) {
  scoreDetails.open = true;
}
// On a phone the opened details hang over the form under the figures
// (app.css); scrolling the page, not the details, closes them, so the form
// is never left covered.
const phone = matchMedia("screen and (max-width: 56rem)");
addEventListener("scroll", () => {
  if (scoreDetails && scoreDetails.open && phone.matches) {
    scoreDetails.open = false;
  }
}, { passive: true });

// A file dropped on a page opens in its place, and the page is gone. The
// facilitator's glue takes dropped files (static/room_page.js); until it
// runs, and on the workbook page, a dropped file is refused.
for (const type of ["dragover", "drop"]) {
  document.addEventListener(type, (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
    }
  });
}

// Choosing a language with the link remembers it before the page changes.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-language]");
  if (link) {
    globalThis.trustWorkbookStorage.write(LANGUAGE_KEY, link.dataset.language);
  }
});

// A link to a place on this page (a sheet, the review): the browser scrolls
// there at once, but the sheets around it are laid out only as they come
// near the screen (content-visibility, app.css), and taking their real
// height they push the place away a frame or more later. So it is landed
// again each frame it moves, until it has stayed put for a while or the
// reader scrolls on their own. Links the glue handles itself (they prevent
// the default) are left to it.
const LANDED_AFTER_STILL_FRAMES = 20;
const LANDING_AT_MOST_FRAMES = 180;
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='#']");
  const target = link && link.hash.length > 1 && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (target) {
    requestAnimationFrame(() => event.defaultPrevented || keepLanded(target));
  }
});

function keepLanded(target) {
  let readerMoved = false;
  const readerScrolls = ["wheel", "touchstart", "keydown", "pointerdown"];
  const stop = () => { readerMoved = true; };
  readerScrolls.forEach((type) => addEventListener(type, stop, { capture: true, passive: true }));
  // Already pushed away in the frame after the click, it may be.
  target.scrollIntoView({ block: "start" });
  let top = target.getBoundingClientRect().top;
  let still = 0;
  let frames = 0;
  const check = () => {
    const now = target.getBoundingClientRect().top;
    if (Math.abs(now - top) > 1) {
      target.scrollIntoView({ block: "start" });
      top = target.getBoundingClientRect().top;
      still = 0;
    } else {
      still += 1;
    }
    frames += 1;
    if (readerMoved || still >= LANDED_AFTER_STILL_FRAMES || frames >= LANDING_AT_MOST_FRAMES) {
      readerScrolls.forEach((type) => removeEventListener(type, stop, { capture: true }));
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

// A browser that refuses localStorage (cookies blocked: reading it throws;
// some in-app browsers have none) gets a stand-in with the same calls that
// keeps the data while the page is open, so the page works; the
// persistence line says nothing is kept.
function usableLocalStorage() {
  try {
    const area = globalThis.localStorage;
    area.getItem(LANGUAGE_KEY);
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
    clear() { items.clear(); },
  };
}

const storageKept = usableLocalStorage() !== null;
if (!storageKept) {
  Object.defineProperty(globalThis, "localStorage", { value: memoryStorage(), configurable: true });
}

// localStorage calls that report failure instead of throwing. A JS exception
// raised inside a call from MicroPython cannot be caught on the Python side
// (it escapes as a page error), so the glue writes through these.
globalThis.trustWorkbookStorage = {
  // "" when saved, else the error's name (QuotaExceededError, SecurityError…).
  write(key, value) {
    try {
      localStorage.setItem(key, value);
      return "";
    } catch (error) {
      return error.name || "Error";
    }
  },
  // Hands text to the browser as a file download; nothing leaves the
  // machine. The text comes whole or as the pieces between its NULs
  // (trustWorkbookText); a byte order mark, which the FFI drops from the
  // start of a string, is added here when asked for.
  download(fileName, text, type = "application/json;charset=utf-8", byteOrderMark = false) {
    const joined = typeof text === "string" ? text : Array.from(text).join("\u0000");
    const url = URL.createObjectURL(new Blob([byteOrderMark ? "\ufeff" + joined : joined], { type }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
};

// Text crossing between Python and JavaScript. MicroPython's FFI hands a
// Python string over as a C string, so it ends at the string's first NUL
// (U+0000); and it measures a JavaScript string that holds a lone surrogate
// too short, which costs the characters after it. The glue passes text that
// holds a NUL as the list of its pieces, reads controls through value(),
// and reads files through read().
globalThis.trustWorkbookText = {
  // target[property] = the pieces joined by NULs.
  put(target, property, pieces) {
    target[property] = Array.from(pieces).join("\u0000");
  },
  // A control's value as Python can take it: a lone surrogate becomes
  // U+FFFD, in the control too, so the participant sees what is kept.
  value(control) {
    const value = control.value;
    const mended = wellFormed(value);
    if (mended !== value) {
      control.value = mended;
    }
    return mended;
  },
  // Resolves to a file's text, from UTF-8 or UTF-16 (with or without a
  // byte order mark), or to null when the file is in another encoding
  // (GBK, Big5…): read as UTF-8 it would be garbled, never imported so.
  async read(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      return new TextDecoder(encodingOf(bytes), { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  },
};

function wellFormed(text) {
  if (typeof text.toWellFormed === "function") {
    return text.toWellFormed();
  }
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

// The encoding of a text file by its byte order mark; without one, UTF-16
// by the zero bytes of its start (JSON begins with ASCII characters, and
// UTF-8 JSON has no zero byte), else UTF-8.
function encodingOf(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < Math.min(bytes.length, 256); i += 1) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
  }
  if (oddZeros > evenZeros) return "utf-16le";
  if (evenZeros > oddZeros) return "utf-16be";
  return "utf-8";
}

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
        // A page whose load began as the worker was taking over may have
        // come too late for its claim: it asks to be claimed (else it would
        // stay uncontrolled, and not open offline, until reloaded).
        if (!navigator.serviceWorker.controller && registration.active) {
          registration.active.postMessage("claim");
        }
        if (openedUnderWorker && registration.active) {
          navigator.serviceWorker.addEventListener("message", (event) => {
            if (event.data === "kept-the-rest") {
              document.documentElement.setAttribute("data-offline", "ready");
            }
          });
          registration.active.postMessage("keep-the-rest");
        }
      })
      .catch(() => {
        // No service worker (private mode, file://): the site still works online.
      });
  whenReady(register);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='reload']")) {
      location.reload();
    }
  });
}

// What the browser promises about keeping the data, on the workbook page's
// persistence line: body[data-storage] is "persisted", "best-effort" (may
// be cleared when space runs low), "unsupported" (no Storage API: WebKitGTK,
// older iOS, some in-app browsers) or "not-kept" (no localStorage). Firefox
// puts a question to the user each time a page asks for more, so this page
// asks at most once per browser: when the user presses "Keep my data", or
// when they first download their work, when keeping it is on their mind; a
// page load never asks. The asking is remembered before the question is
// put, so a tab closed with the question open has had its one question.
const PERSISTENCE_ASKED_KEY = "trust-workbook:persistence-asked";
const keptOrNot = (kept) => (kept ? "persisted" : "best-effort");

function storageManager() {
  const manager = navigator.storage;
  return manager && typeof manager.persisted === "function" && typeof manager.persist === "function"
    ? manager : null;
}

function storagePromise() {
  const manager = storageManager();
  if (!storageKept) {
    return Promise.resolve("not-kept");
  }
  return manager ? manager.persisted().then(keptOrNot, () => "unsupported") : Promise.resolve("unsupported");
}

function showStoragePromise(moment) {
  const keep = document.querySelector("[data-action='keep-data']");
  if (!keep) {
    return;  // only the workbook page keeps data
  }
  const asked = () => localStorage.getItem(PERSISTENCE_ASKED_KEY) !== null;
  const show = (state) => {
    document.body.dataset.storage = state;
    keep.hidden = state !== "best-effort" || asked();
  };
  storagePromise().then((state) => {
    const ask = state === "best-effort" && moment !== "load" && !asked()
      && globalThis.trustWorkbookStorage.write(PERSISTENCE_ASKED_KEY, new Date().toISOString()) === "";
    show(state);
    if (ask) {
      storageManager().persist().then(keptOrNot, () => "best-effort").then(show);
    }
  });
}

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-action='keep-data']")) {
    showStoragePromise("keep-button");
  } else if (event.target.closest("[data-action='download-current'], [data-action='download-all']")) {
    showStoragePromise("download");
  }
});

// Runs `then` once the glue marks the page ready.
function whenReady(then) {
  const ready = new MutationObserver(() => {
    if (document.body.dataset.ready === "1") {
      ready.disconnect();
      then();
    }
  });
  ready.observe(document.body, { attributes: true, attributeFilter: ["data-ready"] });
}

whenReady(() => showStoragePromise("load"));
