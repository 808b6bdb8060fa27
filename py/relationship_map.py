"""Trust Workbook: the relationship map of an account, worked out as plain data.

``drawing()`` turns the workbook's people and the score's people into what
the page draws: every person as a node placed in the organisation's
hierarchy (who reports to whom), sized by influence, shaded by their trust
on one scale, marked by their attitude; the reporting lines; the empty
seats (roles nobody holds); the caption and the rows of the text
alternative.  ``scene()`` flattens a drawing into SVG elements with stable
keys and ``changes()`` says what to do to the page to go from one scene to
the next, so that the glue (map_painter.py) only applies them.

Pure: no DOM, no dict order relied on, the same under CPython and
MicroPython.  Names and titles stay the user's plain text; the glue sets
them as text, never as markup.
"""

from jsontext import format_number, is_blank, round_half_away

SVG_NS = "http://www.w3.org/2000/svg"

# The map's own units (its viewBox): one column per person or seat, one row
# per level of the hierarchy.  Integers only: coordinates are written as
# text, and CPython and MicroPython write floats differently.
SLOT = 150          # width of a column
ROW = 150           # from a row's top to the next row's top
MARGIN = 16
NODE_TOP = 40       # from a row's top to the centre of its nodes
LINE = 16           # between the lines of text under a node
ROW_BOTTOM = 124    # from a row's top to below the last line under its nodes
SEAT_TOP = 24       # from the empty seats' row title to the top of their row
SEAT_RADIUS = 20
STACK_FROM = 3      # reports without reports of their own stacked in one column from this many
STACK_INDENT = 16   # a stacked report's node, right of its column's middle
SPINE_INSET = 14    # the line to stacked reports, from the column's left edge
SEAT_ROW = 96       # from one row of empty seats to the next
SEATS_PER_ROW = 2   # at least, in a row of empty seats
NAME_WIDTH = 16     # a label's room, in half-width characters (a CJK one is 2)
ROLE_WIDTH = 24     # (in a smaller font)


def radius(influence):
    """A node's radius: influence 1, 2, 3 give 14, 20, 26."""
    return 8 + 6 * influence


# An attitude is drawn as a symbol in a badge by the node, never by colour
# alone: it must survive a black-and-white printout. Not "?" for the
# sceptic: a "?" in a circle is the page's own "explain this" button.
SYMBOLS = {"supporter": "+", "neutral": "=", "sceptic": "~", "opponent": "\u2212"}

# The shade of a node is its T_i read against the account's T (the
# influence-weighted mean of the people's T), in five steps shared by every
# node: T_i < 0.5 T, < 0.9 T, up to 1.1 T, up to 2 T, above.  Relative to
# the account rather than to the lowest and highest person, so that two
# people who trust the seller nearly alike are shaded alike, and the shade
# says where each person stands against the account as a whole.
# (numerator, denominator, inclusive) of each step's upper bound.
STEP_BOUNDS = ((1, 2, False), (9, 10, False), (11, 10, True), (2, 1, True))
STEPS = len(STEP_BOUNDS) + 1
ABOUT_STEP = 2      # where everybody is when the account's T is 0


def hundredths(value):
    """A figure of the score (a value rounded to 2 decimals) as an integer
    of hundredths; 0 for anything else."""
    kind = type(value)
    if kind is int:
        return value * 100
    if kind is float and value == value and value - value == 0:
        return round_half_away(value * 100)
    return 0


def step_of(person_t, account_t):
    """The shade step (0..4) of T_i against the account's T, both in
    hundredths; exact integer comparisons."""
    if account_t <= 0:
        return ABOUT_STEP
    for step in range(len(STEP_BOUNDS)):
        numerator, denominator, inclusive = STEP_BOUNDS[step]
        left, right = person_t * denominator, account_t * numerator
        if left < right or (inclusive and left == right):
            return step
    return STEPS - 1


def text_width(text):
    """Room a text takes in half-width characters: CJK and other wide
    characters count 2."""
    width = 0
    for ch in text:
        width += 2 if ord(ch) >= 0x2E80 else 1
    return width


