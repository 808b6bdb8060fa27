"""Why the client may not sign yet: the account's review (METHOD.md,
"Motives, why clients do not sign, and client types").

Pure, like the scoring core it reads: ``review(workbook, method, result)``
returns one entry per reason of method.json's ``review_reasons``, in content
order.  A reason is found from the workbook where the contract says how;
the four reasons that only the seller can know (budget, timing, a
competitor, price) are ticked by hand; any reason can be set open or
cleared by hand with a note, kept in the workbook's ``review`` list, so the
review stays the seller's own.

Each entry: ``id``, ``by_hand`` (a reason only ticked by hand), ``found``
(what the data says: True or False; None for a by-hand reason), ``state``
(the seller's "open" or "cleared", or None), ``note``, ``open`` (found or
ticked, and not cleared), ``people`` (ids), ``points`` ({list, id} of the
workbook's fields it is about), ``move`` (one move that would clear it, or
None) and ``facts`` (figures as text, for the sentence the page writes).
"""

import content
import jsontext
import scoring


def review(workbook, method, result=None, normalised=False):
    """The review of a workbook; `result` is score(workbook, method) when the
    caller has it already (the page does).  `normalised`: the workbook is
    already as normalise() writes it (a room that reads many files gets it
    so from scoring.score_and_normalise), and is read as it is."""
    digest = content.read(method)
    book = workbook if normalised else scoring.normalise(workbook, digest)
    if result is None:
        result = scoring.score(book, digest)
    overrides = {}
    for entry in book["review"]:
        overrides[entry["id"]] = entry
    scored = {}
    for entry in result["people"]:
        scored[entry["id"]] = entry
    facts = _Facts(book, result, scored, digest)
    entries = []
    for reason in digest.review_reasons:
        reason_id = reason["id"]
        rule = reason["rule"]
        if reason.get("by_hand") is True:
            found, people, points, move, figures = None, [], [], None, {}
        else:
            found, people, points, move, figures = _FINDERS[reason_id](facts, rule)
        override = overrides.get(reason_id)
        state = override["state"] if override is not None else None
        note = override["note"] if override is not None else ""
        is_open = state == "open" or (found is True and state != "cleared")
        entries.append({"id": reason_id, "by_hand": found is None, "found": found,
                        "state": state, "note": note, "open": is_open, "people": people,
                        "points": points, "move": move, "facts": figures})
    return entries


def open_reasons(entries):
    """The ids of the open reasons, in content order."""
    return [entry["id"] for entry in entries if entry["open"]]


class _Facts:
    """What the finders read, worked out once."""

    def __init__(self, book, result, scored, digest):
        self.book = book
        self.result = result
        self.scored = scored
        self.digest = digest
        self.people = book["people"]
        self.needs = [need for need in book["client"]["needs"]
                      if need["known"] and not jsontext.is_blank(need["text"])]
        self.suspected = [need for need in book["client"]["needs"]
                          if not need["known"] and not jsontext.is_blank(need["text"])]
        self.known_preferences = {}
        for record in book["client"]["preferences"]:
            if record["known"]:
                self.known_preferences[record["id"]] = True
        self.seller_status = {}
        for spec in digest.seller_lists:
            for record in book["seller"][spec.id]:
                self.seller_status[spec.path + "." + record["id"]] = record["status"]

    def with_role(self, role):
        return [one for one in self.people if one["role"] == role]

    def best_move_for(self, person_id):
        moves = self.scored[person_id]["next_moves"]
        return moves[0] if moves else None


def _point(list_path, point_id):
    return {"list": list_path, "id": point_id}


def _no_pressing_need(facts, rule):
    severe = [need for need in facts.needs if need["severity"] >= rule["severity"]]
    points = [_point("client.needs", need["id"]) for need in facts.needs]
    if severe:
        return False, [], [_point("client.needs", need["id"]) for need in severe], None, {}
    suspected = [need for need in facts.suspected if need["severity"] >= rule["severity"]]
    if suspected:
        move = {"kind": "learn", "list": "needs", "side": "client", "id": suspected[0]["id"],
                "person": None}
    else:
        move = {"kind": "add_need", "list": "needs", "side": "client", "id": None, "person": None}
    return True, _owners(facts.needs), points, move, {}


def _owners(needs):
    owners = []
    for need in needs:
        if need["owner"] is not None and need["owner"] not in owners:
            owners.append(need["owner"])
    return owners


def _need_unseen(facts, rule):
    if not facts.needs:
        return False, [], [], None, {}
    top = max([need["severity"] for need in facts.needs])
    most_severe = [need for need in facts.needs if need["severity"] == top]
    unseen = [need for need in most_severe if need["visibility"] == rule["visibility"]]
    points = [_point("client.needs", need["id"]) for need in most_severe]
    if len(unseen) < len(most_severe):
        return False, [], points, None, {}
    move = {"kind": "make_seen", "list": "needs", "side": "client", "id": unseen[0]["id"],
            "person": None}
    return True, _owners(unseen), points, move, {}


def _no_decider(facts, rule):
    if facts.with_role(rule["role"]):
        return False, [], [], None, {}
    return True, [], [], {"kind": "name_role", "role": rule["role"], "list": "people",
                          "side": None, "id": None, "person": None}, {}


