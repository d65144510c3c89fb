# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import TransactionCase, tagged

# the Optiwise addons' Python modules
OURS = "odoo.addons.optiwise_"


@tagged("post_install", "-at_install")
class TestNamesOnCoreModels(TransactionCase):
    def test_private_methods_on_core_models_are_prefixed(self):
        """A private method an Optiwise addon adds to a model of core (or of
        another addon) says whose it is (``_optiwise_...``, or a compute,
        inverse, search or check named after an ``optiwise_`` field), so
        that a later core or enterprise method of the same name cannot
        collide with it. Overrides of core's own methods keep core's name."""
        unprefixed = set()
        for name, model in self.env.registry.items():
            if "optiwise" in name:
                continue  # Optiwise's own models name their methods freely
            mro = model.__mro__
            theirs = [k for k in mro if not (k.__module__ or "").startswith(OURS)]
            for klass in mro:
                if not (klass.__module__ or "").startswith(OURS):
                    continue
                for attr, value in vars(klass).items():
                    if (
                        not attr.startswith("_")
                        or attr.startswith("__")
                        or "optiwise" in attr
                        or not callable(value)
                    ):
                        continue
                    if not any(attr in vars(k) for k in theirs):
                        unprefixed.add(f"{name}.{attr} ({klass.__module__})")
        self.assertFalse(sorted(unprefixed))
