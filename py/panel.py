"""Where the score panel shows each part of view.score_view(): the keys of
its elements and attributes, worked out once so the glue's painting on
every keystroke is a plain loop.  Pure."""

# Per stage of the curve: its dot's centre, its value's place and text, its
# stage label's place ("element key@attribute", or the element key alone
# for its text).
CURVE_KEY_PATTERNS = ("data-curve-dot:{0}@cx", "data-curve-dot:{0}@cy", "data-curve-value:{0}@x",
                      "data-curve-value:{0}@y", "data-curve-value:{0}", "data-curve-stage:{0}@x")


def curve_keys(stage_count):
    return [tuple(pattern.format(position) for pattern in CURVE_KEY_PATTERNS)
            for position in range(stage_count)]


def slots(shown, element_keys):
    """(group, name, text's key, bar width's key or None) of every text of
    `shown` that has an element on the page (`element_keys`)."""
    found = []
    for group, prefix in (("figures", "data-score:"), ("indicators", "data-indicator:"), ("parts", "data-part:")):
        for name in sorted(shown[group]):
            if prefix + name in element_keys:
                found.append((group, name, prefix + name, None))
    for name in sorted(shown["bars"]):
        found.append(("bars", name, "data-bar-value:" + name, "data-bar:" + name + "@width"))
    return found


def figure_slots(figures, element_keys):
    """(name, element key) of each of view.figures_view()'s texts that has
    an element on the page: what a keystroke writes at once."""
    return [(name, "data-score:" + name) for name in sorted(figures) if "data-score:" + name in element_keys]


# What scoring.score() never reads (it reads a workbook without notes,
# names or titles): typing there leaves the figures as they were, unless a
# note changed its point's status (editing.note_written).
FIGURE_FREE_FIELDS = ("note", "name", "title", "account")


def figures_may_change(field, status_changed=False):
    """Whether an edit of `field` can change T, IS, IC or R."""
    return status_changed or field not in FIGURE_FREE_FIELDS
