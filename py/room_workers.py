# Page glue of the facilitator view: the page workers that read a room's
# files (py/room_worker.py), each a MicroPython of its own on its own core.
# They start once the page is idle after ready, never when files arrive (a
# worker takes a few hundred ms to start). A load hands them slices of the
# files; the page merges what they read in file order (room.merge_records),
# so the room is the one reading on the page would make. A slice a worker
# fails to read is read on the page; with no worker ready, the page reads
# everything itself, as it did before workers.
import asyncio
import json

from pyscript import create_named_worker, document, window
from pyscript.ffi import create_proxy, to_js

import room_view


class Readers:
    ready = []      # workers that have started, in the order they did
    wanted = 0


def ready():
    return list(Readers.ready)


async def start_one(number, src, config):
    try:
        worker = await create_named_worker(src=src, name="room-reader-" + str(number), config=config, type="mpy")
    except Exception as error:  # the page reads on its own: nothing is lost but time
        window.console.warn("room reader " + str(number) + " did not start: " + str(error))
        return
    Readers.ready.append(worker)
    # For tests and the benchmark: how many readers are there to read.
    document.body.setAttribute("data-room-readers", str(len(Readers.ready)))


def start():
    """Starts the readers the page should have (room_view.reader_count)."""
    place = document.querySelector("[data-room-worker-src]")
    Readers.wanted = room_view.reader_count(window.navigator.hardwareConcurrency, str(window.location.search))
    document.body.setAttribute("data-room-readers-wanted", str(Readers.wanted))
    for number in range(1, Readers.wanted + 1):
        asyncio.create_task(start_one(number, place.getAttribute("data-room-worker-src"),
                                      place.getAttribute("data-room-worker-config")))


def start_when_idle():
    def idle(*_):
        start()

    if hasattr(window, "requestIdleCallback"):
        window.requestIdleCallback(create_proxy(idle), to_js({"timeout": 3000}))
    else:  # WebKit has no idle callback
        window.setTimeout(create_proxy(idle), 500)


async def read(names, texts, language, step, merge):
    """Reads the files (names: a list; texts: a JavaScript array) across the ready
    readers, in slices that divide `step`; awaits merge(start, end, records)
    for each slice in file order, records the workers' JSON text, or None
    when the page must read that slice itself. Answers how many slices the
    page read."""
    readers = ready()
    chunks = room_view.reading_chunks(len(names), len(readers), step)
    read_texts = [None] * len(chunks)
    finished = [asyncio.Event() for _ in chunks]
    next_chunk = [0]

    async def work(worker):
        while next_chunk[0] < len(chunks):
            index = next_chunk[0]
            next_chunk[0] += 1
            start, end = chunks[index]
            try:
                # The names cross as JSON: a string handed from Python to
                # JavaScript ends at its first NUL, which a file name may hold.
                read_texts[index] = str(await worker.read_files(json.dumps(names[start:end]), texts.slice(start, end),
                                                                language))
            except Exception as error:
                window.console.warn("a room reader failed, the page reads its files: " + str(error))
            finished[index].set()

    for worker in readers:
        asyncio.create_task(work(worker))
    for index in range(len(chunks)):
        await finished[index].wait()
        await merge(chunks[index][0], chunks[index][1], read_texts[index])
    return read_texts.count(None)
