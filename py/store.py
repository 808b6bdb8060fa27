"""The rules of keeping workbooks in a browser's storage, pure.

Storage is reached through a port: any object with get(key) -> text or
None, set(key, text) (raising StorageRefused when the storage is full or
refuses), remove(key) and keys() -> list of keys.  The page passes its
localStorage adapter; the tests pass a dict, and a second "tab" is a second
writer on the same dict.  Each function returns what happened; the glue
decides what to show.

Three promises hold here: nothing that did not read cleanly is written over
before a copy of it is set aside; a copy is never reported that was not
written; and a save that another tab's save may have crossed keeps both.
"""

import json

import content
import library
import migrations
import scoring

# What happened: the glue words each outcome for the user.
SAVED = "saved"
FAILED = "failed"            # storage refused: what was stored before is unchanged
CONFLICT = "conflict"        # another tab wrote this workbook: this tab's version must become a copy
SET_ASIDE = "set_aside"      # something unreadable was copied aside before anything replaced it
NOT_SET_ASIDE = "not_set_aside"  # unreadable, and storage refused the copy: left untouched, read-only
INDEX_NOT_SET_ASIDE = "index_not_set_aside"  # the same of the index: it is not written until it is set aside

# The revision a tab holds for a workbook it must never write over: one
# from a newer release, or a damaged one that could not be set aside yet.
READ_ONLY = "read-only"


class StorageRefused(Exception):
    """Raised by a port's set(): storage full (QuotaExceededError) or off."""


# ---------------------------------------------------------------- revisions
#
# Each workbook has a revision key, "N:writer", renewed on every save.  A tab
# saves only over the revision it last saw; the writer part tells two saves
# apart that started from the same revision in two tabs at the same moment
# (each would write N+1): the tab whose write lands first learns of the other
# from its storage event and keeps its version as a copy.  A plain "N" is
# the revision as earlier releases wrote it.

PARTICIPANT_KEY = "trust-workbook:participant"   # the participant's own name, for every results file


def participant(storage):
    return storage.get(PARTICIPANT_KEY) or ""


def keep_participant(storage, typed):
    """Keeps the participant's name as typed, cleaned (library.clean_participant);
    SAVED or FAILED."""
    try:
        storage.set(PARTICIPANT_KEY, library.clean_participant(typed))
    except StorageRefused:
        return FAILED
    return SAVED


def read_revision(storage, workbook_id):
    stored = storage.get(library.revision_key(workbook_id))
    return stored if isinstance(stored, str) else ""


def revision_number(revision):
    number = revision.partition(":")[0]
    return int(number) if number.isdigit() else 0


def next_revision(seen, writer):
    return str(revision_number(seen) + 1) + ":" + writer


def after_other_write(storage, workbook_id, seen, unsaved):
    """What this tab does when another tab wrote this workbook's revision:
    None (nothing changed for it), "reload" (the other tab built on what
    this tab saw: show theirs), or "keep_copy" (theirs and this tab's
    crossed: this tab's version becomes a copy)."""
    stored = storage.get(library.revision_key(workbook_id))
    if not isinstance(stored, str) or stored == seen or seen == READ_ONLY:
        return None  # removed (deleted in the other tab): the next save keeps a copy
    if revision_number(stored) > revision_number(seen) and not unsaved:
        return "reload"
    return "keep_copy"


# ---------------------------------------------------------------- reading

def _parse(text):
    try:
        return json.loads(text), True
    except ValueError:
        return None, False


def set_aside(storage, key, text, now_ms):
    """Copies text that did not read cleanly to key:unreadable:<ms>."""
    try:
        storage.set(key + ":unreadable:" + str(now_ms), text)
    except StorageRefused:
        return NOT_SET_ASIDE
    return SET_ASIDE


