"""What the page says of why the client may not sign yet, and of each
person's motives: worked out from diagnosis.review()'s entries, the
workbook and the core's result.  Pure: the glue (review_glue) copies these
texts and link targets into the page.

The chapters behind it (METHOD.md, "Motives, why clients do not sign, and
client types") are written from the method's contents, not from its text;
the page says so beside them."""

import editing
import people_view
import view
from jsontext import is_blank

OPEN = "open"          # found or ticked, and not cleared: what to act on
CLEARED = "cleared"    # found by the data, cleared by the seller
BY_HAND = "by_hand"    # one only the seller can know, not ticked
QUIET = "quiet"        # not found by the data, and not counted by hand
GROUPS = (OPEN, CLEARED, BY_HAND, QUIET)

# METHOD.md shows the advice "for a person who fears blame, or who wants
# results to show": a balance below 0 brings the advice of the motive of
# avoiding blame, one above 0 that of results, when not ticked already.
BALANCE_MOTIVES = (("safety", -1), ("achievement", 1))

NEED_WORDS = 40        # characters of a need's text quoted in a sentence

CHECK_LABELS = {editing.CHECK_TICK: "review_check_tick", editing.CHECK_CLEAR: "review_check_clear",
                editing.CHECK_COUNT: "review_check_count"}


def group_of(entry):
    """Which list of the review shows the entry."""
    if entry["open"]:
        return OPEN
    if entry["by_hand"]:
        return BY_HAND
    if entry["state"] == "cleared" and entry["found"] is True:
        return CLEARED
    return QUIET


def _tag(entry):
    """A word, beside an open reason's name, on whose word keeps it
    open when the data does not: None when the data found it."""
    if entry["open"] and entry["by_hand"]:
        return "review_tag_ticked"
    if entry["open"] and entry["found"] is not True:
        return "review_tag_kept"
    return None


def _rules(texts):
    rules = {}
    for reason in texts.content.review_reasons:
        rules[reason["id"]] = reason
    return rules


def _quoted(text):
    text = " ".join(text.split())
    return text if len(text) <= NEED_WORDS else text[:NEED_WORDS] + "…"


def _point_words(points, workbook, texts):
    """The points an entry is about, in words: a need by its text, any
    other point by its label."""
    needs = {}
    for need in workbook["client"]["needs"]:
        needs[need["id"]] = need.get("text") or ""
    words = []
    for point in points:
        side, _, list_id = point["list"].partition(".")
        if point["list"] == "client.needs":
            words.append("「" + _quoted(needs.get(point["id"], "")) + "」" if texts.language == "zh"
                         else "“" + _quoted(needs.get(point["id"], "")) + "”")
        elif list_id and point["id"] in (texts.content.list_by_path[point["list"]].position or {}):
            words.append(texts.point_label(side, list_id, point["id"]))
    return people_view.joined(words, texts)


def _choice_word(texts, kind, value):
    label = texts.content.choice_labels[kind].get(value)
    return "" if label is None else texts.word(label)


def _why(entry, rule, workbook, names, texts):
    """The sentence that says what the data found, naming the people and
    points the reason is about."""
    reason_id = entry["id"]
    facts = entry["facts"]
    values = {"people": people_view.joined([names.get(person, person) for person in entry["people"]], texts),
              "points": _point_words(entry["points"], workbook, texts)}
    if "role" in rule:
        values["role"] = _choice_word(texts, "roles", rule["role"])
    if reason_id == "no_pressing_need":
        if not entry["points"]:
            return texts.ui_text("review_why_no_pressing_need_empty")
        values["severity"] = texts.pick(texts.content.choice_labels["severities"][rule["severity"]])
        return texts.ui_text("review_why_no_pressing_need", values)
    if reason_id == "need_unseen":
        return texts.ui_text("review_why_need_unseen_owned" if entry["people"] else "review_why_need_unseen", values)
    if reason_id == "no_decider":
        values["count"] = len(workbook["people"])
        return texts.ui_text("review_why_no_decider", values)
    if reason_id == "no_inside_support":
        values["attitude"] = _choice_word(texts, "attitudes", rule["attitude"])
        return texts.ui_text("review_why_no_inside_support", values)
    if reason_id in ("process_unknown", "criteria_unknown"):
        return texts.ui_text("review_why_preference_unknown", values)
    if reason_id == "behind_plan":
        values.update(facts)
        values["gap"] = facts.get("gap", "").lstrip("-")
    else:
        values.update(facts)
    return texts.ui_text("review_why_" + reason_id, values)


def _name_role_target(workbook, texts):
    """Where naming a role is done: the role of the first person who has
    none yet, else the people sheet's button that adds a person."""
    digest = texts.content
    for person in workbook["people"]:
        if person.get("role") == digest.default_role:
            return "#people [data-row=" + view.css_string(person["id"]) + "] [data-field='role']"
    if len(workbook["people"]) < digest.max_people:
        return "#people [data-action='add-person']"
    return "#people [data-row=" + view.css_string(workbook["people"][0]["id"]) + "] [data-field='role']"


