# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.tools import SQL


class OptiwiseLotCounter(models.Model):
    """The last counter a batch lot name pattern gave, per product and name
    stem (``SAUCE-2612-`` of ``SAUCE-{date:%y%m}-{seq:03d}``).

    Taken with one upsert, so two planners naming batches of one product at
    once never get the same number: the second waits on the first's row, and
    at REPEATABLE READ is refused and retried by Odoo, then counts on from
    it. Lots named by hand count too: the counter never goes below the
    highest existing lot of the stem.
    """

    _name = "optiwise.lot.counter"
    _description = "Batch Lot Name Counter"
    _log_access = False

    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="cascade"
    )
    stem = fields.Char(required=True, readonly=True)
    last = fields.Integer(readonly=True)

    _product_stem_uniq = models.UniqueIndex("(product_id, stem)")

    @api.model
    def _take(self, product, stem, existing, count):
        """Take ``count`` numbers for ``stem`` of ``product``, after the
        highest of the counter and of the existing lots (``existing``);
        return the first."""
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO optiwise_lot_counter AS counter (product_id, stem, last)
                VALUES (%(product)s, %(stem)s, %(existing)s + %(count)s)
                ON CONFLICT (product_id, stem) DO UPDATE
                   SET last = GREATEST(counter.last, %(existing)s) + %(count)s
                RETURNING last
                """,
                product=product.id,
                stem=stem,
                existing=existing,
                count=count,
            )
        )
        return rows[0][0] - count + 1
