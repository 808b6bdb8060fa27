"""Trust Workbook: the results file (download and import), pure.

``export_document()`` turns workbooks into the results document that the
page downloads (docs/results-format.md, content/results.schema.json);
``document_text()`` writes it as readable JSON; ``file_name()`` names it;
``read_document()`` reads any results file or bare workbook back, migrates
older formats and reports every problem with its path, in the user's
language.  No I/O and no browser: the same file runs under CPython (tests)
and MicroPython (the page), so it keeps the core's rules: no dict order is
relied on (walks go over fixed key lists), booleans are tested with
``type(x) is bool`` before numbers, and floats are never formatted here.
"""

import json
# The builtins the checks call for every value, bound as module globals:
# MicroPython looks a name up in the module's globals before the builtins,
# and a miss scans the globals table further the fuller it is.
from builtins import isinstance, len, range, str, type

import content
import jsontext
from library import clean_participant
import migrations
import scoring

RESULTS_SCHEMA = "trust-workbook-results"
RESULTS_SCHEMA_VERSION = 3   # 2: the participant's own name; 3: workbooks of schema 2 (people)
WORKBOOK_SCHEMA = scoring.SCHEMA
WORKBOOK_SCHEMA_VERSION = scoring.SCHEMA_VERSION
APP_NAME = "trust-workbook"

MAX_BYTES = 5000000      # a file larger than this is refused unread (5 MB)
MAX_WORKBOOKS = 200      # a results file holds at most this many workbooks
MAX_ERRORS = 20          # errors listed per file; the rest are counted
SHOWN_VALUE_CHARS = 40   # a wrong value is quoted in a message up to this length

_FILE_NAME_FORBIDDEN = '<>:"/\\|?*'
_FILE_NAME_LIMIT = 60


# ---------------------------------------------------------------- export

# What a results file keeps of score() (docs/results-format.md): the
# account's figures, and for each person what a facilitator compares.
ACCOUNT_SUMMARY = ("model_version", "T", "IS", "IC", "R", "IS_total", "IC_total", "text",
                   "stage", "plan", "parts", "indicators", "next_moves", "settings")
PERSON_SUMMARY = ("id", "name", "role", "influence", "attitude", "T", "IS", "IC", "R")
PERSON_TEXTS = ("T", "IS", "IC", "R")


def result_summary(result):
    """What a results file keeps of score(): the account's figures and plan
    as the core gives them, without the content labels of the weakest area
    (a reader has method.json), and per person their role, influence,
    attitude, T, IS, IC, R and reciprocity."""
    summary = {}
    for key in ACCOUNT_SUMMARY:
        summary[key] = result[key]
    indicators = dict(result["indicators"])
    weakest = indicators["weakest"]
    indicators["weakest"] = {"list": weakest["list"], "percent": weakest["percent"],
                             "text": weakest["text"]}
    summary["indicators"] = indicators
    people = []
    for person in result["people"]:
        kept = {}
        for key in PERSON_SUMMARY:
            kept[key] = person[key]
        texts = {}
        for key in PERSON_TEXTS:
            texts[key] = person["text"][key]
        kept["text"] = texts
        kept["reciprocity"] = person["indicators"]["reciprocity"]
        people.append(kept)
    summary["people"] = people
    return summary


def review_summary(entries):
    """What a results file keeps of the review (scoring.review()): the ids
    of the open reasons, in content order, and the seller's own state of
    those ticked or cleared by hand.  Their notes are the workbook's own
    `review`, which the file holds already."""
    return {"open": [entry["id"] for entry in entries if entry["open"]],
            "by_hand": [{"id": entry["id"], "state": entry["state"]} for entry in entries
                        if entry["state"] is not None]}


def export_document(workbooks, method, exported_at, app_version, participant=""):
    """The results document of one workbook or of many: each workbook as
    normalise() writes it, with the summary of its score, and the name of
    the participant who wrote them (so a trainer can tell people apart)."""
    digest = content.read(method)
    entries = []
    for workbook in workbooks:
        # An older workbook is lifted first: normalise() reads the current version only.
        normalised = scoring.normalise(migrations.migrate_stored_workbook(workbook, digest), digest)
        result = scoring.score(normalised, digest)
        entries.append({"workbook": normalised, "result": result_summary(result),
                        "review": review_summary(scoring.review(normalised, digest, result))})
    return {
        "schema": RESULTS_SCHEMA,
        "schema_version": RESULTS_SCHEMA_VERSION,
        "model_version": scoring.MODEL_VERSION,
        "exported_at": exported_at if isinstance(exported_at, str) else "",
        "app": {"name": APP_NAME, "version": app_version if isinstance(app_version, str) else ""},
        "participant": clean_participant(participant),
        "workbooks": entries,
    }


# ---------------------------------------------------------------- text

