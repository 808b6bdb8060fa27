// The facilitator page's shell. Its Python runs in a PyScript worker
// (py/room_worker.py): the interpreter's start and the reading of a room's
// files never hold the page up, so the page answers and paints while they
// run (docs/PERFORMANCE.md). The worker cannot reach the page, and needs
// no SharedArrayBuffer (sync_main_only: no special headers, any static
// host): this module hands it each of the page's events as plain data and
// puts in what it answers (py/room_page.py): the writes of
// py/room_painter.py, what to keep in localStorage, a file to download.
// What the page does on its own is only what needs no room: presenting,
// the scroll hint, dragging, opening the problems.

// PyScript's core is imported, not a static import: evaluated in a task
// of its own, and the worker started in the next, rather than the three
// in one long task with this module's own start (docs/PERFORMANCE.md,
// session 9: each task's excess over 50 ms is blocking time).
const pyscript = import("../runtime/pyscript/core.js");
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

async function startWorker() {
  const { MPWorker } = await pyscript;
  await nextTask();
  return MPWorker(workerSource, workerOptions());
}

const place = document.querySelector("[data-room-worker-src]");
const workerSource = place.dataset.roomWorkerSrc;
const workerConfig = place.dataset.roomWorkerConfig;
// The site's own interpreter: PyScript's JavaScript API reads no
// interpreter from the config, and would fetch its default from a CDN.
// The config as an object, not its text: the worker's `pyscript` module
// reads `sync_main_only` only from an object (from a text it warns, in
// every worker, that it cannot reach the page without SharedArrayBuffer).
// A new object for each worker: PyScript changes the one it is given.
const workerOptions = () => ({
  config: JSON.parse(workerConfig),
  version: new URL(JSON.parse(workerConfig).interpreter, location.href).href,
});
const body = document.body;

// ---------------------------------------------------------------- the writes

function setUp(element, node) {
  if (node.class !== undefined) element.className = node.class;
  for (const name of node.add_class || []) element.classList.add(name);
  if (node.text !== undefined) element.textContent = node.text;
  for (const [name, value] of Object.entries(node.attrs || {})) element.setAttribute(name, value);
  for (const [name, value] of Object.entries(node.props || {})) element[name] = value;
  // Through the style object: the page's CSP refuses style attributes.
  for (const [name, value] of Object.entries(node.style || {})) element.style[name] = value;
  for (const [selector, inner] of node.find || []) setUp(element.querySelector(selector), inner);
  (node.cells || []).forEach((cell, position) => setUp(element.children[position], cell));
  for (const child of node.children || []) {
    element.append(typeof child === "string" ? child : made(child));
  }
  return element;
}

function made(node) {
  const element = node.template
    ? document.querySelector(node.template).content.firstElementChild.cloneNode(true)
    : document.createElement(node.tag);
  return setUp(element, node);
}

// A text already there is left as it is: written again, it would be laid
// out and painted again (and a paint at ready counts as the page's largest
// contentful paint).
const WRITES = {
  text: (element, text) => {
    if (element.textContent !== text) element.textContent = text;
  },
  prop: (element, name, value) => { element[name] = value; },
  attr: (element, name, value) => { element.setAttribute(name, value); },
  class: (element, name, on) => { element.classList.toggle(name, on); },
  fill: (element, nodes) => {
    const fragment = document.createDocumentFragment();
    for (const node of nodes) fragment.append(made(node));
    element.replaceChildren(fragment);
  },
};

// Puts in a list of writes (py/room_painter.py says what each does).
function applyWrites(writes) {
  for (const [kind, selector, ...values] of writes) {
    for (const element of document.querySelectorAll(selector)) {
      WRITES[kind](element, ...values);
    }
  }
}

// ---------------------------------------------------------------- the worker

// The worker's exported functions, once it has started.
const room = startWorker().then((worker) => worker.sync);

function failed(error) {
  // As PyScript shows an error of the page's own Python.
  console.error(error);
  const shown = document.createElement("pre");
  shown.className = "py-error";
  shown.textContent = String(error && error.message ? error.message : error);
  body.append(shown);
}

async function ask(name, ...values) {
  return JSON.parse(await (await room)[name](...values));
}

// Carries out an answer: keeps first (a refusal replaces the status line),
// then shows. Answers whatever more the answer holds.
async function carryOut(answer) {
  let refused = false;
  for (const [action, key, text] of answer.store) {
    if (action === "set") {
      refused = globalThis.trustWorkbookStorage.write(key, text) !== "" || refused;
    } else {
      localStorage.removeItem(key);
    }
  }
  if (answer.store.length) {
    performance.mark("room:kept");   // for bench/bench_facilitator.py
  }
  applyWrites(answer.writes);
  if (refused) {
    applyWrites((await ask("keeping_failed")).writes);
  }
  showScrollHint();
  if (answer.focus) {
    keepFocus(answer.focus);
  }
  return answer;
}

