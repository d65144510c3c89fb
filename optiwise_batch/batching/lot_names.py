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
