"""Trust Workbook: the pure scoring core (scoring model version 2: the
account's people, METHOD.md).

Plain data in, plain data out: ``score(workbook, method)`` takes a workbook
(docs/workbook-format.md) and the parsed ``content/method.json`` and returns a
plain dict (docs/scoring.md).  ``Scorer`` gives the same result while a
workbook is edited, reading again only the part an edit changed.  The core
does no I/O and imports only the foundation (content.py: method.json read
once; jsontext.py: numbers as text, blank text), so the same file runs under
CPython (tests) and MicroPython (the page).  Rules kept for MicroPython:

- dicts are not insertion-ordered there: every loop that decides an order
  walks a list (method.json arrays, workbook lists), never a dict;
- sort is not stable there: every choice uses a full, unique key;
- float formatting and round() differ: all arithmetic is exact integer
  arithmetic (settings are taken to 6 decimals, as integers of 1e-6, and
  scored on the coarsest scale that holds them), and rounding and display
  strings are made here from integers;
- isinstance(True, int) is False there and True in CPython: booleans are
  tested with ``type(x) is bool`` before any number test;
- creating an object and calling a function cost several times what a tuple
  costs there: the records made for every point on every score() stay
  tuples, always unpacked into named variables, and the loops over points
  are written out inside one function per kind of list.
"""

# The builtins the readers call for every value, bound as module globals:
# MicroPython looks a name up in the module's globals before the builtins,
# and a miss scans the globals table further the fuller it is.
from builtins import isinstance, len, range, str, type

import content
from content import SETTING_MAX, UNIT, setting_units
from jsontext import WHITESPACE, is_blank, round_half_away

MODEL_VERSION = 2
SCHEMA = "trust-workbook"
SCHEMA_VERSION = 2


# Settings are read as integers of 1e-6, then put on the coarsest scale
# 1/S that holds them all exactly (S = 2 for the defaults' 0.5): IS, IC and R
# are integers of 1/S^2 (a weight times a level value), and T = P x IS' x IC'
# an integer of 1/(Q S^4), Q the people's P scale.  Small scales keep the
# numbers small integers, which MicroPython adds and multiplies several times
# faster than big ones; the values are exact either way.


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def _scale_of(values):
    """The smallest S such that every value (in 1e-6) times S / 1e6 is whole."""
    common = UNIT
    for value in values:
        common = _gcd(common, value)
    return UNIT // common

_NO_STAGE = 99        # sort rank of "no planned stage": after every stage

# How far a point has come.  A client point that is not known yet is pending
# like a prepared seller point: both count in the planned curve at their
# stage, while an empty seller point has nothing to tell yet.
_NOT_STARTED = 0      # seller: empty
_PENDING = 1          # seller: prepared; client: not known yet
_DONE = 2             # seller: disclosed; client: known
_SELLER_STATUSES = ("empty", "prepared", "disclosed")   # by progress



# ---------------------------------------------------------------- numbers

def _exact_value(n, scale):
    """n / scale as an int when whole, else a float (exact division)."""
    if n % scale == 0:
        return n // scale
    return n / scale


# _value_and_text() and _rounded_value() each do their rounding inline: they
# are called for every figure of a result and calls are costly under
# MicroPython.

def _value_and_text(num, den):
    """(value, text) of num / den (den > 0) rounded half away from zero to
    2 decimals; the value is an int when whole."""
    negative = num < 0
    if negative:
        num = -num
    hundredths, rest = divmod(num * 100, den)
    if rest + rest >= den:
        hundredths += 1
    whole, fraction = divmod(hundredths, 100)
    if fraction == 0:
        value = whole
        text = str(whole)
    else:
        value = hundredths / 100
        digits = str(fraction)
        if fraction < 10:
            digits = "0" + digits
        text = str(whole) + "." + digits.rstrip("0")
    if negative and hundredths:
        return -value, "-" + text
    return value, text


def _rounded_value(num, den):
    """The value of _value_and_text() alone, for num >= 0."""
    hundredths, rest = divmod(num * 100, den)
    if rest + rest >= den:
        hundredths += 1
    if hundredths % 100 == 0:
        return hundredths // 100
    return hundredths / 100


def _hundredths(num, den):
    """num / den (both >= 0) in hundredths, rounded as _value_and_text() does."""
    hundredths, rest = divmod(num * 100, den)
    if rest + rest >= den:
        hundredths += 1
    return hundredths


def _clamped_choice(x, lo, hi, default):
    """An integer choice (stage, severity, narrowness) clamped to [lo, hi];
    a float is rounded first; a non-number (None included) gives default."""
    kind = type(x)
    if kind is float:
        if x != x:
            return default
        if x >= hi:
            return hi
        if x <= lo:
            return lo
        return round_half_away(x)
    if kind is not int:
        return default
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def prepare(method):
    """The content digest of method.json (content.read); score() and the
    helpers accept it in place of the parsed method and then read
    method.json no more."""
    return content.read(method)


# ---------------------------------------------------------------- settings

