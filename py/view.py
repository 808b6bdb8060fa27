# What the page shows, worked out from the core's result: every string and
# every chart coordinate. Pure, so the glue only copies values into the DOM
# and the tests can check the wording without a browser.

import content
import people_view
import scoring
from jsontext import format_number, is_blank

CURVE_LEFT = 40
CURVE_RIGHT = 265
CURVE_TOP = 24
CURVE_BOTTOM = 140
BAR_WIDTH = 150


class Texts:
    """The content's labels and interface text in one language.  `method`:
    the parsed method.json or its content.read() digest."""

    def __init__(self, method, language):
        self.language = language
        self.content = content.read(method)

    def pick(self, labels):
        return content.pick(labels, self.language)

    def word(self, labels):
        """A choice's label inside a sentence ("Find a narrow shared item"):
        the labels are written capitalised for the lists they head."""
        return content.pick(labels, self.language).lower()

    def ui_text(self, key, values=None):
        return self.content.ui_text(self.language, key, values)

    def list_label(self, side, list_id):
        return self.pick(self.content.list_by_path[side + "." + list_id].label)

    def point_label(self, side, list_id, item_id):
        spec = self.content.list_by_path[side + "." + list_id]
        return self.pick(spec.point_labels[spec.position[item_id]])

    def point_word(self, side, list_id, item_id):
        """A point's label inside a sentence ("Tell Director Wang: hobbies")."""
        spec = self.content.list_by_path[side + "." + list_id]
        return self.word(spec.point_labels[spec.position[item_id]])


def import_question(already_here, texts):
    """What the status line asks when imported workbooks are already in the
    browser: replace them, or keep both."""
    if len(already_here) == 1:
        return texts.ui_text("import_already_here", {"name": already_here[0]["name"] or texts.ui_text("untitled")})
    return texts.ui_text("import_already_here_many", {"count": len(already_here)})


def is_filled(record):
    """Whether a point or row holds anything: a printed report leaves out
    the empty ones."""
    if record.get("status") in ("prepared", "disclosed") or record.get("known") is True:
        return True
    for field in ("note", "text"):
        if not is_blank(record.get(field)):
            return True
    return False


def point_status(workbook, side, list_id, point_id):
    """The status of one of your points (None when not found)."""
    if workbook is None:
        return None
    for record in workbook.get(side, {}).get(list_id, []):
        if record.get("id") == point_id:
            return record.get("status")
    return None


