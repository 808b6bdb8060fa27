"""Trust Workbook: the facilitator page's state and what each of its actions
does, pure.

The page's worker (``py/room_worker.py``) keeps one ``RoomPage`` and hands
each of the page's requests to it; every action answers with plain data the
page carries out as it is (``static/room_page.js``):

- ``writes``: what the page shows, as ``room_painter`` words it;
- ``store``: what to keep in the browser's storage, in order
  (``["set", key, text]`` or ``["remove", key]``), which only the page can
  reach;
- ``download``: a file to hand to the browser (``name``, ``text``, ``type``);
- ``focus``: where the keyboard's focus goes if the action took it away
  (the load panel folded with the file picker in it, the Clear button
  disabled, Undo hidden): the status line, which says the outcome.

A load of files goes in steps, so that the page can share the reading
among page workers: ``chosen`` as the files are chosen (the status says
they are being read, even while an earlier load is), then, in its turn,
``load_start`` (which files are too large to read), ``merge`` once per
slice in file order (the records a page worker read, or the texts to read
here) and ``load_end`` (keep the room, show it).
"""

import content
import results
import room
import room_painter
import room_view

PROGRESS_EVERY = 25   # files read between two paints of the progress


def answer(writes=(), store=(), **more):
    made = {"writes": list(writes), "store": list(store)}
    made.update(more)
    return made


def read_texts(names, texts, method, language):
    """(name, text) of each file in turn; a text None is a file the page
    could not decode (neither UTF-8 nor UTF-16, page.js), read as such; a
    text False one whose bytes the browser refused (a folder dropped with
    the files, a file gone from the disk). Each text is taken only when the
    room reads it: a JavaScript array's texts become Python strings one at
    a time."""
    for position in range(len(names)):
        text = texts[position]
        if text is False:
            yield names[position], results.unreadable_errors(method, language)
        elif not isinstance(text, str):
            yield names[position], results.encoding_errors(method, language)
        else:
            yield names[position], text


def read_records(names, texts, method, language):
    """The records of room.read_file for each file, in order: what a page
    worker hands back."""
    return [room.read_file(name, text, method, language) for name, text in read_texts(names, texts, method, language)]