def _decider_trusts_least(facts, rule):
    deciders = facts.with_role(rule["role"])
    if len(facts.people) < 2 or not deciders:
        return False, [], [], None, {}
    lowest = min([entry["T"] for entry in facts.result["people"]])
    highest = max([entry["T"] for entry in facts.result["people"]])
    least = [one["id"] for one in deciders if facts.scored[one["id"]]["T"] == lowest]
    if not least or lowest == highest:
        return False, [one["id"] for one in deciders], [], None, {}
    return True, least, [], facts.best_move_for(least[0]), {
        "T": facts.scored[least[0]]["text"]["T"],
        "highest": jsontext.format_number(highest)}


def _no_inside_support(facts, rule):
    inside = [one["id"] for one in facts.people
              if one["role"] == rule["role"] or one["attitude"] == rule["attitude"]]
    if inside:
        return False, inside, [], None, {}
    return True, [], [], {"kind": "name_role", "role": rule["role"], "list": "people",
                          "side": None, "id": None, "person": None}, {}


def _preference_unknown(facts, rule):
    point_id = rule["preference"]
    points = [_point("client.preferences", point_id)]
    if point_id in facts.known_preferences:
        return False, [], points, None, {}
    return True, [], points, {"kind": "learn", "list": "preferences", "side": "client",
                              "id": point_id, "person": None}, {}


def _influential_opponent(facts, rule):
    against = [one["id"] for one in facts.people
               if one["influence"] >= rule["influence"] and one["attitude"] == rule["attitude"]]
    if not against:
        return False, [], [], None, {}
    return True, against, [], facts.best_move_for(against[0]), {}


def _fear_without_proof(facts, rule):
    afraid = [one["id"] for one in facts.with_role(rule["role"])
              if one["motives"]["balance"] <= rule["balance_at_most"]
              or rule["motive"] in one["motives"]["personal"]]
    proof = [point_id for point_id in rule["proof"]]
    points = [_point(_seller_path(facts, point_id), point_id) for point_id in proof]
    shown = [point_id for point_id in proof
             if facts.seller_status.get(_seller_path(facts, point_id) + "." + point_id)
             == "disclosed"]
    if not afraid or shown:
        return False, afraid, points, None, {}
    # Disclose the proof that is readiest: prepared before empty, then content order.
    ready = [point_id for point_id in proof
             if facts.seller_status.get(_seller_path(facts, point_id) + "." + point_id)
             == "prepared"]
    point_id = (ready or proof)[0]
    path = _seller_path(facts, point_id)
    return True, afraid, points, {"kind": "disclose", "side": "seller",
                                  "list": path.split(".")[1], "id": point_id,
                                  "person": None}, {}


def _seller_path(facts, point_id):
    for spec in facts.digest.seller_lists:
        if spec.position is not None and point_id in spec.position:
            return spec.path
    return ""


def _behind_plan(facts, rule):
    plan = facts.result["plan"]
    figures = {"stage": str(plan["stage"]), "planned": plan["planned_text"],
               "now": plan["now_text"], "gap": plan["gap_text"]}
    if plan["ahead"]:
        return False, [], [], None, figures
    # Catching up with the plan means doing what was planned by now: the
    # best move whose point is planned for this stage or an earlier one,
    # else the best move of all.
    moves = facts.result["next_moves"]
    for move in moves:
        stage = _planned_stage(facts.book, move)
        if stage is not None and stage <= plan["stage"]:
            return True, [], [], move, figures
    return True, [], [], moves[0] if moves else None, figures


def _planned_stage(book, move):
    """The planned stage of the point a next move is about (None: none)."""
    if move["side"] == "seller":
        records = book["seller"].get(move["list"]) or []
    elif move["person"] is not None and move["list"] not in book["client"]:
        records = []
        for person in book["people"]:
            if person["id"] == move["person"]:
                records = person.get(move["list"]) or []
    else:
        records = book["client"].get(move["list"]) or []
    for record in records:
        if record.get("id") == move["id"]:
            return record.get("stage")
    return None


def _one_sided(facts, rule):
    low, high = rule["below"]
    sided = []
    for one in facts.people:
        if one["influence"] < rule["influence"]:
            continue
        reciprocity = facts.scored[one["id"]]["indicators"]["reciprocity"]
        # Undefined while neither side has told anything personal: not found.
        if reciprocity is None:
            continue
        given = reciprocity["seller"]
        received = reciprocity["client"]
        smaller = given if given < received else received
        larger = given if given > received else received
        if smaller * high < larger * low:
            sided.append((one["id"], reciprocity))
    if not sided:
        return False, [], [], None, {}
    person_id, reciprocity = sided[0]
    kind = "tell" if reciprocity["seller"] < reciprocity["client"] else "learn"
    move = None
    for candidate in facts.scored[person_id]["next_moves"]:
        if candidate["kind"] == kind:
            move = candidate
            break
    return True, [one for one, _ in sided], [], move, {"reciprocity": reciprocity["text"]}


_FINDERS = {
    "no_pressing_need": _no_pressing_need,
    "need_unseen": _need_unseen,
    "no_decider": _no_decider,
    "decider_trusts_least": _decider_trusts_least,
    "no_inside_support": _no_inside_support,
    "process_unknown": _preference_unknown,
    "criteria_unknown": _preference_unknown,
    "influential_opponent": _influential_opponent,
    "fear_without_proof": _fear_without_proof,
    "behind_plan": _behind_plan,
    "one_sided": _one_sided,
}
