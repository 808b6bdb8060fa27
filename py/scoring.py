"""Trust Workbook: the pure scoring core (scoring model version 1).

Plain data in, plain data out: ``score(workbook, method)`` takes a workbook
(docs/workbook-format.md) and the parsed ``content/method.json`` and returns a
plain dict (docs/scoring.md).  The core does no I/O and imports nothing but
builtins, so the same file runs under CPython (tests) and MicroPython (the
page).  Rules kept for MicroPython:

- dicts are not insertion-ordered there: every loop that decides an order
  walks a list (method.json arrays, workbook lists), never a dict;
- sort is not stable there: every choice uses a full, unique key;
- float formatting and round() differ: all arithmetic is exact integer
  arithmetic (settings are taken to 6 decimals, as integers of 1e-6), and
  rounding and display strings are made here from integers;
- isinstance(True, int) is False there and True in CPython: booleans are
  tested with ``type(x) is bool`` before any number test.
"""

MODEL_VERSION = 1
SCHEMA = "trust-workbook"
SCHEMA_VERSION = 1

UNIT = 1000000        # settings numbers are kept to 6 decimals (integers of 1e-6)
SETTING_MAX = 100     # upper bound of a weight, seller_personal_weight, level value
MAX_NEEDS = 30        # a workbook keeps at most this many needs ...
MAX_COMMON_GROUND = 30  # ... and this many shared items (the first ones)

_U = UNIT
_U2 = UNIT * UNIT
_U5 = _U2 * _U2 * UNIT
_NO_STAGE = 99        # sort rank of "no planned stage": after every stage

# Characters that make a text blank (CPython's str.isspace set plus
# zero-width characters); MicroPython's strip() knows only ASCII whitespace.
_WS = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
       "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d"
       "\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")

_KINDS = ("disclose", "learn", "raise_level", "add_common_ground")


# ---------------------------------------------------------------- numbers

def _rdiv(num, den):
    """num / den rounded half away from zero to an integer (den > 0)."""
    if num < 0:
        return -_rdiv(-num, den)
    q, r = divmod(num, den)
    if r + r >= den:
        q += 1
    return q


def _fmt_units(n, decimals):
    """Text of the integer n read as n / 10**decimals, trailing zeros cut."""
    sign = ""
    if n < 0:
        sign = "-"
        n = -n
    if decimals <= 0:
        return sign + str(n)
    scale = 10 ** decimals
    whole, frac = divmod(n, scale)
    text = str(whole)
    if frac:
        digits = str(frac)
        digits = "0" * (decimals - len(digits)) + digits
        text = text + "." + digits.rstrip("0")
    return sign + text


def _units_value(n, scale):
    """n / scale as an int when whole, else a float (exact division)."""
    if n % scale == 0:
        return n // scale
    return n / scale


