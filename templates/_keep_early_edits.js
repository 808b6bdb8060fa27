{# Runs inline, from the first paint on: the form can be used before Python
   has started. What the user types, chooses or clicks in the meantime is
   kept here in order, and the glue replays it once the workbook is open
   (py/main.py calls trustWorkbookEarlyEdits.replay()), so nothing done
   while the engine loads is lost. #}
globalThis.trustWorkbookEarlyEdits = (() => {
  const CONTROLS = "[data-field], [data-workbook-field], [data-setting], [data-control], [data-action]";
  const kept = [];
  let replaying = false;
  const keep = (event) => {
    if (replaying || !(event.target instanceof Element)) return;
    const control = event.target.closest(CONTROLS);
    if (!control || (event.type === "click") !== control.hasAttribute("data-action")) return;
    const edit = { type: event.type, control, value: control.value, checked: control.checked };
    const last = kept[kept.length - 1];
    // Each keystroke is an input event; only the last value of a run counts.
    if (last && last.type === edit.type && last.control === control && edit.type !== "click") {
      kept[kept.length - 1] = edit;
    } else {
      kept.push(edit);
    }
  };
  for (const type of ["input", "change", "click"]) {
    document.addEventListener(type, keep, true);
  }
  return {
    // Puts each kept value back into its control (the opened workbook has
    // just been written over it) and sends the event again, in order. A note
    // typed into a box that showed blank while the saved workbook has words
    // there is added after those words, so neither is lost.
    replay() {
      replaying = true;
      for (const type of ["input", "change", "click"]) {
        document.removeEventListener(type, keep, true);
      }
      const opened = new Map();  // each control's value as the opened workbook wrote it
      for (const { type, control, value, checked } of kept.splice(0)) {
        if (type === "click") {
          control.click();
          continue;
        }
        if (!opened.has(control)) opened.set(control, control.value);
        const saved = opened.get(control);
        if (control.type === "checkbox") {
          control.checked = checked;
        } else if (control.type === "textarea" && saved !== control.defaultValue && saved !== value) {
          control.value = saved + "\n" + value;
        } else if (control.type !== "file") {
          control.value = value;
        }
        control.dispatchEvent(new Event(type, { bubbles: true }));
      }
    },
  };
})();