def _records_read_cleanly(records, ids, limit):
    """A stored list as the reader expects it: a list of objects; on a fixed
    list each a distinct known point; on a free list at most `limit`."""
    if records is None:
        return True
    if not isinstance(records, list) or (ids is None and len(records) > limit):
        return False
    seen = []
    for record in records:
        if not isinstance(record, dict):
            return False
        for field in ("note", "text"):
            if record.get(field) is not None and not isinstance(record.get(field), str):
                return False
        if ids is not None:
            if record.get("id") not in ids or record.get("id") in seen:
                return False
            seen.append(record.get("id"))
    return True


def reads_cleanly(data, method):
    """Whether the tolerant reader (scoring.normalise) would keep everything
    a stored workbook at the current version holds: its objects where it
    expects objects, its lists where it expects lists, its texts as text."""
    if not isinstance(data, dict) or migrations.workbook_version(data) != scoring.SCHEMA_VERSION:
        return False
    for key in ("id", "name", "account"):
        if data.get(key) is not None and not isinstance(data.get(key), str):
            return False
    digest = content.read(method)
    for side, lists in (("seller", digest.seller_lists), ("client", digest.client_lists)):
        container = data.get(side, {})
        if not isinstance(container, dict):
            return False
        for spec in lists:
            if not _records_read_cleanly(container.get(spec.id), spec.position, digest.max_needs):
                return False
    return (_records_read_cleanly(data.get("common_ground"), None, digest.max_common_ground)
            and isinstance(data.get("settings", {}), dict))


class Opened:
    """A stored workbook as read: `data` (None when there is nothing to
    read), the `revision` to save over, and what happened on the way
    (`events`: SET_ASIDE, NOT_SET_ASIDE, FAILED)."""

    def __init__(self, data, revision, events):
        self.data = data
        self.revision = revision
        self.events = events

    def workbook(self, workbook_id, name, method):
        """The workbook to show: what was read, well-formed, or a new one
        named `name` when nothing could be read."""
        shown = scoring.normalise(self.data if self.data is not None else {"name": name}, method)
        shown["id"] = workbook_id
        return shown


def open_workbook(storage, workbook_id, method, now_ms):
    """Reads a stored workbook: migrated to the current version (the text as
    it was kept under key:before-migration:N first), and anything that does
    not read cleanly set aside before it may be written over.  A workbook
    from a newer release, or one that could not be set aside, opens
    READ_ONLY: edits go to a new workbook."""
    key = library.workbook_key(workbook_id)
    revision = read_revision(storage, workbook_id)
    events = []
    raw = storage.get(key)
    if not isinstance(raw, str):
        return Opened(None, revision, events)
    data, parsed = _parse(raw)
    if migrations.is_newer_workbook(data):
        return Opened(data, READ_ONLY, events)
    migrated = migrations.migrate_stored_workbook(data, method) if parsed else None
    if parsed and reads_cleanly(migrated, method):
        if migrated is not data:
            events += _save_migrated(storage, key, raw, migrated, migrations.workbook_version(data))
        return Opened(migrated, revision, events)
    outcome = set_aside(storage, key, raw, now_ms)
    events.append(outcome)
    readable = scoring.normalise(migrated, method) if isinstance(migrated, dict) else None
    if outcome == NOT_SET_ASIDE:
        return Opened(readable, READ_ONLY, events)
    try:
        if readable is None:
            storage.remove(key)
        else:
            storage.set(key, json.dumps(readable))
    except StorageRefused:
        events.append(FAILED)  # the damaged text stays; its copy is aside
    return Opened(readable, revision, events)


def _save_migrated(storage, key, raw, migrated, version):
    try:
        storage.set(key + ":before-migration:" + str(version), raw)
        storage.set(key, json.dumps(migrated))
    except StorageRefused:
        return [FAILED]
    return []


def stored_workbook_ids(storage):
    ids = [library.workbook_id_of(key) for key in storage.keys()]
    return [workbook_id for workbook_id in ids if workbook_id is not None]