# Keys are written in this order (the rest after them, sorted) so that a
# person opening the file reads the format, the account and the figures first.
_KEY_ORDER = [
    "schema", "schema_version", "model_version", "exported_at", "app", "participant", "workbooks",
    "workbook", "result",
    "kind", "side", "list",
    "id", "name", "title", "version", "account",
    "role", "influence", "attitude", "contact_factor", "reports_to",
    "seller", "client", "common_ground", "person",
    "state", "text", "note", "status", "known", "severity", "visibility", "category", "narrowness",
    "level", "from_level", "stage", "owner", "with",
    "T", "IS", "IC", "R", "IS_total", "IC_total", "plan",
    "count", "total", "bundles", "weight", "contribution", "value", "percent",
    "gain", "T_after", "T_after_text", "stages", "planned", "planned_text", "now", "now_text",
    "gap", "gap_text", "ahead",
    "organisation", "needs", "preferences", "product", "company", "personal", "told", "motives", "balance",
    "overall", "public", "semi_public", "private",
    "parts", "indicators", "readiness", "disclosure", "knowledge", "reciprocity",
    "weakest", "curve", "next_moves", "people",
    "settings", "preset", "weights", "seller_personal_weight", "level_values",
    "client_type", "review", "open", "by_hand",
]
_KEY_RANK = jsontext.key_order(_KEY_ORDER)



def document_text(document):
    """Readable JSON text of a document: indented by two spaces, a record of
    plain values on one line (a list of points reads like a table, and the
    file is half the size), keys in a fixed order, Chinese written as is,
    ending with a newline.  Encode it as UTF-8."""
    return jsontext.readable(document, _KEY_RANK)


# ---------------------------------------------------------------- file name

def clean_file_name_part(text):
    """text without the characters file systems refuse, spaces as dashes."""
    kept = []
    for ch in text if isinstance(text, str) else "":
        if ch in _FILE_NAME_FORBIDDEN or ch < " " or ch == "\x7f":
            continue
        kept.append("-" if ch in jsontext.WHITESPACE else ch)
    cleaned = "".join(kept)
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    cleaned = cleaned[:_FILE_NAME_LIMIT]
    # Windows drops trailing dots and spaces; a leading dot hides the file.
    return cleaned.strip("-. ")


def file_name(workbooks, date, language, method, participant=""):
    """"信任工作簿-王芳-省税务局-2026-11-26.json" for one workbook (the
    participant's name, then the workbook's name, else its account),
    "trust-workbook-Wang-Fang-all-2026-11-26.json" for several: files that a
    trainer collects into one folder do not overwrite each other."""
    digest = content.read(method)
    label = ""
    if len(workbooks) == 1:
        workbook = workbooks[0] if isinstance(workbooks[0], dict) else {}
        label = clean_file_name_part(workbook.get("name"))
        if not label:
            label = clean_file_name_part(workbook.get("account"))
        if not label:
            label = clean_file_name_part(digest.ui_text(language, "untitled"))
    else:
        label = digest.ui_text(language, "results_file_all")
    parts = [digest.ui_text(language, "results_file_prefix"),
             clean_file_name_part(clean_participant(participant)), label, clean_file_name_part(date)]
    return "-".join([part for part in parts if part]) + ".json"


# ---------------------------------------------------------------- reading

class _Problems:
    """Errors found in one file: at most MAX_ERRORS kept, the rest counted."""

    def __init__(self, digest, language):
        self.digest = digest
        self.language = language
        self.found = []
        self.more = 0

    def add(self, path, key, values=None):
        self.add_message(path, self.digest.ui_text(self.language, key, values))

    def add_message(self, path, message):
        if len(self.found) >= MAX_ERRORS:
            self.more += 1
        else:
            self.found.append({"path": path, "message": message})

    def wrong_type(self, path, expected):
        self.add(path, "results_error_type",
                 {"expected": self.digest.ui_text(self.language, "results_type_" + expected)})

    def listed(self):
        if self.more:
            return self.found + [{"path": "", "message": self.digest.ui_text(
                self.language, "results_error_more", {"count": self.more})}]
        return list(self.found)

    def __len__(self):
        return len(self.found) + self.more


def _shown(value):
    """A wrong value as a message quotes it: short, one line."""
    text = value if isinstance(value, str) else jsontext.dumps(value)
    text = " ".join(text.split())
    if len(text) > SHOWN_VALUE_CHARS:
        text = text[:SHOWN_VALUE_CHARS - 1] + "…"
    return text


def _join(path, key):
    return key if path == "" else path + "." + key


def _at(path, index):
    return path + "[" + str(index) + "]"


def _is_number(value):
    kind = type(value)
    if kind is int:
        return True
    # A float from JSON text may be inf (1e400) or nan (CPython reads NaN).
    return kind is float and value == value and value - value == 0


def _clean_text(value, rules):
    return value is None or (type(value) is str and len(value) <= rules.max_text)


def _check_text(record, key, path, problems, rules):
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        problems.wrong_type(_join(path, key), "text")
    elif value is not None and len(value) > rules.max_text:
        problems.add(_join(path, key), "results_error_text_too_long", {"limit": rules.max_text})


def _check_enum(record, key, allowed, path, problems, whole=False):
    """record[key] is one of the allowed choices (absent is fine); whole:
    the path names the value itself (an item of a list of choices)."""
    if key not in record:
        return
    value = record[key]
    if isinstance(value, str) and value in allowed:
        return
    if type(value) is int and value in allowed and not isinstance(allowed[0], str):
        return
    problems.add(path if whole else _join(path, key), "results_error_enum",
                 {"value": _shown(value), "allowed": ", ".join([str(a) for a in allowed])})


