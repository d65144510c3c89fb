# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures shared by the tests of the Optiwise addons.

Never relies on demo data: every record a test needs is built here.
"""

import logging
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user

_logger = logging.getLogger(__name__)

# every context key an Optiwise guard ever read (or a caller might hope
# opens one), and core's keys that skip checks elsewhere: none may open a guard
ATTACK_CONTEXTS = (
    {},
    {"optiwise_cost_rebuild": True},
    {"optiwise_qc_decision": True},
    {"optiwise_released_lots_only": False},
    {"install_mode": True},
    {"tracking_disable": True},
    {"skip_readonly_check": True},
    {"bypass_reservation_update": True},
)


class OptiwiseCase(TransactionCase):
    """Users of each production role, for tests that run flows as non-admins."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.operator = new_test_user(
            cls.env,
            login="ow_operator",
            groups="optiwise_batch.group_user",
            name="Line Operator",
        )
        cls.manager = new_test_user(
            cls.env,
            login="ow_manager",
            groups="optiwise_batch.group_manager",
            name="Production Manager",
        )
        cls.stock_user = new_test_user(
            cls.env,
            login="ow_stock_user",
            groups="stock.group_stock_user",
            name="Warehouse Clerk",
        )

    @classmethod
    def _user_of_other_company(cls, login, groups):
        """A new company, and a user with ``groups`` whose only company it is."""
        company = cls.env["res.company"].create({"name": f"Other Plant {login}"})
        user = new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        return company, user

    def _assert_write_refused(self, records, vals, user=None):
        """``write(vals)`` on ``records`` (as ``user``) is refused under every
        attack context, and the records read back unchanged.

        Logs ``optiwise-attack guard held`` once per attack, counted by
        ``setup/test``.
        """
        records = records.with_user(user) if user else records
        names = [name for name in vals if name in records._fields]
        before = records.sudo().read(names)
        for context in ATTACK_CONTEXTS:
            _logger.info("optiwise-attack guard tried: write %s", records._name)
            with (
                self.subTest(model=records._name, vals=vals, context=context),
                self.assertRaises(UserError),  # AccessError, ValidationError too
                self.env.cr.savepoint(),
            ):
                records.with_context(**context).write(vals)
            records.invalidate_recordset()
            self.assertEqual(records.sudo().read(names), before)
            _logger.info(
                "optiwise-attack guard held: write %s %s %s",
                records._name,
                sorted(vals),
                sorted(context),
            )

    def _assert_create_refused(self, model, vals, user=None):
        """``create(vals)`` (as ``user``) is refused under every attack
        context, and nothing of the model is added."""
        Model = self.env[model].with_user(user) if user else self.env[model]
        count = self.env[model].sudo().with_context(active_test=False).search_count([])
        for context in ATTACK_CONTEXTS:
            _logger.info("optiwise-attack guard tried: create %s", model)
            with (
                self.subTest(model=model, vals=vals, context=context),
                self.assertRaises(UserError),  # AccessError, ValidationError too
                self.env.cr.savepoint(),
            ):
                Model.with_context(**context).create(vals)
            self.assertEqual(
                self.env[model].sudo().with_context(active_test=False).search_count([]),
                count,
            )
            _logger.info(
                "optiwise-attack guard held: create %s %s %s",
                model,
                sorted(vals),
                sorted(context),
            )

    def _budget(self, base, **extra):
        """Exact query budget: ``base`` with this addon alone, plus what each
        installed module adds to the same operation (keyword: module name,
        value: its queries), so the count stays exact in any install (see the
        combinations ``setup/test`` checks)."""
        installed = (
            self.env["ir.module.module"]
            .search([("name", "in", list(extra)), ("state", "=", "installed")])
            .mapped("name")
        )
        return base + sum(extra[name] for name in installed)

    def _tower_budget(self):
        """Queries of ``get_tower_data`` (at a fixed time) with optiwise_batch
        alone: counted at install, before the addons that add tiles."""
        return 22


