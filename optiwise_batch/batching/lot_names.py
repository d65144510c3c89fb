# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch lot name patterns, free of the ORM.

A pattern is a ``str.format`` template with three placeholders only:
``{code}`` (the product's internal reference), ``{date:...}`` (strftime codes)
and ``{seq:...}`` (a counter). Anything else that ``str.format`` would accept,
attribute or item access (``{code.upper}``, ``{seq.__class__}``), positional
fields (``{0}``), conversions (``{code!r}``) or placeholders nested in a format
spec, is refused: the pattern is typed by users, and ``str.format`` would
otherwise reach into Python objects.
"""

import string

PLACEHOLDERS = ("code", "date", "seq")


def check_pattern(pattern):
    """The placeholders ``pattern`` uses, once it is known to be safe.

    :param str pattern: e.g. ``"{code}-{date:%y%m%d}-{seq:03d}"``
    :return: set of the placeholder names used
    :raises TypeError: if ``pattern`` is not a string
    :raises ValueError: with what is wrong, for anything but text and the
        three documented placeholders
    """
    if not isinstance(pattern, str):
        raise TypeError("a lot name pattern is text")
    used = set()
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # unbalanced braces
        raise ValueError(f"braces do not pair up ({exc})") from exc
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            raise ValueError(
                f"{{{field}}} is not a placeholder: use {{code}}, {{date:...}} "
                "or {seq:...} as they are, without attributes or indexes"
            )
        if conversion:
            raise ValueError(f"{{{field}!{conversion}}}: no conversion is allowed")
        if spec and ("{" in spec or "}" in spec):
            raise ValueError(f"{{{field}:{spec}}}: no placeholder inside a format")
        used.add(field)
    return used


# GS1 AI (10), batch or lot number: at most 20 characters of GS1's character
# set 82 (GS1 General Specifications, figure 7.11-1)
AI10_MAX_LENGTH = 20
GS1_CHARSET_82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    "abcdefghijklmnopqrstuvwxyz"
)
# the counter's largest value a pattern is checked for (batches per stem)
LONGEST_SEQ = 9999


def ai10_problem(name):
    """Why ``name`` cannot travel as GS1 AI (10), or "" if it can."""
    if not name:
        return "it is empty"
    if len(name) > AI10_MAX_LENGTH:
        return f"it has {len(name)} characters, GS1 allows {AI10_MAX_LENGTH}"
    bad = sorted({char for char in name if char not in GS1_CHARSET_82})
    if bad:
        return "it holds characters GS1 does not allow: " + " ".join(
            repr(char) for char in bad
        )
    return ""


def sample_dates():
    """Dates whose formats are the longest any date gives: each month, each
    weekday, late in the day, two-digit days."""
    from datetime import datetime

    return [
        datetime(2026, month, day, 23, 59, 59)
        for month in range(1, 13)
        for day in range(22, 29)
    ]


def longest_name(pattern, code):
    """The longest name ``pattern`` can give for product code ``code`` (the
    counter up to :data:`LONGEST_SEQ`), and one such name."""
    names = [
        pattern.format(code=code, date=date, seq=seq)
        for date in sample_dates()
        for seq in (1, LONGEST_SEQ)
    ]
    longest = max(names, key=len)
    return len(longest), longest


def compact_run_name(name):
    """A run's name without separators (``RUN/2612/006`` -> ``RUN2612006``),
    the stem of its day and shift lots."""
    return "".join(char for char in name if char.isalnum())
