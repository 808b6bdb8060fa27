// The page's side of the workbook's keystroke with its Python in a worker
// (bench/worker_keystroke.py; measured by bench/bench_worker_keystroke.py):
// the whole shell a worker without SharedArrayBuffer leaves to the page.
// An input event is read off its control as plain data (what py/dom.py
// edit_of and py/people_glue.py ticked read), handed to the worker, whose
// answer (one JSON text of [element key, text]) is applied to elements looked
// up once. While a call is in flight, further edits wait, the latest value
// of each control only, and all go in the next call. The workbook's text,
// asked of the worker after a pause, is kept in localStorage on this thread;
// at pagehide what was typed since that text goes beside it as a journal.
import { hooks } from "../runtime/pyscript/core.js";

const SAVE_DELAY_MS = 300; // py/main.py's: typing saves once it pauses

// What an input event's control edits, as data, or null; `key` names the
// control's value in the workbook (a later edit of it replaces this one).
function editOf(control) {
  if (control.getAttribute("data-person-check") === "told") {
    const told = control.closest("[data-item]").getAttribute("data-item");
    const person = control.getAttribute("data-person");
    return { key: `told|${told}|${person}`, told, person, checked: control.checked };
  }
  const field = control.getAttribute("data-field");
  const owner = field ? control.closest("[data-item], [data-row]") : null;
  const list = owner ? owner.closest("[data-list]") : null;
  if (!list) return null;
  const id = owner.getAttribute("data-item") || owner.getAttribute("data-row");
  const listPath = list.getAttribute("data-list");
  return { key: `${listPath}|${id}|${field}`, list: listPath, id, field, value: control.value };
}

class KeystrokeShell {
  constructor(xworker) {
    this.worker = xworker.sync; // each call answers a Promise (sync_main_only)
    this.elements = new Map(); // element key -> element, looked up once
    for (const element of document.querySelectorAll("[data-score]")) {
      this.elements.set(`data-score:${element.getAttribute("data-score")}`, element);
    }
    this.pending = new Map(); // control key -> its latest edit, typed while a call was in flight
    this.unsaved = new Map(); // control key -> its latest edit not yet in the text kept
    this.inFlight = false;
    this.typed = 0; // edits typed, each numbered
    this.sent = 0; // the last edit sent to the worker
    this.answered = 0; // the last edit whose figures are shown
    this.calls = 0; // keystroke() calls made
    this.callTimes = []; // [sent, answered, applied] of each call, ms since the epoch (the bench's)
    this.waiting = []; // [edit number, settle] of whoever waits on the figures of that edit
    this.saveDelayMs = SAVE_DELAY_MS; // Infinity: no save unless asked (the bench's keystroke loops)
    this.saveTimer = null;
    this.storageKey = document.body.getAttribute("data-storage-key");
  }

  async start() {
    const keys = JSON.stringify([...this.elements.keys()]);
    this.apply(await this.worker.start(keys, document.documentElement.lang));
  }

  apply(writes) {
    for (const [key, text] of JSON.parse(writes)) this.elements.get(key).textContent = text;
  }

  onInput(event) {
    const edit = editOf(event.target);
    if (edit === null) return;
    edit.number = ++this.typed;
    this.pending.delete(edit.key); // the latest value only, at the end of the order typed
    this.pending.set(edit.key, edit);
    this.unsaved.delete(edit.key);
    this.unsaved.set(edit.key, edit);
    clearTimeout(this.saveTimer);
    if (!this.inFlight) this.send();
  }

  async send() {
    const edits = [...this.pending.values()];
    this.pending.clear();
    this.sent = this.typed;
    this.inFlight = true;
    this.calls += 1;
    const sent = performance.timeOrigin + performance.now();
    try {
      const writes = await this.worker.keystroke(JSON.stringify(edits));
      const received = performance.timeOrigin + performance.now();
      this.apply(writes);
      this.answered = edits[edits.length - 1].number;
      this.callTimes.push([sent, received, performance.timeOrigin + performance.now()]);
    } finally {
      this.inFlight = false;
      const now = performance.now();
      this.waiting = this.waiting.filter(([number, settle]) => number > this.answered || settle(now));
      if (this.pending.size) this.send();
      else this.saveSoon();
    }
  }

  // performance.now() once the figures of edit `number` are shown.
  whenAnswered(number) {
    if (this.answered >= number) return Promise.resolve(performance.now());
    return new Promise((settle) => this.waiting.push([number, settle]));
  }

  saveSoon() {
    clearTimeout(this.saveTimer);
    if (Number.isFinite(this.saveDelayMs)) this.saveTimer = setTimeout(() => this.save(), this.saveDelayMs);
  }

  // Asks the worker for the workbook's text (it answers after every call sent
  // before) and keeps it; what it took on this thread, in ms.
  async save() {
    const covers = this.sent;
    const asked = performance.now();
    const text = await this.worker.saved_text();
    const got = performance.now();
    localStorage.setItem(this.storageKey, text);
    const stored = performance.now();
    for (const [key, edit] of this.unsaved) if (edit.number <= covers) this.unsaved.delete(key);
    return { roundTrip: got - asked, setItem: stored - got, bytes: text.length };
  }

  // pagehide: the text kept is in storage already; what was typed since goes
  // beside it, for the next load to apply over it (this spike only writes it).
  keepUnsaved() {
    if (this.unsaved.size) {
      localStorage.setItem(`${this.storageKey}:journal`, JSON.stringify([...this.unsaved.values()]));
    }
  }
}

hooks.main.onWorker.add((_, xworker) => {
  xworker.ready.then(async () => {
    const shell = new KeystrokeShell(xworker);
    await shell.start();
    document.addEventListener("input", (event) => shell.onInput(event));
    window.addEventListener("pagehide", () => shell.keepUnsaved());
    window.keystrokeShell = shell;
    document.body.setAttribute("data-ready", "1");
  });
});
