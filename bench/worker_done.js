// The readiness marker of the worker page whose Python cannot reach the
// document (no SharedArrayBuffer, so the worker's own "mpy:done" event is
// never dispatched on the page): PyScript's main-thread hook hands over each
// worker it starts, whose `ready` settles once the worker has run its script.
import { hooks } from "../runtime/pyscript/core.js";

hooks.main.onWorker.add((_, xworker) => {
  xworker.ready.then(() => document.body.setAttribute("data-ready", "1"));
});