class OptiwisePlantCase(OptiwiseCase):
    """A small plant: a lot-tracked product made in batches from two components.

    - ``base``: lot-tracked, unit rounding 1; BoM for 500 units with batch
      size 500: 2 x ``paste`` + 1 x ``oil`` per unit, one 60-minute operation
      on ``vessel``;
    - ``bottle``: lot-tracked, made on ``line`` (a continuous work center);
    - components in stock: 100 000 each.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.stock_location = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.vessel = cls.env["mrp.workcenter"].create(
            {
                "name": "Test Vessel",
                "optiwise_default_run_mode": "batch",
                "costs_hour": 60,
            }
        )
        cls.line = cls.env["mrp.workcenter"].create(
            {"name": "Test Line", "optiwise_default_run_mode": "continuous"}
        )
        product = cls.env["product.product"]
        cls.paste = product.create(
            {"name": "Test Paste", "is_storable": True, "standard_price": 2.0}
        )
        cls.oil = product.create(
            {"name": "Test Oil", "is_storable": True, "standard_price": 3.0}
        )
        cls.base = product.create(
            {
                "name": "Test Sauce Base",
                "default_code": "TB",
                "is_storable": True,
                "tracking": "lot",
            }
        )
        cls.bottle = product.create(
            {"name": "Test Bottle", "is_storable": True, "tracking": "lot"}
        )
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.base.product_tmpl_id.id,
                "product_qty": 500,
                "enable_batch_size": True,
                "batch_size": 500,
                "bom_line_ids": [
                    Command.create({"product_id": cls.paste.id, "product_qty": 1000}),
                    Command.create({"product_id": cls.oil.id, "product_qty": 500}),
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cook",
                            "workcenter_id": cls.vessel.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        cls.bottle_bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bottle.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.paste.id, "product_qty": 1}),
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Fill",
                            "workcenter_id": cls.line.id,
                            "time_cycle_manual": 1,
                        }
                    )
                ],
            }
        )
        for component in (cls.paste, cls.oil):
            cls.env["stock.quant"]._update_available_quantity(
                component, cls.stock_location, 100000
            )

    @classmethod
    def _around_the_clock(cls):
        """A working calendar of 24 hours a day, seven days a week."""
        return cls.env["resource.calendar"].create(
            {
                "name": "Around the clock",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                        }
                    )
                    for day in range(7)
                ],
            }
        )

    @classmethod
    def _plan(cls, production, finish):
        """Plan ``production`` to finish at ``finish`` (started an hour before),
        whatever the work center's calendar says of that day."""
        production.date_start = finish - timedelta(hours=1)
        production.date_finished = finish
        return production

    @classmethod
    def _confirmed_mo(cls, qty, product=None, user=None):
        env = cls.env(user=user or cls.manager)
        production = env["mrp.production"].create(
            {"product_id": (product or cls.base).id, "product_qty": qty}
        )
        production.action_confirm()
        return production.with_env(cls.env)


