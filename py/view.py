# What the page shows, worked out from the core's result: every string and
# every chart coordinate. Pure, so the glue only copies values into the DOM
# and the tests can check the wording without a browser.

import content
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


def is_filled(record):
    """Whether a point or row holds anything: a printed report leaves out
    the empty ones."""
    if record.get("status") in ("prepared", "disclosed") or record.get("known") is True:
        return True
    for field in ("note", "text"):
        if not is_blank(record.get(field)):
            return True
    return False


def move_text(move, texts, need_texts):
    kind = move["kind"]
    if kind == "add_common_ground":
        narrowness = texts.word(texts.content.narrowness_labels[move["narrowness"]])
        return texts.ui_text("move_add_common_ground", {"narrowness": narrowness})
    side = move["side"]
    list_label = texts.list_label(side, move["list"])
    if side == "client" and move["list"] == "needs":
        return texts.ui_text("move_learn_need", {"item": need_texts.get(move["id"], move["id"])})
    item = texts.point_label(side, move["list"], move["id"])
    if kind == "raise_level":
        level = texts.word(texts.content.level_labels[move["level"]])
        return texts.ui_text("move_raise_level", {"item": item, "list": list_label, "level": level})
    return texts.ui_text("move_" + kind, {"item": item, "list": list_label})


def formula_text(result):
    text = result["text"]
    contact_factor = result["settings"]["contact_factor"]
    return "{} × ({} + {}) × ({} + {})".format(
        format_number(contact_factor, 6), text["IS"], text["R"], text["IC"], text["R"]
    )


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
    return {
        "points": " ".join(str(dot["x"]) + "," + str(dot["y"]) for dot in dots),
        "dots": dots,
        "now_y": y_of(now),
        "now_text": curve["now"]["text"],
    }


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


def score_view(result, texts, need_texts):
    """Everything the score panel shows, keyed by the data attributes of the
    elements that show it."""
    indicators = result["indicators"]
    figures = {"T": result["text"]["T"], "IS": result["text"]["IS"],
               "IC": result["text"]["IC"], "R": result["text"]["R"],
               "formula": formula_text(result)}
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
    moves = []
    for move in result["next_moves"]:
        moves.append({"text": move_text(move, texts, need_texts), "gain": "+" + move["text"]})
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
        "curve": curve_geometry(indicators["curve"]),
        "bars": coverage_bars(indicators, texts.content),
    }
