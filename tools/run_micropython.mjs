#!/usr/bin/env node
// Run Python files under MicroPython (the WebAssembly build the page uses),
// in Node, outside the browser.  Used by tests/test_micropython_parity.py and
// bench/bench_score.py.
//
//   node tools/run_micropython.mjs [--put HOST[:NAME]]... [--heap MB] SCRIPT.py [ARGS...]
//   node tools/run_micropython.mjs [--put ...] -c 'python code' [ARGS...]
//
// --put copies a host file into MicroPython's in-memory filesystem as
// /app/NAME (NAME defaults to the file's base name; it may contain
// sub-folders).  /app is the working directory and the first entry of
// sys.path, so `import scoring` works after `--put py/scoring.py`.
// sys.argv is [SCRIPT, ARGS...].  Python's stdout goes to stdout, tracebacks
// to stderr.
//
// Exit status: 0 when the script finishes, 1 when Python raises (the
// package's own CLI exits 0 then), the code given to sys.exit(), 2 for a
// usage or host file error.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MP_MODULE = path.resolve(
  HERE, "..", "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs");
const APP = "/app";

function mkdirs(FS, dir) {
  let cur = "";
  for (const part of dir.split("/").filter(Boolean)) {
    cur += "/" + part;
    try { FS.mkdir(cur); } catch (e) { /* exists */ }
  }
}

// Run `script` (a path inside /app, or null with `code`) after copying
// `files` ([{host, name}]).  Returns the exit status; never throws for a
// Python error.
export async function runMicroPython({ files = [], script = null, code = null, argv = [],
                                       heapMB = 64, stdout, stderr } = {}) {
  const out = stdout ?? ((s) => process.stdout.write(s + "\n"));
  const err = stderr ?? ((s) => process.stderr.write(s + "\n"));
  const { loadMicroPython } = await import(pathToFileURL(MP_MODULE).href);
  const mp = await loadMicroPython({
    heapsize: Math.round(heapMB * 1024 * 1024), stdout: out, stderr: err, linebuffer: true,
  });
  mkdirs(mp.FS, APP);
  for (const f of files) {
    const dest = APP + "/" + f.name;
    mkdirs(mp.FS, path.posix.dirname(dest));
    mp.FS.writeFile(dest, fs.readFileSync(f.host));
  }
  mp.FS.chdir(APP);
  let target = script;
  if (code !== null) {
    target = APP + "/__main_code__.py";
    mp.FS.writeFile(target, code);
  }
  const boot = [
    "import sys",
    "sys.path.insert(0, " + JSON.stringify(APP) + ")",
    "sys.argv.clear()",
    ...[target, ...argv].map((a) => "sys.argv.append(" + JSON.stringify(String(a)) + ")"),
    "_p = " + JSON.stringify(target),
    "_f = open(_p)",
    "_s = _f.read()",
    "_f.close()",
    "exec(compile(_s, _p, 'exec'), {'__name__': '__main__', '__file__': _p})",
  ].join("\n");
  try {
    mp.runPython(boot);
    return 0;
  } catch (e) {
    if (e && e.name === "PythonError") {
      const text = String(e.message ?? "");
      if (e.type === "SystemExit") {
        const last = text.trim().split("\n").pop() ?? "";
        const arg = last.replace(/^SystemExit:?\s*/, "");
        if (arg === "" || arg === "None") return 0;
        if (/^-?\d+$/.test(arg)) return Number(arg) & 255;
        err(arg);
        return 1;
      }
      err(text.replace(/\n+$/, ""));
      return 1;
    }
    err("run_micropython: " + (e && e.stack ? e.stack : String(e)));
    return 1;
  }
}

function usage(msg) {
  process.stderr.write((msg ? msg + "\n" : "") +
    "usage: node tools/run_micropython.mjs [--put HOST[:NAME]]... [--heap MB] " +
    "(SCRIPT.py | -c CODE) [ARGS...]\n");
  process.exitCode = 2;
}

async function main(args) {
  const files = [];
  let heapMB = 64;
  let script = null;
  let code = null;
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === "--put") {
      const spec = args[i + 1];
      if (!spec) return usage("--put needs HOST[:NAME]");
      const colon = spec.lastIndexOf(":");
      const host = colon > 0 ? spec.slice(0, colon) : spec;
      const name = colon > 0 ? spec.slice(colon + 1) : path.basename(spec);
      if (!fs.existsSync(host)) return usage("no such file: " + host);
      files.push({ host, name });
      i += 2;
    } else if (a === "--heap") {
      heapMB = Number(args[i + 1]);
      if (!(heapMB > 0)) return usage("--heap needs a size in MB");
      i += 2;
    } else if (a === "-c") {
      if (args[i + 1] === undefined) return usage("-c needs code");
      code = args[i + 1];
      i += 2;
      break;
    } else if (a === "-h" || a === "--help") {
      return usage("");
    } else {
      script = a;
      i += 1;
      break;
    }
  }
  const argv = args.slice(i);
  if (code === null) {
    if (script === null) return usage("no script given");
    if (!fs.existsSync(script)) return usage("no such file: " + script);
    files.push({ host: script, name: "__main_script__/" + path.basename(script) });
    script = APP + "/__main_script__/" + path.basename(script);
  }
  process.exitCode = await runMicroPython({ files, script, code, argv, heapMB });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