def move_link(move, workbook, texts, names):
    """A reason's move as a link: {text, section, target, person}, the
    score's moves as the panel words and targets them."""
    kind = move["kind"]
    if kind == "add_need":
        return {"text": texts.ui_text("review_move_add_need"), "section": "client-needs",
                "target": "#client-needs [data-action='add-row']", "person": ""}
    if kind == "make_seen":
        need = ""
        for record in workbook["client"]["needs"]:
            if record["id"] == move["id"]:
                need = _quoted(record.get("text") or "")
        return {"text": texts.ui_text("review_move_make_seen", {"item": need}), "section": "client-needs",
                "target": "#client-needs [data-row=" + view.css_string(move["id"]) + "] [data-field='visibility']",
                "person": ""}
    if kind == "name_role":
        return {"text": texts.ui_text("review_move_name_role", {"role": _choice_word(texts, "roles", move["role"])}),
                "section": "people", "target": _name_role_target(workbook, texts), "person": ""}
    status = None
    if move["side"] == "seller":
        status = view.point_status(workbook, "seller", move["list"], move["id"])
    need_texts = {}
    for record in workbook["client"]["needs"]:
        need_texts[record["id"]] = record.get("text") or ""
    section, target = view.move_target(move, status)
    return {"text": view.move_text(move, texts, need_texts, status, names) + view.later_in_plan(move, workbook, texts),
            "section": section, "target": target,
            "person": move.get("person") or ""}


def person_link(person_id, names, texts):
    """Where no step of the score helps yet (nothing on either side with
    this person): getting to know them, on their personal sheet."""
    return {"text": texts.ui_text("review_move_open_person", {"person": names.get(person_id, person_id)}),
            "section": "client-personal",
            "target": "[data-control='pick-person'][value=" + view.css_string(person_id) + "]", "person": person_id}


def reasons(entries, workbook, texts):
    """One dict per entry, in content order: what its item on the page
    shows.  {id, group, label, tag (text or ""), why, move (a link, or None:
    only open reasons carry one), check (its kind), check_label, checked,
    note, show_note (the note field is shown: an open reason, a checked
    box or a note written)}."""
    rules = _rules(texts)
    names = people_view.name_by_id(workbook, texts)
    shown = []
    for entry in entries:
        reason = rules[entry["id"]]
        group = group_of(entry)
        check = editing.review_check(entry)
        if entry["found"] is True:
            why = _why(entry, reason["rule"], workbook, names, texts)
        else:
            why = texts.pick(reason["help"])
        tag = _tag(entry)
        move = None
        if group == OPEN and entry["move"] is not None:
            move = move_link(entry["move"], workbook, texts, names)
        elif group == OPEN and entry["found"] is True and entry["people"]:
            move = person_link(entry["people"][0], names, texts)
        checked = editing.review_state(check, True) == entry["state"]
        shown.append({"id": entry["id"], "group": group, "label": texts.pick(reason["label"]),
                      "tag": texts.ui_text(tag) if tag else "", "why": why, "move": move, "check": check,
                      "check_label": texts.ui_text(CHECK_LABELS[check]), "checked": checked,
                      "note": entry["note"],
                      "show_note": group == OPEN or checked or not is_blank(entry["note"])})
    return shown


def panel_line(entries, texts):
    """The score panel's line: how many reasons are open."""
    count = len([entry for entry in entries if entry["open"]])
    if count == 0:
        return texts.ui_text("review_panel_none")
    if count == 1:
        return texts.ui_text("review_panel_line_one")
    return texts.ui_text("review_panel_line", {"count": count})


def client_type_applied(preset_label, texts):
    """What the account sheet says once a kind of client set its preset."""
    return texts.ui_text("review_client_type_applied", {"preset": preset_label})


# ---------------------------------------------------------------- motives

def advised_motives(motives, digest):
    """[(motive id, balance label or None)]: the motives whose advice is
    shown, in content order: those ticked, and the one the balance leans
    to (labelled by the balance) when it is not ticked."""
    chosen = motives.get("personal") or []
    balance = motives.get("balance")
    advised = []
    for motive in digest.motives:
        if motive in chosen:
            advised.append((motive, None))
            continue
        for leaning, sign in BALANCE_MOTIVES:
            if motive == leaning and isinstance(balance, int) and balance * sign > 0:
                advised.append((motive, digest.choice_labels["balances"].get(balance)))
    return advised


def _seller_list_of(point_id, digest):
    for spec in digest.seller_lists:
        if spec.position is not None and point_id in spec.position:
            return spec
    return None


def motive_advice(person, workbook, texts):
    """The method's advice beside a person, for the motives advised:
    [{motive, title, advice, points: [{text, status, section, target}]}],
    each point one of yours to disclose first, with its status now."""
    digest = texts.content
    advice = []
    for motive, balance in advised_motives(person.get("motives") or {}, digest):
        label = texts.pick(digest.choice_labels["motives"][motive])
        title = label if balance is None else texts.ui_text("review_motives_from_balance",
                                                             {"motive": label, "balance": texts.pick(balance)})
        disclose_first, advice_text = digest.motive_advice[motive]
        points = []
        for point_id in disclose_first:
            spec = _seller_list_of(point_id, digest)
            if spec is None:
                continue
            status = view.point_status(workbook, "seller", spec.id, point_id) or "empty"
            section, target = view.move_target({"kind": "disclose", "side": "seller", "list": spec.id,
                                                "id": point_id}, status)
            words = {"point": texts.point_label("seller", spec.id, point_id), "list": texts.pick(spec.label)}
            points.append({"text": texts.ui_text("review_motives_point", words),
                           "status": texts.pick(digest.choice_labels["statuses"][status]),
                           "section": section, "target": target})
        advice.append({"motive": motive, "title": title, "advice": texts.pick(advice_text), "points": points})
    return advice