def css_string(text):
    """`text` as a quoted CSS string, for a selector naming an id that
    someone typed or imported."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("\r", "\\d ")
    return '"' + escaped + '"'


def move_text(move, texts, need_texts, status=None, people_names=None):
    """A next move in words, naming the person it is about ("Tell Director
    Wang: hobbies"); `people_names`: person id -> the name the page shows."""
    people_names = people_names or {}
    kind = move["kind"]
    side = move["side"]
    list_label = texts.list_label(side, move["list"])
    if side == "client" and move["list"] == "needs":
        return texts.ui_text("move_learn_need", {"item": need_texts.get(move["id"], move["id"])})
    label = texts.point_label(side, move["list"], move["id"])
    person = move.get("person")
    values = {"item": texts.point_word(side, move["list"], move["id"]) if person is not None else label,
              "list": list_label,
              "person": people_names.get(person, person or "")}
    if kind == "raise_level":
        values["level"] = texts.word(texts.content.level_labels[move["level"]])
        if person is not None:
            return texts.ui_text("people_move_raise_level", values)
        told = [people_names.get(person_id, person_id) for person_id in move.get("people") or []]
        if told:
            values["people"] = texts.ui_text("people_separator").join(told)
            return texts.ui_text("people_move_raise_told", values)
        return texts.ui_text("move_raise_level", values)
    if kind == "tell":
        return texts.ui_text("people_move_prepare_and_tell" if status == "empty" else "people_move_tell", values)
    if kind == "learn" and person is not None:
        return texts.ui_text("people_move_learn", values)
    if kind == "disclose" and status == "empty":
        kind = "prepare_and_disclose"
    return texts.ui_text("move_" + kind, values)


def move_record(move, workbook):
    """The record a next move acts on in `workbook` (a person's own point
    for a move about a person's point), or None."""
    if move["side"] == "client" and move["list"] == "personal":
        person = None
        for record in workbook.get("people") or []:
            if record.get("id") == move.get("person"):
                person = record
        records = person.get("personal") if person is not None else None
    else:
        records = (workbook.get(move["side"]) or {}).get(move["list"])
    for record in records or []:
        if record.get("id") == move["id"]:
            return record
    return None


def later_in_plan(move, workbook, texts):
    """What a move says when its point is planned for a stage after the
    account's current one ("" otherwise): moves are ranked by what they
    gain, and the plan may keep the best of them for later."""
    if workbook is None:
        return ""
    record = move_record(move, workbook)
    stage = record.get("stage") if record is not None else None
    current = workbook.get("stage")
    if type(stage) is int and type(current) is int and stage > current:
        return texts.ui_text("move_planned_later", {"stage": stage})
    return ""


def already_listed(move, workbook, texts):
    """What the move "learn the decision participants" says once the
    account's people are listed (" (you have listed 5 ...: tick it known)"),
    "" otherwise: the people sheet names them, the preference is still to
    be ticked, and a seller who modelled the whole committee would take the
    move for a question already answered."""
    if workbook is None or move["kind"] != "learn" or move["side"] != "client" or \
            move["list"] != "preferences" or move["id"] != "decision_participants":
        return ""
    count = len(workbook.get("people") or [])
    if count < 2:
        return ""
    return texts.ui_text("walk9_move_participants_listed", {"count": count})


def move_target(move, status=None):
    """(the id of the section a move is about, a CSS selector of the field
    to focus there): a move is a link to where it is done. A person's own
    point is on the personal sheet once that person is picked."""
    kind = move["kind"]
    side = move["side"]
    section = side + "-" + move["list"]
    if side == "client" and move["list"] == "needs":
        return section, "#" + section + " [data-row=" + css_string(move["id"]) + "] [data-field='known']"
    if kind == "tell" and status != "empty":
        return section, ("#" + section + "-" + move["id"] + "-told [data-person=" + css_string(move["person"]) + "]")
    if kind == "raise_level":
        field = "level"
    elif kind == "learn":
        field = "known"
    else:
        field = "note" if status == "empty" else "status"
    return section, "#" + section + "-" + move["id"] + "-" + field


def percent_of(part, whole):
    """part / whole as a whole percent, rounded half up."""
    return str(int(part * 100 / whole + 0.5)) + "%"


def planned_anything(workbook):
    """Whether any point, need or shared item of the workbook has a planned
    stage. Until one has, the core's curve only repeats what is done now at
    every stage (nobody plans on a first pass), so there is no plan to read
    T against. Needs and shared items count once they have text, as in
    stage_plan()."""
    for records in workbook["seller"].values():
        for record in records:
            if record.get("stage") is not None:
                return True
    for record in workbook["client"]["preferences"]:
        if record.get("stage") is not None:
            return True
    for person in workbook["people"]:
        for record in person["personal"]:
            if record.get("stage") is not None:
                return True
    for record in workbook["client"]["needs"] + workbook["common_ground"]:
        if record.get("stage") is not None and not is_blank(record.get("text")):
            return True
    return False


def plan_reading(curve, texts, planned=True):
    """T now read against the plan's last stage. Exact when the result
    carries exact values, else from the shown values (a percent rounded to
    a whole number either way). `planned` False (planned_anything()): there
    is no plan yet, and the reading says how to make one."""
    last = curve["stages"][-1]
    if "exact" in last and "exact" in curve["now"]:
        planned_numerator, planned_denominator = last["exact"]
        now_numerator, now_denominator = curve["now"]["exact"]
        planned_value, now = planned_numerator * now_denominator, now_numerator * planned_denominator
    else:
        planned_value, now = last["T"], curve["now"]["T"]
    if not planned or planned_value <= 0:
        return texts.ui_text("plan_reading_empty")
    percent = percent_of(now, planned_value)
    return texts.ui_text("plan_reading", {"percent": percent, "stage": last["stage"]})


def plan_stage_reading(result, texts, planned=True):
    """T now against the plan at the account's current stage (the core's
    `plan`): ahead or behind, by how much, or on it; "" while there is no
    plan (`planned` False, or a plan worth nothing: plan_reading() then
    says how to make one)."""
    plan = result.get("plan")
    if not planned or plan is None or result["indicators"]["curve"]["stages"][-1]["T"] <= 0:
        return ""
    values = {"stage": plan["stage"], "planned": plan["planned_text"], "now": plan["now_text"],
              "gap": plan["gap_text"].lstrip("-")}
    if plan["gap_text"] == "0":
        return texts.ui_text("review_plan_on", values)
    return texts.ui_text("review_plan_ahead" if plan["ahead"] else "review_plan_behind", values)


def current_stage(result, texts):
    """The place on the curve of the account's current stage (None when
    the result has none)."""
    return texts.content.is_stage.get(result.get("stage"))


def formula_text(result):
    """T worked out in figures: P × (IS + R) × (IC + R) for one person; for
    more, the influence-weighted mean of their T_i."""
    people = result.get("people") or []
    text = result["text"]
    if len(people) == 1:
        return "{} × ({} + {}) × ({} + {})".format(
            format_number(people[0]["contact_factor"], 6), text["IS"], text["R"], text["IC"], text["R"])
    terms = [str(person["influence"]) + " × " + person["text"]["T"] for person in people]
    return "(" + " + ".join(terms) + ") ÷ " + str(sum(person["influence"] for person in people))


def curve_geometry(curve):
    """Points of the planned curve and the height of today's line, in the
    coordinates of the SVG drawn by the template."""
    values = [stage["T"] for stage in curve["stages"]]
    now = curve["now"]["T"]
    top = max(values + [now])
    height = CURVE_BOTTOM - CURVE_TOP

    def y_of(value):
        if top <= 0:
            return CURVE_BOTTOM
        return round(CURVE_BOTTOM - height * value / top, 1)

    count = len(values)
    step = (CURVE_RIGHT - CURVE_LEFT) / (count - 1) if count > 1 else 0
    dots = []
    for position in range(count):
        x = round(CURVE_LEFT + step * position, 1)
        dots.append({"x": x, "y": y_of(values[position]), "text": curve["stages"][position]["text"]})
    now_y = y_of(now)
    return {
        "points": " ".join(str(dot["x"]) + "," + str(dot["y"]) for dot in dots),
        "dots": dots,
        "now_y": now_y,
        "now_label_y": now_label_y(now_y, dots[-1]["y"] if dots else CURVE_BOTTOM),
        "now_text": curve["now"]["text"],
    }


def now_label_y(now_y, last_y):
    """The baseline of today's label, right-aligned at the chart's right
    edge above today's line, unless there it would cover the last stage's
    dot or value (T now at the plan's last value, as when nothing is
    planned): then below the line, or above the value, or under the dot.
    Boxes of text in the chart's units: a baseline b spans b-10 to b+3; the
    stage numbers below the curve begin at 148."""
    taken = (last_y - 18, last_y + 4)      # the last value (its baseline 8 above the dot) and the dot

    def clear(baseline):
        top, bottom = baseline - 10, baseline + 3
        return top >= 0 and bottom <= 147 and not (top < taken[1] and taken[0] < bottom)

    for baseline in (now_y - 4, now_y + 14, last_y - 22, last_y + 15):
        if clear(baseline):
            return round(baseline, 1)
    return round(now_y - 4, 1)


def coverage_bars(indicators, digest):
    """Readiness of each seller list and knowledge of each client list."""
    bars = {}
    for spec in digest.seller_lists:
        bars[spec.path] = indicators["readiness"][spec.id]
    for spec in digest.client_lists:
        bars[spec.path] = indicators["knowledge"][spec.id]
    shown = {}
    for key in bars:
        share = bars[key]
        width = BAR_WIDTH * share["count"] / share["total"] if share["total"] else 0
        shown[key] = {"width": round(width, 1), "text": share["text"]}
    return shown


def _nothing_on_a_side(result):
    """Whether T is 0 because a side holds nothing yet (rather than P 0):
    then no single step raises it."""
    people = result.get("people") or [result]
    return all(person["IS_total"] == 0 or person["IC_total"] == 0 for person in people)


def figures_view(result, texts):
    """The panel's figures (T, IS, IC, R and T's formula), which change
    with every keystroke: score_view()'s "figures" alone, from a score()
    or from a Scorer's figures() (what the page computes per keystroke).
    With more than one person IS, IC and R are the people's influence-
    weighted means, and their names' help and a note under them say so."""
    one = len(result.get("people") or []) == 1
    shown = {"T": result["text"]["T"], "IS": result["text"]["IS"],
             "IC": result["text"]["IC"], "R": result["text"]["R"],
             "formula": formula_text(result),
             "formula_name": texts.ui_text("formula" if one else "people_formula_account"),
             "means_note": "" if one else texts.ui_text("ux_means_note")}
    for name in ("IS", "IC", "R"):
        shown[name + "_help"] = texts.ui_text("explain_" + name if one else "ux_explain_" + name + "_mean")
    return shown


def shown_move(move, texts, need_texts, workbook, shown_names):
    """A next move as the panel shows it: its words, its gain and the link
    to its field (the section, the field's selector, whom it picks)."""
    status = None
    if move["side"] == "seller":
        status = point_status(workbook, "seller", move["list"], move["id"])
    section, target = move_target(move, status)
    words = move_text(move, texts, need_texts, status, shown_names)
    return {"text": words + later_in_plan(move, workbook, texts) + already_listed(move, workbook, texts),
            "gain": "+" + move["text"],
            "section": section, "target": target, "person": move.get("person") or ""}


def people_with_moves(result, texts, need_texts, workbook, shown_names):
    """The panel's list of people (people_view.people_scores), each with
    their own next moves, worded and linked as the account's are; whoever
    trusts the seller least also gets their best move as `first_move`, to
    read beside the badge (None for everybody else)."""
    entries = people_view.people_scores(result, workbook, texts, shown_names)
    leads = {}
    for lead in result.get("common_ground") or []:
        leads[lead["person"]] = lead
    for entry, person in zip(entries, result.get("people") or []):
        entry["moves"] = [shown_move(move, texts, need_texts, workbook, shown_names)
                          for move in person.get("next_moves") or []]
        entry["first_move"] = None
        if entry["lowest"]:
            moves = person.get("next_moves") or []
            entry["first_move"] = common_ground_first(leads.get(person["id"]), moves[0] if moves else None,
                                                      texts, shown_names.get(person["id"], person["id"]))
            if entry["first_move"] is None and entry["moves"]:
                entry["first_move"] = entry["moves"][0]
    return entries


def common_ground_first(lead, best, texts, name):
    """What whoever trusts the seller least should do first when one shared
    item, even the broadest, would raise the account's T more than their
    best move: look for common ground with them, starting from what is
    known of them (None when their best move gains more, or no lead)."""
    if lead is None or not lead["gains"]:
        return None
    broadest = lead["gains"][0]
    for gain in lead["gains"]:
        if gain["gain"] < broadest["gain"]:
            broadest = gain
    if best is not None and best["gain"] >= broadest["gain"]:
        return None
    sources = [texts.point_word("client", "personal", source["id"] if isinstance(source, dict) else source)
               for source in lead["sources"]]
    if sources:
        text = texts.ui_text("ux_first_common_ground", {"person": name, "sources": people_view.joined(sources, texts)})
    else:
        text = texts.ui_text("ux_first_common_ground_unknown", {"person": name})
    return {"text": text, "gain": texts.ui_text("ux_gain_at_least", {"gain": broadest["text"]}),
            "section": "common-ground", "target": "#common-ground [data-action='add-row']",
            "person": lead["person"]}


def score_view(result, texts, need_texts, workbook=None):
    """Everything the score panel shows, keyed by the data attributes of the
    elements that show it. `workbook` (the one scored) tells a next move
    whether its point is still empty."""
    indicators = result["indicators"]
    figures = figures_view(result, texts)
    shown_indicators = {}
    for kind in ("readiness", "disclosure", "knowledge"):
        for list_id in indicators[kind]:
            shown_indicators[kind + "." + list_id] = indicators[kind][list_id]["text"]
    reciprocity = indicators["reciprocity"]
    if reciprocity is None:
        shown_indicators["reciprocity"] = texts.ui_text("reciprocity_undefined")
    else:
        shown_indicators["reciprocity"] = reciprocity["text"]
    parts = {}
    for side in ("seller", "client"):
        for list_id in result["parts"][side]:
            part = result["parts"][side][list_id]
            for field in ("bundles", "weight", "contribution"):
                parts[side + "." + list_id + "." + field] = format_number(part[field])
    common = result["parts"]["common_ground"]
    parts["common_ground.count"] = str(common["count"])
    parts["common_ground.R"] = str(common["R"])
    weakest = indicators["weakest"]
    shown_names = people_view.name_by_id(workbook, texts) if workbook is not None else {}
    moves = [shown_move(move, texts, need_texts, workbook, shown_names) for move in result["next_moves"]]
    planned = workbook is None or planned_anything(workbook)
    return {
        "figures": figures,
        "indicators": shown_indicators,
        "parts": parts,
        "weakest": texts.ui_text("weakest_text", {
            "list": texts.pick(weakest["label"]),
            "percent": weakest["text"],
            "risk": texts.pick(weakest["risk"]),
        }),
        "moves": moves,
        "no_moves": texts.ui_text("people_no_moves_yet" if _nothing_on_a_side(result) else "no_moves"),
        "curve": curve_geometry(indicators["curve"]),
        "plan_reading": plan_reading(indicators["curve"], texts, planned),
        "plan_stage": plan_stage_reading(result, texts, planned),
        "current_stage": current_stage(result, texts),
        "bars": coverage_bars(indicators, texts.content),
        "people": people_with_moves(result, texts, need_texts, workbook, shown_names) if workbook is not None else [],
        "common_ground": (people_view.common_ground_hints(result, workbook, texts, shown_names)
                          if workbook is not None else []),
    }


# ---------------------------------------------------------------- the handout

def _choice_label(texts, digest, kind, value):
    label = digest.choice_labels[kind].get(value)
    return "" if label is None else texts.pick(label)


def _stage_text(texts, stage):
    """A planned stage by its number (page one's legend names them): the
    note beside it keeps the room."""
    if stage is None:
        return texts.ui_text("handout_nothing_planned")
    return str(stage)


def _point_rows(records, side, sheet, texts, digest, told=None, person=None):
    """Rows of the points that hold something. `told`: point id -> the
    names it was told to (the seller's personal points); `person`: whose
    points these are (a client person's), named in each row."""
    rows = []
    for record in records:
        told_to = (told or {}).get(record["id"]) or []
        if not is_filled(record) and not told_to:
            continue
        label = texts.point_label(side, sheet.id, record["id"])
        if person is not None:
            label = texts.ui_text("people_of", {"person": person, "item": label})
        if side == "seller":
            progress = _choice_label(texts, digest, "statuses", record.get("status"))
            if told_to:
                progress += " · " + texts.ui_text("people_told_names", {"people": people_view.joined(told_to, texts)})
        else:
            progress = texts.ui_text("handout_done") if record.get("known") is True else ""
        row = [label, progress]
        if sheet.leveled:
            row.append(_choice_label(texts, digest, "levels", record.get("level")))
        row.append(_stage_text(texts, record.get("stage")))
        row.append(record.get("note") or "")
        rows.append(row)
    return rows


def _told_names(workbook, texts):
    """Seller personal point id -> the names of the people told it."""
    told = {}
    people = workbook.get("people") or []
    for number in range(len(people)):
        name = people_view.person_name(people[number], number + 1, texts)
        for point_id in people[number].get("told") or []:
            told.setdefault(point_id, []).append(name)
    return told


def _need_rows(records, texts, digest):
    rows = []
    for record in records:
        if not is_filled(record):
            continue
        rows.append([record.get("text") or "",
                     texts.ui_text("handout_done") if record.get("known") is True else "",
                     _choice_label(texts, digest, "severities", record.get("severity")),
                     _choice_label(texts, digest, "visibilities", record.get("visibility")),
                     _stage_text(texts, record.get("stage"))])
    return rows


def _shared_rows(records, texts, digest, shown_names):
    """The common ground that holds text, each with whom it is shared
    (`shown_names`: person id -> name; nobody named: said so)."""
    rows = []
    for record in records:
        if is_blank(record.get("text")):
            continue
        with_whom = [shown_names[person_id] for person_id in record.get("with") or [] if person_id in shown_names]
        rows.append([record.get("text") or "",
                     people_view.joined(with_whom, texts) if with_whom else texts.ui_text("people_nobody"),
                     _choice_label(texts, digest, "common_ground_categories", record.get("category")),
                     _choice_label(texts, digest, "narrowness", record.get("narrowness")),
                     _stage_text(texts, record.get("stage"))])
    return rows


def handout_moves(workbook, texts, result):
    """The handout's next moves of the account, best first, each as the
    panel words it followed by its gain ("Learn “Hobbies” (…) +6")."""
    need_texts = dict((need["id"], need.get("text") or "") for need in workbook["client"]["needs"])
    shown_names = people_view.name_by_id(workbook, texts)
    shown = [shown_move(move, texts, need_texts, workbook, shown_names) for move in result.get("next_moves") or []]
    return [move["text"] + " " + move["gain"] for move in shown]


def _plan_entry(text, done, texts):
    return text + (" " + texts.ui_text("handout_done") if done else "")


def stage_plan(workbook, texts, method):
    """What to disclose, learn and share at each planned stage: stage id ->
    {"disclose": [...], "learn": [...], "shared": [...]}, each a list of
    texts, in content order (a person's own points person by person);
    points with no planned stage are left out. A seller's personal point
    is done once told to somebody."""
    digest = content.read(method)
    plan = {}
    for stage in digest.stages:
        plan[stage] = {"disclose": [], "learn": [], "shared": []}
    told = _told_names(workbook, texts)
    for sheet in digest.seller_lists:
        list_label = texts.pick(sheet.label)
        for record in workbook["seller"][sheet.id]:
            if record.get("stage") in plan:
                text = texts.ui_text("handout_item", {"item": texts.point_label("seller", sheet.id, record["id"]),
                                                     "list": list_label})
                done = record.get("status") == "disclosed" or bool(told.get(record["id"]))
                plan[record["stage"]]["disclose"].append(_plan_entry(text, done, texts))
    for sheet in digest.client_lists:
        list_label = texts.pick(sheet.label)
        for records, person in _client_records(workbook, sheet, texts):
            for record in records:
                if record.get("stage") not in plan:
                    continue
                if sheet.free:
                    if is_blank(record.get("text")):
                        continue
                    item = record["text"]
                else:
                    item = texts.point_label("client", sheet.id, record["id"])
                if person is not None:
                    item = texts.ui_text("people_of", {"person": person, "item": item})
                text = texts.ui_text("handout_item", {"item": item, "list": list_label})
                plan[record["stage"]]["learn"].append(_plan_entry(text, record.get("known") is True, texts))
    for record in workbook["common_ground"]:
        if record.get("stage") in plan and not is_blank(record.get("text")):
            plan[record["stage"]]["shared"].append(record["text"])
    return plan


def _client_records(workbook, sheet, texts):
    """[(records, whose name or None)] of a client list: the account's own
    list, or each person's personal points (the leveled list)."""
    if not sheet.leveled:
        return [(workbook["client"][sheet.id], None)]
    people = workbook.get("people") or []
    return [(people[k].get("personal") or [], people_view.person_name(people[k], k + 1, texts))
            for k in range(len(people))]


def review_rows(workbook, texts, method, result):
    """The handout's "why they may not sign yet", in the page's words
    (review_view): a row per open reason, in content order ([reason, what
    the workbook shows of it, naming its people and points, the move that
    would clear it, the seller's note]), one ticked or kept by hand said to
    be so; then the seller's own word on the rest: the reasons cleared by
    hand, and any with a note."""
    import review_view   # here, not on top: review_view reads this module
    digest = content.read(method)
    nothing = texts.ui_text("handout_nothing_planned")
    entries = scoring.review(workbook, digest, result)
    rows = []
    kept = []
    for entry, item in zip(entries, review_view.reasons(entries, workbook, texts)):
        label = item["label"]
        if item["group"] == review_view.OPEN:
            if item["tag"]:
                label = texts.ui_text("handout_review_tagged", {"reason": label, "tag": item["tag"]})
            rows.append([label, item["why"], item["move"]["text"] if item["move"] else nothing, entry["note"]])
        elif entry["state"] == "cleared" or not is_blank(entry["note"]):
            if entry["state"] == "cleared":
                label = texts.ui_text("handout_review_cleared", {"reason": label})
            kept.append([label, item["why"], nothing, entry["note"]])
    return rows + kept


def motive_rows(workbook, texts, method):
    """The handout's motives of the account's people: a row per person of
    whom a motive is written ([name, the organisation's motive, personal
    motives, the balance of responsibility and achievement, the method's
    advice on what to tell first, as the page gives it beside the person])."""
    import review_view   # here, not on top: review_view reads this module
    digest = content.read(method)
    people = workbook.get("people") or []
    rows = []
    for number in range(1, len(people) + 1):
        person = people[number - 1]
        motives = person.get("motives") or {}
        organisation = motives.get("organisation") or ""
        chosen = [motive for motive in digest.motives if motive in (motives.get("personal") or [])]
        balance = motives.get("balance", digest.default_balance)
        if is_blank(organisation) and not chosen and balance == digest.default_balance:
            continue
        advice = [texts.ui_text("handout_motives_advice_line", {"motive": one["title"], "advice": one["advice"]})
                  for one in review_view.motive_advice(person, workbook, texts)]
        rows.append([people_view.person_name(person, number, texts), organisation,
                     people_view.joined([texts.pick(digest.choice_labels["motives"][motive])
                                         for motive in chosen], texts),
                     _choice_label(texts, digest, "balances", balance),
                     "\n".join(advice)])
    return rows


def handout_view(workbook, texts, method, result=None):
    """What the printed handout shows besides the score panel: the stage
    plan, the account's next moves, the people with their T (from `result`, the workbook's score)
    and their motives, why the client may not sign yet, and per list the
    rows of the points that hold something (list path -> rows of cell
    texts, in the columns the template heads); `no_plan`: what to say
    instead of the stage plan while nothing is planned ("" once something
    is)."""
    digest = content.read(method)
    if result is None:
        result = scoring.score(workbook, digest)
    told = _told_names(workbook, texts)
    tables = {}
    for sheet in digest.seller_lists:
        tables[sheet.path] = _point_rows(workbook["seller"][sheet.id], "seller", sheet, texts, digest,
                                         told if sheet.leveled else None)
    for sheet in digest.client_lists:
        rows = []
        for records, person in _client_records(workbook, sheet, texts):
            if sheet.free:
                rows += _need_rows(records, texts, digest)
            else:
                rows += _point_rows(records, "client", sheet, texts, digest, None, person)
        tables[sheet.path] = rows
    tables["common_ground"] = _shared_rows(workbook["common_ground"], texts, digest,
                                           people_view.name_by_id(workbook, texts))
    import relationship_map  # here: the worksheet page imports it after ready, for its map

    tables["people"] = relationship_map.handout_rows(workbook, result, texts)
    tables["motives"] = motive_rows(workbook, texts, digest)
    tables["review"] = review_rows(workbook, texts, digest, result)
    return {"plan": stage_plan(workbook, texts, method), "tables": tables,
            "no_plan": "" if planned_anything(workbook) else texts.ui_text("plan_reading_empty"),
            "moves": handout_moves(workbook, texts, result)}