// An answer that hides, folds away or disables what had the focus (the
// file picker in the load panel folded at the end of a load, Clear, Undo)
// would leave the keyboard on the page's body: the outcome's line takes
// it instead, and a screen reader reads what happened.
function keepFocus(selector) {
  const focused = document.activeElement;
  const lost = !focused || focused === body || focused.disabled || !focused.checkVisibility();
  if (lost) {
    document.querySelector(selector).focus();
  }
}

// The body says how many answers the page waits for (tests wait on it).
let answering = 0;

function countAnswering(change) {
  answering += change;
  if (answering) {
    body.dataset.answering = String(answering);
  } else {
    delete body.dataset.answering;
  }
}

async function request(name, ...values) {
  countAnswering(1);
  try {
    return await carryOut(await ask(name, ...values));
  } finally {
    countAnswering(-1);
  }
}

// ---------------------------------------------------------------- hiding names

// "Hide names" is on at once, on the page: until the worker answers with
// the names hidden (it may be busy reading a load), the page's stylesheet
// keeps out of sight whatever shows names (body[data-hide-names] while
// the shown room says data-names="shown"). So names are never painted
// while the box is ticked, whatever the timing of the answers.
const hideNames = document.querySelector("[data-control='anonymise']");

function markHiding() {
  body.toggleAttribute("data-hide-names", hideNames.checked);
}

// ---------------------------------------------------------------- reading files

// The page workers that read a large load on every core: more of the same
// worker. They start at the first sign of a load (the load panel used, a
// file dragged over the page, files chosen), not with the page: each is an
// interpreter more to start and to hold in memory, and a page only looked
// at needs none. Choosing files in the browser's dialog takes longer than
// their start.
const readers = [];
const READERS_WAIT_MS = 5000;
let readersStarting = null;   // settles once every reader asked for has started or failed

function startReaders() {
  if (!readersStarting) {
    readersStarting = ask("reader_count", navigator.hardwareConcurrency || 0, location.search).then((wanted) => {
      body.dataset.roomReadersWanted = String(wanted);
      const starting = [];
      for (let number = 1; number <= wanted; number += 1) {
        starting.push(startWorker().then((worker) => {
          readers.push(worker.sync);
          // For tests and the benchmark: how many readers are there to read.
          body.dataset.roomReaders = String(readers.length);
        }, (error) => console.warn(`room reader ${number} did not start: ${error}`)));
      }
      return Promise.all(starting);
    });
  }
  return readersStarting;
}

// One load at a time: a second batch chosen while one is read waits, so
// files are numbered in the order they were chosen. Files dropped before
// the page is ready wait for it (the page opens the room first, below).
let loading = null;

function load(files) {
  if (files.length) {
    startReaders().catch(failed);
    const chosen = request("chosen", files.length);
    loading = loading.then(() => chosen).then(() => readFiles(files)).catch(failed);
  }
}

async function readFiles(chosen) {
  const started = await request("load_start", JSON.stringify(chosen.map((file) => [file.name, file.size])));
  const files = started.readable.map((position) => chosen[position]);
  if (started.wait_for_readers) {
    // Not for ever: a reader whose start hangs (a download stalled on venue
    // Wi-Fi) leaves the load to the others.
    await Promise.race([startReaders(), new Promise((resolve) => setTimeout(resolve, READERS_WAIT_MS))]);
  }
  // A file whose bytes the browser refuses (a folder dragged along with the
  // files, a file moved away meanwhile) is false: listed as unreadable
  // while the others load (py/room_page.py read_texts).
  const texts = await Promise.all(files.map((file) => globalThis.trustWorkbookText.read(file).catch(() => false)));
  // Marks for bench/bench_facilitator.py: where a load's time goes.
  performance.mark("room:files-read");
  // Names cross as JSON: a string handed to Python ends at its first NUL.
  const names = (start, end) => JSON.stringify(files.slice(start, end).map((file) => file.name));
  const sharing = readers.slice();
  const plan = await ask("reading_plan", files.length, sharing.length);
  // Each slice is read by the first reader free, and merged in file order;
  // a slice a reader fails to read, or has not read in its slice's time
  // (a reader can die without a word, and would be waited for forever),
  // is read by the page's own worker. Such a reader reads no more.
  const read = plan.map(() => {
    let settle;
    const promise = new Promise((resolve) => { settle = resolve; });
    return { promise, settle };
  });
  let next = 0;
  for (const reader of sharing) {
    (async () => {
      while (next < plan.length) {
        const slice = next;
        next += 1;
        const [start, end, patience] = plan[slice];
        let timer;
        const outOfTime = new Promise((resolve) => { timer = setTimeout(resolve, patience, "out of time"); });
        try {
          const records = await Promise.race([reader.read_files(names(start, end), texts.slice(start, end)),
                                              outOfTime]);
          if (records === "out of time") {
            throw new Error(`no answer in ${patience} ms`);
          }
          read[slice].settle(records);
        } catch (error) {
          console.warn(`a room reader failed, the page's worker reads its files: ${error}`);
          read[slice].settle(null);
          const position = readers.indexOf(reader);
          if (position >= 0) {
            readers.splice(position, 1);
            body.dataset.roomReaders = String(readers.length);
          }
          return;
        } finally {
          clearTimeout(timer);
        }
      }
    })();
  }
  let readHere = 0;
  for (let slice = 0; slice < plan.length; slice += 1) {
    const [start, end] = plan[slice];
    const records = sharing.length ? await read[slice].promise : null;
    if (records === null) {
      readHere += 1;
      await request("merge", null, names(start, end), texts.slice(start, end), end, files.length);
    } else {
      await request("merge", records, null, null, end, files.length);
    }
  }
  // For tests and the benchmark: who read the files.
  body.dataset.readBy = sharing.length ? "page workers" + (readHere ? " and room worker" : "") : "room worker";
  performance.mark("room:files-added");
  await request("load_end");
}

