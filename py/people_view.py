"""What the page says of the account's people, worked out from the
workbook and the core's result: their names as the page shows them, the
picker's labels, the score panel's list of people, where to look for
common ground, and the handout's table.  Pure: the glue copies these
texts into the page."""

from jsontext import format_number, is_blank


def person_name(person, number, texts):
    """A person's name, or "Person 2" (by their place, from 1) while none
    is typed."""
    name = person.get("name")
    if isinstance(name, str) and not is_blank(name):
        return name
    return texts.ui_text("people_person_n", {"n": number})


def role_label(role, texts):
    label = texts.content.choice_labels["roles"].get(role)
    return "" if label is None else texts.pick(label)


def person_label(person, number, texts):
    """The picker's words for a person: name and role ("王主任 · 决策者")."""
    role = role_label(person.get("role"), texts)
    name = person_name(person, number, texts)
    return name + " · " + role if role else name


def names(workbook, texts):
    """[(id, name, label)] of the account's people, in their order."""
    people = workbook.get("people") or []
    return [(people[k]["id"], person_name(people[k], k + 1, texts), person_label(people[k], k + 1, texts))
            for k in range(len(people))]


def name_by_id(workbook, texts):
    """Person id -> the name the page shows."""
    found = {}
    people = workbook.get("people") or []
    for k in range(len(people)):
        found[people[k]["id"]] = person_name(people[k], k + 1, texts)
    return found


def joined(words, texts):
    return texts.ui_text("people_separator").join(words)


def _share_text(share):
    return share["text"] if isinstance(share, dict) and "text" in share else ""


def people_scores(result, workbook, texts, shown_names=None):
    """One entry per person of the result: name, role, T_i and the person's
    own figures; `lowest` marks whoever trusts the seller least, once there
    are two people or more and they differ. `shown_names`: name_by_id(),
    when already at hand."""
    shown_names = shown_names or name_by_id(workbook, texts)
    people = result.get("people") or []
    lowest = None
    if len(people) > 1:
        values = [person["T"] for person in people]
        if min(values) < max(values):
            lowest = min(values)
    entries = []
    for number, person in enumerate(people, 1):
        text = person["text"]
        reciprocity = person["indicators"]["reciprocity"]
        entries.append({
            "id": person["id"],
            "name": shown_names.get(person["id"]) or person_name(person, number, texts),
            "role": role_label(person.get("role"), texts),
            "lowest": lowest is not None and person["T"] == lowest,
            "figures": {"T": text["T"], "IS": text["IS"], "IC": text["IC"], "R": text["R"],
                        "P": format_number(person["contact_factor"], 6),
                        "told": _share_text(person["indicators"]["disclosure"]),
                        "known": _share_text(person["indicators"]["knowledge"]),
                        "reciprocity": texts.ui_text("reciprocity_undefined") if reciprocity is None
                        else reciprocity["text"]},
        })
    return entries


def _person_notes(workbook, person_id):
    for person in workbook.get("people") or []:
        if person["id"] == person_id:
            return dict((record["id"], record.get("note") or "") for record in person.get("personal") or [])
    return {}


def common_ground_hints(result, workbook, texts, shown_names=None):
    """"Look for common ground with X", person by person: what is known of
    them that could be shared (each point's label and the note typed for
    it, as text) and what one shared item would add, per narrowness."""
    shown_names = shown_names or name_by_id(workbook, texts)
    digest = texts.content
    hints = []
    for lead in result.get("common_ground") or []:
        person_id = lead["person"]
        notes = _person_notes(workbook, person_id)
        sources = []
        for source in lead["sources"]:
            point_id = source["id"] if isinstance(source, dict) else source
            note = notes.get(point_id, "")
            label = texts.point_label("client", "personal", point_id)
            sources.append(label + ": " + note if not is_blank(note) else label)
        gains = [texts.ui_text("people_gain", {"narrowness": texts.word(digest.narrowness_labels[gain["narrowness"]]),
                                               "gain": gain["text"]})
                 for gain in sorted(lead["gains"], key=lambda gain: -gain["narrowness"])]
        name = shown_names.get(person_id, person_id)
        hints.append({"person": person_id,
                      "title": texts.ui_text("people_common_ground_with", {"person": name}),
                      "sources": sources or [texts.ui_text("people_sources_none")],
                      "gains": texts.ui_text("people_gains", {"gains": joined(gains, texts)})})
    return hints

