"""Trust Workbook: the pure scoring core (scoring model version 1).

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
  arithmetic (settings are taken to 6 decimals, as integers of 1e-6), and
  rounding and display strings are made here from integers;
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

MODEL_VERSION = 1
SCHEMA = "trust-workbook"
SCHEMA_VERSION = 1


# IS, IC and R are integers of 1e-12 (a weight in 1e-6 times a level value in
# 1e-6), and T = P x IS' x IC' is an integer of 1e-30.
_INFO_SCALE = UNIT * UNIT
_TRUST_SCALE = UNIT * _INFO_SCALE * _INFO_SCALE

_NO_STAGE = 99        # sort rank of "no planned stage": after every stage

# How far a point has come.  A client point that is not known yet is pending
# like a prepared seller point: both count in the planned curve at their
# stage, while an empty seller point has nothing to tell yet.
_NOT_STARTED = 0      # seller: empty
_PENDING = 1          # seller: prepared; client: not known yet
_DONE = 2             # seller: disclosed; client: known
_SELLER_STATUSES = ("empty", "prepared", "disclosed")   # by progress

# Kinds of next move; their order breaks ties between equal gains.
_DISCLOSE = 0
_LEARN = 1
_RAISE_LEVEL = 2
_ADD_COMMON_GROUND = 3
_MOVE_KINDS = ("disclose", "learn", "raise_level", "add_common_ground")
_MAX_MOVES = 5


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

    def __init__(self, preset, client_weights, seller_personal_weight, level_values,
                 contact_factor):
        self.preset = preset
        self.client_weights = client_weights
        self.seller_personal_weight = seller_personal_weight
        self.level_values = level_values
        self.contact_factor = contact_factor


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
    contact_factor = setting_units(raw.get("contact_factor"), digest.min_contact_factor,
                                    digest.max_contact_factor, digest.default_contact_factor)
    return _Settings(preset, client_weights, seller_personal_weight, level_values, contact_factor)


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
        "contact_factor": _exact_value(settings.contact_factor, UNIT),
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


def _read_needs(records, digest, with_notes):
    """The needs, as tuples (need_id, text, severity, visibility, known,
    stage, has_text); only a need with text counts."""
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
        needs.append((ids[k], text, severity, visibility, record.get("known") is True, stage,
                      has_text))
    return needs


def _read_shared_items(records, digest, with_notes):
    """The shared items (common ground), as tuples (item_id, text, category,
    narrowness, stage, has_text); only an item with text counts.  The score
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
        items.append((item_id, text, category, narrowness, stage, has_text))
    return items


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
        """Read the part at `path` (one of digest.part_paths) of `workbook`
        (a dict) again; False, reading nothing, for any other path."""
        place = self.digest.part_place.get(path)
        if place is None:
            return False
        kind, where = place
        digest = self.digest
        with_notes = self.with_notes
        if kind == "seller":
            spec = digest.seller_lists[where]
            self.seller[where] = _read_points(_as_dict(workbook.get("seller")).get(spec.id),
                                              spec, digest, True, with_notes)
        elif kind == "client":
            spec = digest.client_lists[where]
            records = _as_dict(workbook.get("client")).get(spec.id)
            if spec.free:
                self.client[where] = _read_needs(records, digest, with_notes)
            else:
                self.client[where] = _read_points(records, spec, digest, False, with_notes)
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


def _workbook_dict(book, digest):
    seller = {}
    for j in range(len(digest.seller_lists)):
        spec = digest.seller_lists[j]
        seller[spec.id] = _point_records(book.seller[j], spec.leveled, True, digest.levels)
    client = {}
    for j in range(len(digest.client_lists)):
        spec = digest.client_lists[j]
        if spec.free:
            client[spec.id] = [{"id": need_id, "text": text, "severity": severity,
                                "visibility": visibility, "known": known, "stage": stage}
                               for need_id, text, severity, visibility, known, stage, has_text
                               in book.client[j]]
        else:
            client[spec.id] = _point_records(book.client[j], spec.leveled, False, digest.levels)
    common_ground = [{"id": item_id, "text": text, "category": category,
                      "narrowness": narrowness, "stage": stage}
                     for item_id, text, category, narrowness, stage, has_text
                     in book.shared_items]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": book.id,
        "name": book.name,
        "account": book.account,
        "seller": seller,
        "client": client,
        "common_ground": common_ground,
        "settings": _settings_dict(book.settings, digest),
    }


