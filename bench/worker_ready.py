# The floor of the stack with its Python in a worker, touching the page:
# PyScript reaches the page's document from the worker (a synchronous call
# through SharedArrayBuffer and Atomics, so the page must be
# crossOriginIsolated) and sets the same readiness marker as bare_ready.py.
from pyscript import document

document.body.setAttribute("data-ready", "1")
