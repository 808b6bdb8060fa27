"""Trust Workbook: content/method.json read once, pure.

``read(method)`` turns the parsed method.json into the ``Content`` that
every other module reads: the lists and their points in content order, the
positions of ids, the choices a workbook may hold, the defaults of its
settings, the limits of its free lists, the labels and the interface text.
Each fact of the content is worked out here and nowhere else; a module that
is given the parsed method.json instead reads it through ``read()``, which
returns a Content unchanged.

Lists of ids keep content order (MicroPython's dicts keep none); the dicts
here only answer "which place" or "is it one of them".
"""

import jsontext

UNIT = 1000000        # settings numbers are kept to 6 decimals (integers of 1e-6)
SETTING_MAX = 100     # upper bound of a weight, seller_personal_weight, level value
CUSTOM_PRESET = "custom"  # a workbook's own weights, named beside the presets


def setting_units(x, lo, hi, default):
    """A settings number as an integer of 1e-6, clamped to [lo, hi] (given in
    the same units); anything that is not a real number gives default."""
    kind = type(x)
    if kind is int:
        units = x * UNIT
    elif kind is float:
        if x != x:
            return default
        # Clamp before scaling: x * UNIT could overflow to infinity.
        if x >= hi / UNIT:
            return hi
        if x <= lo / UNIT:
            return lo
        units = jsontext.round_half_away(x * UNIT)
    else:
        return default
    if units < lo:
        return lo
    if units > hi:
        return hi
    return units


def positions(ids):
    """Each id's place in the list."""
    position = {}
    for i in range(len(ids)):
        position[ids[i]] = i
    return position


def pick(labels, language):
    """The text of a {"zh": ..., "en": ...} label in `language`, else English."""
    text = labels.get(language)
    return labels["en"] if text is None else text


def only_language(method):
    """The one language of a page's content file (build.py in_language
    keeps each label in the page's language only); None for method.json,
    which holds every language."""
    found = list(read(method).ui["app_title"])
    return found[0] if len(found) == 1 else None


def fill(template, values):
    """A text with each {name} replaced by str(values[name])."""
    if values:
        for name in values:
            template = template.replace("{" + name + "}", str(values[name]))
    return template


class ListSpec:
    """One worksheet list.  `point_ids` are its fixed points in content
    order, `position` maps each to its place and `point_labels` holds their
    labels in the same order; all three are None for a free list (the
    needs).  `label` and `risk` name a client list in the weakest-area
    indicator."""

    def __init__(self, spec, side, point_sets, may_be_free):
        self.id = spec["id"]
        self.side = side
        self.path = side + "." + self.id
        self.free = may_be_free and spec.get("free_list") is True
        if self.free:
            self.point_ids = None
            self.position = None
            self.point_labels = None
        else:
            items = point_sets[spec["points"]]
            self.point_ids = [item["id"] for item in items]
            self.position = positions(self.point_ids)
            self.point_labels = [item["label"] for item in items]
        self.leveled = spec.get("leveled") is True
        self.label = spec.get("label")
        self.risk = spec.get("risk")