def normalise(workbook, method):
    """A well-formed copy of any input; never raises.

    Every fixed point is present, in content order; unknown ids, non-record
    entries and unknown keys are dropped; a repeated fixed id keeps its first
    record; free-list records (needs, shared items) keep their order, are cut
    to method.json's limits, and get a fresh id (need-N, cg-N) when
    theirs is missing, blank or repeated.  Bad values take the defaults;
    numbers are clamped: stage 1-4 (else null), severity 1-3, narrowness 1-3,
    contact factor 0-10, weights / level values 0-SETTING_MAX, all settings
    numbers kept to 6 decimals."""
    digest = content.read(method)
    return _workbook_dict(_Workbook(workbook, digest), digest)


def blank_workbook(method, id="", name=""):
    """A new workbook: every fixed point present and empty, no needs, no
    shared items, default settings."""
    digest = content.read(method)
    workbook = _workbook_dict(_Workbook({}, digest), digest)
    workbook["id"] = _as_str(id)
    workbook["name"] = _as_str(name)
    return workbook


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
    for need_id, text, severity, visibility, known, stage, has_text in needs:
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


class _Side:
    """One side of the trust formula, added up list by list: `info` is IS
    (seller) or IC (client) in 1e-12 and `info_by_stage` the part of it
    first counted at each stage of the planned curve; `personal_units` are
    the unweighted units of leveled (personal) lists, for reciprocity.
    `new_kind` is the move that acts on an unreached point."""

    def __init__(self, name, new_kind, last_stage):
        self.name = name
        self.new_kind = new_kind
        self.info = 0
        self.info_by_stage = [0] * (last_stage + 1)
        self.personal_units = 0
        self.parts = {}
        self.specs = []
        self.tallies = []
        self.factors = []               # 1e-12 per unit of each list

    def add(self, spec, tally, weight):
        """Add a list weighted by `weight` (in 1e-6)."""
        factor = weight if spec.leveled else weight * UNIT
        contribution = factor * tally.units
        self.info += contribution
        for stage in range(1, len(self.info_by_stage)):
            if tally.by_stage[stage]:
                self.info_by_stage[stage] += factor * tally.by_stage[stage]
        if spec.leveled:
            self.personal_units += tally.units
        self.parts[spec.id] = {
            "count": tally.reached,
            "bundles": _rounded_value(tally.units, UNIT) if spec.leveled else tally.units,
            "weight": _exact_value(weight, UNIT),
            "contribution": _rounded_value(contribution, _INFO_SCALE)}
        self.specs.append(spec)
        self.tallies.append(tally)
        self.factors.append(factor)


def _seller_side(book, digest, settings):
    side = _Side("seller", _DISCLOSE, digest.last_stage)
    for j in range(len(digest.seller_lists)):
        spec = digest.seller_lists[j]
        tally = _tally_points(book.seller[j], spec.leveled, settings.level_values,
                              digest.last_stage)
        # IS = product + company + seller_personal_weight x personal
        side.add(spec, tally, settings.seller_personal_weight if spec.leveled else UNIT)
    return side


def _client_side(book, digest, settings):
    side = _Side("client", _LEARN, digest.last_stage)
    for j in range(len(digest.client_lists)):
        spec = digest.client_lists[j]
        if spec.free:
            tally = _tally_needs(book.client[j], digest.last_stage)
        else:
            tally = _tally_points(book.client[j], spec.leveled, settings.level_values,
                                  digest.last_stage)
        side.add(spec, tally, settings.client_weights[j])
    return side


class _CommonGround:
    """The shared items that count: `resonance` is R in bundles, the sum of
    (narrowness + 1) squared, and `by_stage` its part first counted at each
    stage of the planned curve."""

    def __init__(self, items, last_stage):
        count = total = 0
        by_stage = [0] * (last_stage + 1)
        for item_id, text, category, narrowness, stage, has_text in items:
            if not has_text:
                continue
            count += 1
            resonance = (narrowness + 1) * (narrowness + 1)
            total += resonance
            # Common ground with no planned stage is there from the start.
            if stage is None:
                by_stage[1] += resonance
            else:
                by_stage[stage] += resonance
        self.count = count
        self.resonance = total
        self.by_stage = by_stage


# ---------------------------------------------------------------- indicators