def shortened(text, room):
    """text cut to `room` half-width characters, with an ellipsis when cut."""
    if text_width(text) <= room:
        return text
    kept = ""
    width = 1   # the ellipsis
    for ch in text:
        step = 2 if ord(ch) >= 0x2E80 else 1
        if width + step > room:
            break
        kept += ch
        width += step
    return kept + "\u2026"


def one_line(text):
    """A label on one line: line breaks and tabs become spaces."""
    for ch in "\r\n\t":
        text = text.replace(ch, " ")
    return text


# ---------------------------------------------------------------- hierarchy

def _managers(ids, reports_to):
    """Each person's manager as drawn: reports_to when it names another
    person of the account, else None.  A loop is cut above the person of
    the loop listed first.  Returns (managers, the ids whose line was cut)."""
    position = {}
    for i in range(len(ids)):
        position[ids[i]] = i
    managers = {}
    for person_id in ids:
        boss = reports_to.get(person_id)
        managers[person_id] = boss if boss in position and boss != person_id else None
    cut = []
    settled = {}
    for person_id in ids:
        path = []
        on_path = {}
        node = person_id
        while node is not None and node not in on_path and node not in settled:
            on_path[node] = len(path)
            path.append(node)
            node = managers[node]
        if node is not None and node in on_path:
            loop = path[on_path[node]:]
            first = loop[0]
            for member in loop:
                if position[member] < position[first]:
                    first = member
            managers[first] = None
            cut.append(first)
        for member in path:
            settled[member] = True
    cut.sort(key=lambda person_id: position[person_id])
    return managers, cut


def _layout(ids, managers):
    """(column in map units, row, whether stacked) of each person, and the
    number of columns: a tidy tree, each manager above the middle of their
    reports, reports in workbook order, the tops of the trees side by side
    in the top row in workbook order.  Three or more reports who have no
    reports of their own are stacked in one column under their manager, as
    an organisation chart lists a section's staff: the map stays narrow
    enough to read on a phone and on paper."""
    reports = {}
    for person_id in ids:
        reports[person_id] = []
    roots = []
    for person_id in ids:
        boss = managers[person_id]
        if boss is None:
            roots.append(person_id)
        else:
            reports[boss].append(person_id)
    placed = {}
    columns = [0]

    def place(person_id, depth):
        below = reports[person_id]
        if not below:
            x = columns[0] * SLOT
            columns[0] += 1
        elif len(below) >= STACK_FROM and all(not reports[report] for report in below):
            x = columns[0] * SLOT
            columns[0] += 1
            for k in range(len(below)):
                placed[below[k]] = (x, depth + 1 + k, True)
        else:
            for report in below:
                place(report, depth + 1)
            x = (placed[below[0]][0] + placed[below[-1]][0]) // 2
        placed[person_id] = (x, depth, False)

    for root in roots:
        place(root, 0)
    return placed, columns[0]


# ---------------------------------------------------------------- labels

def _label(texts, kind, value):
    label = texts.content.choice_labels[kind].get(value)
    return "" if label is None else texts.pick(label)


def display_name(person, number, texts):
    """A person's name as shown: their own text, or "Person 2" when blank."""
    name = person.get("name")
    if is_blank(name):
        return texts.ui_text("map_unnamed", {"number": number})
    return name


def _people(workbook, result):
    """The persons to draw, in workbook order: the score's figures of each
    with the workbook's own record (title, points) beside them.  An entry
    without an id, or with one already seen, is left out."""
    records = {}
    for record in (workbook or {}).get("people") or []:
        if isinstance(record, dict) and isinstance(record.get("id"), str) and record["id"] not in records:
            records[record["id"]] = record
    people = []
    seen = {}
    for scored in result.get("people") or []:
        person_id = scored.get("id")
        if not isinstance(person_id, str) or person_id in seen:
            continue
        seen[person_id] = True
        record = records.get(person_id) or {}
        people.append({
            "id": person_id,
            "name": scored.get("name") if isinstance(scored.get("name"), str) else record.get("name") or "",
            "title": record.get("title") if isinstance(record.get("title"), str) else "",
            "role": scored.get("role"),
            "influence": scored.get("influence"),
            "attitude": scored.get("attitude"),
            "reports_to": scored.get("reports_to"),
            "T": scored.get("T"),
            "T_text": (scored.get("text") or {}).get("T") or format_number(scored.get("T")),
            "record": record,
        })
    return people