class LoadedIndex:
    """The index as loaded: `index`, `events` as in Opened, and `damaged`:
    the stored index's text while it is unreadable and not yet set aside
    (the index is then not written until it is)."""

    def __init__(self, index, events, damaged):
        self.index = index
        self.events = events
        self.damaged = damaged


def load_index(storage, method, untitled, now_ms):
    """The index, migrated, with every stored workbook it lacks adopted
    (named from the workbook, `untitled` when it has no name).  Only the
    workbooks the index does not list are read here."""
    raw = storage.get(library.INDEX_KEY)
    stored, parsed = _parse(raw) if isinstance(raw, str) else (None, True)
    events = []
    damaged = None
    if not parsed:
        if set_aside(storage, library.INDEX_KEY, raw, now_ms) == NOT_SET_ASIDE:
            events.append(INDEX_NOT_SET_ASIDE)
            damaged = raw
        else:
            events.append(SET_ASIDE)
            storage.remove(library.INDEX_KEY)
    listed = []
    if migrations.index_version(stored) == library.INDEX_VERSION:
        listed = library.ids(library.read_index(stored))
    # Keys first: reading a workbook may add a key (set aside) or remove one.
    found = []
    for workbook_id in stored_workbook_ids(storage):
        if workbook_id not in listed:
            opened = open_workbook(storage, workbook_id, method, now_ms)
            events += opened.events
            if isinstance(opened.data, dict) or opened.revision == READ_ONLY:
                name = opened.data.get("name") if isinstance(opened.data, dict) else None
                found.append((workbook_id, name if isinstance(name, str) and name else untitled))
    migrated = migrations.migrate_stored_index(stored, found)
    if migrated is not stored and damaged is None:
        events += _save_migrated(storage, library.INDEX_KEY, raw, migrated, migrations.index_version(stored))
    return LoadedIndex(library.adopt(library.read_index(migrated), found), events, damaged)


# ---------------------------------------------------------------- writing

def save(storage, workbook, seen, writer):
    """Saves a workbook over the revision this tab saw -> (outcome, revision
    now held).  The workbook is written before its revision, so a tab that
    hears of the revision finds the workbook already there; the revision is
    read back last with the workbook, and a save that landed in between
    makes this one a CONFLICT like a save that came before."""
    workbook_id = workbook["id"]
    if seen == READ_ONLY or read_revision(storage, workbook_id) != seen:
        return CONFLICT, seen
    revision = next_revision(seen, writer)
    text = json.dumps(workbook)
    try:
        storage.set(library.workbook_key(workbook_id), text)
        storage.set(library.revision_key(workbook_id), revision)
    except StorageRefused:
        # Should only the revision have failed, another tab's next save
        # conflicts with the one this tab then retries: both are kept.
        return FAILED, seen
    if read_revision(storage, workbook_id) != revision or storage.get(library.workbook_key(workbook_id)) != text:
        return CONFLICT, revision
    return SAVED, revision


def read_index(storage):
    """The index as another tab wrote it, or None when it does not read."""
    raw = storage.get(library.INDEX_KEY)
    data = _parse(raw)[0] if isinstance(raw, str) else None
    return library.read_index(data) if isinstance(data, dict) else None


def save_index(storage, index, damaged, now_ms):
    """Writes the index -> (outcome, damaged text still not set aside).  A
    damaged index that could not be set aside is tried again first, and
    nothing is written over it until that works."""
    if damaged is not None:
        if set_aside(storage, library.INDEX_KEY, damaged, now_ms) == NOT_SET_ASIDE:
            return NOT_SET_ASIDE, damaged
    try:
        storage.set(library.INDEX_KEY, json.dumps(index))
    except StorageRefused:
        return FAILED, None
    return SAVED, None


