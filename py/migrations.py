"""Stored data's format versions, migrated on load (docs/workbook-format.md).

Pure, loaded on every page start; results.py reads files with the same
workbook chain.  migrate_stored_* never raise and return `data` itself when
there is nothing to do (current, newer, unreadable: left to the tolerant
readers scoring.normalise and library.read_index), else a new object.
"""

import content
import library
import scoring


def _migrate_workbook_0(workbook, digest):
    """Version 0, the pilot's: no schema fields; fixed lists as objects keyed
    by point id; levels as numbers 1-3.  Returns the version 1 workbook and,
    for error paths, new path -> path in the file."""
    renamed = {}
    migrated = dict(workbook)
    migrated["schema"] = scoring.SCHEMA
    migrated["schema_version"] = 1
    for side, lists in (("seller", digest.seller_lists), ("client", digest.client_lists)):
        container = workbook.get(side)
        if not isinstance(container, dict):
            continue
        converted = dict(container)
        for spec in lists:
            list_id = spec.id
            ids = spec.point_ids
            keyed = container.get(list_id)
            if ids is None or not isinstance(keyed, dict):
                if spec.leveled and isinstance(keyed, list):
                    converted[list_id] = [_level_name(record, digest) for record in keyed]
                continue
            # Content order, then unknown ids sorted: MicroPython's dicts keep no order.
            order = [point_id for point_id in ids if point_id in keyed]
            order += sorted([point_id for point_id in keyed if point_id not in spec.position])
            records = []
            for point_id in order:
                value = record = keyed[point_id]  # a non-object is reported as such
                if isinstance(value, dict):
                    record = {"id": point_id}
                    for field in value:
                        if field != "id":
                            record[field] = value[field]
                    if spec.leveled:
                        record = _level_name(record, digest)
                renamed[side + "." + list_id + "[" + str(len(records)) + "]"] = (
                    side + "." + list_id + "." + point_id)
                records.append(record)
            converted[list_id] = records
        migrated[side] = converted
    return migrated, renamed


def _level_name(record, digest):
    if isinstance(record, dict) and type(record.get("level")) is int:
        number = record["level"]
        if 1 <= number <= len(digest.levels):
            record = dict(record)
            record["level"] = digest.levels[number - 1]
    return record


def _migrate_workbook_1(workbook, digest):
    """Version 1: one anonymous client person.  Their personal points and
    the contact factor become person 1's; every disclosed seller personal
    point has been told to them (and is prepared); every shared item is
    shared with them; the account stands at stage 1.  Scores the same T.
    Returns the version 2 workbook and, for error paths, new path -> path in
    the file."""
    renamed = {}
    migrated = dict(workbook)
    migrated["schema_version"] = 2
    person_id = "p-1"
    person = {"id": person_id, "name": "", "title": "", "role": digest.default_role,
              "influence": digest.default_influence, "attitude": digest.default_attitude,
              "reports_to": None, "personal": [], "told": [],
              "motives": {"organisation": "", "personal": [], "balance": digest.default_balance}}
    client = workbook.get("client")
    personal_list = digest.client_lists[digest.client_personal].id
    if isinstance(client, dict):
        client = dict(client)
        if personal_list in client:
            person["personal"] = client.pop(personal_list)
            renamed["people[0].personal"] = "client." + personal_list
        migrated["client"] = client
    settings = workbook.get("settings")
    if isinstance(settings, dict):
        settings = dict(settings)
        if "contact_factor" in settings:
            person["contact_factor"] = settings.pop("contact_factor")
            renamed["people[0].contact_factor"] = "settings.contact_factor"
        migrated["settings"] = settings
    seller = workbook.get("seller")
    seller_list = digest.seller_lists[digest.seller_personal].id
    if isinstance(seller, dict) and isinstance(seller.get(seller_list), list):
        seller = dict(seller)
        points = []
        for record in seller[seller_list]:
            if isinstance(record, dict) and record.get("status") == "disclosed":
                record = dict(record)
                record["status"] = "prepared"
                if isinstance(record.get("id"), str):
                    person["told"].append(record["id"])
            points.append(record)
        seller[seller_list] = points
        migrated["seller"] = seller
    shared = workbook.get("common_ground")
    if isinstance(shared, list):
        items = []
        for item in shared:
            if isinstance(item, dict):
                item = dict(item)
                item["with"] = [person_id]
            items.append(item)
        migrated["common_ground"] = items
    if "stage" not in migrated:
        migrated["stage"] = digest.default_account_stage
    migrated["people"] = [person]
    return migrated, renamed


# Format version -> the function that lifts it one version.
WORKBOOK_MIGRATIONS = {0: _migrate_workbook_0, 1: _migrate_workbook_1}


def workbook_version(data):
    """None when unreadable; no schema fields at all is version 0."""
    if not isinstance(data, dict) or data.get("schema", scoring.SCHEMA) != scoring.SCHEMA:
        return None
    if "schema_version" not in data:
        return None if "schema" in data else 0
    version = data["schema_version"]
    return version if type(version) is int and version >= 0 else None


def index_version(data):
    if isinstance(data, list):
        return 0
    version = data.get("version") if isinstance(data, dict) else None
    return version if type(version) is int and version >= 0 else None


def is_newer_workbook(data):
    version = workbook_version(data)
    return version is not None and version > scoring.SCHEMA_VERSION


def migrate_stored_workbook(data, method):
    """`method`: the parsed method.json or its content.read() digest."""
    try:
        version = workbook_version(data)
        if version is None or version >= scoring.SCHEMA_VERSION:
            return data
        digest = content.read(method)
        migrated = data
        while version < scoring.SCHEMA_VERSION:
            migrated = WORKBOOK_MIGRATIONS[version](migrated, digest)[0]
            version += 1
        return migrated
    except Exception:
        return data


def _migrate_index_0(ids, found):
    """Version 0, the pilot's: a list of workbook ids, the first one opened;
    names only in the workbooks (found: their (id, name) pairs)."""
    names = dict(found)
    entries = []
    for workbook_id in ids:
        if isinstance(workbook_id, str):
            entries.append({"id": workbook_id, "name": names.get(workbook_id, ""), "updated": ""})
    return {"version": 1, "current": entries[0]["id"] if entries else None, "workbooks": entries}


INDEX_MIGRATIONS = {0: _migrate_index_0}


def migrate_stored_index(data, found=()):
    try:
        version = index_version(data)
        if version is None or version >= library.INDEX_VERSION:
            return data
        migrated = data
        while version < library.INDEX_VERSION:
            migrated = INDEX_MIGRATIONS[version](migrated, found)
            version += 1
        return migrated
    except Exception:
        return data