# ---------------------------------------------------------------- the drawing

def _edge_path(child, boss):
    """An elbow from the bottom of the manager's labels down to the top of
    the report's node; to a stacked report, down the column's left edge
    and across to the node's left."""
    top = boss["y"] + boss["r"] + 3 * LINE + 8
    if child["stacked"]:
        spine = boss["x"] - SLOT // 2 + SPINE_INSET
        return "M{} {}V{}H{}V{}H{}".format(boss["x"], top, top + 8, spine, child["y"], child["x"] - child["r"] - 6)
    middle = child["row_top"] - 10
    return "M{} {}V{}H{}V{}".format(boss["x"], top, middle, child["x"], child["y"] - child["r"] - 6)


# What each person's node says depends on a few of their fields only, and
# most redraws change one person (a T, a name being typed): the words, the
# layout and each node with its SVG elements are kept from one drawing to
# the next.  The caches only spare work: what they hold is what would be
# computed again.


class Memo:
    """Values by key, kept while they are used: what a drawing did not use
    is forgotten at the next (turn()), so the memory stays that of two
    drawings and nothing is ever worked out again all at once."""

    def __init__(self):
        self.now = {}
        self.before = {}

    def turn(self):
        self.before = self.now
        self.now = {}

    def get(self, key):
        value = self.now.get(key)
        if value is None:
            value = self.before.get(key)
            if value is not None:
                self.now[key] = value
        return value

    def put(self, key, value):
        self.now[key] = value
        return value


_WORDS = Memo()
_FRAMES = Memo()
_NODES = Memo()
_ELEMENTS = Memo()


def _next_drawing():
    for memo in (_WORDS, _FRAMES, _NODES, _ELEMENTS):
        memo.turn()


def _words(person, number, texts):
    """(name, name on the map, role on the map, T on the map, what a screen
    reader hears, the role in full, influence and attitude as drawn, and
    the words of the influence and attitude the person has) of one person."""
    key = (texts.language, id(texts.content), number, person["name"], person["title"], person["role"],
           person["influence"], person["attitude"], person["T_text"])
    known = _WORDS.get(key)
    if known is not None:
        return known
    digest = texts.content
    influence = _drawn_influence(person["influence"], digest)
    attitude = person["attitude"] if person["attitude"] in SYMBOLS else digest.default_attitude
    name = display_name(person, number, texts)
    role = _label(texts, "roles", person["role"])
    title = person["title"]
    who = texts.ui_text("map_name_with_title", {"name": name, "title": title}) if not is_blank(title) else name
    label = texts.ui_text("map_person_label", {
        "who": who, "role": role, "influence": _label(texts, "influences", influence),
        "attitude": _label(texts, "attitudes", attitude), "T": person["T_text"]})
    return _WORDS.put(key, (name, shortened(one_line(name), NAME_WIDTH), shortened(role, ROLE_WIDTH),
                                   texts.ui_text("map_node_t", {"T": person["T_text"]}), label, role,
                                   influence, attitude, _label(texts, "influences", person["influence"]),
                                   _label(texts, "attitudes", person["attitude"])))


def _drawn_influence(influence, digest):
    return influence if influence in digest.influences else digest.default_influence


def _frame(people, texts):
    """The part of the drawing that depends on who reports to whom, and on
    roles and influence only (kept: typing a name or a T redraws none of it)."""
    key = [texts.language, id(texts.content)]
    for person in people:
        key.append((person["id"], person["reports_to"], person["role"], person["influence"]))
    key = tuple(key)
    frame = _FRAMES.get(key)
    if frame is None:
        frame = _FRAMES.put(key, _make_frame(people, texts))
    return frame