def _check_choice(record, key, allowed, path, problems, nullable=False):
    """A whole-number choice (stage, severity, narrowness)."""
    if key not in record:
        return
    value = record[key]
    if value is None and nullable:
        return
    if type(value) is not int:
        problems.wrong_type(_join(path, key), "integer")
    elif value not in allowed:
        problems.add(_join(path, key), "results_error_range",
                     {"value": value, "min": min(allowed), "max": max(allowed)})


def _check_bool(record, key, path, problems):
    if key in record and type(record[key]) is not bool:
        problems.wrong_type(_join(path, key), "boolean")


def _check_number(record, key, low, high, path, problems):
    if key not in record:
        return
    value = record[key]
    if not _is_number(value):
        problems.wrong_type(_join(path, key), "number")
    elif value < low or value > high:
        problems.add(_join(path, key), "results_error_range",
                     {"value": jsontext.format_number(value, 6), "min": low, "max": high})


def _records(container, key, path, problems, limit=None):
    """(path of the list, [(index, record)]) of a list of records; no
    records when the list is absent or wrong (the wrong one is reported)."""
    list_path = _join(path, key)
    if key not in container or container[key] is None:
        return list_path, []
    value = container[key]
    if not isinstance(value, list):
        problems.wrong_type(list_path, "list")
        return list_path, []
    if limit is not None and len(value) > limit:
        problems.add(list_path, "results_error_list_too_long", {"count": len(value), "limit": limit})
        return list_path, []
    found = list(enumerate(value))   # the pairs made in C
    for index, record in found:
        if not isinstance(record, dict):
            return list_path, _objects_only(found, list_path, problems)
    return list_path, found


def _objects_only(pairs, list_path, problems):
    """The (index, record) pairs whose record is an object; the rest reported."""
    found = []
    for index, record in pairs:
        if isinstance(record, dict):
            found.append((index, record))
        else:
            problems.wrong_type(_at(list_path, index), "object")
    return found


def _object(container, key, path, problems):
    """container[key] when it is an object, {} when absent; reports a wrong one."""
    value = container.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.wrong_type(_join(path, key), "object")
        return {}
    return value


_ABSENT = ()   # what record.get() gives for a key the record does not have


def _clean_stage(record, rules):
    stage = record.get("stage")
    return stage is None or (type(stage) is int and stage in rules.is_stage)


def _clean_choice(record, key, allowed):
    """True when the key is absent or holds one of the allowed choices."""
    value = record.get(key, _ABSENT)
    if value is _ABSENT:
        return True
    kind = type(value)
    return (kind is str or kind is int) and value in allowed


def _check_points(list_path, records, spec, rules, problems, seller):
    is_point = spec.position
    leveled = spec.leveled
    # The quick test of a record that has no problem (almost every record
    # of a file), inlined: under MicroPython a call costs more than the test.
    max_text = rules.max_text
    is_stage = rules.is_stage
    choices = rules.is_status if seller else None
    levels = rules.level_position if leveled else None
    absent = _ABSENT
    seen = {}
    for index, record in records:
        get = record.get
        point_id = get("id")
        note = get("note")
        stage = get("stage")
        if (type(point_id) is str and point_id in is_point and point_id not in seen
                and (note is None or (type(note) is str and len(note) <= max_text))
                and (stage is None or (type(stage) is int and stage in is_stage))):
            if seller:
                value = get("status", absent)
                clean = value is absent or ((type(value) is str or type(value) is int) and value in choices)
            else:
                value = get("known", absent)
                clean = value is absent or type(value) is bool
            if clean and leveled:
                value = get("level", absent)
                clean = value is absent or ((type(value) is str or type(value) is int) and value in levels)
            if clean:
                seen[point_id] = True
                continue
        path = _at(list_path, index)
        if not isinstance(point_id, str):
            if "id" in record:
                problems.wrong_type(_join(path, "id"), "text")
            else:
                problems.add(_join(path, "id"), "results_error_required")
        elif point_id not in is_point:
            problems.add(_join(path, "id"), "results_error_unknown_point", {"value": _shown(point_id)})
        elif point_id in seen:
            problems.add(_join(path, "id"), "results_error_duplicate", {"value": _shown(point_id)})
        else:
            seen[point_id] = True
        _check_text(record, "note", path, problems, rules)
        if seller:
            _check_enum(record, "status", rules.statuses, path, problems)
        else:
            _check_bool(record, "known", path, problems)
        _check_choice(record, "stage", rules.stages, path, problems, nullable=True)
        if leveled:
            _check_enum(record, "level", rules.levels, path, problems)

def _free_id_problem(record, seen):
    """True when a free-list record's id is wrong or repeated; records a good one."""
    value = record.get("id")
    if value is None:
        return False
    if type(value) is not str or value in seen:
        return True
    seen[value] = True
    return False


def _check_free_id(record, path, problems):
    value = record["id"]
    if not isinstance(value, str):
        problems.wrong_type(_join(path, "id"), "text")
    else:
        problems.add(_join(path, "id"), "results_error_duplicate", {"value": _shown(value)})


