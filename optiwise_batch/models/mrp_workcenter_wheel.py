# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The product wheel of a work center: its products' repeating cycle with the
least changeover."""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import sequencing
from ..arguments import (
    as_int,
    as_quantity,
    as_records,
    single,
)

_logger = logging.getLogger(__name__)


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    @api.readonly
    def compute_product_wheel(
        self,
        product_ids: list[int] | None = None,
        run_minutes: list[float] | None = None,
        time_limit: float = 5.0,
        seed: int = 0,
    ) -> dict:
        """The product wheel of this work center: the repeating cycle of its
        products with the least changeover per cycle (the sequence returns
        to its first product), entered where the first cycle is cheapest
        from what the work center made last.

        :param list product_ids: products of the wheel, each once; default
            the products of this work center's work orders to do and of
            those done in the last 90 days
        :param list run_minutes: minutes each product runs per cycle, in the
            order of ``product_ids``; default the mean expected duration of
            its work orders here (0 without any)
        :param float time_limit: seconds the search may last at most
            (0 < t <= 60)
        :param int seed: seed of the search (same seed, same answer)
        :return: dict with ``products`` (the cycle, each ``product_id``,
            ``changeover_minutes`` before it in a running wheel and
            ``run_minutes``), ``changeover_minutes_per_cycle``,
            ``run_minutes_per_cycle``, ``cycle_minutes`` (both),
            ``changeover_share`` (% of the cycle), ``entry_changeover_minutes``
            (from what was made last to the first product) and
            ``start_product_id``
        :raises UserError: on repeated or unknown products, run minutes that
            do not match them, or a bad time limit
        """
        single(self, "compute_product_wheel")
        self.check_access("read")
        _ = self.env._
        seed = as_int(self.env, seed, _("The seed"), minimum=0)
        time_limit = self._optiwise_time_limit(time_limit)
        if product_ids is None or product_ids is False:
            products = self._optiwise_wheel_default_products()
        else:
            products = as_records(
                self.env, "product.product", product_ids, _("The products")
            )
            if len(set(product_ids)) != len(product_ids):
                raise UserError(_("List each product of the wheel once."))
        defaults = self._optiwise_wheel_default_run_minutes(products)
        if run_minutes is None or run_minutes is False:
            runs = [defaults[product.id] for product in products]
        else:
            if not isinstance(run_minutes, (list, tuple)) or len(run_minutes) != len(
                products
            ):
                raise UserError(
                    _(
                        "Give one run time in minutes per product of the wheel "
                        "(%(count)s), in the order of the products.",
                        count=len(products),
                    )
                )
            runs = [
                as_quantity(self.env, value, _("A run time")) for value in run_minutes
            ]
        start_product = self._optiwise_get_sequence_start_product(
            self.env["mrp.workorder"].search(
                [("workcenter_id", "=", self.id), ("state", "in", ("blocked", "ready"))]
            )
        )
        minutes = self._optiwise_changeover_minutes(
            [(a, b) for a in products for b in products]
            + [(start_product, b) for b in products]
        )
        items = list(products)
        result = sequencing.solve(
            [[minutes[a.id, b.id] for b in items] for a in items],
            runs,
            start_setup=[minutes[start_product.id, b.id] for b in items],
            time_limit=time_limit,
            seed=seed,
            cyclic=True,
        )
        order = result["order"]
        lines = []
        for position, index in enumerate(order):
            previous = items[order[position - 1]]
            lines.append(
                {
                    "product_id": items[index].id,
                    "changeover_minutes": minutes[previous.id, items[index].id]
                    if len(order) > 1
                    else 0.0,
                    "run_minutes": runs[index],
                }
            )
        changeover = sum(line["changeover_minutes"] for line in lines)
        running = sum(runs)
        cycle = changeover + running
        _logger.info(
            "product wheel of %s: %d products, %.0f min of changeover per %.0f min "
            "cycle, %d rounds in %.2f s (%s)",
            self.display_name,
            len(items),
            changeover,
            cycle,
            result["iterations"],
            result["seconds"],
            result["stopped_by"],
        )
        return {
            "products": lines,
            "changeover_minutes_per_cycle": changeover,
            "run_minutes_per_cycle": running,
            "cycle_minutes": cycle,
            "changeover_share": 100.0 * changeover / cycle if cycle else 0.0,
            "entry_changeover_minutes": minutes[start_product.id, items[order[0]].id]
            if order
            else 0.0,
            "start_product_id": start_product.id or False,
        }

    def _optiwise_wheel_default_products(self):
        """Products of this work center's work orders to do or done in the
        last 90 days."""
        since = fields.Datetime.now() - timedelta(days=90)
        rows = self.env["mrp.workorder"]._read_group(
            [
                ("workcenter_id", "=", self.id),
                "|",
                ("state", "in", ("blocked", "ready", "progress")),
                "&",
                ("state", "=", "done"),
                ("date_finished", ">=", since),
            ],
            ["product_id"],
        )
        return self.env["product.product"].union(*(product for (product,) in rows))

    def _optiwise_wheel_default_run_minutes(self, products):
        """Mean expected minutes of each product's work orders here."""
        rows = self.env["mrp.workorder"]._read_group(
            [("workcenter_id", "=", self.id), ("product_id", "in", products.ids)],
            ["product_id"],
            ["duration_expected:avg"],
        )
        means = {product.id: mean or 0.0 for product, mean in rows}
        return {product.id: means.get(product.id, 0.0) for product in products}