def _make_frame(people, texts):
    digest = texts.content
    ids = [person["id"] for person in people]
    reports_to = {}
    for person in people:
        reports_to[person["id"]] = person["reports_to"]
    managers, cut = _managers(ids, reports_to)
    placed, columns = _layout(ids, managers)
    held = {}
    for person in people:
        held[person["role"]] = True
    empty_roles = [role for role in digest.seat_roles if role not in held]
    # Empty seats wrap in rows as wide as the tree (two at least): a lone
    # person's map stays narrow enough for a phone.
    seats_per_row = max(columns, SEATS_PER_ROW)
    width_columns = max(columns, min(len(empty_roles), seats_per_row), 1)
    tree_left = MARGIN + (width_columns - columns) * SLOT // 2
    spots = {}
    depth_count = 0
    for person in people:
        x, depth, stacked = placed[person["id"]]
        depth_count = max(depth_count, depth + 1)
        row_top = MARGIN + depth * ROW
        spots[person["id"]] = {"x": tree_left + SLOT // 2 + x + (STACK_INDENT if stacked else 0),
                               "y": row_top + NODE_TOP, "row_top": row_top, "stacked": stacked,
                               "r": radius(_drawn_influence(person["influence"], digest)), "depth": depth}
    edges = []
    for person_id in ids:
        boss = managers[person_id]
        if boss is not None:
            edges.append({"key": "edge:" + person_id, "from": person_id, "to": boss,
                          "d": _edge_path(spots[person_id], spots[boss])})

    seats = []
    seat_row = None
    bottom = MARGIN + (depth_count - 1) * ROW + ROW_BOTTOM if depth_count else MARGIN
    if empty_roles:
        seat_row = {"x": MARGIN, "y": bottom + SEAT_TOP, "label": texts.ui_text("map_empty_seats")}
        first_row_top = bottom + SEAT_TOP
        for k in range(len(empty_roles)):
            role = empty_roles[k]
            full_label = _label(texts, "roles", role)
            column, line = k % seats_per_row, k // seats_per_row
            in_line = min(seats_per_row, len(empty_roles) - line * seats_per_row)
            left = MARGIN + (width_columns - in_line) * SLOT // 2
            row_top = first_row_top + line * SEAT_ROW
            seats.append({"key": "seat:" + role, "role": role,
                          "x": left + SLOT // 2 + column * SLOT, "y": row_top + NODE_TOP, "r": SEAT_RADIUS,
                          "label": shortened(full_label, ROLE_WIDTH), "full_label": full_label})
        bottom = row_top + NODE_TOP + SEAT_RADIUS + LINE + 8
    width = 2 * MARGIN + SLOT * width_columns
    height = bottom + MARGIN
    return {"managers": managers, "cut": cut, "spots": spots, "edges": edges, "seats": seats,
            "seat_row": seat_row, "width": width, "height": height,
            "view_box": "0 0 {} {}".format(width, height)}


def drawing(workbook, result, texts):
    """What the relationship map shows, as plain data (see the module's
    docstring); `texts` is a view.Texts of the page's language."""
    _next_drawing()
    people = _people(workbook, result)
    frame = _frame(people, texts)
    account_t = hundredths(result.get("T"))
    account_text = (result.get("text") or {}).get("T") or format_number(result.get("T"))
    names = {}
    nodes = []
    for number in range(1, len(people) + 1):
        person = people[number - 1]
        spot = frame["spots"][person["id"]]
        step = step_of(hundredths(person["T"]), account_t)
        key = (texts.language, id(texts.content), number, person["id"], person["name"], person["title"],
               person["role"], person["influence"], person["attitude"], person["T_text"], spot["x"], spot["y"],
               spot["r"], step, frame["managers"][person["id"]])
        node = _NODES.get(key)
        if node is None:
            node = _NODES.put(key, _node(person, number, spot, step, frame, texts))
        names[person["id"]] = node["name"]
        nodes.append(node)

    notes = []
    single_thread = len(people) == 1
    if single_thread:
        notes.append(texts.ui_text("map_single_thread", {"name": names[people[0]["id"]]}))
    for person_id in frame["cut"]:
        notes.append(texts.ui_text("map_loop_cut", {"name": names[person_id]}))

    return {
        "width": frame["width"],
        "height": frame["height"],
        "view_box": frame["view_box"],
        "caption": texts.ui_text("map_caption", {"T": account_text, "count": len(people)}),
        "single_thread": single_thread,
        "notes": notes,
        "nodes": nodes,
        "edges": frame["edges"],
        "seats": frame["seats"],
        "seat_row": frame["seat_row"],
        "rows": text_rows(people, names, texts),
        "row_ids": [person["id"] for person in people],
    }


