# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class OptiwiseChangeoverTransition(models.Model):
    _name = "optiwise.changeover.transition"
    _description = "Changeover Transitions"
    _auto = False
    # total_cost is for cost roles: not an order every reader may use
    _order = "total_hours desc, id"
    _rec_name = "transition"

    company_id = fields.Many2one("res.company", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", readonly=True)
    from_product_id = fields.Many2one("product.product", readonly=True)
    to_product_id = fields.Many2one("product.product", readonly=True)
    transition = fields.Char(readonly=True)
    changeover_count = fields.Integer(string="Changeovers", readonly=True)
    total_hours = fields.Float(string="Total (h)", readonly=True)
    avg_minutes = fields.Float(string="Average (min)", readonly=True, aggregator="avg")
    avg_variance_minutes = fields.Float(
        string="Average Variance (min)", readonly=True, aggregator="avg"
    )
    total_cost = fields.Monetary(readonly=True, groups="optiwise_batch.group_manager")
    currency_id = fields.Many2one(related="company_id.currency_id")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT MIN(co.id) AS id,
                           co.company_id,
                           co.workcenter_id,
                           co.from_product_id,
                           co.to_product_id,
                           MIN(co.transition) AS transition,
                           COUNT(*) AS changeover_count,
                           SUM(co.actual_hours) AS total_hours,
                           AVG(co.actual_minutes) AS avg_minutes,
                           AVG(co.variance_minutes) AS avg_variance_minutes,
                           SUM(co.actual_cost) AS total_cost
                      FROM optiwise_changeover co
                     WHERE co.state = 'done'
                     GROUP BY co.company_id, co.workcenter_id, co.from_product_id,
                              co.to_product_id
                )
                """,
                view=SQL.identifier(self._table),
            )
        )