class RoomPage:
    def __init__(self, method, language):
        self.method = method
        self.language = language
        self.loaded = room.new_room()
        self.sort_column = "T"
        self.descending = True
        self.anonymise = False
        self.view = None
        self.cleared = None     # the room before "Clear", until undone or replaced
        self.message = None     # a line the status shows instead of the summary, once
        self.reading = 0        # loads chosen and not yet ended

    def _ui(self, key, values=None):
        return content.read(self.method).ui_text(self.language, key, values)

    # ------------------------------------------------------------ showing

    def room_writes(self):
        self.view = room.room_view(self.loaded, self.method, self.language, self.sort_column, self.descending,
                                   self.anonymise)
        status = room_view.status_line(self.message, self.view, self.loaded["files"], self.reading,
                                       self.method, self.language)
        self.message = None
        return room_painter.room_writes(self.view, self.loaded["files"], self.cleared is not None, status,
                                        self.method, self.language, self.anonymise)

    def settle(self, fold, store=()):
        """The room shown; loading and problems folded (fold True: a projector
        shows the results first), opened (False: an empty room opens
        loading) or left as the facilitator set them (None). The count of
        files read goes last: tests wait for it."""
        writes = self.room_writes() + room_painter.fold_writes(fold)
        writes.append(["attr", "body", "data-loaded", str(self.loaded["files"])])
        return answer(writes, store)

    def outcome(self, made):
        """An answer whose action may take the focus away (static/room_page.js
        moves it only then): the status line takes it, and a screen reader
        reads the outcome there."""
        made["focus"] = room_painter.OUTCOME
        return made

    def keep(self):
        """What keeps the room in this browser until it is cleared (a reload
        brings it back)."""
        if self.loaded["files"] == 0:
            return [["remove", room.ROOM_KEY]]
        return [["set", room.ROOM_KEY, room.room_text(self.loaded)]]

    # ------------------------------------------------------------ actions

    def open(self, kept_text):
        """The page opens on the room kept in this browser (None: none)."""
        store = []
        if kept_text is not None:
            kept = room.room_from_text(kept_text, self.method)
            self.message = room_view.restored_notice(kept, self.method, self.language)
            if kept is None:
                # Set aside rather than deleted; the files themselves can be loaded again.
                store = [["set", room.ROOM_KEY + ":unreadable", kept_text], ["remove", room.ROOM_KEY]]
            else:
                self.loaded = kept
        opened = self.settle(len(self.loaded["rows"]) > 0, store)
        opened["writes"].append(["prop", "[data-control='files']", "disabled", False])
        return opened

    def keeping_failed(self):
        """The browser refused to keep the room: the status line says so."""
        return answer(room_painter.status_writes(self._ui("room_store_failed")))

    def hide_names(self, on):
        self.anonymise = bool(on)
        return answer(self.room_writes())

    def sort_by(self, column):
        self.sort_column, self.descending = room_view.next_sort(column, self.sort_column, self.descending)
        return answer(self.room_writes())

    def clear(self):
        """Empties the room; undo brings it back until files are loaded again."""
        if self.loaded["files"] == 0:
            # A second click before the page had the first answer (a double
            # click): the room cleared first stays the one undo brings back.
            return answer()
        self.cleared = self.loaded
        self.loaded = room.new_room()
        self.message = room_view.cleared_notice(self.cleared, self.method, self.language)
        return self.outcome(self.settle(False, self.keep()))

    def undo_clear(self):
        if self.cleared is None:
            return answer()
        self.loaded = self.cleared
        self.cleared = None
        return self.outcome(self.settle(len(self.loaded["rows"]) > 0, self.keep()))

    def csv(self, year, month, day):
        """The table as a CSV file to download; in a room without rows (a
        click that came before the page disabled the button, right after
        Clear) no file, and the status line says why."""
        refusal = room_view.csv_refusal(self.view, self.method, self.language)
        if refusal is not None:
            return answer(room_painter.status_writes(refusal))
        today = room_view.date_text(year, month, day)
        return answer(download={"name": room.csv_file_name(today, self.language, self.method),
                                "text": room.csv_text(self.view, self.method, self.language),
                                "type": "text/csv;charset=utf-8"})

    # ------------------------------------------------------------ a load of files

    def chosen(self, count):
        """A load of `count` files is chosen; it is read in its turn."""
        self.reading += 1
        return answer(room_painter.status_writes(self._ui("room_reading", {"count": count})))

    def load_start(self, files):
        """files: [name, size in bytes] of each file chosen. Too large ones
        join the room unread at once; answers the positions of the rest,
        which the page reads as text and hands to merge(), and whether the
        load is worth waiting for page workers that are still starting
        (more than one step of progress: a few files read here sooner)."""
        unread = []
        readable = []
        for position in range(len(files)):
            name, size = files[position]
            errors = results.size_errors(size, self.method, self.language)
            if errors:
                unread.append((name, errors))
            else:
                readable.append(position)
        self.loaded = room.add_files(self.loaded, unread, self.method, self.language)
        return answer(room_painter.status_writes(self._ui("room_reading", {"count": len(files)})),
                      readable=readable, wait_for_readers=len(readable) > PROGRESS_EVERY)

    def merge(self, records, names, texts, end, count):
        """A slice of the load, in file order: the records a page worker read
        (records None: read names and texts here). Every PROGRESS_EVERY
        files the status line says how far the reading is."""
        if records is None:
            self.loaded = room.add_files(self.loaded, read_texts(names, texts, self.method, self.language),
                                         self.method, self.language)
        else:
            self.loaded = room.merge_records(self.loaded, records, self.method, self.language)
        if end < count and end % PROGRESS_EVERY == 0:
            return answer(room_painter.status_writes(
                self._ui("room_reading_progress", {"done": end, "count": count})))
        return answer()

    def load_end(self):
        """The load read: the room kept and shown; while another load
        waits its turn the status line keeps saying so."""
        self.reading = max(self.reading - 1, 0)
        self.cleared = None
        return self.outcome(self.settle(room_view.fold_after_load(self.view, self.loaded), self.keep()))

    def reading_plan(self, count, readers):
        """(start, end, patience) of the slices a load of `count` files is
        read in: one slice per PROGRESS_EVERY files when the page's own
        worker reads them, smaller slices shared among page workers; a
        slice whose page worker has not answered within `patience` ms is
        read by the page's own worker (room_view.reader_patience_ms)."""
        if readers == 0:
            slices = [(start, min(start + PROGRESS_EVERY, count)) for start in range(0, count, PROGRESS_EVERY)]
        else:
            slices = room_view.reading_chunks(count, readers, PROGRESS_EVERY)
        return [(start, end, room_view.reader_patience_ms(end - start)) for start, end in slices]

