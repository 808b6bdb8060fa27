// The page side of "a keystroke's writes in one call" (dom_calls.py): one
// call from Python carries every write as JSON, the page applies them.
window.benchApplyWrites = (json) => {
  for (const [id, text] of JSON.parse(json)) document.getElementById(id).textContent = text;
};