def _node(person, number, spot, step, frame, texts):
    name, name_label, role_label, t_label, label, _, influence, attitude, _, _ = _words(person, number, texts)
    return {
        "id": person["id"],
        "number": number,
        "x": spot["x"],
        "y": spot["y"],
        "row_top": spot["row_top"],
        "r": spot["r"],
        "depth": spot["depth"],
        "influence": influence,
        "step": step,
        "attitude": attitude,
        "symbol": SYMBOLS[attitude],
        "name": name,
        "name_label": name_label,
        "title": person["title"],
        "role": person["role"],
        "role_label": role_label,
        "T_text": person["T_text"],
        "T_label": t_label,
        "manager": frame["managers"][person["id"]],
        "label": label,
    }


def text_rows(people, names, texts):
    """The text alternative: one row per person in workbook order, the cells
    in the columns templates/_relationship_map.html heads (name, title,
    role, influence, attitude, reports to, T)."""
    rows = []
    for number in range(1, len(people) + 1):
        person = people[number - 1]
        words = _words(person, number, texts)
        boss = person["reports_to"]
        rows.append([
            words[0],
            person["title"],
            words[5],
            words[8],
            words[9],
            names.get(boss, "") if isinstance(boss, str) and boss != person["id"] else "",
            person["T_text"],
        ])
    return rows


def legend(texts):
    """The legend in groups (shade, badge, size), each a heading and items
    {kind, step, attitude, symbol, r, label}: kind "step" is a node of that
    shade, "attitude" a badge with its symbol, "influence" a node of that
    radius and "seat" an empty seat."""
    digest = texts.content
    steps = [{"kind": "step", "step": step, "label": texts.ui_text("map_step_" + str(step))}
             for step in range(STEPS)]
    attitudes = [{"kind": "attitude", "attitude": attitude, "symbol": SYMBOLS[attitude],
                  "label": _label(texts, "attitudes", attitude)} for attitude in digest.attitudes]
    sizes = [{"kind": "influence", "r": radius(influence), "label": _label(texts, "influences", influence)}
             for influence in digest.influences]
    sizes.append({"kind": "seat", "r": SEAT_RADIUS, "label": texts.ui_text("map_legend_seat")})
    return [{"heading": texts.ui_text("map_legend_steps"), "items": steps},
            {"heading": texts.ui_text("map_legend_attitudes"), "items": attitudes},
            {"heading": texts.ui_text("map_legend_sizes"), "items": sizes}]


# ---------------------------------------------------------------- the scene

def attribute_text(value):
    """An attribute's value as the page gets it.  An attribute crosses into
    JavaScript as a plain string, which ends at a NUL: a name holding one is
    labelled with U+FFFD there (texts keep it: the glue sets them NUL-safe)."""
    text = str(value)
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text