class OptiwiseChangeoverCase(OptiwisePlantCase):
    """The plant with a changeover matrix.

    Families: ``light`` (``base``, ``plain``), ``dark_family`` (``dark``),
    ``allergen`` (``pesto``); ``plain_two`` and ``bottle`` have none. Rules
    (minutes): any -> any 10 (global); light -> dark 15 (global); dark ->
    light 45 (global) and 40 on ``vessel`` with the ``checklist`` (mandatory
    "Wet clean", optional "Photo"); allergen -> any 60 (global). ``dark``,
    ``plain`` and ``pesto`` are made on ``vessel`` like ``base`` (60 min per
    batch of 500).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Family = cls.env["optiwise.changeover.family"]
        cls.light = Family.create({"name": "Test Light"})
        cls.dark_family = Family.create({"name": "Test Dark"})
        cls.allergen = Family.create({"name": "Test Allergen"})
        cls.base.optiwise_changeover_family_id = cls.light
        product = cls.env["product.product"]
        cls.dark = product.create(cls._product_vals("Test Dark Base", cls.dark_family))
        cls.plain = product.create(cls._product_vals("Test Plain Base", cls.light))
        cls.pesto = product.create(cls._product_vals("Test Pesto", cls.allergen))
        cls.plain_two = product.create(cls._product_vals("Test Plain Two", None))
        for made in (cls.dark, cls.plain, cls.pesto, cls.plain_two):
            cls.bom.copy({"product_tmpl_id": made.product_tmpl_id.id})
        cls.checklist = cls.env["optiwise.changeover.checklist"].create(
            {
                "name": "Dark to light clean",
                "item_ids": [
                    Command.create({"name": "Wet clean", "sequence": 1}),
                    Command.create(
                        {"name": "Photo", "sequence": 2, "mandatory": False}
                    ),
                ],
            }
        )
        Rule = cls.env["optiwise.changeover.rule"]
        # a database's own matrix (demo data) would overlap the fixtures'
        Rule.search([]).active = False
        Rule.flush_model()
        cls.rule_any = Rule.create({"duration": 10})
        cls.rule_light_dark = Rule.create(
            {
                "from_family_id": cls.light.id,
                "to_family_id": cls.dark_family.id,
                "duration": 15,
            }
        )
        Rule.create(
            {
                "from_family_id": cls.dark_family.id,
                "to_family_id": cls.light.id,
                "duration": 45,
            }
        )
        cls.rule_vessel_dark_light = Rule.create(
            {
                "workcenter_id": cls.vessel.id,
                "from_family_id": cls.dark_family.id,
                "to_family_id": cls.light.id,
                "duration": 40,
                "checklist_id": cls.checklist.id,
            }
        )
        Rule.create({"from_family_id": cls.allergen.id, "duration": 60})

    @classmethod
    def _product_vals(cls, name, family):
        return {
            "name": name,
            "is_storable": True,
            "tracking": "lot",
            "optiwise_changeover_family_id": family.id if family else False,
        }

    @classmethod
    def _around_the_clock(cls, workcenter):
        """Give ``workcenter`` a 24/7 calendar (UTC)."""
        workcenter.resource_calendar_id = cls.env["resource.calendar"].create(
            {
                "name": "24/7 (UTC)",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": "All day",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )

    def _due_dates_case(self):
        """The light base just made on the vessel (working around the clock);
        planned for tomorrow: a dark batch due in 80 min, a light batch, a
        dark batch (no deadlines), 60 min each."""
        self._around_the_clock(self.vessel)
        self._run_workorder(self._mo(self.base))
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        due = self._mo(self.dark, deadline=now + timedelta(minutes=80)).workorder_ids
        light = self._mo(self.base).workorder_ids
        dark = self._mo(self.dark).workorder_ids
        tomorrow = now.replace(hour=0, minute=0) + timedelta(days=1)
        for index, workorder in enumerate(due | light | dark):
            workorder.leave_id.write(
                {
                    "date_from": tomorrow + timedelta(hours=index),
                    "date_to": tomorrow + timedelta(hours=index, minutes=30),
                }
            )
        return due, light, dark

    def _mo(self, product, qty=500, deadline=None):
        production = self.env["mrp.production"].create(
            {
                "product_id": product.id,
                "product_qty": qty,
                "date_deadline": deadline or False,
            }
        )
        production.action_confirm()
        return production

    def _run_workorder(self, production):
        """Start and finish the production's work order now (no changeover)."""
        workorder = production.workorder_ids
        workorder.button_start()
        workorder.optiwise_changeover_ids.filtered(
            lambda c: c.state == "running"
        ).check_ids.done = True
        workorder.button_start()
        workorder.button_finish()
        return workorder

    def _run(self, product):
        return self.env["optiwise.production.run"].create(
            {
                "product_id": product.id,
                "bom_id": self.env["mrp.bom"]._bom_find(product)[product].id,
                "workcenter_id": self.line.id,
                "planned_qty": 1000,
                "standard_rate": 100,
            }
        )


class OptiwiseTowerCase(OptiwisePlantCase):
    """The plant seen from the control tower, as its production manager.

    The vessel works around the clock, so it has planned time today whatever
    the day of the week (its OEE tile shows).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()
        cls.tower = cls.env["optiwise.control.tower"].with_user(cls.manager)
        cls.vessel.resource_calendar_id = cls._around_the_clock()

    def _plant(self, size):
        """``size`` of each: a batch delayed, a batch planned, a draft run."""
        for _index in range(size):
            self._plan(self._confirmed_mo(500), self.now - timedelta(hours=3))
            self._plan(self._confirmed_mo(500), self.now + timedelta(days=10))
            self.env["optiwise.production.run"].create(
                {
                    "product_id": self.bottle.id,
                    "workcenter_id": self.line.id,
                    "planned_qty": 100,
                    "standard_rate": 100,
                }
            )

    def _tiles(self, tower=None):
        """The tower's tiles by key (default: the manager's tower)."""
        # an empty recordset is falsy: compare with None
        data = (self.tower if tower is None else tower).get_tower_data()
        return {
            tile["key"]: tile
            for section in data["sections"]
            for tile in section["tiles"]
        }

    def _assert_tiles_count_their_lists(self, tiles):
        """Each counting tile's value is the count of the list it opens (OEE
        and changeover hours are figures, not counts)."""
        manager_env = self.env(user=self.manager)
        for key, tile in tiles.items():
            if key.startswith("oee_") or key == "changeover_week":
                continue
            action = tile["action"]
            count = manager_env[action["res_model"]].search_count(action["domain"])
            self.assertEqual(count, tile["value"], key)