def _check_needs(list_path, records, rules, problems, people):
    max_text = rules.max_text
    is_stage = rules.is_stage
    is_severity = rules.is_severity
    is_visibility = rules.is_visibility
    absent = _ABSENT
    seen = {}
    for index, record in records:
        get = record.get
        id_problem = _free_id_problem(record, seen)
        text = get("text")
        stage = get("stage")
        severity = get("severity", absent)
        visibility = get("visibility", absent)
        known = get("known", absent)
        owner = get("owner")
        if (not id_problem
                and (text is None or (type(text) is str and len(text) <= max_text))
                and (severity is absent
                     or ((type(severity) is str or type(severity) is int) and severity in is_severity))
                and (visibility is absent
                     or ((type(visibility) is str or type(visibility) is int) and visibility in is_visibility))
                and (known is absent or type(known) is bool)
                and (stage is None or (type(stage) is int and stage in is_stage))
                and (owner is None or (type(owner) is str and (people is None or owner in people)))):
            continue
        path = _at(list_path, index)
        if id_problem:
            _check_free_id(record, path, problems)
        _check_text(record, "text", path, problems, rules)
        _check_choice(record, "severity", rules.severities, path, problems)
        _check_enum(record, "visibility", rules.visibilities, path, problems)
        _check_bool(record, "known", path, problems)
        _check_choice(record, "stage", rules.stages, path, problems, nullable=True)
        _check_reference(record, "owner", people, path, problems)


def _check_common_ground(list_path, records, rules, problems, people):
    max_text = rules.max_text
    is_stage = rules.is_stage
    is_category = rules.is_category
    is_narrowness = rules.is_narrowness
    absent = _ABSENT
    people_ids = None if people is None else set(people)
    seen = {}
    for index, record in records:
        get = record.get
        id_problem = _free_id_problem(record, seen)
        text = get("text")
        stage = get("stage")
        category = get("category", absent)
        narrowness = get("narrowness", absent)
        if (not id_problem
                and (text is None or (type(text) is str and len(text) <= max_text))
                and (category is absent
                     or ((type(category) is str or type(category) is int) and category in is_category))
                and (narrowness is absent
                     or ((type(narrowness) is str or type(narrowness) is int) and narrowness in is_narrowness))
                and (stage is None or (type(stage) is int and stage in is_stage))
                and _clean_references(get("with"), people_ids)):
            continue
        path = _at(list_path, index)
        if id_problem:
            _check_free_id(record, path, problems)
        _check_text(record, "text", path, problems, rules)
        _check_enum(record, "category", rules.categories, path, problems)
        _check_choice(record, "narrowness", rules.narrowness, path, problems)
        _check_choice(record, "stage", rules.stages, path, problems, nullable=True)
        _check_references(record, "with", people, "results_error_unknown_person", path, problems)

# ---------------------------------------------------------------- the account's people

def _person_ids(workbook, rules):
    """Every id a person of the workbook has, to check what names a person
    (reports_to, owner, with); None when the list of people or a person's
    id cannot be read (reported as such), and then nothing that names a
    person is checked."""
    people = workbook.get("people")
    if people is None:
        return {}
    if not isinstance(people, list) or not people or len(people) > rules.max_people:
        return None
    found = {}
    for person in people:
        if not isinstance(person, dict) or type(person.get("id")) is not str or not person["id"]:
            return None   # whom a reference means is unclear: the person is what is reported
        found[person["id"]] = True
    return found


def _clean_references(value, known):
    """True when value is absent or a list of ids that all name something
    known (a set; None: not checked).  One issuperset() in C instead of a
    loop: only strings equal the known ids, and an unhashable item (a list)
    is not clean either."""
    if value is None:
        return True
    if type(value) is not list:
        return False
    if known is None:
        return True
    try:
        return known.issuperset(value)
    except TypeError:
        return False


def _check_references(record, key, known, message, path, problems):
    """A list of ids (told, with): text each, each naming something known."""
    value = record.get(key)
    if value is None:
        return
    list_path = _join(path, key)
    if not isinstance(value, list):
        problems.wrong_type(list_path, "list")
        return
    for index in range(len(value)):
        item = value[index]
        if not isinstance(item, str):
            problems.wrong_type(_at(list_path, index), "text")
        elif known is not None and item not in known:
            problems.add(_at(list_path, index), message, {"value": _shown(item)})


def _check_reference(record, key, known, path, problems):
    """One person's id or null (reports_to, owner)."""
    value = record.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        problems.wrong_type(_join(path, key), "text")
    elif known is not None and value not in known:
        problems.add(_join(path, key), "results_error_unknown_person", {"value": _shown(value)})


def _check_motives(person, path, rules, problems):
    motives = _object(person, "motives", path, problems)
    motives_path = _join(path, "motives")
    _check_text(motives, "organisation", motives_path, problems, rules)
    chosen = motives.get("personal")
    if chosen is not None:
        if not isinstance(chosen, list):
            problems.wrong_type(_join(motives_path, "personal"), "list")
        else:
            allowed = rules.motives
            for index in range(len(chosen)):
                _check_enum({"motive": chosen[index]}, "motive", allowed,
                            _at(_join(motives_path, "personal"), index), problems, whole=True)
    _check_choice(motives, "balance", rules.balances, motives_path, problems)