// ---------------------------------------------------------------- what needs no room

function present(on) {
  body.classList.toggle("presenting", on);
  document.querySelector("[data-action='present']").setAttribute("aria-pressed", on ? "true" : "false");
}

// The line above the table says it scrolls sideways while it is wider than
// its box: a narrow screen, a long name, presenting's larger text.
const tableBox = document.querySelector("[data-table-scroll]");

function showScrollHint() {
  document.querySelector("[data-scroll-hint]").hidden = !(tableBox.scrollWidth > tableBox.clientWidth);
}

// The box changes with the window, the table with its text's size.
const tableWidth = new ResizeObserver(showScrollHint);
tableWidth.observe(tableBox);
tableWidth.observe(tableBox.querySelector("table"));

// The status line's link: the folded list of files that could not be read,
// at the page's foot, opens and takes the focus.
function openProblems() {
  const panel = document.querySelector("[data-problems]");
  panel.open = true;
  panel.querySelector("summary").focus();
  panel.scrollIntoView();
}

// ---------------------------------------------------------------- events

function onChange(event) {
  const control = event.target;
  const name = control.dataset.control;
  if (name === "files") {
    const files = Array.from(control.files);
    control.value = "";   // choosing the same file again loads it again
    load(files);
  } else if (name === "anonymise") {
    markHiding();
    request("hide_names", control.checked).catch(failed);
  }
}

function downloadCsv() {
  const now = new Date();
  request("csv", now.getFullYear(), now.getMonth() + 1, now.getDate()).then(({ download }) => {
    // None from an empty room: the status line says why.
    if (download) {
      globalThis.trustWorkbookStorage.download(download.name, download.text, download.type);
    }
  }).catch(failed);
}

function onClick(event) {
  const control = event.target.closest("[data-action]");
  if (!control) {
    return;
  }
  const action = control.dataset.action;
  if (action === "sort") {
    request("sort_by", control.dataset.column).catch(failed);
  } else if (action === "download-csv") {
    downloadCsv();
  } else if (action === "clear") {
    request("clear").catch(failed);
  } else if (action === "undo-clear") {
    request("undo_clear").catch(failed);
  } else if (action === "present") {
    present(!body.classList.contains("presenting"));
  } else if (action === "show-problems") {
    event.preventDefault();   // the panel opens and takes the focus; the address stays as it is
    openProblems();
  }
}

function onDrag(event) {
  startReaders().catch(failed);
  // Without preventDefault the browser opens a dropped file in place of
  // the page, and the room's results are gone. Files dropped anywhere on
  // the page load: the drop zone is folded away once the room has results.
  event.preventDefault();
  const inside = event.target.closest && event.target.closest("[data-drop-zone]") !== null;
  document.querySelector("[data-drop-zone]").classList.toggle("dragging", inside && event.type === "dragover");
  if (event.type === "drop" && event.dataTransfer) {
    load(Array.from(event.dataTransfer.files));
  }
}

function onKey(event) {
  // A trainer at the projector leaves presenting as a slideshow is left.
  if (event.key === "Escape" && body.classList.contains("presenting")) {
    present(false);
  }
}

document.addEventListener("keydown", onKey);
document.addEventListener("change", onChange);
document.addEventListener("click", onClick);
for (const name of ["dragover", "dragleave", "drop"]) {
  document.addEventListener(name, onDrag);
}
// The page opens on the room kept in this browser; with its names hidden
// when "Hide names" is ticked already (the browser ticks it again when the
// facilitator comes back to the page; ticked before this script ran): asked
// first, so that the room never shows the names under a ticked box.
markHiding();
const opened = (hideNames.checked ? request("hide_names", true) : Promise.resolve())
  .then(() => request("open_room", localStorage.getItem(place.dataset.roomKey)));
loading = opened;
// The load panel used: files are coming.
for (const name of ["pointerdown", "focusin"]) {
  document.querySelector("[data-load-panel]").addEventListener(name, () => startReaders().catch(failed));
}
opened.then(() => {
  // Last step on purpose: tests and users wait for this marker.
  body.dataset.ready = "1";
}).catch(failed);