def _fig(num, den):
    """(value rounded half away from zero to 2 decimals, its text) of the
    fraction num / den (den > 0); the value is an int when whole."""
    n = num * 100
    neg = n < 0
    if neg:
        n = -n
    c, r = divmod(n, den)
    if r + r >= den:
        c += 1
    whole, frac = divmod(c, 100)
    if frac == 0:
        value = whole
        text = str(whole)
    else:
        value = c / 100
        if frac < 10:
            text = str(whole) + ".0" + str(frac)
        elif frac % 10 == 0:
            text = str(whole) + "." + str(frac // 10)
        else:
            text = str(whole) + "." + str(frac)
    if neg and c:
        return -value, "-" + text
    return value, text


def _v2(num, den):
    """The value of _fig() alone: num / den (both >= 0) rounded to 2 decimals."""
    c, r = divmod(num * 100, den)
    if r + r >= den:
        c += 1
    if c % 100 == 0:
        return c // 100
    return c / 100


def _float_to_int(x):
    """A finite float rounded half away from zero to an int."""
    if x < 0:
        return -_float_to_int(-x)
    i = int(x)
    if x - i >= 0.5:
        i += 1
    return i


def _is_number(x):
    t = type(x)
    return t is int or t is float


def _quant(x, lo, hi, default):
    """A settings number as an integer of 1e-6, clamped to [lo, hi] (given in
    the same units); anything that is not a real number gives default."""
    t = type(x)
    if t is int:
        q = x * _U
    elif t is float:
        if x != x:
            return default
        if x >= hi / _U:
            return hi
        if x <= lo / _U:
            return lo
        q = _float_to_int(x * _U)
    else:
        return default
    if q < lo:
        return lo
    if q > hi:
        return hi
    return q


def _choice(x, lo, hi, default):
    """An integer choice (stage, severity, narrowness) clamped to [lo, hi];
    a float is rounded first; a non-number gives default."""
    t = type(x)
    if t is float:
        if x != x:
            return default
        if x >= hi:
            return hi
        if x <= lo:
            return lo
        return _float_to_int(x)
    if t is not int:
        return default
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def format_number(x, decimals=2):
    """Display text of a number rounded half away from zero to `decimals`
    places, trailing zeros cut ("248", "6.5", "0.33"); "" for a non-number.
    Uses no float formatting, so it prints the same in every interpreter."""
    t = type(x)
    if t is int:
        return str(x)
    if t is not float or x != x or x - x != 0:
        return ""
    return _fmt_units(_float_to_int(x * 10 ** decimals), decimals)


def is_blank(text):
    """True when text is not a string or holds only whitespace."""
    if not isinstance(text, str):
        return True
    if text and text[0] not in _WS:
        return False
    for ch in text:
        if ch not in _WS:
            return False
    return True


# ---------------------------------------------------------------- method

class _Method:
    """What the core needs from method.json, as lists in content order."""

    def __init__(self, method):
        sets = {}
        for ps in method["point_sets"]:
            sets[ps["id"]] = [it["id"] for it in ps["items"]]
        self.seller = []
        for sl in method["seller_lists"]:
            ids = sets[sl["points"]]
            self.seller.append((sl["id"], ids, _index(ids), sl.get("leveled") is True))
        self.client = []
        self.client_meta = []
        for cl in method["client_lists"]:
            if cl.get("free_list") is True:
                ids = None
                index = None
            else:
                ids = sets[cl["points"]]
                index = _index(ids)
            self.client.append((cl["id"], ids, index, cl.get("leveled") is True))
            self.client_meta.append((cl.get("label"), cl.get("risk")))
        self.levels = [lv["id"] for lv in method["levels"]]
        self.level_index = _index(self.levels)
        self.level_defaults = [_quant(lv["value"], 0, SETTING_MAX * _U, 0)
                               for lv in method["levels"]]
        stages = [st["id"] for st in method["stages"]]
        self.stages = stages
        self.stage_lo = min(stages)
        self.stage_hi = max(stages)
        sev = [s["id"] for s in method["severities"]]
        self.sev_lo = min(sev)
        self.sev_hi = max(sev)
        self.sev_default = sev[len(sev) // 2]
        self.visibilities = [v["id"] for v in method["visibilities"]]
        narrow = [n["value"] for n in method["narrowness"]]
        self.narrowness = narrow
        self.narrow_lo = min(narrow)
        self.narrow_hi = max(narrow)
        self.categories = [c["id"] for c in method["common_ground_categories"]]
        if "other" in self.categories:
            self.category_default = "other"
        else:
            self.category_default = self.categories[-1]
        self.preset_ids = [p["id"] for p in method["presets"]]
        self.preset_weights = {}
        for p in method["presets"]:
            self.preset_weights[p["id"]] = p["weights"]
        d = method["defaults"]
        self.default_preset = d["preset"]
        self.spw_default = _quant(d["seller_personal_weight"], 0, SETTING_MAX * _U, 0)
        self.p_lo = _quant(d.get("contact_factor_min", 0), 0, 10 ** 9 * _U, 0)
        self.p_hi = _quant(d.get("contact_factor_max", 10), 0, 10 ** 9 * _U, 0)
        self.p_default = _quant(d["contact_factor"], self.p_lo, self.p_hi, self.p_lo)


def _index(ids):
    index = {}
    for i in range(len(ids)):
        index[ids[i]] = i
    return index


def _method(method):
    if isinstance(method, _Method):
        return method
    return _Method(method)


def prepare(method):
    """Digest method.json once; score() and the helpers accept the digest in
    place of the parsed method (saves a little time per call)."""
    return _method(method)


# ---------------------------------------------------------------- reading

def _dict(x):
    if isinstance(x, dict):
        return x
    return {}


def _str(x):
    if isinstance(x, str):
        return x
    return ""


def _by_id(records, index):
    """The first record (a dict) for each known id of a fixed list."""
    found = {}
    if isinstance(records, (list, tuple)):
        for r in records:
            if isinstance(r, dict):
                i = r.get("id")
                if isinstance(i, str) and i in index and i not in found:
                    found[i] = r
    return found


def _free(records, limit, prefix):
    """The first `limit` dict records of a free list, each with a unique id:
    a missing, blank or repeated id gets the first unused prefix-N."""
    recs = []
    keep = []
    used = {}
    missing = False
    WS = _WS
    if isinstance(records, (list, tuple)):
        for r in records:
            if isinstance(r, dict):
                recs.append(r)
                i = r.get("id")
                if type(i) is str and i not in used and (
                        (i != "" and i[0] not in WS) or not is_blank(i)):
                    used[i] = True
                    keep.append(i)
                else:
                    keep.append(None)
                    missing = True
                if len(recs) >= limit:
                    break
    if missing:
        n = 0
        for k in range(len(keep)):
            if keep[k] is None:
                n += 1
                while (prefix + str(n)) in used:
                    n += 1
                keep[k] = prefix + str(n)
                used[keep[k]] = True
    return recs, keep


def _read_settings(s, cm):
    s = _dict(s)
    preset = s.get("preset")
    if not (isinstance(preset, str) and (preset in cm.preset_weights or preset == "custom")):
        preset = cm.default_preset
    base = cm.preset_weights.get(preset)
    if base is None:
        base = cm.preset_weights[cm.default_preset]
    given = _dict(s.get("weights"))
    hi = SETTING_MAX * _U
    wq = []
    for c in cm.client:
        wq.append(_quant(given.get(c[0]), 0, hi, _quant(base.get(c[0]), 0, hi, 0)))
    spw = _quant(s.get("seller_personal_weight"), 0, hi, cm.spw_default)
    lv_given = _dict(s.get("level_values"))
    lvq = []
    for k in range(len(cm.levels)):
        lvq.append(_quant(lv_given.get(cm.levels[k]), 0, hi, cm.level_defaults[k]))
    p = _quant(s.get("contact_factor"), cm.p_lo, cm.p_hi, cm.p_default)
    return (preset, wq, spw, lvq, p)


class _Data:
    """A workbook read leniently into tuples: the one reading used by both
    score() and normalise(), so score(normalise(w)) == score(w).  With
    `notes` false (for score()) what the score does not use is skipped:
    notes, visibilities, categories and shared-item ids.  The common
    well-formed cases are tested inline: function calls are costly under
    MicroPython."""

    def __init__(self, wb, cm, notes=True):
        wb = _dict(wb)
        WS = _WS
        self.meta = (_str(wb.get("id")), _str(wb.get("name")), _str(wb.get("account")))
        lo = cm.stage_lo
        hi = cm.stage_hi
        level_index = cm.level_index
        seller = _dict(wb.get("seller"))
        # seller point: (id, note, status 0 empty/1 prepared/2 disclosed, stage, level)
        self.seller = []
        for (lid, ids, index, leveled) in cm.seller:
            found = _by_id(seller.get(lid), index)
            pts = []
            for pid in ids:
                r = found.get(pid)
                if r is None:
                    pts.append((pid, "", 0, None, 0))
                    continue
                st = r.get("status")
                if st == "disclosed":
                    st = 2
                elif st == "prepared":
                    st = 1
                else:
                    st = 0
                stage = r.get("stage")
                if stage is not None and not (type(stage) is int and lo <= stage <= hi):
                    stage = _choice(stage, lo, hi, None)
                lvl = 0
                if leveled:
                    x = r.get("level")
                    if type(x) is str:
                        lvl = level_index.get(x, 0)
                note = ""
                if notes:
                    note = _str(r.get("note"))
                pts.append((pid, note, st, stage, lvl))
            self.seller.append(pts)
        client = _dict(wb.get("client"))
        # client point: (id, note, known, stage, level)
        # need: (id, text, severity, visibility, known, stage, counts)
        self.client = []
        for (lid, ids, index, leveled) in cm.client:
            pts = []
            if ids is None:
                recs, keep = _free(client.get(lid), MAX_NEEDS, "need-")
                slo = cm.sev_lo
                shi = cm.sev_hi
                for k in range(len(recs)):
                    r = recs[k]
                    text = r.get("text")
                    if type(text) is not str:
                        text = ""
                    vis = None
                    if notes:
                        vis = r.get("visibility")
                        if not (type(vis) is str and vis in cm.visibilities):
                            vis = cm.visibilities[0]
                    stage = r.get("stage")
                    if stage is not None and not (type(stage) is int and lo <= stage <= hi):
                        stage = _choice(stage, lo, hi, None)
                    sev = r.get("severity")
                    if not (type(sev) is int and slo <= sev <= shi):
                        sev = _choice(sev, slo, shi, cm.sev_default)
                    pts.append((keep[k], text, sev, vis, r.get("known") is True, stage,
                                (text != "" and text[0] not in WS) or not is_blank(text)))
            else:
                found = _by_id(client.get(lid), index)
                for pid in ids:
                    r = found.get(pid)
                    if r is None:
                        pts.append((pid, "", False, None, 0))
                        continue
                    stage = r.get("stage")
                    if stage is not None and not (type(stage) is int and lo <= stage <= hi):
                        stage = _choice(stage, lo, hi, None)
                    lvl = 0
                    if leveled:
                        x = r.get("level")
                        if type(x) is str:
                            lvl = level_index.get(x, 0)
                    note = ""
                    if notes:
                        note = _str(r.get("note"))
                    pts.append((pid, note, r.get("known") is True, stage, lvl))
            self.client.append(pts)
        # shared item: (id, text, category, narrowness, stage, counts); score()
        # needs neither ids nor categories (id "" and category None then)
        self.common = []
        nlo = cm.narrow_lo
        nhi = cm.narrow_hi
        if notes:
            recs, keep = _free(wb.get("common_ground"), MAX_COMMON_GROUND, "cg-")
        else:
            recs = []
            records = wb.get("common_ground")
            if isinstance(records, (list, tuple)):
                for r in records:
                    if isinstance(r, dict):
                        recs.append(r)
                        if len(recs) >= MAX_COMMON_GROUND:
                            break
        for k in range(len(recs)):
            r = recs[k]
            text = r.get("text")
            if type(text) is not str:
                text = ""
            cat = None
            if notes:
                cat = r.get("category")
                if not (type(cat) is str and cat in cm.categories):
                    cat = cm.category_default
            stage = r.get("stage")
            if stage is not None and not (type(stage) is int and lo <= stage <= hi):
                stage = _choice(stage, lo, hi, None)
            nw = r.get("narrowness")
            if not (type(nw) is int and nlo <= nw <= nhi):
                nw = _choice(nw, nlo, nhi, nlo)
            self.common.append((keep[k] if notes else "", text, cat, nw, stage,
                                (text != "" and text[0] not in WS) or not is_blank(text)))
        self.settings = _read_settings(wb.get("settings"), cm)


# ---------------------------------------------------------------- helpers

def _settings_dict(st, cm):
    preset, wq, spw, lvq, p = st
    weights = {}
    for j in range(len(cm.client)):
        weights[cm.client[j][0]] = _units_value(wq[j], _U)
    levels = {}
    for k in range(len(cm.levels)):
        levels[cm.levels[k]] = _units_value(lvq[k], _U)
    return {
        "preset": preset,
        "weights": weights,
        "seller_personal_weight": _units_value(spw, _U),
        "level_values": levels,
        "contact_factor": _units_value(p, _U),
    }


def settings_for(workbook, method):
    """The settings score() uses for this workbook: every key present,
    missing or bad values replaced by the defaults of method.json."""
    cm = _method(method)
    return _settings_dict(_read_settings(_dict(workbook).get("settings"), cm), cm)


def default_settings(method):
    """The settings of a new workbook."""
    cm = _method(method)
    return _settings_dict(_read_settings({}, cm), cm)


def _seller_record(pt, leveled, cm):
    r = {"id": pt[0], "note": pt[1], "status": ("empty", "prepared", "disclosed")[pt[2]],
         "stage": pt[3]}
    if leveled:
        r["level"] = cm.levels[pt[4]]
    return r


def _client_record(pt, leveled, cm):
    r = {"id": pt[0], "note": pt[1], "known": pt[2], "stage": pt[3]}
    if leveled:
        r["level"] = cm.levels[pt[4]]
    return r


def _workbook_from(d, cm):
    seller = {}
    for j in range(len(cm.seller)):
        lid, ids, index, leveled = cm.seller[j]
        seller[lid] = [_seller_record(pt, leveled, cm) for pt in d.seller[j]]
    client = {}
    for j in range(len(cm.client)):
        lid, ids, index, leveled = cm.client[j]
        if ids is None:
            client[lid] = [{"id": n[0], "text": n[1], "severity": n[2], "visibility": n[3],
                            "known": n[4], "stage": n[5]} for n in d.client[j]]
        else:
            client[lid] = [_client_record(pt, leveled, cm) for pt in d.client[j]]
    common = [{"id": c[0], "text": c[1], "category": c[2], "narrowness": c[3], "stage": c[4]}
              for c in d.common]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": d.meta[0],
        "name": d.meta[1],
        "account": d.meta[2],
        "seller": seller,
        "client": client,
        "common_ground": common,
        "settings": _settings_dict(d.settings, cm),
    }


def normalise(workbook, method):
    """A well-formed copy of any input; never raises.

    Every fixed point is present, in content order; unknown ids, non-record
    entries and unknown keys are dropped; a repeated fixed id keeps its first
    record; free-list records (needs, shared items) keep their order, are cut
    to MAX_NEEDS / MAX_COMMON_GROUND, and get a fresh id (need-N, cg-N) when
    theirs is missing, blank or repeated.  Bad values take the defaults;
    numbers are clamped: stage 1-4 (else null), severity 1-3, narrowness 1-3,
    contact factor 0-10, weights / level values 0-SETTING_MAX, all settings
    numbers kept to 6 decimals."""
    cm = _method(method)
    return _workbook_from(_Data(workbook, cm), cm)


def blank_workbook(method, id="", name=""):
    """A new workbook: every fixed point present and empty, no needs, no
    shared items, default settings."""
    cm = _method(method)
    wb = _workbook_from(_Data({}, cm), cm)
    wb["id"] = _str(id)
    wb["name"] = _str(name)
    return wb


# ---------------------------------------------------------------- scoring

def _share(count, total):
    """An indicator share: count, total, percent (2 decimals), text (whole
    percent).  A share of nothing (total 0) is 0."""
    if total <= 0:
        return {"count": count, "total": total, "percent": 0, "text": "0%"}
    return {"count": count, "total": total, "percent": _v2(count * 100, total),
            "text": str((count * 200 + total) // (total + total)) + "%"}


def score(workbook, method):
    """Score a workbook (any input: it is read as normalise() reads it).

    Returns a plain dict; see docs/scoring.md for every field."""
    cm = _method(method)
    d = _Data(workbook, cm, False)
    preset, wq, spw, lvq, p = d.settings
    U = _U
    U2 = _U2
    NS = _NO_STAGE
    nst = cm.stage_hi
    last_level = len(lvq) - 1

    # Inner loops add small integers ("units": one point, or a level value in
    # 1e-6); each list's units are turned into bundles of 1e-12 once, by the
    # list's factor f (bignum arithmetic is slow under MicroPython).

    # ---- seller side: A = IS in units of 1e-12
    a_now = 0
    a_at = [0] * (nst + 1)          # value first counted in the curve at stage k
    seller_parts = {}
    ready_all = disc_all = total_all = 0
    readiness = {}
    disclosure = {}
    cand_s = []                     # per list: (best disclose, best raise, f)
    spers = 0                       # unweighted personal bundles disclosed (1e-6)
    for j in range(len(cm.seller)):
        lid, ids, index, leveled = cm.seller[j]
        f = spw if leveled else U2
        pts = d.seller[j]
        at = [0] * (nst + 1)
        n_ready = n_disc = 0
        units = 0
        best_d = None
        best_r = None
        for i in range(len(pts)):
            pid, note, st, stage, lvl = pts[i]
            b = lvq[lvl] if leveled else 1
            if st == 2:
                n_ready += 1
                n_disc += 1
                units += b
                if stage is None:
                    at[1] += b
                else:
                    at[stage] += b
                if leveled and lvl < last_level:
                    db = lvq[lvl + 1] - lvq[lvl]
                    if db > 0:
                        key = (-db, NS if stage is None else stage, i)
                        if best_r is None or key < best_r[0]:
                            best_r = (key, db, pid, lvl)
            else:
                if st == 1:
                    n_ready += 1
                    if stage is not None:
                        at[stage] += b
                if b > 0:
                    key = (-b, 1 - st, NS if stage is None else stage, i)
                    if best_d is None or key < best_d[0]:
                        best_d = (key, b, pid, lvl)
        contrib = f * units
        a_now += contrib
        for k in range(1, nst + 1):
            if at[k]:
                a_at[k] += f * at[k]
        if leveled:
            spers += units
        total = len(pts)
        ready_all += n_ready
        disc_all += n_disc
        total_all += total
        readiness[lid] = _share(n_ready, total)
        disclosure[lid] = _share(n_disc, total)
        seller_parts[lid] = {"count": n_disc,
                             "bundles": _v2(units, U) if leveled else units,
                             "weight": _units_value(spw, U) if leveled else 1,
                             "contribution": _v2(contrib, U2)}
        cand_s.append((best_d, best_r, f))
    readiness["overall"] = _share(ready_all, total_all)
    disclosure["overall"] = _share(disc_all, total_all)

    # ---- client side: B = IC in units of 1e-12
    b_now = 0
    b_at = [0] * (nst + 1)
    client_parts = {}
    knowledge = {}
    know_count = know_total = 0
    know_frac = []                  # per list (count, total) for the weakest area
    cand_c = []
    cpers = 0
    for j in range(len(cm.client)):
        lid, ids, index, leveled = cm.client[j]
        w = wq[j]
        f = w if leveled else w * U
        pts = d.client[j]
        at = [0] * (nst + 1)
        n_known = 0
        listed = 0
        units = 0
        best_l = None
        best_r = None
        if ids is None:
            for n in pts:
                nid, text, sev, vis, known, stage, counts = n
                if not counts:
                    continue
                listed += 1
                if known:
                    n_known += 1
                    if stage is None:
                        at[1] += 1
                    else:
                        at[stage] += 1
                else:
                    if stage is not None:
                        at[stage] += 1
                    key = (NS if stage is None else stage, -sev, len(nid), nid)
                    if best_l is None or key < best_l[0]:
                        best_l = (key, 1, nid, None)
            units = n_known
        else:
            for i in range(len(pts)):
                pid, note, known, stage, lvl = pts[i]
                listed += 1
                b = lvq[lvl] if leveled else 1
                if known:
                    n_known += 1
                    units += b
                    if stage is None:
                        at[1] += b
                    else:
                        at[stage] += b
                    if leveled and lvl < last_level:
                        db = lvq[lvl + 1] - lvq[lvl]
                        if db > 0:
                            key = (-db, NS if stage is None else stage, i)
                            if best_r is None or key < best_r[0]:
                                best_r = (key, db, pid, lvl)
                else:
                    if stage is not None:
                        at[stage] += b
                    if b > 0:
                        key = (-b, NS if stage is None else stage, i)
                        if best_l is None or key < best_l[0]:
                            best_l = (key, b, pid, lvl if leveled else None)
            if leveled:
                cpers += units
        contrib = f * units
        b_now += contrib
        for k in range(1, nst + 1):
            if at[k]:
                b_at[k] += f * at[k]
        know_count += n_known
        know_total += listed
        know_frac.append((n_known, listed))
        knowledge[lid] = _share(n_known, listed)
        client_parts[lid] = {"count": n_known,
                             "bundles": _v2(units, U) if leveled else units,
                             "weight": _units_value(w, U),
                             "contribution": _v2(contrib, U2)}
        cand_c.append((best_l, best_r, f))
    knowledge["overall"] = _share(know_count, know_total)

    # ---- common ground: R in bundles
    r_now = 0
    r_at = [0] * (nst + 1)
    n_common = 0
    for c in d.common:
        if not c[5]:
            continue
        n_common += 1
        rv = (c[3] + 1) * (c[3] + 1)
        r_now += rv
        if c[4] is None:
            r_at[1] += rv
        else:
            r_at[c[4]] += rv

    R2 = r_now * U2
    A = a_now + R2
    B = b_now + R2
    T = p * A * B

    # ---- planned curve
    stages_out = []
    sa = sb = sr = 0
    for k in cm.stages:
        sa += a_at[k]
        sb += b_at[k]
        sr += r_at[k]
        tk = p * (sa + sr * U2) * (sb + sr * U2)
        tv, tt = _fig(tk, _U5)
        stages_out.append({"stage": k, "T": tv, "text": tt, "exact": [tk, _U5]})
    tv, tt = _fig(T, _U5)
    curve = {"stages": stages_out, "now": {"T": tv, "text": tt, "exact": [T, _U5]}}

    # ---- reciprocity over unweighted personal bundles
    reciprocity = None
    if spers > 0 or cpers > 0:
        lo = spers if spers < cpers else cpers
        hi = spers if spers > cpers else cpers
        rv, rt = _fig(lo, hi)
        reciprocity = {"seller": _v2(spers, U),
                       "client": _v2(cpers, U),
                       "value": rv, "text": rt,
                       "percent": _v2(lo * 100, hi),
                       "exact": [lo, hi]}

    # ---- weakest client area: lowest knowledge share, ties in content order
    wj = 0
    for j in range(1, len(know_frac)):
        c1, t1 = know_frac[j]
        c0, t0 = know_frac[wj]
        if t1 <= 0:
            c1, t1 = 0, 1
        if t0 <= 0:
            c0, t0 = 0, 1
        if c1 * t0 < c0 * t1:
            wj = j
    wid = cm.client[wj][0]
    weakest = {"list": wid, "percent": knowledge[wid]["percent"],
               "text": knowledge[wid]["text"],
               "label": cm.client_meta[wj][0], "risk": cm.client_meta[wj][1]}

    # ---- next moves: one candidate per (kind, list), exact closed-form gains
    moves = []
    for j in range(len(cm.seller)):
        lid = cm.seller[j][0]
        leveled = cm.seller[j][3]
        best_d, best_r, f = cand_s[j]
        if best_d is not None:
            g = p * B * f * best_d[1]
            moves.append((g, 0, j, "seller", lid, best_d[2],
                          cm.levels[best_d[3]] if leveled else None, None, None))
        if best_r is not None:
            g = p * B * f * best_r[1]
            moves.append((g, 2, j, "seller", lid, best_r[2],
                          cm.levels[best_r[3] + 1], cm.levels[best_r[3]], None))
    ns = len(cm.seller)
    for j in range(len(cm.client)):
        lid = cm.client[j][0]
        best_l, best_r, f = cand_c[j]
        if best_l is not None:
            g = p * A * f * best_l[1]
            lv = None if best_l[3] is None else cm.levels[best_l[3]]
            moves.append((g, 1, ns + j, "client", lid, best_l[2], lv, None, None))
        if best_r is not None:
            g = p * A * f * best_r[1]
            moves.append((g, 2, ns + j, "client", lid, best_r[2],
                          cm.levels[best_r[3] + 1], cm.levels[best_r[3]], None))
    best_cg = None
    for n in (cm.narrowness if len(d.common) < MAX_COMMON_GROUND else ()):
        rr = (n + 1) * (n + 1) * U2
        g = p * (rr * (A + B) + rr * rr)
        if best_cg is None or g > best_cg[0]:
            best_cg = (g, n)
    if best_cg is not None:
        moves.append((best_cg[0], 3, ns + len(cm.client), "common_ground", "common_ground",
                      None, None, None, best_cg[1]))
    ranked = []
    for m in moves:
        if m[0] > 0:
            ranked.append(((-m[0], m[1], m[2]), m))
    ranked.sort(key=_first)
    next_moves = []
    for item in ranked[:5]:
        g, kind, order, side, lid, pid, lv, from_lv, narrow = item[1]
        gv, gt = _fig(g, _U5)
        tv2, tt2 = _fig(T + g, _U5)
        next_moves.append({"kind": _KINDS[kind], "side": side, "list": lid, "id": pid,
                           "level": lv, "from_level": from_lv, "narrowness": narrow,
                           "gain": gv, "text": gt, "exact": [g, _U5],
                           "T_after": tv2, "T_after_text": tt2})

    # ---- totals
    totals = (("IS", a_now, U2), ("IC", b_now, U2), ("R", R2, U2),
              ("IS_total", A, U2), ("IC_total", B, U2), ("T", T, _U5))
    result = {"model_version": MODEL_VERSION}
    text = {}
    exact = {}
    for name, num, den in totals:
        v, t = _fig(num, den)
        result[name] = v
        text[name] = t
        exact[name] = [num, den]
    result["text"] = text
    result["exact"] = exact
    result["parts"] = {"seller": seller_parts, "client": client_parts,
                       "common_ground": {"count": n_common, "R": r_now}}
    result["settings"] = _settings_dict(d.settings, cm)
    result["indicators"] = {"readiness": readiness, "disclosure": disclosure,
                            "knowledge": knowledge, "reciprocity": reciprocity,
                            "curve": curve, "weakest": weakest}
    result["next_moves"] = next_moves
    return result


def _first(item):
    return item[0]


# ---------------------------------------------------------------- JSON out

def _json_escapes():
    hexd = "0123456789abcdef"
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
    pairs = []
    for c in list(range(32)) + [0x2028, 0x2029]:
        ch = chr(c)
        esc = named.get(ch)
        if esc is None:
            esc = "\\u" + hexd[c >> 12] + hexd[(c >> 8) & 15] + hexd[(c >> 4) & 15] + hexd[c & 15]
        pairs.append((ch, esc))
    return pairs


_ESCAPES = _json_escapes()


_KEY_TEXT = {}


def _json_text(s):
    # str.replace, `in` and min() run in C; a Python loop over the
    # characters is many times slower under MicroPython.
    if "\\" in s:
        s = s.replace("\\", "\\\\")
    if '"' in s:
        s = s.replace('"', '\\"')
    if s and min(s) < " ":
        for ch, esc in _ESCAPES[:32]:
            if ch in s:
                s = s.replace(ch, esc)
    if "\u2028" in s:
        s = s.replace("\u2028", "\\u2028")
    if "\u2029" in s:
        s = s.replace("\u2029", "\\u2029")
    return '"' + s + '"'


def _json_key(k):
    t = _KEY_TEXT.get(k)
    if t is None:
        t = _json_text(k)
        if len(_KEY_TEXT) < 1000:
            _KEY_TEXT[k] = t
    return t


def _json(x, out, indent, depth):
    if x is None:
        out.append("null")
    elif x is True:
        out.append("true")
    elif x is False:
        out.append("false")
    elif isinstance(x, str):
        out.append(_json_text(x))
    elif type(x) is int:
        out.append(str(x))
    elif type(x) is float:
        t = format_number(x, 6) if -1e15 < x < 1e15 else ""
        if t == "" and x == x and x - x == 0:
            t = str(int(x))
        out.append(t if t else "null")
    elif isinstance(x, dict):
        keys = sorted([k for k in x if isinstance(k, str)])
        if not keys:
            out.append("{}")
            return
        out.append("{")
        for n in range(len(keys)):
            if n:
                out.append(",")
            if indent is not None:
                out.append("\n" + " " * (indent * (depth + 1)))
            out.append(_json_key(keys[n]))
            out.append(": " if indent is not None else ":")
            _json(x[keys[n]], out, indent, depth + 1)
        if indent is not None:
            out.append("\n" + " " * (indent * depth))
        out.append("}")
    elif isinstance(x, (list, tuple)):
        if not x:
            out.append("[]")
            return
        out.append("[")
        for n in range(len(x)):
            if n:
                out.append(",")
            if indent is not None:
                out.append("\n" + " " * (indent * (depth + 1)))
            _json(x[n], out, indent, depth + 1)
        if indent is not None:
            out.append("\n" + " " * (indent * depth))
        out.append("]")
    else:
        out.append("null")


def dumps(obj, indent=None):
    """Canonical JSON text: object keys sorted, non-ASCII written as is,
    floats with at most 6 decimals (by format_number), NaN/Infinity and
    unknown types as null.  The same text in CPython and MicroPython (whose
    json.dumps has neither sort_keys nor indent)."""
    out = []
    _json(obj, out, indent, 0)
    return "".join(out)