def _check_people(workbook, path, rules, problems, known):
    """Each person of the account: an id of their own, their choices in the
    content's lists, their personal points, what they have been told, whom
    they report to and their motives."""
    list_path, records = _records(workbook, "people", path, problems, rules.max_people)
    if isinstance(workbook.get("people"), list) and not workbook["people"]:
        problems.add(list_path, "results_error_no_people")
        return
    told_ids = rules.seller_lists[rules.seller_personal].position
    personal_spec = rules.client_lists[rules.client_personal]
    low, high = rules.contact_factor_range
    # What the quick test of a person compares lists with, as sets.
    known_ids = (set(told_ids), set(rules.is_motive))
    seen = {}
    for index, person in records:
        person_path = _at(list_path, index)
        if _clean_person(person, seen, rules, known, known_ids):
            seen[person["id"]] = True
            points_path, points = _records(person, "personal", person_path, problems)
            _check_points(points_path, points, personal_spec, rules, problems, False)
            continue
        person_id = person.get("id")
        if person_id is None or person_id == "":
            problems.add(_join(person_path, "id"), "results_error_required")
        elif not isinstance(person_id, str):
            problems.wrong_type(_join(person_path, "id"), "text")
        elif person_id in seen:
            problems.add(_join(person_path, "id"), "results_error_duplicate", {"value": _shown(person_id)})
        else:
            seen[person_id] = True
        for key in ("name", "title"):
            _check_text(person, key, person_path, problems, rules)
        _check_enum(person, "role", rules.roles, person_path, problems)
        _check_choice(person, "influence", rules.influences, person_path, problems)
        _check_enum(person, "attitude", rules.attitudes, person_path, problems)
        _check_number(person, "contact_factor", low, high, person_path, problems)
        _check_reference(person, "reports_to", known, person_path, problems)
        points_path, points = _records(person, "personal", person_path, problems)
        _check_points(points_path, points, personal_spec, rules, problems, False)
        _check_references(person, "told", told_ids, "results_error_unknown_point", person_path, problems)
        _check_motives(person, person_path, rules, problems)


def _clean_person(person, seen, rules, known, known_ids):
    """The quick test of a person who has no problem (their personal points
    aside): one pass, no paths built, no calls but to C.  known_ids: the
    sets of the told points' and the motives' ids."""
    get = person.get
    absent = _ABSENT
    max_text = rules.max_text
    person_id = get("id")
    name = get("name")
    title = get("title")
    role = get("role", absent)
    attitude = get("attitude", absent)
    influence = get("influence", absent)
    factor = get("contact_factor", absent)
    manager = get("reports_to")
    told = get("told")
    if not (type(person_id) is str and person_id and person_id not in seen
            and (name is None or (type(name) is str and len(name) <= max_text))
            and (title is None or (type(title) is str and len(title) <= max_text))
            and (role is absent or ((type(role) is str or type(role) is int) and role in rules.is_role))
            and (attitude is absent
                 or ((type(attitude) is str or type(attitude) is int) and attitude in rules.is_attitude))
            and (influence is absent or (type(influence) is int and influence in rules.influences))
            and (manager is None or (type(manager) is str and (known is None or manager in known)))
            and (told is None or type(told) is list)):
        return False
    if factor is not absent:
        low, high = rules.contact_factor_range
        if not (_is_number(factor) and low <= factor <= high):
            return False
    if told is not None and not _clean_references(told, known_ids[0]):
        return False
    motives = get("motives")
    if motives is None:
        return True
    if type(motives) is not dict:
        return False
    organisation = motives.get("organisation")
    balance = motives.get("balance", absent)
    if not ((organisation is None or (type(organisation) is str and len(organisation) <= max_text))
            and (balance is absent or (type(balance) is int and balance in rules.balances))):
        return False
    return _clean_references(motives.get("personal"), known_ids[1])


# The seller's word on a reason of the review (docs/workbook-format.md):
# null (neither) is a note alone.
REVIEW_STATES = ("open", "cleared")


def _check_review(list_path, records, rules, problems):
    """The seller's own word on the reasons the client may not sign yet: a
    known reason once, its state and a note."""
    seen = {}
    for index, record in records:
        path = _at(list_path, index)
        reason = record.get("id")
        if not isinstance(reason, str):
            if "id" in record:
                problems.wrong_type(_join(path, "id"), "text")
            else:
                problems.add(_join(path, "id"), "results_error_required")
        elif reason not in rules.is_review_reason:
            problems.add(_join(path, "id"), "results_error_enum",
                         {"value": _shown(reason), "allowed": ", ".join(rules.review_reason_ids)})
        elif reason in seen:
            problems.add(_join(path, "id"), "results_error_duplicate", {"value": _shown(reason)})
        else:
            seen[reason] = True
        if record.get("state") is not None:
            _check_enum(record, "state", REVIEW_STATES, path, problems)
        _check_text(record, "note", path, problems, rules)


def _check_reason_id(value, path, seen, rules, problems):
    """One reason's id: text, a reason of the content, once."""
    if not isinstance(value, str):
        problems.wrong_type(path, "text")
    elif value not in rules.is_review_reason:
        problems.add(path, "results_error_enum",
                     {"value": _shown(value), "allowed": ", ".join(rules.review_reason_ids)})
    elif value in seen:
        problems.add(path, "results_error_duplicate", {"value": _shown(value)})
    else:
        seen[value] = True