class Content:
    """What the modules need from method.json.  Settings defaults are in
    integers of 1e-6 (UNIT); the raw method.json stays in `method`."""

    def __init__(self, method):
        self.method = method
        point_sets = {}
        for point_set in method["point_sets"]:
            point_sets[point_set["id"]] = point_set["items"]
        self.seller_lists = [ListSpec(spec, "seller", point_sets, False)
                             for spec in method["seller_lists"]]
        self.client_lists = [ListSpec(spec, "client", point_sets, True)
                             for spec in method["client_lists"]]
        self.client_list_position = positions([spec.id for spec in self.client_lists])
        # Model version 2: the leveled lists are the personal ones, the
        # client's held by each person.
        self.seller_personal = [j for j in range(len(self.seller_lists))
                                if self.seller_lists[j].leveled][0]
        self.client_personal = [j for j in range(len(self.client_lists))
                                if self.client_lists[j].leveled][0]
        self.list_by_path = {}
        for spec in self.seller_lists + self.client_lists:
            self.list_by_path[spec.path] = spec

        self.statuses = [status["id"] for status in method["statuses"]]
        self.is_status = positions(self.statuses)

        setting_max = SETTING_MAX * UNIT
        self.levels = [level["id"] for level in method["levels"]]
        self.level_position = positions(self.levels)
        self.level_labels = {}
        for level in method["levels"]:
            self.level_labels[level["id"]] = level["label"]
        self.default_level_values = [setting_units(level["value"], 0, setting_max, 0)
                                     for level in method["levels"]]

        self.stages = [stage["id"] for stage in method["stages"]]
        self.is_stage = positions(self.stages)
        self.first_stage = min(self.stages)
        self.last_stage = max(self.stages)

        self.severities = [severity["id"] for severity in method["severities"]]
        self.is_severity = positions(self.severities)
        self.min_severity = min(self.severities)
        self.max_severity = max(self.severities)
        self.default_severity = self.severities[len(self.severities) // 2]

        self.visibilities = [visibility["id"] for visibility in method["visibilities"]]
        self.is_visibility = positions(self.visibilities)

        self.narrowness = [narrowness["value"] for narrowness in method["narrowness"]]
        self.is_narrowness = positions(self.narrowness)
        self.min_narrowness = min(self.narrowness)
        self.max_narrowness = max(self.narrowness)
        self.narrowness_labels = {}
        for choice in method["narrowness"]:
            self.narrowness_labels[choice["value"]] = choice["label"]

        self.categories = [category["id"] for category in method["common_ground_categories"]]
        self.is_category = positions(self.categories)
        if "other" in self.categories:
            self.default_category = "other"
        else:
            self.default_category = self.categories[-1]

        self.preset_weights = {}
        for preset in method["presets"]:
            self.preset_weights[preset["id"]] = preset["weights"]
        self.presets = [preset["id"] for preset in method["presets"]] + [CUSTOM_PRESET]
        self.is_preset = positions(self.presets)

        defaults = method["defaults"]
        self.default_preset = defaults["preset"]
        self.default_seller_personal_weight = setting_units(
            defaults["seller_personal_weight"], 0, setting_max, 0)
        # The contact factor's bounds as method.json writes them (for
        # messages) and in integers of 1e-6.
        self.contact_factor_range = (defaults.get("contact_factor_min", 0),
                                     defaults.get("contact_factor_max", 10))
        self.min_contact_factor = setting_units(self.contact_factor_range[0],
                                                0, 10 ** 9 * UNIT, 0)
        self.max_contact_factor = setting_units(self.contact_factor_range[1],
                                                0, 10 ** 9 * UNIT, 0)
        self.default_contact_factor = setting_units(
            defaults["contact_factor"], self.min_contact_factor, self.max_contact_factor,
            self.min_contact_factor)

        # The account's people (scoring model version 2).
        self.roles = [role["id"] for role in method["roles"]]
        self.is_role = positions(self.roles)
        self.seat_roles = [role["id"] for role in method["roles"] if role.get("seat") is True]
        self.influences = [influence["id"] for influence in method["influences"]]
        self.min_influence = min(self.influences)
        self.max_influence = max(self.influences)
        self.attitudes = [attitude["id"] for attitude in method["attitudes"]]
        self.is_attitude = positions(self.attitudes)
        self.default_role = defaults["role"]
        self.default_influence = defaults["influence"]
        self.default_attitude = defaults["attitude"]
        self.default_account_stage = defaults["account_stage"]
        self.motives = [motive["id"] for motive in method["motives"]]
        self.is_motive = positions(self.motives)
        self.balances = [balance["id"] for balance in method["balances"]]
        self.min_balance = min(self.balances)
        self.max_balance = max(self.balances)
        self.default_balance = defaults["balance"]
        # Motives, the review and client types (METHOD.md, written from the
        # method's contents): the advice beside a person, the reasons a
        # client may not sign yet, the kinds of client and their presets.
        self.motive_advice = {}
        for motive in method["motives"]:
            self.motive_advice[motive["id"]] = (motive["disclose_first"], motive["advice"])
        self.review_reasons = method["review_reasons"]
        self.review_reason_ids = [reason["id"] for reason in self.review_reasons]
        self.is_review_reason = positions(self.review_reason_ids)
        self.client_types = [client_type["id"] for client_type in method["client_types"]]
        self.is_client_type = positions(self.client_types)
        self.client_type_presets = {}
        for client_type in method["client_types"]:
            self.client_type_presets[client_type["id"]] = client_type["preset"]
        # The client's personal points worth looking through for common ground.
        self.common_ground_sources = []
        for spec in method["client_lists"]:
            if spec.get("leveled") is True:
                self.common_ground_sources = [item["id"] for item in point_sets[spec["points"]]
                                              if item.get("common_ground_source") is True]

        limits = method["limits"]
        self.max_people = limits["people"]
        self.max_needs = limits["needs"]
        self.max_common_ground = limits["common_ground"]
        self.max_text = limits["text"]   # characters in one text field

        self.ui = method["ui"]

        # Each choice's label by its id (narrowness: by its value), for
        # what shows a record's choices in words (the handout).
        self.choice_labels = {}
        for kind, key in (("statuses", "id"), ("levels", "id"), ("severities", "id"), ("visibilities", "id"),
                          ("common_ground_categories", "id"), ("narrowness", "value"),
                          ("roles", "id"), ("influences", "id"), ("attitudes", "id"),
                          ("motives", "id"), ("balances", "id"), ("review_reasons", "id"),
                          ("client_types", "id")):
            self.choice_labels[kind] = dict((choice[key], choice["label"]) for choice in method[kind])

        # Every fixed point, in content order, seller lists first:
        # (side, list id, point id, list label, point label).
        self.fixed_points = []
        for spec in self.seller_lists + self.client_lists:
            if not spec.free:
                for k in range(len(spec.point_ids)):
                    self.fixed_points.append((spec.side, spec.id, spec.point_ids[k], spec.label,
                                              spec.point_labels[k]))

        # The parts of a workbook that are read apart, by path, in the order
        # a full read takes them: (kind, the list's place in its side or the
        # text's key).  The kinds are strings, not module constants: under
        # MicroPython every builtin (type, int, len) is first looked for in
        # the module's globals, and that miss grows slower as the globals
        # table fills.
        self.part_paths = []
        self.part_place = {}
        for key in ("id", "name", "account"):
            self._add_part(key, "text", key)
        for j in range(len(self.seller_lists)):
            self._add_part(self.seller_lists[j].path, "seller", j)
        self._add_part("stage", "stage", None)
        for j in range(len(self.client_lists)):
            # The client's personal points are each person's (model version 2).
            if not self.client_lists[j].leveled:
                self._add_part(self.client_lists[j].path, "client", j)
        self._add_part("people", "people", None)
        self._add_part("common_ground", "common_ground", None)
        self._add_part("settings", "settings", None)
        self._add_part("client_type", "client_type", None)
        self._add_part("review", "review", None)

    def _add_part(self, path, kind, where):
        self.part_paths.append(path)
        self.part_place[path] = (kind, where)

    def ui_text(self, language, key, values=None):
        """An interface text in `language` (else English), {name}s filled."""
        return fill(pick(self.ui[key], language), values)


def read(method):
    """The Content of a parsed method.json; a Content is returned as is."""
    if isinstance(method, Content):
        return method
    return Content(method)
