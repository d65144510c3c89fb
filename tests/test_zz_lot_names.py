# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every lot name on the database fits GS1 AI (10): those of the demo and
those the suite's runs, batches and declarations generated (this file runs
after the others)."""

import importlib.util

from conftest import REPO, attack_report


def _lot_names_module():
    path = REPO / "optiwise_batch" / "batching" / "lot_names.py"
    spec = importlib.util.spec_from_file_location("optiwise_lot_names", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_lot_name_fits_gs1(rpc):
    """No lot name longer than 20 characters or outside GS1's character set."""
    ai10_problem = _lot_names_module().ai10_problem
    lots = rpc("stock.lot", "search_read", [], ["name"], context={"active_test": False})
    bad = {lot["name"]: ai10_problem(lot["name"]) for lot in lots}
    bad = {name: problem for name, problem in bad.items() if problem}
    assert not bad, bad
    assert len(lots) >= 20
    attack_report(
        "tables",
        "lot names that fit GS1 AI (10)",
        f"{len(lots)} of {len(lots)} lots on the database",
    )