def _node_elements(node):
    key = "node:" + node["id"]
    x, y, r = node["x"], node["y"], node["r"]
    badge_x, badge_y = x + r - 2, y - r + 2
    # The link's name comes from its <title> (the full words); an aria-label
    # would have to contain the shortened words drawn, which it cannot.
    return [
        (key, "nodes", "a", [("href", "#people"), ("class", "map-person"), ("data-action", "open-person"),
                             ("data-person", attribute_text(node["id"]))], None),
        (key + ":title", key, "title", [], node["label"]),
        (key + ":circle", key, "circle", [("cx", str(x)), ("cy", str(y)), ("r", str(r)),
                                          ("class", "map-node map-step-" + str(node["step"]))], None),
        (key + ":badge", key, "circle", [("cx", str(badge_x)), ("cy", str(badge_y)), ("r", "9"),
                                         ("class", "map-badge map-attitude-" + node["attitude"])], None),
        (key + ":symbol", key, "text", [("x", str(badge_x)), ("y", str(badge_y + 5)), ("class", "map-symbol")],
         node["symbol"]),
        (key + ":name", key, "text", [("x", str(x)), ("y", str(y + r + LINE)), ("class", "map-name")],
         node["name_label"]),
        (key + ":role", key, "text", [("x", str(x)), ("y", str(y + r + 2 * LINE)), ("class", "map-role")],
         node["role_label"]),
        (key + ":t", key, "text", [("x", str(x)), ("y", str(y + r + 3 * LINE)), ("class", "map-t")],
         node["T_label"]),
    ]


def _seat_elements(seat):
    key = seat["key"]
    x, y, r = seat["x"], seat["y"], seat["r"]
    return [
        (key, "seats", "g", [("class", "map-seat"), ("data-role", seat["role"])], None),
        (key + ":circle", key, "circle", [("cx", str(x)), ("cy", str(y)), ("r", str(r)),
                                          ("class", "map-seat-circle")], None),
        (key + ":label", key, "text", [("x", str(x)), ("y", str(y + r + LINE)), ("class", "map-seat-label")],
         seat["label"]),
        (key + ":title", key, "title", [], seat["full_label"]),
    ]


def scene(drawing_data):
    """The drawing as SVG elements in groups that come and go together: a
    list of (group key, elements), each element (key, parent key or layer
    name, tag, attributes as a list of (name, text) pairs, text or None),
    parents before their children.  The layers ("edges", "seats", "nodes")
    are groups already in the page.  Keys are stable (a person's id, a
    role), so that an edit changes only the elements it touches."""
    groups = []
    for edge in drawing_data["edges"]:
        groups.append((edge["key"], [(edge["key"], "edges", "path", [("d", edge["d"]), ("class", "map-edge")],
                                      None)]))
    row = drawing_data["seat_row"]
    if row is not None:
        groups.append(("seats:title", [("seats:title", "seats", "text", [
            ("x", str(row["x"])), ("y", str(row["y"])), ("class", "map-seat-title")], row["label"])]))
    for seat in drawing_data["seats"]:
        groups.append((seat["key"], _seat_elements(seat)))
    for node in drawing_data["nodes"]:
        key = (node["id"], node["x"], node["y"], node["r"], node["step"], node["attitude"], node["name_label"],
               node["role_label"], node["T_label"], node["label"])
        elements = _ELEMENTS.get(key)
        if elements is None:
            elements = _ELEMENTS.put(key, _node_elements(node))
        groups.append(("node:" + node["id"], elements))
    return groups


def index(groups):
    """A scene as group key -> its elements: what changes() compares with."""
    indexed = {}
    for key, elements in groups:
        indexed[key] = elements
    return indexed


def changes(before, groups):
    """What turns the page drawn from `before` (index() of the scene drawn)
    into the scene `groups`: a list of ("remove", key, the keys of the
    elements that go with it), ("create", key, parent, tag), ("set", key,
    name, value or None to remove it) and ("text", key, text), in the order
    to apply them.  A group equal to the one drawn costs one comparison."""
    operations = []
    kept = {}
    for key, _ in groups:
        kept[key] = True
    gone = [key for key in before if key not in kept]
    gone.sort()
    for key in gone:
        operations.append(("remove", key, [element[0] for element in before[key]]))
    for key, elements in groups:
        old = before.get(key)
        if old is None:
            old = []
        elif old is elements or old == elements:
            continue
        _element_changes(old, elements, operations)
    return operations


