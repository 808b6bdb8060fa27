# The floor of the stack with its Python in a worker that never touches the
# page (no SharedArrayBuffer needed): one line, as bare_ready.py has. The
# readiness marker is set by worker_done.js when PyScript reports the script
# done.
started = 1
