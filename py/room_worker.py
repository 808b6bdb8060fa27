# A page worker of the facilitator view (py/room_workers.py starts them): it
# reads its share of a room's files on an interpreter and a core of its own,
# so that 200 files are read on every core at once. What it reads is
# room.read_file's records, handed back as one JSON text: between threads
# plain data crosses as text, never as converted objects. Shipped as source
# (a worker's script runs as text); what it imports is bytecode from its
# config's files (build.py ROOM_WORKER_PY_MODULES).
import json

import content
import results
import room

with open("method.json") as content_file:
    CONTENT = content.read(json.loads(content_file.read()))  # json.load is slower under MicroPython
# What the room reads of the content is worked out on the first file: done
# here, while the worker starts, rather than in the first load.
room.read_file("warm-up.json", "{}", CONTENT, "en")


def read_files(names, texts, language):
    """The records of the files names[i] with texts[i] (names: a JSON list;
    texts: a JavaScript array, a text null when the page could not decode
    the file), in order, as JSON."""
    language = str(language)
    names = json.loads(str(names))
    records = []
    for position in range(len(names)):
        text = texts[position]
        if not isinstance(text, str):  # neither UTF-8 nor UTF-16 (page.js)
            text = results.encoding_errors(CONTENT, language)
        records.append(room.read_file(names[position], text, CONTENT, language))
    return json.dumps(records)


__export__ = ["read_files"]
