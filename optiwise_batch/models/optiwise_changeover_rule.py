# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models

from ..arguments import as_record

# levels of one side of a rule: a product beats a family beats any
LEVEL_PRODUCT, LEVEL_FAMILY, LEVEL_ANY = 2, 1, 0


class OptiwiseChangeoverRule(models.Model):
    _name = "optiwise.changeover.rule"
    _inherit = ["mail.thread", "optiwise.finite.mixin"]
    _description = "Changeover Rule"
    _order = "workcenter_id, from_label, to_label, id"
    _rec_name = "display_name"
    _optiwise_finite_fields = ("duration", "cost")
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda s: s.env.company, index=True
    )
    active = fields.Boolean(default=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        check_company=True,
        index=True,
        tracking=True,
        help="Empty: the rule applies on every work center.",
    )
    from_product_id = fields.Many2one(
        "product.product", check_company=True, tracking=True
    )
    from_family_id = fields.Many2one("optiwise.changeover.family", tracking=True)
    to_product_id = fields.Many2one(
        "product.product", check_company=True, tracking=True
    )
    to_family_id = fields.Many2one("optiwise.changeover.family", tracking=True)
    from_label = fields.Char(
        string="From", compute="_compute_labels", store=True, index=True
    )
    to_label = fields.Char(string="To", compute="_compute_labels", store=True)
    workcenter_label = fields.Char(
        string="Where",
        compute="_compute_labels",
        store=True,
        help="The work center of the rule, or all work centers.",
    )
    duration = fields.Float(
        string="Duration (min)",
        required=True,
        tracking=True,
        aggregator="max",
        help="Planned changeover time, in minutes.",
    )
    cost = fields.Monetary(
        tracking=True,
        aggregator="max",
        help="Fixed cost of one changeover besides the work center's time (cleaning "
        "agents, flushed material).",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    checklist_id = fields.Many2one(
        "optiwise.changeover.checklist",
        check_company=True,
        tracking=True,
        help="Checks copied onto each changeover this rule plans.",
    )
    note = fields.Text()
    specificity = fields.Integer(
        compute="_compute_labels",
        store=True,
        help="Precedence of the rule: more specific rules win.",
    )

    _unique_transition = models.UniqueIndex(
        "(company_id, COALESCE(workcenter_id, 0), COALESCE(from_product_id, 0), "
        "COALESCE(from_family_id, 0), COALESCE(to_product_id, 0), "
        "COALESCE(to_family_id, 0)) WHERE active",
        "A changeover rule for this work center and transition already exists.",
    )
    _check_duration = models.Constraint(
        "CHECK(duration >= 0)", "Changeover minutes may not be negative."
    )
    _check_cost = models.Constraint(
        "CHECK(cost >= 0)", "A changeover cost may not be negative."
    )
    _check_from_side = models.Constraint(
        "CHECK(from_product_id IS NULL OR from_family_id IS NULL)",
        "Give the from side as a product or as a family, not both.",
    )
    _check_to_side = models.Constraint(
        "CHECK(to_product_id IS NULL OR to_family_id IS NULL)",
        "Give the to side as a product or as a family, not both.",
    )

    @api.depends(
        "from_product_id",
        "from_family_id",
        "to_product_id",
        "to_family_id",
        "workcenter_id",
    )
    def _compute_labels(self):
        any_label = self.env._("Any")
        for rule in self:
            rule.from_label = (
                rule.from_product_id.display_name
                or rule.from_family_id.name
                or any_label
            )
            rule.to_label = (
                rule.to_product_id.display_name or rule.to_family_id.name or any_label
            )
            rule.workcenter_label = rule.workcenter_id.display_name or self.env._(
                "All work centers"
            )
            rule.specificity = rule._precedence_key()[0] * 10 + bool(rule.workcenter_id)

    @api.depends("from_label", "to_label", "workcenter_id")
    def _compute_display_name(self):
        for rule in self:
            where = rule.workcenter_id.name or self.env._("all work centers")
            rule.display_name = f"{rule.from_label} → {rule.to_label} ({where})"

    def _precedence_key(self):
        """Sort key of a rule, highest first: (transition specificity, work center
        rule, to-side level, -id)."""
        self.ensure_one()
        from_level = (
            LEVEL_PRODUCT
            if self.from_product_id
            else LEVEL_FAMILY
            if self.from_family_id
            else LEVEL_ANY
        )
        to_level = (
            LEVEL_PRODUCT
            if self.to_product_id
            else LEVEL_FAMILY
            if self.to_family_id
            else LEVEL_ANY
        )
        return (from_level + to_level, bool(self.workcenter_id), to_level, -self.id)

    @api.model
    @api.readonly
    def get_changeover(
        self, workcenter_id: int, from_product_id: int | bool, to_product_id: int
    ) -> dict:
        """Planned changeover between two products on a work center.

        The most specific active rule of the work center's company wins: the
        sum of the levels of its two sides (product 2, family 1, any 0), then a
        rule of the work center before a rule of all work centers, then the
        more specific to side. From a product to the same product nothing is
        due unless a rule names that product on both sides. No previous product
        (``from_product_id`` False): nothing is due.

        :param int workcenter_id: ``mrp.workcenter`` id
        :param int from_product_id: ``product.product`` made before, or False
        :param int to_product_id: ``product.product`` made next
        :return: ``{"minutes": float, "fixed_cost": float, "planned_cost":
            float, "cost": float, "rule_id": int|False}``: ``fixed_cost`` is
            the rule's own cost (cleaning agents, a test), ``planned_cost``
            adds the minutes at the work center's hourly rate (what the
            changeover record of that transition plans), ``cost`` is
            ``fixed_cost`` (kept for integrations written before 19.0.2.2.0)
        :raises UserError: if a record does not exist or is not readable
        """
        self.check_access("read")
        _ = self.env._
        workcenter = as_record(
            self.env, "mrp.workcenter", workcenter_id, _("The work center")
        )
        to_product = as_record(
            self.env, "product.product", to_product_id, _("The product changed to")
        )
        from_product = as_record(
            self.env,
            "product.product",
            from_product_id,
            _("The product changed from"),
            required=False,
        )
        rule = self._resolve(workcenter, [(from_product, to_product)])[
            (from_product.id, to_product.id)
        ]
        minutes = rule.duration if rule else 0.0
        fixed = rule.cost if rule else 0.0
        return {
            "minutes": minutes,
            "fixed_cost": fixed,
            "planned_cost": fixed + minutes / 60 * workcenter.costs_hour,
            "cost": fixed,
            "rule_id": rule.id or False,
        }

    @api.model
    def _resolve(self, workcenter, pairs):
        """Winning rule per (from product, to product) pair on ``workcenter``.

        One search for all pairs; the empty recordset where no rule applies.

        :param pairs: iterable of (product.product, product.product); the from
            product may be empty
        :return: dict {(from_id, to_id): optiwise.changeover.rule}
        """
        pairs = list(pairs)
        rules = self.search(
            [
                ("company_id", "=", workcenter.company_id.id or self.env.company.id),
                ("workcenter_id", "in", [workcenter.id, False]),
            ]
        )
        index = {}
        for rule in rules:
            key = (
                rule.workcenter_id.id,
                ("p", rule.from_product_id.id)
                if rule.from_product_id
                else ("f", rule.from_family_id.id)
                if rule.from_family_id
                else ("a",),
                ("p", rule.to_product_id.id)
                if rule.to_product_id
                else ("f", rule.to_family_id.id)
                if rule.to_family_id
                else ("a",),
            )
            index[key] = rule
        result = {}
        empty = self.browse()
        for source, target in pairs:
            if not source:
                result[(False, target.id)] = empty
                continue
            if source == target:
                rule = index.get(
                    (workcenter.id, ("p", source.id), ("p", target.id))
                ) or index.get((False, ("p", source.id), ("p", target.id)))
                result[(source.id, target.id)] = rule or empty
                continue
            from_keys = [("p", source.id), ("a",)]
            to_keys = [("p", target.id), ("a",)]
            if source.optiwise_changeover_family_id:
                from_keys.insert(1, ("f", source.optiwise_changeover_family_id.id))
            if target.optiwise_changeover_family_id:
                to_keys.insert(1, ("f", target.optiwise_changeover_family_id.id))
            candidates = [
                index[key]
                for wc in (workcenter.id, False)
                for from_key in from_keys
                for to_key in to_keys
                if (key := (wc, from_key, to_key)) in index
            ]
            result[(source.id, target.id)] = (
                max(candidates, key=lambda r: r._precedence_key())
                if candidates
                else empty
            )
        return result