def _check_review_summary(entry, path, rules, problems):
    """The review a results file carries beside a workbook (review_summary):
    derived data, which readers work out again, but a file is refused when
    it names a reason that does not exist or a state the seller cannot set."""
    review = _object(entry, "review", path, problems)
    review_path = _join(path, "review")
    reasons = review.get("open")
    if reasons is not None:
        open_path = _join(review_path, "open")
        if not isinstance(reasons, list):
            problems.wrong_type(open_path, "list")
        elif len(reasons) > len(rules.review_reason_ids):
            problems.add(open_path, "results_error_list_too_long",
                         {"count": len(reasons), "limit": len(rules.review_reason_ids)})
        else:
            seen = {}
            for index in range(len(reasons)):
                _check_reason_id(reasons[index], _at(open_path, index), seen, rules, problems)
    list_path, records = _records(review, "by_hand", review_path, problems, len(rules.review_reason_ids))
    seen = {}
    for index, record in records:
        record_path = _at(list_path, index)
        if "id" not in record:
            problems.add(_join(record_path, "id"), "results_error_required")
        else:
            _check_reason_id(record["id"], _join(record_path, "id"), seen, rules, problems)
        if record.get("state") is None:
            problems.add(_join(record_path, "state"), "results_error_required")
        else:
            _check_enum(record, "state", REVIEW_STATES, record_path, problems)


def _account_client_lists(rules):
    """The client lists the account holds (needs, preferences): the personal
    one is each person's."""
    return [rules.client_lists[j] for j in range(len(rules.client_lists)) if j != rules.client_personal]


def _check_settings(settings, path, rules, problems):
    _check_enum(settings, "preset", rules.presets, path, problems)
    weights = _object(settings, "weights", path, problems)
    for spec in rules.client_lists:
        _check_number(weights, spec.id, 0, content.SETTING_MAX, _join(path, "weights"), problems)
    _check_number(settings, "seller_personal_weight", 0, content.SETTING_MAX, path, problems)
    level_values = _object(settings, "level_values", path, problems)
    for level in rules.levels:
        _check_number(level_values, level, 0, content.SETTING_MAX, _join(path, "level_values"), problems)


def _check_workbook(workbook, path, rules, problems):
    """Every problem of a (migrated) workbook, in the order of the file;
    unknown keys are not problems: a newer app may add some, and
    normalise() drops them.  (P is per person since schema version 2: a
    settings.contact_factor is such a key.)"""
    for key in ("id", "name", "account"):
        _check_text(workbook, key, path, problems, rules)
    _check_choice(workbook, "stage", rules.stages, path, problems)
    known = _person_ids(workbook, rules)
    seller = _object(workbook, "seller", path, problems)
    seller_path = _join(path, "seller")
    for spec in rules.seller_lists:
        list_path, records = _records(seller, spec.id, seller_path, problems)
        _check_points(list_path, records, spec, rules, problems, True)
    client = _object(workbook, "client", path, problems)
    client_path = _join(path, "client")
    for spec in _account_client_lists(rules):
        if spec.free:
            list_path, records = _records(client, spec.id, client_path, problems, rules.max_needs)
            _check_needs(list_path, records, rules, problems, known)
        else:
            list_path, records = _records(client, spec.id, client_path, problems)
            _check_points(list_path, records, spec, rules, problems, False)
    _check_people(workbook, path, rules, problems, known)
    list_path, records = _records(workbook, "common_ground", path, problems, rules.max_common_ground)
    _check_common_ground(list_path, records, rules, problems, known)
    _check_settings(_object(workbook, "settings", path, problems), _join(path, "settings"), rules, problems)
    if workbook.get("client_type") is not None:
        _check_enum(workbook, "client_type", rules.client_types, path, problems)
    list_path, records = _records(workbook, "review", path, problems, len(rules.review_reason_ids))
    _check_review(list_path, records, rules, problems)


# ---------------------------------------------------------------- migrations

# Workbook format version -> the function that lifts it one version
# (py/migrations.py, shared with the page's stored workbooks).
WORKBOOK_MIGRATIONS = migrations.WORKBOOK_MIGRATIONS


def _renamed_path(path, renamed, prefix):
    """The path as it reads in the file, before migrations renamed it."""
    if prefix:
        if not path.startswith(prefix + "."):
            return path
        relative = path[len(prefix) + 1:]
    else:
        relative = path
    # At most one renamed prefix matches: "[1]" never matches "[10]".
    for new in renamed:
        if relative == new or relative.startswith(new + ".") or relative.startswith(new + "["):
            return _join(prefix, renamed[new] + relative[len(new):])
    return path


def _version(document, path, expected_schema, supported, problems):
    """The format version of a document or workbook, or None when it cannot
    be read (reported).  No schema and no version is version 0."""
    if "schema" in document and document["schema"] != expected_schema:
        problems.add(_join(path, "schema"), "results_error_schema",
                     {"schema": _shown(document["schema"])})
        return None
    if "schema_version" not in document:
        if "schema" in document:
            problems.add(_join(path, "schema_version"), "results_error_required")
            return None
        return 0
    version = document["schema_version"]
    if type(version) is not int or version < 0:
        problems.add(_join(path, "schema_version"), "results_error_version")
        return None
    if version > supported:
        problems.add(_join(path, "schema_version"), "results_error_newer",
                     {"version": version, "supported": supported})
        return None
    return version


