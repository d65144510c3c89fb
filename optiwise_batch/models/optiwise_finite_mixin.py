# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, models

from ..guards import check_finite_vals


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
        check_finite_vals(self, vals_list, self._get_finite_fields())
        return super().create(vals_list)

    def write(self, vals):
        check_finite_vals(self, [vals], self._get_finite_fields())
        return super().write(vals)

    @api.model
    def _get_finite_fields(self):
        """The fields every class of this model lists as finite."""
        return {
            name
            for cls in type(self).__mro__
            for name in vars(cls).get("_optiwise_finite_fields", ())
        }
