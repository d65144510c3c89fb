# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of the arguments of public (RPC) methods.

Callers over XML-RPC and JSON-2 send whatever they like: every argument is
checked for its type and range here, and a wrong one is a ``UserError`` that
says what is wrong (never a traceback, never an HTTP 500). A bool is not a
number, ``"12"`` is not a number, a list is not a string.
"""

import math
from datetime import datetime

from odoo.exceptions import UserError

# far above any real declaration, far below what breaks date arithmetic
MAX_QUANTITY = 1e9


def as_quantity(env, value, label, allow_zero=True):
    """``value`` as a float quantity: a finite int or float, not a bool, from 0
    (or above 0) up to :data:`MAX_QUANTITY`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserError(
            env._(
                "%(label)s must be a number, not %(value)r.", label=label, value=value
            )
        )
    value = float(value)
    if not math.isfinite(value):
        raise UserError(
            env._(
                "%(label)s must be a finite number, not %(value)s.",
                label=label,
                value=value,
            )
        )
    if value < 0:
        raise UserError(
            env._(
                "%(label)s may not be negative (%(value)s).", label=label, value=value
            )
        )
    if value > MAX_QUANTITY:
        raise UserError(
            env._(
                "%(label)s may be at most %(max)s, not %(value)s.",
                label=label,
                max=f"{MAX_QUANTITY:,.0f}",
                value=value,
            )
        )
    if not allow_zero and not value:
        raise UserError(env._("%(label)s must be above 0.", label=label))
    return value


# control characters text may hold: line breaks and tabs (notes), and the GS1
# group separator (FNC1) of a scanned code where the caller allows it
TEXT_CONTROLS = frozenset("\n\r\t")
GROUP_SEPARATOR = "\x1d"


def as_text(env, value, label, max_length=128, controls=TEXT_CONTROLS):
    """``value`` as stripped text, or None when empty (None, False, '').

    Control characters other than ``controls`` (line breaks and tabs by
    default) are refused, NUL included (PostgreSQL stores no NUL in text).
    """
    if value is None or value is False or value == "":
        return None
    if not isinstance(value, str):
        raise UserError(
            env._("%(label)s must be text, not %(value)r.", label=label, value=value)
        )
    bad = sorted(
        {
            char
            for char in value
            if (ord(char) < 32 or 127 <= ord(char) < 160) and char not in controls
        }
    )
    if bad:
        raise UserError(
            env._(
                "%(label)s holds control characters (%(codes)s): send plain text.",
                label=label,
                codes=", ".join(f"U+{ord(char):04X}" for char in bad),
            )
        )
    value = value.strip()
    if len(value) > max_length:
        raise UserError(
            env._(
                "%(label)s may hold at most %(count)s characters.",
                label=label,
                count=max_length,
            )
        )
    return value or None


def as_datetime(env, value, label):
    """``value`` (``YYYY-MM-DD HH:MM:SS``, UTC) as a naive datetime, or None."""
    if value is None or value is False or value == "":
        return None
    if not isinstance(value, str):
        raise UserError(
            env._(
                "%(label)s must be a date and time as text (YYYY-MM-DD HH:MM:SS, "
                "UTC), not %(value)r.",
                label=label,
                value=value,
            )
        )
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise UserError(
        env._(
            "%(label)s %(value)r is not a date and time: give YYYY-MM-DD HH:MM:SS "
            "(UTC).",
            label=label,
            value=value,
        )
    )


def as_int(env, value, label, minimum=None):
    """``value`` as an int (not a bool, not a float, not text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise UserError(
            env._(
                "%(label)s must be a whole number, not %(value)r.",
                label=label,
                value=value,
            )
        )
    if minimum is not None and value < minimum:
        raise UserError(
            env._("%(label)s must be at least %(min)s.", label=label, min=minimum)
        )
    return value


def as_bool(env, value, label):
    """``value`` as a bool: true or false, nothing else."""
    if not isinstance(value, bool):
        raise UserError(
            env._(
                "%(label)s must be true or false, not %(value)r.",
                label=label,
                value=value,
            )
        )
    return value


def as_record(env, model, value, label, required=True):
    """The record of ``model`` with id ``value`` (an int), readable by the
    caller; ``None``/``False`` give an empty recordset unless ``required``."""
    if (value is None or value is False) and not required:
        return env[model]
    as_int(env, value, label, minimum=1)
    record = env[model].browse(value).exists()
    if not record:
        raise UserError(
            env._("%(label)s: no record with id %(id)s.", label=label, id=value)
        )
    record.check_access("read")
    return record


def as_records(env, model, value, label):
    """The records of ``model`` with the ids in ``value`` (a list of ints,
    each once), all existing and readable by the caller."""
    if not isinstance(value, (list, tuple)):
        raise UserError(
            env._(
                "%(label)s must be a list of ids, not %(value)r.",
                label=label,
                value=value,
            )
        )
    for item in value:
        as_int(env, item, label, minimum=1)
    records = env[model].browse(value)
    missing = set(value) - set(records.exists().ids)
    if missing:
        raise UserError(
            env._(
                "%(label)s: no record with id %(ids)s.",
                label=label,
                ids=", ".join(str(i) for i in sorted(missing)),
            )
        )
    records.check_access("read")
    return records


def single(records, method):
    """``records`` if it is one record, else a clear error (not ``Expected
    singleton``): ``method`` works on one record per call."""
    if len(records) != 1:
        raise UserError(
            records.env._(
                "%(method)s works on one %(model)s at a time, not %(count)s: call "
                "it once per record.",
                method=method,
                model=records._description,
                count=len(records),
            )
        )
    return records