def _read_workbook(workbook, path, rules, problems):
    """A workbook migrated to the current version, or None when it has
    problems (all reported, with paths as in the file)."""
    version = _version(workbook, path, WORKBOOK_SCHEMA, WORKBOOK_SCHEMA_VERSION, problems)
    if version is None:
        return None
    renames = []    # each migration's new path -> path before it, in the order they ran
    derived = []
    while version < WORKBOOK_SCHEMA_VERSION:
        workbook, more = WORKBOOK_MIGRATIONS[version](workbook, rules)
        renames.append(more)
        derived += _DERIVED.get(version, [])
        version += 1
    found = _Problems(problems.digest, problems.language)
    _check_workbook(workbook, path, rules, found)
    reported = 0
    for error in found.found:
        error_path = error["path"]
        if _under(error_path, derived, path):
            continue
        for position in range(len(renames) - 1, -1, -1):
            error_path = _renamed_path(error_path, renames[position], path)
        problems.add_message(error_path, error["message"])
        reported += 1
    problems.more += found.more
    if reported + found.more:
        return None
    return workbook


# Parts a migration makes from others, by the version it lifts: a problem
# there is already reported where it came from (1 -> 2: person 1's "told"
# lists the disclosed seller personal points, whose ids are checked there).
_DERIVED = {1: ["people[0].told"]}


def _under(path, prefixes, root):
    for prefix in prefixes:
        full = _join(root, prefix)
        if path == full or path.startswith(full + "[") or path.startswith(full + "."):
            return True
    return False


# ---------------------------------------------------------------- text the parser must not see

def _has_huge_string(text, limit):
    """True when a string in the JSON text is surely longer than limit
    characters.  MicroPython's json grows a string 16 bytes at a time, so
    parsing one of a few MB takes minutes: such a text is refused before
    the text is parsed.  Shorter ones are parsed and measured exactly.

    A window of the text, in bytes, longer than six times the limit (a
    \\uXXXX escape is six bytes per character) that holds no quote and
    starts after an odd number of quotes lies inside one string.  Windows
    follow each other, so a string twice that long is sure to cover one.
    Escaped backslashes and quotes are blanked out first (pairs from the
    left, as JSON reads them).  Linear, in a few dozen counts done in C."""
    data = text.encode()
    window = 6 * limit + 6
    if len(data) <= window:
        return False
    if b"\\" in data:
        data = data.replace(b"\\\\", b"__").replace(b'\\"', b"_'")
    quotes = 0
    for start in range(0, len(data) - window + 1, window):
        found = data.count(b'"', start, start + window)
        if found == 0 and quotes % 2 == 1:
            return True
        quotes += found
    return False


def _has_surrogate(text):
    try:
        data = text.encode()
    except UnicodeError:  # CPython refuses to encode a surrogate
        return True
    # MicroPython keeps one as three bytes, ED A0..BF xx.
    position = data.find(b"\xed")
    while position >= 0:
        if position + 1 < len(data) and 0xA0 <= data[position + 1] <= 0xBF:
            return True
        position = data.find(b"\xed", position + 1)
    return False