class _Settings:
    """The settings of a workbook, every number an integer of 1e-6;
    `client_weights` and `level_values` follow the digest's client lists and
    levels."""

    def __init__(self, preset, client_weights, seller_personal_weight, level_values):
        self.preset = preset
        self.client_weights = client_weights
        self.seller_personal_weight = seller_personal_weight
        self.level_values = level_values
        # The same on the scale 1/S the score computes on.
        scale = _scale_of(client_weights + [seller_personal_weight] + level_values)
        self.scale = scale
        self.scaled_client_weights = [weight * scale // UNIT for weight in client_weights]
        self.scaled_seller_personal_weight = seller_personal_weight * scale // UNIT
        self.scaled_level_values = [value * scale // UNIT for value in level_values]


def _read_settings(raw, digest):
    raw = _as_dict(raw)
    preset = raw.get("preset")
    if not (isinstance(preset, str) and (preset in digest.is_preset)):
        preset = digest.default_preset
    fallback_weights = digest.preset_weights.get(preset)
    if fallback_weights is None:        # custom falls back on the default preset
        fallback_weights = digest.preset_weights[digest.default_preset]
    setting_max = SETTING_MAX * UNIT
    given_weights = _as_dict(raw.get("weights"))
    client_weights = []
    for spec in digest.client_lists:
        fallback = setting_units(fallback_weights.get(spec.id), 0, setting_max, 0)
        client_weights.append(setting_units(given_weights.get(spec.id), 0, setting_max, fallback))
    seller_personal_weight = setting_units(raw.get("seller_personal_weight"), 0, setting_max,
                                            digest.default_seller_personal_weight)
    given_levels = _as_dict(raw.get("level_values"))
    level_values = []
    for k in range(len(digest.levels)):
        level_values.append(setting_units(given_levels.get(digest.levels[k]), 0, setting_max,
                                           digest.default_level_values[k]))
    return _Settings(preset, client_weights, seller_personal_weight, level_values)


def _settings_dict(settings, digest):
    weights = {}
    for j in range(len(digest.client_lists)):
        weights[digest.client_lists[j].id] = _exact_value(settings.client_weights[j], UNIT)
    level_values = {}
    for k in range(len(digest.levels)):
        level_values[digest.levels[k]] = _exact_value(settings.level_values[k], UNIT)
    return {
        "preset": settings.preset,
        "weights": weights,
        "seller_personal_weight": _exact_value(settings.seller_personal_weight, UNIT),
        "level_values": level_values,
    }


def settings_for(workbook, method):
    """The settings score() uses for this workbook: every key present,
    missing or bad values replaced by the defaults of method.json."""
    digest = content.read(method)
    return _settings_dict(_read_settings(_as_dict(workbook).get("settings"), digest), digest)


def default_settings(method):
    """The settings of a new workbook."""
    digest = content.read(method)
    return _settings_dict(_read_settings({}, digest), digest)


# ---------------------------------------------------------------- reading
#
# The readers run for every point on every score(): each value's well-formed
# case is tested inline and only the rest goes to a helper (_clamped_choice,
# is_blank), and constants are copied to locals, because calls and global
# lookups are costly under MicroPython.

def _as_dict(x):
    if isinstance(x, dict):
        return x
    return {}


def _as_str(x):
    if isinstance(x, str):
        return x
    return ""


def _first_record_by_id(records, position):
    """The first record (a dict) for each known id of a fixed list."""
    found = {}
    if isinstance(records, (list, tuple)):
        for record in records:
            if isinstance(record, dict):
                point_id = record.get("id")
                if isinstance(point_id, str) and point_id in position and point_id not in found:
                    found[point_id] = record
    return found


def _first_records(records, limit):
    """The first `limit` records (dicts) of a free list."""
    kept = []
    if isinstance(records, (list, tuple)):
        for record in records:
            if isinstance(record, dict):
                kept.append(record)
                if len(kept) >= limit:
                    break
    return kept


def _free_list(records, limit, id_prefix):
    """The first `limit` records of a free list and a unique id for each:
    a missing, blank or repeated id gets the first unused id_prefix-N."""
    records = _first_records(records, limit)
    whitespace = WHITESPACE
    ids = []
    used = {}
    renumber = False
    for record in records:
        record_id = record.get("id")
        if type(record_id) is str and record_id not in used and (
                (record_id != "" and record_id[0] not in whitespace) or not is_blank(record_id)):
            used[record_id] = True
            ids.append(record_id)
        else:
            ids.append(None)
            renumber = True
    if renumber:
        n = 0
        for k in range(len(ids)):
            if ids[k] is None:
                n += 1
                while (id_prefix + str(n)) in used:
                    n += 1
                ids[k] = id_prefix + str(n)
                used[ids[k]] = True
    return records, ids


def _read_points(records, spec, digest, seller, with_notes):
    """The points of one fixed list, in content order, as tuples
    (point_id, note, progress, stage, level); level is a position in
    digest.levels (0 where the list has no levels).  A point with no record
    is empty (seller) or unknown (client)."""
    found = _first_record_by_id(records, spec.position)
    first_stage = digest.first_stage
    last_stage = digest.last_stage
    level_position = digest.level_position
    leveled = spec.leveled
    not_started = _NOT_STARTED
    pending = _PENDING
    done = _DONE
    absent = not_started if seller else pending
    points = []
    for point_id in spec.point_ids:
        record = found.get(point_id)
        if record is None:
            points.append((point_id, "", absent, None, 0))
            continue
        if seller:
            status = record.get("status")
            if status == "disclosed":
                progress = done
            elif status == "prepared":
                progress = pending
            else:
                progress = not_started
        elif record.get("known") is True:
            progress = done
        else:
            progress = pending
        stage = record.get("stage")
        if stage is not None and not (type(stage) is int and first_stage <= stage <= last_stage):
            stage = _clamped_choice(stage, first_stage, last_stage, None)
        level = 0
        if leveled:
            level_id = record.get("level")
            if type(level_id) is str:
                level = level_position.get(level_id, 0)
        note = ""
        if with_notes:
            note = _as_str(record.get("note"))
        points.append((point_id, note, progress, stage, level))
    return points


def _untold(points):
    """The seller's personal points as the account holds them: telling is
    each person's, so a point read as disclosed is prepared here."""
    done = _DONE
    for point in points:
        if point[2] == done:
            return [(point_id, note, _PENDING if progress == done else progress, stage, level)
                    for point_id, note, progress, stage, level in points]
    return points


def _read_needs(records, digest, with_notes):
    """The needs, as tuples (need_id, text, severity, visibility, known,
    stage, has_text, owner); only a need with text counts.  `owner` is the
    id given (a person's, checked against the people when written out)."""
    records, ids = _free_list(records, digest.max_needs, "need-")
    first_stage = digest.first_stage
    last_stage = digest.last_stage
    min_severity = digest.min_severity
    max_severity = digest.max_severity
    whitespace = WHITESPACE
    needs = []
    for k in range(len(records)):
        record = records[k]
        text = record.get("text")
        if type(text) is not str:
            text = ""
        visibility = None
        if with_notes:
            visibility = record.get("visibility")
            if not (type(visibility) is str and visibility in digest.visibilities):
                visibility = digest.visibilities[0]
        stage = record.get("stage")
        if stage is not None and not (type(stage) is int and first_stage <= stage <= last_stage):
            stage = _clamped_choice(stage, first_stage, last_stage, None)
        severity = record.get("severity")
        if not (type(severity) is int and min_severity <= severity <= max_severity):
            severity = _clamped_choice(severity, min_severity, max_severity,
                                       digest.default_severity)
        has_text = (text != "" and text[0] not in whitespace) or not is_blank(text)
        owner = None
        if with_notes:
            owner = record.get("owner")
            if type(owner) is not str:
                owner = None
        needs.append((ids[k], text, severity, visibility, record.get("known") is True, stage,
                      has_text, owner))
    return needs


def _read_shared_items(records, digest, with_notes):
    """The shared items (common ground), as tuples (item_id, text, category,
    narrowness, stage, has_text, shared_with); only an item with text
    counts, and for the people it names in `with` (ids as given: checked
    against the people when scored).  The score
    uses neither ids nor categories: without notes they are "" and None."""
    if with_notes:
        records, ids = _free_list(records, digest.max_common_ground, "cg-")
    else:
        records = _first_records(records, digest.max_common_ground)
    first_stage = digest.first_stage
    last_stage = digest.last_stage
    min_narrowness = digest.min_narrowness
    max_narrowness = digest.max_narrowness
    whitespace = WHITESPACE
    items = []
    for k in range(len(records)):
        record = records[k]
        text = record.get("text")
        if type(text) is not str:
            text = ""
        item_id = ""
        category = None
        if with_notes:
            item_id = ids[k]
            category = record.get("category")
            if not (type(category) is str and category in digest.categories):
                category = digest.default_category
        stage = record.get("stage")
        if stage is not None and not (type(stage) is int and first_stage <= stage <= last_stage):
            stage = _clamped_choice(stage, first_stage, last_stage, None)
        narrowness = record.get("narrowness")
        if not (type(narrowness) is int and min_narrowness <= narrowness <= max_narrowness):
            narrowness = _clamped_choice(narrowness, min_narrowness, max_narrowness,
                                         min_narrowness)
        has_text = (text != "" and text[0] not in whitespace) or not is_blank(text)
        items.append((item_id, text, category, narrowness, stage, has_text,
                      _id_list(record.get("with"))))
    return items


def _id_list(ids):
    """The strings of a list, each once, in the list's order."""
    kept = []
    if isinstance(ids, (list, tuple)):
        seen = {}
        for x in ids:
            if type(x) is str and x not in seen:
                seen[x] = True
                kept.append(x)
    return kept


def _choice(x, is_choice, default):
    """A string choice (role, attitude): one of `is_choice`, else default."""
    if type(x) is str and x in is_choice:
        return x
    return default


class _Person:
    """One client person as read: `personal` holds the person's personal
    points (as _read_points gives them), `told` the seller's personal point
    ids this person has been told (a dict used as a set) and `told_ids` the
    same in content order; `contact_factor` is in 1e-6; `reports_to` is the
    id given (checked against the people when used).  `motives` is read
    only with notes."""

    def __init__(self, person_id, record, digest, with_notes):
        self.id = person_id
        self.name = _as_str(record.get("name"))
        self.title = _as_str(record.get("title"))
        self.role = _choice(record.get("role"), digest.is_role, digest.default_role)
        self.attitude = _choice(record.get("attitude"), digest.is_attitude,
                                digest.default_attitude)
        influence = record.get("influence")
        if not (type(influence) is int and digest.min_influence <= influence
                <= digest.max_influence):
            influence = _clamped_choice(influence, digest.min_influence, digest.max_influence,
                                        digest.default_influence)
        self.influence = influence
        self.contact_factor = setting_units(record.get("contact_factor"),
                                            digest.min_contact_factor,
                                            digest.max_contact_factor,
                                            digest.default_contact_factor)
        reports_to = record.get("reports_to")
        self.reports_to = reports_to if type(reports_to) is str else None
        self.personal = _read_points(record.get("personal"),
                                     digest.client_lists[digest.client_personal], digest,
                                     False, with_notes)
        seller_spec = digest.seller_lists[digest.seller_personal]
        told = {}
        for point_id in _id_list(record.get("told")):
            if point_id in seller_spec.position:
                told[point_id] = True
        self.told = told
        self.told_ids = [point_id for point_id in seller_spec.point_ids if point_id in told]
        self.motives = _read_motives(record.get("motives"), digest) if with_notes else None


def _read_motives(raw, digest):
    raw = _as_dict(raw)
    chosen = {}
    for motive in _id_list(raw.get("personal")):
        if motive in digest.is_motive:
            chosen[motive] = True
    balance = raw.get("balance")
    if not (type(balance) is int and digest.min_balance <= balance <= digest.max_balance):
        balance = _clamped_choice(balance, digest.min_balance, digest.max_balance,
                                  digest.default_balance)
    return {"organisation": _as_str(raw.get("organisation")),
            "personal": [motive for motive in digest.motives if motive in chosen],
            "balance": balance}


_REVIEW_STATES = ("open", "cleared")


def _read_review(records, digest):
    """The seller's own word on the review's reasons: for each known reason
    (its first record), "open" or "cleared" (else None) and a note; a
    record with neither is dropped.  Content order."""
    found = _first_record_by_id(records, digest.is_review_reason)
    entries = []
    for reason_id in digest.review_reason_ids:
        record = found.get(reason_id)
        if record is None:
            continue
        state = record.get("state")
        if not (type(state) is str and state in _REVIEW_STATES):
            state = None
        note = _as_str(record.get("note"))
        if state is not None or not is_blank(note):
            entries.append({"id": reason_id, "state": state, "note": note})
    return entries


def _read_people(records, digest, with_notes):
    """The people, at least one (a blank person when none is given) and at
    most the limit, each with a unique id (p-N for a missing or repeated
    one)."""
    records, ids = _free_list(records, digest.max_people, "p-")
    if not records:
        records, ids = [{}], ["p-1"]
    return [_Person(ids[k], records[k], digest, with_notes) for k in range(len(records))]


class _Workbook:
    """A workbook read leniently: the one reading used by both score() and
    normalise(), so score(normalise(w)) == score(w).  `seller` and `client`
    hold each list's entries (see _read_points, _read_needs), parallel to
    the digest's lists.  With `with_notes` false (for score()) what the
    score does not use is skipped: notes, visibilities, categories and
    shared-item ids.

    A full read is every part of digest.part_paths read in turn by
    read_part(), so a part read again alone (Scorer.reread) is read exactly
    as a full read reads it."""

    def __init__(self, workbook, digest, with_notes=True):
        self.digest = digest
        self.with_notes = with_notes
        self.seller = [None] * len(digest.seller_lists)
        self.client = [None] * len(digest.client_lists)
        workbook = _as_dict(workbook)
        for path in digest.part_paths:
            self.read_part(workbook, path)

    def read_part(self, workbook, path):
        """Read the part at `path` (one of digest.part_paths, or
        "people.<id>": one person) of `workbook` (a dict) again; False,
        reading nothing, for any other path."""
        place = self.digest.part_place.get(path)
        if place is None:
            if path.startswith("people."):
                return self._read_person_again(workbook, path[7:])
            return False
        kind, where = place
        digest = self.digest
        with_notes = self.with_notes
        if kind == "seller":
            spec = digest.seller_lists[where]
            points = _read_points(_as_dict(workbook.get("seller")).get(spec.id),
                                  spec, digest, True, with_notes)
            if where == digest.seller_personal:
                points = _untold(points)
            self.seller[where] = points
        elif kind == "client":
            spec = digest.client_lists[where]
            records = _as_dict(workbook.get("client")).get(spec.id)
            if spec.free:
                self.client[where] = _read_needs(records, digest, with_notes)
            else:
                self.client[where] = _read_points(records, spec, digest, False, with_notes)
        elif kind == "people":
            self.people = _read_people(workbook.get("people"), digest, with_notes)
        elif kind == "client_type":
            client_type = workbook.get("client_type")
            self.client_type = (client_type if type(client_type) is str
                                and client_type in digest.is_client_type else None)
        elif kind == "review":
            self.review = _read_review(workbook.get("review"), digest) if with_notes else None
        elif kind == "stage":
            stage = workbook.get("stage")
            if not (type(stage) is int and digest.first_stage <= stage <= digest.last_stage):
                stage = _clamped_choice(stage, digest.first_stage, digest.last_stage,
                                        digest.default_account_stage)
            self.stage = stage
        elif kind == "common_ground":
            self.shared_items = _read_shared_items(workbook.get("common_ground"), digest,
                                                   with_notes)
        elif kind == "settings":
            self.settings = _read_settings(workbook.get("settings"), digest)
        else:
            text = _as_str(workbook.get(where))
            if where == "id":
                self.id = text
            elif where == "name":
                self.name = text
            else:
                self.account = text
        return True


    def _read_person_again(self, workbook, person_id):
        """Read one person again where they still hold their place and id;
        False (reading nothing) otherwise."""
        records = _first_records(workbook.get("people"), self.digest.max_people)
        holders = 0
        for record in records:
            if record.get("id") == person_id:
                holders += 1
        if holders != 1:        # a repeated id: the others were given new ones
            return False
        for k in range(len(self.people)):
            if self.people[k].id == person_id:
                if k < len(records) and records[k].get("id") == person_id:
                    self.people[k] = _Person(person_id, records[k], self.digest,
                                             self.with_notes)
                    return True
                return False
        return False


# ---------------------------------------------------------------- writing

def _point_records(points, leveled, seller, levels):
    records = []
    for point_id, note, progress, stage, level in points:
        if seller:
            record = {"id": point_id, "note": note, "status": _SELLER_STATUSES[progress],
                      "stage": stage}
        else:
            record = {"id": point_id, "note": note, "known": progress == _DONE, "stage": stage}
        if leveled:
            record["level"] = levels[level]
        records.append(record)
    return records


def _person_ids(people):
    found = {}
    for person in people:
        found[person.id] = True
    return found


def _reports_to(person, person_ids):
    """Whom a person reports to: another person of the account, else None."""
    manager = person.reports_to
    if manager is not None and manager != person.id and manager in person_ids:
        return manager
    return None


def _person_dict(person, person_ids, digest):
    return {"id": person.id, "name": person.name, "title": person.title, "role": person.role,
            "influence": person.influence, "attitude": person.attitude,
            "contact_factor": _exact_value(person.contact_factor, UNIT),
            "reports_to": _reports_to(person, person_ids),
            "personal": _point_records(person.personal, True, False, digest.levels),
            "told": list(person.told_ids),
            "motives": person.motives}


def _workbook_dict(book, digest):
    person_ids = _person_ids(book.people)
    seller = {}
    for j in range(len(digest.seller_lists)):
        spec = digest.seller_lists[j]
        records = _point_records(book.seller[j], spec.leveled, True, digest.levels)
        if j == digest.seller_personal:
            # Telling is per person: a seller personal point is prepared at most.
            for record in records:
                if record["status"] == "disclosed":
                    record["status"] = "prepared"
        seller[spec.id] = records
    client = {}
    for j in range(len(digest.client_lists)):
        spec = digest.client_lists[j]
        if spec.free:
            client[spec.id] = [{"id": need_id, "text": text, "severity": severity,
                                "visibility": visibility, "known": known, "stage": stage,
                                "owner": owner if owner in person_ids else None}
                               for need_id, text, severity, visibility, known, stage, has_text,
                               owner in book.client[j]]
        elif j != digest.client_personal:
            client[spec.id] = _point_records(book.client[j], spec.leveled, False, digest.levels)
    people_order = [person.id for person in book.people]
    common_ground = [{"id": item_id, "text": text, "category": category,
                      "narrowness": narrowness, "stage": stage,
                      "with": _in_order(shared_with, people_order)}
                     for item_id, text, category, narrowness, stage, has_text, shared_with
                     in book.shared_items]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": book.id,
        "name": book.name,
        "account": book.account,
        "stage": book.stage,
        "seller": seller,
        "client": client,
        "people": [_person_dict(person, person_ids, digest) for person in book.people],
        "common_ground": common_ground,
        "settings": _settings_dict(book.settings, digest),
        "client_type": book.client_type,
        "review": book.review,
    }


def _in_order(ids, order):
    """The ids of `order` that are among `ids`, in the order of `order`."""
    wanted = {}
    for x in ids:
        wanted[x] = True
    return [x for x in order if x in wanted]


def normalise(workbook, method):
    """A well-formed copy of any input; never raises.

    Every fixed point is present, in content order; unknown ids, non-record
    entries and unknown keys are dropped; a repeated fixed id keeps its first
    record; free-list records (needs, shared items, people) keep their order,
    are cut to method.json's limits, and get a fresh id (need-N, cg-N, p-N)
    when theirs is missing, blank or repeated; there is at least one person.
    A `with`, `owner`, `reports_to` or `told` naming nobody of this workbook
    is dropped.  Bad values take the defaults; numbers are clamped: stage
    1-4 (else null), the account's stage, severity, narrowness and influence
    to their ranges, balance -2..2, contact factor 0-10, weights / level
    values 0-SETTING_MAX, all settings numbers kept to 6 decimals."""
    digest = content.read(method)
    return _workbook_dict(_Workbook(workbook, digest), digest)


def blank_person(method, person_id):
    """A new person: every default, every personal point present and
    unknown, told nothing."""
    digest = content.read(method)
    return _person_dict(_Person(_as_str(person_id), {}, digest, True), {}, digest)


def blank_workbook(method, id="", name=""):
    """A new workbook: every fixed point present and empty, one blank
    person, no needs, no shared items, default settings."""
    digest = content.read(method)
    workbook = _workbook_dict(_Workbook({}, digest), digest)
    workbook["id"] = _as_str(id)
    workbook["name"] = _as_str(name)
    return workbook


def untouched(workbook, method):
    """Whether a normalised workbook is still a blank one as the page makes
    it: no name typed (or the content's "untitled" name, in any of its
    languages), and nothing but its id differs from blank_workbook()."""
    digest = content.read(method)
    if _blank[0] is not digest:
        _blank[1] = blank_workbook(digest)
        _blank[0] = digest
    blank = _blank[1]
    if not isinstance(workbook, dict) or workbook.get("people") != blank["people"]:
        return False        # the usual difference, found without copying
    name = workbook.get("name")
    if not is_blank(name) and name not in digest.ui["untitled"].values():
        return False
    named_as_blank = dict(workbook)
    named_as_blank["id"] = blank["id"]
    named_as_blank["name"] = blank["name"]
    return named_as_blank == blank


_blank = [None, None]   # (digest, its blank workbook)


# ---------------------------------------------------------------- tallies
#
# Points are added up in "units": a point is worth 1, or its level value in
# 1e-6 on a leveled list.  A list's units become bundles of 1e-12 only once,
# multiplied by the list's factor, since bignum arithmetic is slow under
# MicroPython.

class _Candidate:
    """A point a next move could act on: the level it would have (a
    position in the digest's levels; None where the list has no levels),
    the level it has now (raise_level only) and the units the move adds."""

    def __init__(self, point_id, level, from_level, units):
        self.point_id = point_id
        self.level = level
        self.from_level = from_level
        self.units = units


class _ListTally:
    """One list added up.  `listed`: points that count (every fixed point;
    needs with text); `ready`: seller points prepared or disclosed;
    `reached`: points disclosed or known; `units`: their units; `by_stage`:
    units first counted in the planned curve at each stage; `new` and
    `raise_level`: the best candidates (or None) to disclose or learn, and
    to raise one level."""

    def __init__(self, listed, ready, reached, units, by_stage, new, raise_level):
        self.listed = listed
        self.ready = ready
        self.reached = reached
        self.units = units
        self.by_stage = by_stage
        self.new = new
        self.raise_level = raise_level


def _tally_points(points, leveled, level_values, last_stage):
    """Add up a fixed list (seller or client points alike).

    Best point to disclose or learn: most units, then prepared before empty,
    then the earlier planned stage (none last), then content order.  Best
    point to raise: the largest step up, then stage, then content order."""
    # Constants as locals and the best candidates as plain variables: global
    # lookups and objects are costly under MicroPython.
    done = _DONE
    pending = _PENDING
    no_stage = _NO_STAGE
    by_stage = [0] * (last_stage + 1)
    ready = reached = units = 0
    top_level = len(level_values) - 1
    new_key = new_id = new_level = new_units = None
    raise_key = raise_id = raise_from = raise_step = None
    for position in range(len(points)):
        point_id, note, progress, stage, level = points[position]
        value = level_values[level] if leveled else 1
        if progress == done:
            ready += 1
            reached += 1
            units += value
            if stage is None:           # told without a plan: counted from stage 1
                by_stage[1] += value
            else:
                by_stage[stage] += value
            if leveled and level < top_level:
                step = level_values[level + 1] - value
                if step > 0:
                    key = (-step, no_stage if stage is None else stage, position)
                    if raise_key is None or key < raise_key:
                        raise_key = key
                        raise_id = point_id
                        raise_from = level
                        raise_step = step
        else:
            if progress == pending:
                ready += 1
                if stage is not None:
                    by_stage[stage] += value
            if value > 0:
                # pending - progress: a prepared point (0) goes before an empty one (1)
                key = (-value, pending - progress, no_stage if stage is None else stage,
                       position)
                if new_key is None or key < new_key:
                    new_key = key
                    new_id = point_id
                    new_level = level if leveled else None
                    new_units = value
    new = None
    if new_key is not None:
        new = _Candidate(new_id, new_level, None, new_units)
    raise_level = None
    if raise_key is not None:
        raise_level = _Candidate(raise_id, raise_from + 1, raise_from, raise_step)
    return _ListTally(len(points), ready, reached, units, by_stage, new, raise_level)


def _tally_needs(needs, last_stage):
    """Add up the needs: each need with text is worth 1.

    Best need to learn: the earlier planned stage, then the more severe,
    then the id; not its position, so the choice does not depend on the
    order of the list."""
    no_stage = _NO_STAGE
    by_stage = [0] * (last_stage + 1)
    listed = known_count = 0
    new_key = new_id = None
    for need_id, text, severity, visibility, known, stage, has_text, owner in needs:
        if not has_text:
            continue
        listed += 1
        if known:
            known_count += 1
            if stage is None:
                by_stage[1] += 1
            else:
                by_stage[stage] += 1
        else:
            if stage is not None:
                by_stage[stage] += 1
            key = (no_stage if stage is None else stage, -severity, len(need_id), need_id)
            if new_key is None or key < new_key:
                new_key = key
                new_id = need_id
    new = None
    if new_key is not None:
        new = _Candidate(new_id, None, None, 1)
    return _ListTally(listed, listed, known_count, known_count, by_stage, new, None)


# ---------------------------------------------------------------- shares

def _weighted_share(num, weight, total):
    """An indicator share of `total` points whose count is num / weight (an
    influence-weighted count; weight 1 for a plain count): count (2
    decimals), total, percent (2 decimals), text (whole percent).  A share
    of nothing (total 0) is 0."""
    if total <= 0:
        return {"count": _rounded_value(num, weight), "total": total, "percent": 0,
                "text": "0%"}
    whole = weight * total
    return {"count": _rounded_value(num, weight), "total": total,
            "percent": _rounded_value(num * 100, whole),
            "text": str((num * 200 + whole) // (whole + whole)) + "%"}


def _share_table(list_ids, counts, totals, weight):
    """Each list's share and the overall share; counts are weighted by
    `weight` (see _weighted_share)."""
    table = {}
    count_all = total_all = 0
    for j in range(len(list_ids)):
        table[list_ids[j]] = _weighted_share(counts[j], weight, totals[j])
        count_all += counts[j]
        total_all += totals[j]
    table["overall"] = _weighted_share(count_all, weight, total_all)
    return table


def _reciprocity(given, received, scale, exact):
    """min / max of the unweighted personal units (1/scale) told and known;
    None while both are 0."""
    if given <= 0 and received <= 0:
        return None
    low = given if given < received else received
    high = given if given > received else received
    value, text = _value_and_text(low, high)
    found = {"seller": _rounded_value(given, scale), "client": _rounded_value(received, scale),
             "value": value, "text": text, "percent": _rounded_value(low * 100, high)}
    if exact:
        found["exact"] = [low, high]
    return found


def _account_reciprocity(people, scale, exact):
    """The influence-weighted mean of the persons' reciprocity where it is
    defined; None where it is defined for nobody."""
    defined = [one for one in people if one.reciprocity is not None]
    if len(defined) == 1:
        return defined[0].reciprocity
    if not defined:
        return None
    num = 0
    den = 1
    weight = given = received = 0
    for one in defined:
        low, high = one.reciprocity_fraction
        num = num * high + one.influence * low * den
        den = den * high
        weight += one.influence
        given += one.influence * one.told.units
        received += one.influence * one.known.units
    den = den * weight
    value, text = _value_and_text(num, den)
    found = {"seller": _rounded_value(given, weight * scale),
             "client": _rounded_value(received, weight * scale),
             "value": value, "text": text, "percent": _rounded_value(num * 100, den)}
    if exact:
        found["exact"] = [num, den]
    return found


def _figure(result, texts, fractions, name, num, den):
    result[name], texts[name] = _value_and_text(num, den)
    fractions[name] = [num, den]


# ---------------------------------------------------------------- the account

class _Lists:
    """The account's own lists added up once for every person: product and
    company (what the account has been told), needs and preferences (what
    the seller knows of it).  `seller_info` / `client_info` are their part
    of IS and IC (in 1/info_scale) and `*_by_stage` the part first counted at
    each stage of the planned curve; `*_factors[j]` turn a list's units into
    1/info_scale.  `trust_scale` is T's, once the people's P scale is known.
    `memo`: a Scorer's (see _kept), or None."""

    def __init__(self, book, digest, settings, memo=None):
        last_stage = digest.last_stage
        scale = settings.scale
        self.info_scale = scale * scale
        self.trust_scale = None     # set once the people's P scale is known
        self.seller_tallies = [None] * len(digest.seller_lists)
        self.client_tallies = [None] * len(digest.client_lists)
        self.seller_factors = [0] * len(digest.seller_lists)
        self.client_factors = [0] * len(digest.client_lists)
        self.seller_info = self.client_info = 0
        self.seller_by_stage = [0] * (last_stage + 1)
        self.client_by_stage = [0] * (last_stage + 1)
        level_values = settings.scaled_level_values
        for j in range(len(digest.seller_lists)):
            if j == digest.seller_personal:
                self.seller_factors[j] = settings.scaled_seller_personal_weight
                continue
            points = book.seller[j]
            tally = _kept(memo, ("seller", j), (points, settings), _tally_points,
                          (points, False, level_values, last_stage))
            factor = self.info_scale    # IS = product + company + ...
            self.seller_tallies[j] = tally
            self.seller_factors[j] = factor
            self.seller_info += factor * tally.units
            _add_by_stage(self.seller_by_stage, tally.by_stage, factor)
        for j in range(len(digest.client_lists)):
            weight = settings.scaled_client_weights[j]
            if j == digest.client_personal:
                self.client_factors[j] = weight
                continue
            records = book.client[j]
            if digest.client_lists[j].free:
                tally = _kept(memo, ("client", j), (records, settings), _tally_needs,
                              (records, last_stage))
            else:
                tally = _kept(memo, ("client", j), (records, settings), _tally_points,
                              (records, False, level_values, last_stage))
            factor = weight * scale
            self.client_tallies[j] = tally
            self.client_factors[j] = factor
            self.client_info += factor * tally.units
            _add_by_stage(self.client_by_stage, tally.by_stage, factor)


def _account_lists(book, digest, settings, memo):
    """_Lists of the book, kept while none of its lists nor the settings
    changed (what a person's edit leaves alone)."""
    return _kept(memo, "lists", book.seller + book.client + [settings], _Lists,
                 (book, digest, settings, memo))


def _kept(memo, key, sources, make, args, equal=False):
    """make(*args), or what it made last time for `key` when every one of
    `sources` is the very object it was then (`equal`: or equal to it).  A
    Scorer's book replaces what an edit changed with new objects and keeps
    the rest, so what depends only on unchanged parts is not worked out
    again (the memo holds the sources, so their identities cannot be
    reused).  A person read again is all new objects, most of them equal to
    what they replace: `equal` keeps what depends on those.  `memo` None:
    make(*args)."""
    if memo is not None:
        kept = memo.get(key)
        if kept is not None:
            before = kept[0]
            same = True
            for k in range(len(sources)):
                if before[k] is not sources[k] and not (equal and before[k] == sources[k]):
                    same = False
                    break
            if same:
                return kept[1]
    made = make(*args)
    if memo is not None:
        memo[key] = (sources, made)
    return made


def _add_by_stage(into, by_stage, factor):
    for stage in range(1, len(into)):
        if by_stage[stage]:
            into[stage] += factor * by_stage[stage]


class _Scored:
    """One person scored: the tallies of what they have been told and what
    is known of them, their common ground, IS', IC' (1/info_scale) and T
    (1/trust_scale) and reciprocity; their planned curve (T per stage) when
    asked for (planned_curve)."""

    def __init__(self, person, contact, told, known, resonance, resonance_by_stage,
                 shared_count, lists, digest):
        self.person = person
        self.contact = contact      # P on the people's scale
        self.influence = person.influence
        self.told = told
        self.known = known
        self.resonance = resonance
        self.shared_count = shared_count
        seller_factor = lists.seller_factors[digest.seller_personal]
        client_factor = lists.client_factors[digest.client_personal]
        self.seller_info = lists.seller_info + seller_factor * told.units
        self.client_info = lists.client_info + client_factor * known.units
        info_scale = lists.info_scale
        shared = resonance * info_scale
        self.seller_total = self.seller_info + shared
        self.client_total = self.client_info + shared
        self.trust = contact * self.seller_total * self.client_total
        self.resonance_by_stage = resonance_by_stage
        self.planned = None
        given = told.units
        received = known.units
        self.reciprocity_fraction = None
        if given > 0 or received > 0:
            low = given if given < received else received
            high = given if given > received else received
            self.reciprocity_fraction = (low, high)
        self.reciprocity = None
        self.shown = None           # (trust_scale, T, T's text, P) as figures() shows them

    def planned_curve(self, lists, digest):
        """T (1/trust_scale) at each stage of the plan."""
        if self.planned is not None:
            return self.planned
        seller_factor = lists.seller_factors[digest.seller_personal]
        client_factor = lists.client_factors[digest.client_personal]
        info_scale = lists.info_scale
        told_by_stage = self.told.by_stage
        known_by_stage = self.known.by_stage
        resonance_by_stage = self.resonance_by_stage
        contact = self.contact
        planned = []
        seller_info = client_info = resonance_now = 0
        for stage in digest.stages:
            seller_info += lists.seller_by_stage[stage] + seller_factor * told_by_stage[stage]
            client_info += lists.client_by_stage[stage] + client_factor * known_by_stage[stage]
            resonance_now += resonance_by_stage[stage]
            shared = resonance_now * info_scale
            planned.append(contact * (seller_info + shared) * (client_info + shared))
        self.planned = planned
        return planned


def _told_points(points, told):
    """The seller's personal points as one person has them: told, or as
    the account holds them."""
    if not told:
        return points
    done = _DONE
    return [(point_id, note, done if point_id in told else progress, stage, level)
            for point_id, note, progress, stage, level in points]


def _score_people(book, digest, settings, lists, memo=None):
    """Every person scored, in workbook order, and each id's place."""
    last_stage = digest.last_stage
    level_values = settings.scaled_level_values
    seller_points = book.seller[digest.seller_personal]
    people = book.people
    contact_scale = _scale_of([person.contact_factor for person in people])
    lists.trust_scale = contact_scale * lists.info_scale * lists.info_scale
    # A person read again keeps their id and place (Workbook.read_part), so
    # the common ground depends on the list of people and the shared items.
    place, resonance, resonance_by_stage, shared_count = _kept(
        memo, "common_ground", (book.shared_items, people), _common_ground,
        (book.shared_items, people, last_stage))
    common = memo.get("common_ground") if memo is not None else None
    scored = []
    for k in range(len(people)):
        person = people[k]
        # Told and known are compared by value: an edit of one of a
        # person's fields reads the whole person again.
        told = _kept(memo, ("told", k), (seller_points, person.told_ids, settings), _tally_told,
                     (seller_points, person, level_values, last_stage), True)
        known = _kept(memo, ("known", k), (person.personal, settings), _tally_points,
                      (person.personal, True, level_values, last_stage), True)
        contact = person.contact_factor * contact_scale // UNIT
        scored.append(_kept(memo, ("scored", k), (person, contact, told, known, lists, common),
                            _Scored, (person, contact, told, known, resonance[k],
                                      resonance_by_stage[k], shared_count[k], lists, digest),
                            True))
    return scored, place


def _tally_told(seller_points, person, level_values, last_stage):
    return _tally_points(_told_points(seller_points, person.told), True, level_values, last_stage)


def _common_ground(shared_items, people, last_stage):
    """(place of each person id, R of each person, the part of it first
    counted at each stage, the number of items shared with each)."""
    place = {}
    for k in range(len(people)):
        place[people[k].id] = k
    resonance = [0] * len(people)
    resonance_by_stage = [[0] * (last_stage + 1) for person in people]
    shared_count = [0] * len(people)
    for item_id, text, category, narrowness, stage, has_text, shared_with in shared_items:
        if not has_text:
            continue
        value = (narrowness + 1) * (narrowness + 1)
        # Common ground with no planned stage is there from the start.
        first = 1 if stage is None else stage
        for person_id in shared_with:
            k = place.get(person_id)
            if k is not None:
                resonance[k] += value
                resonance_by_stage[k][first] += value
                shared_count[k] += 1
    return place, resonance, resonance_by_stage, shared_count


# ---------------------------------------------------------------- next moves

# Kinds of next move; their order breaks ties between equal gains.
_DISCLOSE = 0
_TELL = 1
_LEARN = 2
_RAISE_LEVEL = 3
_MOVE_KINDS = ("disclose", "tell", "learn", "raise_level")
_MAX_MOVES = 6
_MAX_PERSON_MOVES = 3


def _move(gain, kind, order, person_place, side, list_id, point_id, level, from_level, people):
    """A candidate move as a tuple: its rank first (gain, kind, list order,
    person place: unique for each candidate), then what it acts on."""
    return (-gain, kind, order, person_place, side, list_id, point_id, level, from_level,
            people)


def _account_moves(digest, lists, scored, moves):
    """Disclose a product or company point, learn a need or a preference:
    every person gains, each by P_i x (their other side's total) x the
    information added."""
    towards_seller = towards_client = 0
    for one in scored:
        weight = one.influence * one.contact
        towards_seller += weight * one.client_total
        towards_client += weight * one.seller_total
    levels = digest.levels
    for side, tallies, factors, specs, kind, towards, offset in (
            ("seller", lists.seller_tallies, lists.seller_factors, digest.seller_lists,
             _DISCLOSE, towards_seller, 0),
            ("client", lists.client_tallies, lists.client_factors, digest.client_lists,
             _LEARN, towards_client, len(digest.seller_lists))):
        for j in range(len(specs)):
            tally = tallies[j]
            if tally is None or tally.new is None:
                continue
            gain = towards * factors[j] * tally.new.units
            if gain > 0:
                new = tally.new
                moves.append(_move(gain, kind, offset + j, -1, side, specs[j].id, new.point_id,
                                   None if new.level is None else levels[new.level], None, []))


def _person_moves(digest, lists, scored, moves):
    """Tell a person a personal point, learn a person's point, raise the
    level of a person's known point: only that person gains."""
    levels = digest.levels
    seller_j = digest.seller_personal
    client_j = digest.client_personal
    seller_list = digest.seller_lists[seller_j].id
    client_list = digest.client_lists[client_j].id
    client_order = len(digest.seller_lists) + client_j
    for k in range(len(scored)):
        one = scored[k]
        weight = one.influence * one.contact
        people = [one.person.id]
        new = one.told.new
        if new is not None:
            gain = weight * one.client_total * lists.seller_factors[seller_j] * new.units
            if gain > 0:
                moves.append(_move(gain, _TELL, seller_j, k, "seller", seller_list, new.point_id,
                                   levels[new.level], None, people))
        per_unit = weight * one.seller_total * lists.client_factors[client_j]
        new = one.known.new
        if new is not None and per_unit * new.units > 0:
            moves.append(_move(per_unit * new.units, _LEARN, client_order, k, "client",
                               client_list, new.point_id, levels[new.level], None, people))
        raised = one.known.raise_level
        if raised is not None and per_unit * raised.units > 0:
            moves.append(_move(per_unit * raised.units, _RAISE_LEVEL, client_order, k, "client",
                               client_list, raised.point_id, levels[raised.level],
                               levels[raised.from_level], people))


def _seller_raise_move(digest, settings, lists, book, scored, moves):
    """Raise the level of a seller's personal point told to somebody: all
    who have been told it gain.  The largest gain, then the earlier planned
    stage (none last), then content order."""
    level_values = settings.scaled_level_values
    top_level = len(level_values) - 1
    seller_j = digest.seller_personal
    factor = lists.seller_factors[seller_j]
    best_key = best = None
    points = book.seller[seller_j]
    for position in range(len(points)):
        point_id, note, progress, stage, level = points[position]
        if level >= top_level:
            continue
        step = level_values[level + 1] - level_values[level]
        if step <= 0:
            continue
        towards = 0
        told_to = []
        for one in scored:
            if point_id in one.person.told:
                towards += one.influence * one.contact * one.client_total
                told_to.append(one.person.id)
        gain = towards * factor * step
        if gain <= 0:
            continue
        key = (-gain, _NO_STAGE if stage is None else stage, position)
        if best_key is None or key < best_key:
            best_key = key
            best = (gain, point_id, level, told_to)
    if best is not None:
        gain, point_id, level, told_to = best
        moves.append(_move(gain, _RAISE_LEVEL, seller_j, -1, "seller",
                           digest.seller_lists[seller_j].id, point_id,
                           digest.levels[level + 1], digest.levels[level], told_to))


def _moves_shown(candidates, limit, trust, scale, exact):
    """The first `limit` of the candidates (sorted), as score() gives them."""
    shown = []
    for candidate in candidates[:limit]:
        (minus_gain, kind, order, person_place, side, list_id, point_id, level, from_level,
         people) = candidate
        gain, gain_text = _value_and_text(-minus_gain, scale)
        after, after_text = _value_and_text(trust - minus_gain, scale)
        entry = {"kind": _MOVE_KINDS[kind], "side": side, "list": list_id, "id": point_id,
                 "person": people[0] if person_place >= 0 else None, "people": people,
                 "level": level, "from_level": from_level, "gain": gain, "text": gain_text,
                 "T_after": after, "T_after_text": after_text}
        if exact:
            entry["exact"] = [-minus_gain, scale]
        shown.append(entry)
    return shown


def _common_ground_leads(digest, book, scored, info_scale, scale, exact):
    """Where common ground would pay, person by person: what is known of
    them worth looking through and the gain of an item of each narrowness
    shared with them alone: r = (n + 1)^2 on both sides raises T_i by
    P_i x (r (IS'_i + IC'_i) + r^2)."""
    if len(book.shared_items) >= digest.max_common_ground:
        return []
    done = _DONE
    sources = {}
    for point_id in digest.common_ground_sources:
        sources[point_id] = True
    leads = []
    for one in scored:
        person = one.person
        weight = one.influence * one.contact
        gains = []
        for narrowness in digest.narrowness:
            resonance = (narrowness + 1) * (narrowness + 1) * info_scale
            gain = weight * (resonance * (one.seller_total + one.client_total)
                             + resonance * resonance)
            value, text = _value_and_text(gain, scale)
            entry = {"narrowness": narrowness, "gain": value, "text": text}
            if exact:
                entry["exact"] = [gain, scale]
            gains.append(entry)
        leads.append({"person": person.id,
                      "sources": [point[0] for point in person.personal
                                  if point[2] == done and point[0] in sources],
                      "gains": gains})
    return leads


# ---------------------------------------------------------------- score

def score(workbook, method, exact=False, moves=True):
    """Score a workbook (any input: it is read as normalise() reads it).

    Returns a plain dict; see docs/scoring.md for every field.  Each figure
    comes as its value rounded to 2 decimals and its display text; with
    `exact` (for tests that compare figures exactly) each also carries
    "exact", the fraction [numerator, denominator] it was rounded from.
    Without `moves` (a room scoring many files) the next moves and the
    common ground to look for are left empty."""
    digest = content.read(method)
    return _score_book(_Workbook(workbook, digest, False), digest, exact, moves)


def _person_entry(one, reports_to, lists, digest, scale, exact):
    """What score() says of one person."""
    person = one.person
    entry = {"id": person.id, "name": person.name, "role": person.role,
             "influence": person.influence, "attitude": person.attitude,
             "reports_to": reports_to, "contact_factor": _exact_value(person.contact_factor, UNIT)}
    texts = {}
    fractions = {}
    info_scale = lists.info_scale
    shared = one.resonance * info_scale
    _figure(entry, texts, fractions, "IS", one.seller_info, info_scale)
    _figure(entry, texts, fractions, "IC", one.client_info, info_scale)
    _figure(entry, texts, fractions, "R", shared, info_scale)
    _figure(entry, texts, fractions, "IS_total", one.seller_total, info_scale)
    _figure(entry, texts, fractions, "IC_total", one.client_total, info_scale)
    _figure(entry, texts, fractions, "T", one.trust, lists.trust_scale)
    entry["text"] = texts
    if exact:
        entry["exact"] = fractions
    told = one.told
    known = one.known
    entry["parts"] = {
        "told": {"count": told.reached, "bundles": _rounded_value(told.units, scale)},
        "known": {"count": known.reached, "bundles": _rounded_value(known.units, scale)},
        "common_ground": {"count": one.shared_count, "R": one.resonance}}
    one.reciprocity = _reciprocity(told.units, known.units, scale, exact)
    entry["indicators"] = {
        "disclosure": _weighted_share(told.reached, 1, told.listed),
        "knowledge": _weighted_share(known.reached, 1, known.listed),
        "reciprocity": one.reciprocity,
        "curve": _curve(one.planned_curve(lists, digest), one.trust, lists.trust_scale, exact)}
    return entry


def _curve(planned, trust, scale, exact):
    """The planned curve: T (over `scale`) at each stage and now."""
    stages = []
    for k in range(len(planned)):
        value, text = _value_and_text(planned[k], scale)
        entry = {"stage": k + 1, "T": value, "text": text}
        if exact:
            entry["exact"] = [planned[k], scale]
        stages.append(entry)
    value, text = _value_and_text(trust, scale)
    now = {"T": value, "text": text}
    if exact:
        now["exact"] = [trust, scale]
    return {"stages": stages, "now": now}


def _weighted(scored, name):
    total = 0
    for one in scored:
        total += one.influence * getattr(one, name)
    return total


def _account_figures(scored, lists, exact):
    """The account's figures (T, IS, IC, R, IS_total, IC_total): each
    person's influence-weighted mean.  With one person they are exactly
    that person's, fractions too.  Returns the result dict begun with them,
    T and T's scale."""
    single = len(scored) == 1
    weight = 0
    trust = seller_info = client_info = resonance = 0
    for one in scored:
        influence = 1 if single else one.influence
        weight += influence
        trust += influence * one.trust
        seller_info += influence * one.seller_info
        client_info += influence * one.client_info
        resonance += influence * one.resonance
    resonance = resonance * lists.info_scale
    info_scale = lists.info_scale * weight
    trust_scale = lists.trust_scale * weight
    result = {"model_version": MODEL_VERSION}
    texts = {}
    fractions = {}
    _figure(result, texts, fractions, "IS", seller_info, info_scale)
    _figure(result, texts, fractions, "IC", client_info, info_scale)
    _figure(result, texts, fractions, "R", resonance, info_scale)
    _figure(result, texts, fractions, "IS_total", seller_info + resonance, info_scale)
    _figure(result, texts, fractions, "IC_total", client_info + resonance, info_scale)
    _figure(result, texts, fractions, "T", trust, trust_scale)
    result["text"] = texts
    if exact:
        result["exact"] = fractions
    return result


def _figures_book(book, digest, exact, memo=None):
    """Scorer.figures() of a workbook already read."""
    settings = book.settings
    lists = _account_lists(book, digest, settings, memo)
    scored, place = _score_people(book, digest, settings, lists, memo)
    result = _account_figures(scored, lists, exact)
    people = []
    trust_scale = lists.trust_scale
    for one in scored:
        person = one.person
        # A person kept from the last keystroke keeps what it showed then.
        shown = one.shown
        if shown is None or shown[0] != trust_scale:
            value, text = _value_and_text(one.trust, trust_scale)
            shown = one.shown = (trust_scale, value, text,
                                 _exact_value(person.contact_factor, UNIT))
        entry = {"id": person.id, "influence": person.influence,
                 "contact_factor": shown[3], "T": shown[1], "text": {"T": shown[2]}}
        if exact:
            entry["exact"] = {"T": [one.trust, lists.trust_scale]}
        people.append(entry)
    result["people"] = people
    return result


def _score_book(book, digest, exact, moves=True, memo=None):
    """score() of a workbook already read (without notes)."""
    settings = book.settings
    lists = _account_lists(book, digest, settings, memo)
    scored, place = _score_people(book, digest, settings, lists, memo)
    weight = 0
    for one in scored:
        weight += one.influence
    info_scale = lists.info_scale * weight
    trust_scale = lists.trust_scale * weight
    trust = _weighted(scored, "trust")
    result = _account_figures(scored, lists, exact)

    person_ids = _person_ids(book.people)
    scale = settings.scale
    people = [_person_entry(one, _reports_to(one.person, person_ids), lists, digest, scale, exact)
              for one in scored]

    # Person-level lists are influence-weighted over the people; the
    # account's own lists are plain (counts times the weight sum).
    seller_j = digest.seller_personal
    client_j = digest.client_personal
    told_reached = _weighted_told(scored, "reached")
    known_reached = _weighted_known(scored, "reached")
    told_units = _weighted_told(scored, "units")
    known_units = _weighted_known(scored, "units")
    parts = {"seller": {}, "client": {}}
    seller_weights = [UNIT] * len(digest.seller_lists)
    seller_weights[seller_j] = settings.seller_personal_weight
    for side, tallies, factors, weights, specs, personal, reached, units in (
            ("seller", lists.seller_tallies, lists.seller_factors, seller_weights,
             digest.seller_lists, seller_j, told_reached, told_units),
            ("client", lists.client_tallies, lists.client_factors, settings.client_weights,
             digest.client_lists, client_j, known_reached, known_units)):
        for j in range(len(specs)):
            if j == personal:
                parts[side][specs[j].id] = {
                    "count": _rounded_value(reached, weight),
                    "bundles": _rounded_value(units, weight * scale),
                    "weight": _exact_value(weights[j], UNIT),
                    "contribution": _rounded_value(factors[j] * units, info_scale)}
            else:
                tally = tallies[j]
                parts[side][specs[j].id] = {
                    "count": tally.reached, "bundles": tally.units,
                    "weight": _exact_value(weights[j], UNIT),
                    "contribution": _rounded_value(factors[j] * tally.units, lists.info_scale)}
    shared_with_somebody = 0
    for item in book.shared_items:
        if item[5]:
            for person_id in item[6]:
                if person_id in place:
                    shared_with_somebody += 1
                    break
    parts["common_ground"] = {"count": shared_with_somebody,
                              "R": _rounded_value(_weighted(scored, "resonance"), weight)}
    result["parts"] = parts
    result["settings"] = _settings_dict(settings, digest)

    readiness = []
    disclosure = []
    seller_totals = []
    for j in range(len(digest.seller_lists)):
        if j == seller_j:
            ready = _ready_personal(book.seller[seller_j], scored)
            readiness.append(ready * weight)
            disclosure.append(told_reached)
            seller_totals.append(len(book.seller[seller_j]))
        else:
            readiness.append(lists.seller_tallies[j].ready * weight)
            disclosure.append(lists.seller_tallies[j].reached * weight)
            seller_totals.append(lists.seller_tallies[j].listed)
    knowledge = []
    client_totals = []
    for j in range(len(digest.client_lists)):
        if j == client_j:
            knowledge.append(known_reached)
            client_totals.append(len(digest.client_lists[j].point_ids))
        else:
            knowledge.append(lists.client_tallies[j].reached * weight)
            client_totals.append(lists.client_tallies[j].listed)
    seller_ids = [spec.id for spec in digest.seller_lists]
    client_ids = [spec.id for spec in digest.client_lists]
    knowledge_table = _share_table(client_ids, knowledge, client_totals, weight)
    planned = [0] * len(digest.stages)
    for one in scored:
        for k in range(len(planned)):
            planned[k] += one.influence * one.planned_curve(lists, digest)[k]
    result["indicators"] = {
        "readiness": _share_table(seller_ids, readiness, seller_totals, weight),
        "disclosure": _share_table(seller_ids, disclosure, seller_totals, weight),
        "knowledge": knowledge_table,
        "reciprocity": _account_reciprocity(scored, scale, exact),
        "curve": _curve(planned, trust, trust_scale, exact),
        "weakest": _weakest_area(digest, knowledge, client_totals, knowledge_table)}
    if len(scored) == 1:
        result["indicators"]["curve"] = people[0]["indicators"]["curve"]
    result["stage"] = book.stage
    result["plan"] = _plan(book.stage, planned[digest.is_stage[book.stage]], trust, trust_scale)

    candidates = []
    if moves:
        _account_moves(digest, lists, scored, candidates)
        _person_moves(digest, lists, scored, candidates)
        _seller_raise_move(digest, settings, lists, book, scored, candidates)
        candidates.sort()
    for k in range(len(scored)):
        own = [candidate for candidate in candidates if candidate[3] == k]
        # A person's own move gains the account influence_i / sum as much.
        people[k]["next_moves"] = _moves_shown(own, _MAX_PERSON_MOVES, trust, trust_scale, exact)
    result["next_moves"] = _moves_shown(candidates, _MAX_MOVES, trust, trust_scale, exact)
    result["common_ground"] = (_common_ground_leads(digest, book, scored, lists.info_scale,
                                                    trust_scale, exact) if moves else [])
    result["people"] = people
    return result


def _weighted_told(scored, name):
    total = 0
    for one in scored:
        total += one.influence * getattr(one.told, name)
    return total


def _weighted_known(scored, name):
    total = 0
    for one in scored:
        total += one.influence * getattr(one.known, name)
    return total


def _ready_personal(points, scored):
    """The seller's personal points prepared or told to somebody."""
    ready = 0
    not_started = _NOT_STARTED
    for point in points:
        if point[2] != not_started:
            ready += 1
            continue
        for one in scored:
            if point[0] in one.person.told:
                ready += 1
                break
    return ready


def _weakest_area(digest, known, totals, knowledge):
    """The client list with the lowest knowledge share; ties go to the
    first in content order.  A list with nothing listed is 0 of 1."""
    weakest = None
    for j in range(len(digest.client_lists)):
        num, den = (known[j], totals[j]) if totals[j] > 0 else (0, 1)
        if weakest is None or num * weakest[1] < weakest[0] * den:
            weakest = (num, den, j)
    spec = digest.client_lists[weakest[2]]
    return {"list": spec.id, "percent": knowledge[spec.id]["percent"],
            "text": knowledge[spec.id]["text"], "label": spec.label, "risk": spec.risk}


def _plan(stage, planned, trust, scale):
    """T now against T planned at the account's current stage.  The gap is
    the difference of the two figures as they are shown (to 2 decimals), so
    that "planned 84.05, now 76.36, behind 7.69" adds up."""
    planned_value, planned_text = _value_and_text(planned, scale)
    now, now_text = _value_and_text(trust, scale)
    gap, gap_text = _value_and_text(_hundredths(trust, scale) - _hundredths(planned, scale), 100)
    return {"stage": stage, "planned": planned_value, "planned_text": planned_text, "now": now,
            "now_text": now_text, "gap": gap, "gap_text": gap_text, "ahead": trust >= planned}


class Scorer:
    """Scores one workbook again and again while it is edited: the workbook
    stays read between edits and only the part an edit changed is read
    again (reading is most of the time of a score() under MicroPython),
    and what was added up from the parts it did not change (each list's
    tally, each person's) is kept.  A change not told to reread() is not
    seen.

        scorer = Scorer(workbook, method)
        workbook["seller"]["product"][3]["status"] = "disclosed"
        scorer.reread(workbook, "seller.product")
        scorer.score()          # == score(workbook, method)
        scorer.figures()        # its figures alone, cheaper: for each keystroke
    """

    def __init__(self, workbook, method):
        """Read all of `workbook`; `method` as for score()."""
        self.digest = content.read(method)
        self.workbook = workbook
        self.book = _Workbook(workbook, self.digest, False)
        self.memo = {}

    def reread(self, workbook, path):
        """Read again the part of `workbook` at `path` after the caller
        changed it in place: a list ("seller.product", "client.needs",
        "common_ground"), "settings", or "id", "name", "account".  Any other
        path, or a workbook other than the one read last, is read again in
        full, so the next score() is never stale."""
        if (isinstance(path, str) and workbook is self.workbook
                and self.book.read_part(_as_dict(workbook), path)):
            return
        self.workbook = workbook
        self.book = _Workbook(workbook, self.digest, False)

    def score(self, exact=False, moves=True):
        """score(workbook, method, exact, moves) of the workbook as read last."""
        return _score_book(self.book, self.digest, exact, moves, self.memo)

    def figures(self, exact=False):
        """The figures at the top of score() (model_version, T, IS, IC, R,
        IS_total, IC_total, text, and exact with `exact`) and, for each
        person in workbook order, only what T's formula shows: people[k] =
        {id, influence, contact_factor, T, text: {T}} (exact: {T}), each
        equal to score()'s.  What a keystroke changes, without the rest."""
        return _figures_book(self.book, self.digest, exact, self.memo)


def review(workbook, method, result=None):
    """Why the client may not sign yet: diagnosis.review(), re-exported
    here (imported when first asked for: diagnosis reads this module)."""
    import diagnosis
    return diagnosis.review(workbook, method, result)


def score_and_normalise(workbook, method, moves=True):
    """(normalise(workbook, method), score(workbook, method, moves=moves))
    from one reading of the workbook: a room that scores and reviews 200
    files reads each once instead of twice (score() reads without notes,
    the review reads the normalised copy)."""
    digest = content.read(method)
    book = _Workbook(workbook, digest)
    return _workbook_dict(book, digest), _score_book(book, digest, False, moves)
