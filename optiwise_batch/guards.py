# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks shared by the Optiwise models (see ``optiwise.finite.mixin``)."""

import math

from odoo.exceptions import ValidationError


def check_finite_vals(model, vals_list, field_names):
    """Refuse NaN and infinite values given for the float fields ``field_names``.

    :param model: the model written (for the fields' labels)
    :param list vals_list: the values of a create, or ``[vals]`` of a write
    :raises ValidationError: naming the field and the value
    """
    for vals in vals_list:
        for name in field_names:
            value = vals.get(name)
            if isinstance(value, float) and not math.isfinite(value):
                raise ValidationError(
                    model.env._(
                        "%(field)s must be a finite number, not %(value)s.",
                        field=model._fields[name]._description_string(model.env),
                        value=value,
                    )
                )
