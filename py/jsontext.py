"""Trust Workbook: text of plain data, the same in CPython and MicroPython.

``dumps()`` writes canonical JSON (keys sorted, compact or indented) and
``readable()`` the layout a person opens (records of plain values, or of
lists of them, on one line; keys in a given order).  Both write numbers with ``format_number()``
and strings with the same escapes, because MicroPython's json.dumps has
neither sort_keys nor indent and its float formatting differs.  What counts
as whitespace in typed text (``is_blank``) is decided here once, since
MicroPython's str.strip() knows only ASCII whitespace.
"""

# Characters that make a text blank (CPython's str.isspace set plus
# zero-width characters).
WHITESPACE = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
              "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d"
              "\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")


def is_blank(text):
    """True when text is not a string or holds only whitespace."""
    if not isinstance(text, str):
        return True
    if text and text[0] not in WHITESPACE:
        return False
    for ch in text:
        if ch not in WHITESPACE:
            return False
    return True


# ---------------------------------------------------------------- numbers

def decimal_text(n, decimals):
    """Text of the integer n read as n / 10**decimals, trailing zeros cut."""
    sign = ""
    if n < 0:
        sign = "-"
        n = -n
    if decimals <= 0:
        return sign + str(n)
    whole, fraction = divmod(n, 10 ** decimals)
    text = str(whole)
    if fraction:
        digits = str(fraction)
        digits = "0" * (decimals - len(digits)) + digits
        text = text + "." + digits.rstrip("0")
    return sign + text


def round_half_away(x):
    """A finite float rounded half away from zero to an int."""
    if x < 0:
        return -round_half_away(-x)
    whole = int(x)
    if x - whole >= 0.5:
        whole += 1
    return whole


def format_number(x, decimals=2):
    """Display text of a number rounded half away from zero to `decimals`
    places, trailing zeros cut ("248", "6.5", "0.33"); "" for a non-number.
    Uses no float formatting, so it prints the same in every interpreter."""
    kind = type(x)
    if kind is int:
        return str(x)
    if kind is not float or x != x or x - x != 0:
        return ""
    return decimal_text(round_half_away(x * 10 ** decimals), decimals)


# ---------------------------------------------------------------- scalars

def _control_escapes():
    """(character, JSON escape) for the control characters U+0000-U+001F."""
    hex_digits = "0123456789abcdef"
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
    pairs = []
    for code in range(32):
        ch = chr(code)
        escape = named.get(ch)
        if escape is None:
            escape = "\\u00" + hex_digits[code >> 4] + hex_digits[code & 15]
        pairs.append((ch, escape))
    return pairs


_CONTROL_ESCAPES = _control_escapes()

_KEY_JSON = {}            # JSON text of object keys seen (keys repeat a lot)
_KEY_JSON_LIMIT = 1000


def _string(s):
    # str.replace, `in` and min() run in C; a Python loop over the
    # characters is many times slower under MicroPython.
    if "\\" in s:
        s = s.replace("\\", "\\\\")
    if '"' in s:
        s = s.replace('"', '\\"')
    if s and min(s) < " ":
        for ch, escape in _CONTROL_ESCAPES:
            if ch in s:
                s = s.replace(ch, escape)
    # U+2028/U+2029 are valid JSON but end a line in older JavaScript.
    if "\u2028" in s:
        s = s.replace("\u2028", "\\u2028")
    if "\u2029" in s:
        s = s.replace("\u2029", "\\u2029")
    return '"' + s + '"'


def _key(key):
    text = _KEY_JSON.get(key)
    if text is None:
        text = _string(key)
        if len(_KEY_JSON) < _KEY_JSON_LIMIT:
            _KEY_JSON[key] = text
    return text


def _float(x):
    text = format_number(x, 6) if -1e15 < x < 1e15 else ""
    if text == "" and x == x and x - x == 0:
        text = str(int(x))      # a finite float too large for 6 decimals
    return text if text else "null"


def _scalar(x):
    """JSON text of a value that is neither a dict nor a list."""
    if x is None:
        return "null"
    if x is True:
        return "true"
    if x is False:
        return "false"
    if isinstance(x, str):
        return _string(x)
    if type(x) is int:
        return str(x)
    if type(x) is float:
        return _float(x)
    return "null"


# ---------------------------------------------------------------- writing

def _entries(x, key_rank):
    """(keys or None, values, brackets) of a dict (keys sorted by key_rank,
    else plainly) or a list; None for any other value."""
    if isinstance(x, dict):
        keys = [key for key in x if isinstance(key, str)]
        keys = sorted(keys) if key_rank is None else sorted(keys, key=key_rank)
        return keys, [x[key] for key in keys], "{}"
    if isinstance(x, (list, tuple)):
        return None, x, "[]"
    return None


def _write(x, out, depth, indent, key_rank, flat_on_one_line):
    """Append the JSON text of x: compact when indent is None, else indented
    by `indent` spaces a level; with flat_on_one_line a record or list of
    plain values goes on one line (a list of points reads like a table)."""
    entries = _entries(x, key_rank)
    if entries is None:
        out.append(_scalar(x))
        return
    keys, values, brackets = entries
    if not values:
        out.append(brackets)
        return
    if flat_on_one_line and _is_flat(values, keys is not None):
        if keys is None:
            texts = [_scalar(item) for item in values]
        else:
            texts = [_key(keys[n]) + ": " + _flat(values[n]) for n in range(len(keys))]
        out.append(brackets[0] + ", ".join(texts) + brackets[1])
        return
    inner = None if indent is None else "\n" + " " * (indent * (depth + 1))
    out.append(brackets[0])
    for n in range(len(values)):
        if n:
            out.append(",")
        if inner is not None:
            out.append(inner)
        if keys is not None:
            out.append(_key(keys[n]))
            out.append(":" if indent is None else ": ")
        _write(values[n], out, depth + 1, indent, key_rank, flat_on_one_line)
    if inner is not None:
        out.append("\n" + " " * (indent * depth))
    out.append(brackets[1])


def _holds_container(values):
    for item in values:
        if isinstance(item, (dict, list, tuple)):
            return True
    return False


def _flat(x):
    """A plain value, or a list of them, as it stands on one line."""
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join([_scalar(item) for item in x]) + "]"
    return _scalar(x)


def _is_flat(values, record):
    """Whether values go on one line: plain values, or for a record also
    lists of plain values (a shared item's "with", a move's "people")."""
    for item in values:
        if isinstance(item, dict):
            return False
        if isinstance(item, (list, tuple)) and (not record or _holds_container(item)):
            return False
    return True


def dumps(obj, indent=None):
    """Canonical JSON text: object keys sorted, non-ASCII written as is,
    floats with at most 6 decimals (by format_number), NaN/Infinity and
    unknown types as null."""
    out = []
    _write(obj, out, 0, indent, None, False)
    return "".join(out)


def key_order(keys):
    """A sort key for readable(): the keys named, in this order, then every
    other key in sorted order."""
    rank = {}
    for position in range(len(keys)):
        rank[keys[position]] = position
    last = len(keys)

    def key_rank(key):
        return (rank.get(key, last), key)

    return key_rank


def readable(document, key_rank=None):
    """Readable JSON text: indented by two spaces, a record of plain values
    on one line (a list of points reads like a table, and the file is half
    the size), keys sorted by `key_rank` (from key_order(); else sorted),
    non-ASCII written as is, ending with a newline."""
    out = []
    _write(document, out, 0, 2, key_rank, True)
    out.append("\n")
    return "".join(out)