def _element_changes(old, elements, operations):
    drawn = {}
    for element in old:
        drawn[element[0]] = element
    wanted = {}
    for element in elements:
        wanted[element[0]] = element
    for element in old:
        other = wanted.get(element[0])
        if other is None or other[1] != element[1] or other[2] != element[2]:
            operations.append(("remove", element[0], [element[0]]))
            drawn[element[0]] = None
    for element in elements:
        key, parent, tag, attributes, text = element
        previous = drawn.get(key)
        if previous is None:
            operations.append(("create", key, parent, tag))
            previous_attributes, previous_text = [], None
        else:
            previous_attributes, previous_text = previous[3], previous[4]
        if attributes != previous_attributes:
            values = {}
            for name, value in previous_attributes:
                values[name] = value
            for name, value in attributes:
                if values.get(name) != value:
                    operations.append(("set", key, name, value))
                values[name] = None
            for name, _ in previous_attributes:
                if values[name] is not None:
                    operations.append(("set", key, name, None))
        if text != previous_text and text is not None:
            operations.append(("text", key, text))


def fingerprint(workbook, result, language):
    """Everything the map depends on, to compare with the last one drawn:
    when it is equal, nothing on the map changed (most keystrokes)."""
    titles = {}
    for record in (workbook or {}).get("people") or []:
        if isinstance(record, dict):
            titles[record.get("id")] = record.get("title")
    shown = [language, (result.get("text") or {}).get("T")]
    for person in result.get("people") or []:
        person_id = person.get("id")
        shown.append((person_id, person.get("name"), titles.get(person_id), person.get("role"),
                      person.get("influence"), person.get("attitude"), person.get("reports_to"),
                      (person.get("text") or {}).get("T")))
    return shown


# ---------------------------------------------------------------- the handout

def _point_words(texts, list_id, side, record):
    """A point as the people part names it: its label and level.  Its note
    is printed once, in its own list's table."""
    label = texts.point_label(side, list_id, record["id"])
    level = _label(texts, "levels", record.get("level"))
    return texts.ui_text("map_handout_point", {"point": label, "level": level}) if level else label


def handout_rows(workbook, result, texts):
    """The handout's people part, one row per person in workbook order: who
    (name and title), role, influence, attitude, T_i, the seller's personal
    points told to them and those of theirs that are known, each with its
    level."""
    people = _people(workbook, result)
    seller_points = {}
    for record in (workbook or {}).get("seller", {}).get("personal") or []:
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            seller_points[record["id"]] = record
    personal_spec = texts.content.list_by_path["seller.personal"]
    known_spec = texts.content.list_by_path["client.personal"]
    rows = []
    for number in range(1, len(people) + 1):
        person = people[number - 1]
        record = person["record"]
        name = display_name(person, number, texts)
        who = texts.ui_text("map_name_with_title", {"name": name, "title": person["title"]}) \
            if not is_blank(person["title"]) else name
        told_ids = record.get("told") if isinstance(record.get("told"), list) else []
        told = []
        for point_id in personal_spec.point_ids:   # content order
            if point_id in told_ids:
                told.append(_point_words(texts, "personal", "seller",
                                         seller_points.get(point_id) or {"id": point_id}))
        own_points = {}
        for point in record.get("personal") or []:
            if isinstance(point, dict) and point.get("id") not in own_points:
                own_points[point.get("id")] = point
        known = []
        for point_id in known_spec.point_ids:   # content order
            point = own_points.get(point_id)
            if point is not None and point.get("known") is True:
                known.append(_point_words(texts, "personal", "client", point))
        nothing = texts.ui_text("map_handout_nothing")
        separator = texts.ui_text("map_handout_separator")
        rows.append([who,
                     _label(texts, "roles", person["role"]),
                     _label(texts, "influences", person["influence"]),
                     _label(texts, "attitudes", person["attitude"]),
                     person["T_text"],
                     separator.join(told) or nothing,
                     separator.join(known) or nothing])
    return rows
