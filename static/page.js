// The little JavaScript the pages need before Python starts. Deferred: it
// runs once the document is parsed, before PyScript's module script. (The
// language redirect, which must run first, is inline: _remember_language.js.)
const LANGUAGE_KEY = "trust-workbook:language";

// The engine (PyScript's core, the interpreter, the page's Python: the
// head's <template data-engine>) starts right after the first paint, so the
// page's text is on screen first. A page opened in the background paints
// nothing yet and starts it at once.
function startEngine() {
  const engine = document.querySelector("template[data-engine]");
  if (engine) {
    engine.replaceWith(document.importNode(engine.content, true));
  }
}
if (document.visibilityState === "hidden") {
  startEngine();
} else {
  requestAnimationFrame(() => setTimeout(startEngine, 0));
  // Hidden before its first frame, a page gets no frame until shown again.
  document.addEventListener("visibilitychange", startEngine, { once: true });
}

// The score details start closed, as a phone shows them (the markup is the
// first paint's layout); on wider screens they open at once.
const scoreDetails = document.querySelector("[data-score-details]");
if (scoreDetails && !matchMedia("(max-width: 56rem)").matches) {
  scoreDetails.open = true;
}

// Choosing a language with the link remembers it before the page changes.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-language]");
  if (link) {
    globalThis.trustWorkbookStorage.write(LANGUAGE_KEY, link.dataset.language);
  }
});

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

// Asks the browser to keep this site's storage for good (once the page is
// ready, like the service worker), and shows its answer: the workbook page
// holds both texts (.persistence), so showing one moves nothing.
function askToKeepStorage() {
  if (!document.querySelector("[data-persistence]")) return;
  const answer = (kept) => { document.body.dataset.storageKept = kept ? "yes" : "no"; };
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(answer, () => answer(false));
  } else {
    answer(false);
  }
}

whenReady(askToKeepStorage);

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
  whenReady(register);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-action='reload']")) {
      location.reload();
    }
  });
}