def added(index, workbook, now_ms, now_iso):
    """(index, workbook) once a new workbook is added: a fresh id, a name no
    other workbook has, after the open one, and open."""
    workbook_id = library.new_id(index, now_ms)
    index = library.add(index, workbook_id, workbook["name"], now_iso, after_id=index["current"])
    workbook = dict(workbook)
    workbook["id"] = workbook_id
    workbook["name"] = index["workbooks"][library.find(index, workbook_id)]["name"]
    return index, workbook


def named_copy(workbook, untitled, suffix):
    """A copy of a workbook, named after it with `suffix`."""
    copy = json.loads(json.dumps(workbook))
    copy["name"] = (workbook["name"] or untitled) + suffix
    return copy


def delete(storage, workbook_id):
    storage.remove(library.workbook_key(workbook_id))
    storage.remove(library.revision_key(workbook_id))


def import_workbooks(storage, index, workbooks, now_ms, now_iso, writer, replacing=(), dropping=()):
    """Stores an import, all of it or nothing: `workbooks` each as a new
    one, `replacing` each over the stored workbook of its id (under the
    imported name), and once both are stored, the workbooks `dropping`
    names are removed (the blank ones an import replaces).
    -> (SAVED, new index, the ids written, added then replaced), or
    (FAILED, None, []) with every write undone, so an import never half
    succeeds."""
    written = []
    kept = []  # (id, text, revision) of each workbook replaced, until the import is stored
    for workbook in workbooks:
        index, stored = added(index, workbook, now_ms, now_iso)
        workbook_id = stored["id"]
        written.append(workbook_id)
        try:
            storage.set(library.revision_key(workbook_id), next_revision("", writer))
            storage.set(library.workbook_key(workbook_id), json.dumps(stored))
        except StorageRefused:
            return _undo_import(storage, written, kept)
    for workbook in replacing:
        workbook_id = workbook["id"]
        index = library.touch(library.rename(index, workbook_id, workbook["name"]), workbook_id, now_iso)
        stored = dict(workbook)
        stored["name"] = index["workbooks"][library.find(index, workbook_id)]["name"]
        revision = read_revision(storage, workbook_id)
        kept.append((workbook_id, storage.get(library.workbook_key(workbook_id)), revision))
        try:
            storage.set(library.workbook_key(workbook_id), json.dumps(stored))
            storage.set(library.revision_key(workbook_id), next_revision(revision, writer))
        except StorageRefused:
            return _undo_import(storage, written, kept)
        written.append(workbook_id)
    for workbook_id in dropping:
        index = library.remove(index, workbook_id)[0]
    try:
        storage.set(library.INDEX_KEY, json.dumps(index))
    except StorageRefused:
        return _undo_import(storage, written, kept)
    for workbook_id in dropping:
        delete(storage, workbook_id)
    return SAVED, index, written


def _undo_import(storage, written, kept):
    """Removes what an import added and puts back what it replaced: the
    storage then holds less than before the import, so every write fits."""
    for workbook_id in written:
        if workbook_id not in [replaced[0] for replaced in kept]:
            delete(storage, workbook_id)
    for workbook_id, text, revision in kept:
        for key, value in ((library.workbook_key(workbook_id), text), (library.revision_key(workbook_id), revision)):
            if isinstance(value, str) and value:
                storage.set(key, value)
            else:
                storage.remove(key)
    return FAILED, None, []


def stored_workbooks(storage, index, open_workbook_now, method, now_ms):
    """id -> every workbook of the index (None when it does not read); the
    open one as the tab holds it, which may be ahead of its save."""
    found = {}
    for entry in index["workbooks"]:
        workbook_id = entry["id"]
        if workbook_id == open_workbook_now["id"]:
            found[workbook_id] = open_workbook_now
        else:
            found[workbook_id] = read_for_download(storage, workbook_id, method, now_ms)
    return found


def read_for_download(storage, workbook_id, method, now_ms):
    """A stored workbook to download, or None."""
    opened = open_workbook(storage, workbook_id, method, now_ms)
    return opened.data if isinstance(opened.data, dict) else None