def _share(count, total):
    """An indicator share: count, total, percent (2 decimals), text (whole
    percent).  A share of nothing (total 0) is 0."""
    if total <= 0:
        return {"count": count, "total": total, "percent": 0, "text": "0%"}
    return {"count": count, "total": total, "percent": _rounded_value(count * 100, total),
            "text": str((count * 200 + total) // (total + total)) + "%"}


def _share_table(side, counts):
    """Each list's share and the overall share: counts[j] of the list's
    listed points."""
    table = {}
    count_all = total_all = 0
    for j in range(len(side.specs)):
        total = side.tallies[j].listed
        table[side.specs[j].id] = _share(counts[j], total)
        count_all += counts[j]
        total_all += total
    table["overall"] = _share(count_all, total_all)
    return table


def _planned_curve(digest, contact_factor, seller, client, common_ground, trust, exact):
    """T at each stage, counting what is planned up to it, and T now."""
    stages = []
    seller_info = client_info = resonance = 0
    for stage in digest.stages:
        seller_info += seller.info_by_stage[stage]
        client_info += client.info_by_stage[stage]
        resonance += common_ground.by_stage[stage]
        shared = resonance * _INFO_SCALE
        planned = contact_factor * (seller_info + shared) * (client_info + shared)
        value, text = _value_and_text(planned, _TRUST_SCALE)
        entry = {"stage": stage, "T": value, "text": text}
        if exact:
            entry["exact"] = [planned, _TRUST_SCALE]
        stages.append(entry)
    value, text = _value_and_text(trust, _TRUST_SCALE)
    now = {"T": value, "text": text}
    if exact:
        now["exact"] = [trust, _TRUST_SCALE]
    return {"stages": stages, "now": now}


def _reciprocity(seller, client, exact):
    """min / max of the unweighted personal units of both sides; None while
    both are 0."""
    given = seller.personal_units
    received = client.personal_units
    if given <= 0 and received <= 0:
        return None
    low = given if given < received else received
    high = given if given > received else received
    value, text = _value_and_text(low, high)
    found = {"seller": _rounded_value(given, UNIT),
             "client": _rounded_value(received, UNIT),
             "value": value, "text": text,
             "percent": _rounded_value(low * 100, high)}
    if exact:
        found["exact"] = [low, high]
    return found


def _known_fraction(tally):
    """(known, listed) of a list; one with nothing listed is 0 of 1."""
    if tally.listed <= 0:
        return 0, 1
    return tally.reached, tally.listed


def _weakest_area(client, knowledge):
    """The client list with the lowest knowledge share; ties go to the
    first in content order."""
    weakest = 0
    for j in range(1, len(client.tallies)):
        known, listed = _known_fraction(client.tallies[j])
        weakest_known, weakest_listed = _known_fraction(client.tallies[weakest])
        if known * weakest_listed < weakest_known * listed:
            weakest = j
    spec = client.specs[weakest]
    return {"list": spec.id, "percent": knowledge[spec.id]["percent"],
            "text": knowledge[spec.id]["text"], "label": spec.label, "risk": spec.risk}


# ---------------------------------------------------------------- next moves

class _Move:
    """A next move and its exact gain in T (1e-30); `order` is its list's
    place, seller lists then client lists then common ground."""

    def __init__(self, gain, kind, order, side, list_id, point_id, level, from_level,
                 narrowness):
        self.gain = gain
        self.kind = kind
        self.order = order
        self.side = side
        self.list_id = list_id
        self.point_id = point_id
        self.level = level
        self.from_level = from_level
        self.narrowness = narrowness


def _move_rank(move):
    return (-move.gain, move.kind, move.order)


def _point_moves(side, other_total, order, contact_factor, levels, moves):
    """Append the moves on one side's points.  Each gain is exact and in
    closed form: T grows by P x (the other side's total) x the added
    information.  Returns the next list order."""
    for j in range(len(side.specs)):
        tally = side.tallies[j]
        gain_per_unit = contact_factor * other_total * side.factors[j]
        new = tally.new
        if new is not None:
            moves.append(_Move(gain_per_unit * new.units, side.new_kind, order, side.name,
                               side.specs[j].id, new.point_id,
                               None if new.level is None else levels[new.level], None, None))
        raised = tally.raise_level
        if raised is not None:
            moves.append(_Move(gain_per_unit * raised.units, _RAISE_LEVEL, order, side.name,
                               side.specs[j].id, raised.point_id, levels[raised.level],
                               levels[raised.from_level], None))
        order += 1
    return order


def _common_ground_move(digest, contact_factor, seller_total, client_total, shared_items, order):
    """A new shared item of the narrowness that gains most (the first of
    equals), while there is room for one: r = (n + 1)^2 added to both sides
    raises T by P x (r (IS' + IC') + r^2)."""
    if len(shared_items) >= digest.max_common_ground:
        return None
    best_gain = best_narrowness = None
    for narrowness in digest.narrowness:
        resonance = (narrowness + 1) * (narrowness + 1) * _INFO_SCALE
        gain = contact_factor * (resonance * (seller_total + client_total)
                                 + resonance * resonance)
        if best_gain is None or gain > best_gain:
            best_gain = gain
            best_narrowness = narrowness
    if best_gain is None:
        return None
    return _Move(best_gain, _ADD_COMMON_GROUND, order, "common_ground", "common_ground",
                 None, None, None, best_narrowness)


def _next_moves(digest, book, contact_factor, seller, client, seller_total, client_total,
                trust, exact):
    """At most one candidate per (kind, list); the largest gains first, then
    kind, then list in content order.  Only gains > 0 are moves."""
    candidates = []
    order = _point_moves(seller, client_total, 0, contact_factor, digest.levels, candidates)
    order = _point_moves(client, seller_total, order, contact_factor, digest.levels, candidates)
    common_ground = _common_ground_move(digest, contact_factor, seller_total, client_total,
                                        book.shared_items, order)
    if common_ground is not None:
        candidates.append(common_ground)
    moves = [move for move in candidates if move.gain > 0]
    moves.sort(key=_move_rank)
    shown = []
    for move in moves[:_MAX_MOVES]:
        gain, gain_text = _value_and_text(move.gain, _TRUST_SCALE)
        after, after_text = _value_and_text(trust + move.gain, _TRUST_SCALE)
        entry = {"kind": _MOVE_KINDS[move.kind], "side": move.side, "list": move.list_id,
                 "id": move.point_id, "level": move.level, "from_level": move.from_level,
                 "narrowness": move.narrowness, "gain": gain, "text": gain_text,
                 "T_after": after, "T_after_text": after_text}
        if exact:
            entry["exact"] = [move.gain, _TRUST_SCALE]
        shown.append(entry)
    return shown


# ---------------------------------------------------------------- score

def score(workbook, method, exact=False):
    """Score a workbook (any input: it is read as normalise() reads it).

    Returns a plain dict; see docs/scoring.md for every field.  Each figure
    comes as its value rounded to 2 decimals and its display text; with
    `exact` (for tests that compare figures exactly) each also carries
    "exact", the fraction [numerator, denominator] it was rounded from."""
    digest = content.read(method)
    return _score_book(_Workbook(workbook, digest, False), digest, exact)


def _score_book(book, digest, exact):
    """score() of a workbook already read (without notes)."""
    settings = book.settings
    contact_factor = settings.contact_factor

    seller = _seller_side(book, digest, settings)
    client = _client_side(book, digest, settings)
    common_ground = _CommonGround(book.shared_items, digest.last_stage)

    # Resonance adds to both sides: IS' = IS + R, IC' = IC + R.
    resonance = common_ground.resonance * _INFO_SCALE
    seller_total = seller.info + resonance
    client_total = client.info + resonance
    trust = contact_factor * seller_total * client_total

    result = {"model_version": MODEL_VERSION}
    texts = {}
    fractions = {}
    for name, num, den in (("IS", seller.info, _INFO_SCALE), ("IC", client.info, _INFO_SCALE),
                           ("R", resonance, _INFO_SCALE), ("IS_total", seller_total, _INFO_SCALE),
                           ("IC_total", client_total, _INFO_SCALE), ("T", trust, _TRUST_SCALE)):
        result[name], texts[name] = _value_and_text(num, den)
        fractions[name] = [num, den]
    result["text"] = texts
    if exact:
        result["exact"] = fractions
    result["parts"] = {"seller": seller.parts, "client": client.parts,
                       "common_ground": {"count": common_ground.count,
                                         "R": common_ground.resonance}}
    result["settings"] = _settings_dict(settings, digest)
    knowledge = _share_table(client, [tally.reached for tally in client.tallies])
    result["indicators"] = {
        "readiness": _share_table(seller, [tally.ready for tally in seller.tallies]),
        "disclosure": _share_table(seller, [tally.reached for tally in seller.tallies]),
        "knowledge": knowledge,
        "reciprocity": _reciprocity(seller, client, exact),
        "curve": _planned_curve(digest, contact_factor, seller, client, common_ground, trust,
                                exact),
        "weakest": _weakest_area(client, knowledge)}
    result["next_moves"] = _next_moves(digest, book, contact_factor, seller, client,
                                       seller_total, client_total, trust, exact)
    return result


class Scorer:
    """Scores one workbook again and again while it is edited: the workbook
    stays read between edits and only the part an edit changed is read
    again (reading is most of the time of a score() under MicroPython).
    A change not told to reread() is not seen.

        scorer = Scorer(workbook, method)
        workbook["seller"]["product"][3]["status"] = "disclosed"
        scorer.reread(workbook, "seller.product")
        scorer.score()          # == score(workbook, method)
    """

    def __init__(self, workbook, method):
        """Read all of `workbook`; `method` as for score()."""
        self.digest = content.read(method)
        self.workbook = workbook
        self.book = _Workbook(workbook, self.digest, False)

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

    def score(self, exact=False):
        """score(workbook, method, exact) of the workbook as read last."""
        return _score_book(self.book, self.digest, exact)
