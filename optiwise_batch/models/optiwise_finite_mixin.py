# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import math

from odoo import api, models
from odoo.exceptions import ValidationError


class OptiwiseFiniteMixin(models.AbstractModel):
    """Refuses NaN and infinities in the float fields a model lists in
    ``_optiwise_finite_fields``, on create and write, with a clear error.
    Each class of the model (the model and every extension of it) lists its
    own fields; all of them are checked.

    A PostgreSQL CHECK lets NaN through (NaN compares greater than every
    number), and a float field with digits fails on NaN with a bare
    ``ValueError`` (HTTP 500 over JSON-2): the values are checked before
    either sees them.
    """

    _name = "optiwise.finite.mixin"
    _description = "Finite Figures (Optiwise)"
    _optiwise_finite_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        self._optiwise_check_finite_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._optiwise_check_finite_vals([vals])
        return super().write(vals)

    @api.model
    def _optiwise_get_finite_fields(self):
        """The fields every class of this model lists as finite."""
        return {
            name
            for cls in type(self).__mro__
            for name in vars(cls).get("_optiwise_finite_fields", ())
        }

    @api.model
    def _optiwise_check_finite_vals(self, vals_list):
        """Refuse a NaN or infinite value given for a finite field.

        :param list vals_list: the values of a create, or ``[vals]`` of a write
        :raises ValidationError: naming the field and the value
        """
        names = self._optiwise_get_finite_fields()
        for vals in vals_list:
            for name in names & vals.keys():
                value = vals[name]
                if isinstance(value, float) and not math.isfinite(value):
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be a finite number, not %(value)s.",
                            field=self._fields[name]._description_string(self.env),
                            value=value,
                        )
                    )