def _joined_surrogates(text):
    """text with each surrogate pair as the character it stands for (as
    CPython's json already reads it) and each lone surrogate as U+FFFD, a
    visible mark: a lone one cannot be written as UTF-8, and crossing into
    the page it costs the characters after it."""
    out = []
    high = 0
    for ch in text:
        code = ord(ch)
        if 0xD800 <= code <= 0xDBFF:
            if high:
                out.append("\ufffd")
            high = code
            continue
        if 0xDC00 <= code <= 0xDFFF and high:
            out.append(chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
        elif 0xDC00 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            if high:
                out.append("\ufffd")
            out.append(ch)
        high = 0
    if high:
        out.append("\ufffd")
    return "".join(out)


def _without_surrogates(value):
    """value with the surrogates of its strings mended (_joined_surrogates):
    only files with \\uD800-\\uDFFF escapes have any."""
    if isinstance(value, str):
        return _joined_surrogates(value) if _has_surrogate(value) else value
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        mended = {}
        for key in value:
            mended[_without_surrogates(key)] = _without_surrogates(value[key])
        return mended
    return value


def _looks_like_workbook(data):
    for key in ("seller", "client", "common_ground"):
        if isinstance(data.get(key), (dict, list)):
            return True
    return False


def _read(text, method, language, normalise, found=None):
    """(workbooks, errors); what the file says about itself (its participant,
    when it was written) goes into `found` when given."""
    if found is None:
        found = {}
    rules = content.read(method)
    problems = _Problems(rules, language)
    if not isinstance(text, str):
        problems.add("", "results_error_not_json")
        return [], problems.listed()
    if len(text) > MAX_BYTES:
        problems.add("", "results_error_too_large", {"limit": MAX_BYTES // 1000000})
        return [], problems.listed()
    if text[:1] == "\ufeff":
        text = text[1:]  # a byte order mark that an editor wrote
    if jsontext.is_blank(text):
        problems.add("", "results_error_empty")
        return [], problems.listed()
    if _has_huge_string(text, rules.max_text):
        problems.add("", "results_error_file_text_too_long", {"limit": rules.max_text})
        return [], problems.listed()
    try:
        data = json.loads(text)
    except Exception:  # ValueError; RuntimeError / RecursionError when nested too deep
        problems.add("", "results_error_not_json")
        return [], problems.listed()
    # One search first: a file the app wrote has no escapes (it writes
    # Chinese as is), and each search of a long text costs under MicroPython.
    if "\\u" in text and ("\\ud" in text or "\\uD" in text):
        data = _without_surrogates(data)
    if not isinstance(data, dict):
        problems.add("", "results_error_shape")
        return [], problems.listed()
    workbooks = []
    schema = data.get("schema")
    if schema == RESULTS_SCHEMA:
        if _version(data, "", RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, problems) is None:
            return [], problems.listed()
        _read_about(data, found, problems)
        entries = data.get("workbooks")
        if not isinstance(entries, list):
            if entries is None:
                problems.add("workbooks", "results_error_required")
            else:
                problems.wrong_type("workbooks", "list")
            return [], problems.listed()
        if not entries:
            problems.add("workbooks", "results_error_no_workbooks")
            return [], problems.listed()
        if len(entries) > MAX_WORKBOOKS:
            problems.add("workbooks", "results_error_too_many",
                         {"count": len(entries), "limit": MAX_WORKBOOKS})
            return [], problems.listed()
        for index in range(len(entries)):
            entry_path = _at("workbooks", index)
            entry = entries[index]
            if not isinstance(entry, dict):
                problems.wrong_type(entry_path, "object")
                continue
            workbook = entry.get("workbook")
            if not isinstance(workbook, dict):
                if workbook is None:
                    problems.add(_join(entry_path, "workbook"), "results_error_required")
                else:
                    problems.wrong_type(_join(entry_path, "workbook"), "object")
                continue
            # The "result" is derived data: readers score the workbook again.
            workbook = _read_workbook(workbook, _join(entry_path, "workbook"), rules, problems)
            if workbook is not None:
                workbooks.append(workbook)
            if entry.get("review") is not None:
                _check_review_summary(entry, entry_path, rules, problems)
    elif schema == WORKBOOK_SCHEMA or (schema is None and _looks_like_workbook(data)):
        workbook = _read_workbook(data, "", rules, problems)
        if workbook is not None:
            workbooks.append(workbook)
    elif isinstance(schema, str):
        problems.add("schema", "results_error_schema", {"schema": _shown(schema)})
    else:
        problems.add("", "results_error_shape")
    if len(problems):
        return [], problems.listed()
    if not normalise:
        return workbooks, []
    return [scoring.normalise(workbook, rules) for workbook in workbooks], []


def _read_about(data, found, problems):
    """The participant (version 2 on; "" before) and the export time of a
    results document."""
    participant = data.get("participant")
    if participant is not None and not isinstance(participant, str):
        problems.wrong_type("participant", "text")
    else:
        found["participant"] = clean_participant(participant)
    exported_at = data.get("exported_at")
    if isinstance(exported_at, str):
        found["exported_at"] = exported_at


def read_results(text, method, language, normalise=True):
    """read_document() with what the file says about itself:
    {"workbooks", "errors", "participant" ("" when the file names nobody:
    version 1 files and bare workbooks), "exported_at" ("" when unknown)}."""
    found = {"participant": "", "exported_at": ""}
    try:
        workbooks, errors = _read(text, method, language, normalise, found)
    except Exception:  # a bug here must not take the page down with it
        workbooks, errors = [], unreadable_errors(method, language)
    if errors:
        found = {"participant": "", "exported_at": ""}
    return {"workbooks": workbooks, "errors": errors,
            "participant": found["participant"], "exported_at": found["exported_at"]}


def read_document(text, method, language, normalise=True):
    """(workbooks, errors) from the text of a file: a results document (any
    supported version) or a bare workbook, migrated and validated.  When the
    file has any problem, workbooks is [] and errors lists them as
    {"path": "workbooks[0].workbook.seller.product[2].status", "message": ...}
    in `language` ("zh" or "en").  Never raises.

    The workbooks come as normalise() writes them; with normalise=False they
    come as read (valid, migrated, unknown keys kept): score() reads them the
    same, and a reader that only scores them saves the copy."""
    read = read_results(text, method, language, normalise)
    return read["workbooks"], read["errors"]


def unreadable_errors(method, language):
    """The error of a file that could not be read at all: the reader failed
    on it, or the browser refused its bytes (a folder dropped with files)."""
    return [{"path": "", "message": content.read(method).ui_text(language, "results_error_unreadable")}]


def encoding_errors(method, language):
    """The error of a file that is neither UTF-8 nor UTF-16 text (the page
    finds that out as it decodes the file): read as UTF-8 it would be garbled."""
    return [{"path": "", "message": content.read(method).ui_text(language, "results_error_encoding")}]


def size_errors(byte_count, method, language):
    """The error of a file too large to read (checked before reading it), or []."""
    if type(byte_count) is int and byte_count > MAX_BYTES:
        return [{"path": "", "message": content.read(method).ui_text(language, "results_error_too_large",
                                            {"limit": MAX_BYTES // 1000000})}]
    return []
