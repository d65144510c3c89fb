# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property tests (hypothesis) of the ORM-free engines: for any input they
either answer something that holds (a permutation, quantities that add up,
ratios between 0 and 1) or refuse with ``ValueError``; never another
exception, never NaN.

The engines are plain Python: they are loaded from their files, without Odoo.
"""

import math
import string

from conftest import load_engine as _load
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

engine = _load("ow_sequencing_engine", "optiwise_batch/sequencing/engine")
sizing = _load("ow_batch_sizing", "optiwise_batch/batching/sizing.py")
metrics = _load("ow_oee_metrics", "optiwise_batch/oee/metrics.py")
lot_names = _load("ow_lot_names", "optiwise_batch/batching/lot_names.py")
variance = _load("ow_costing_variance", "optiwise_costing/costing/variance.py")
pegging = _load("ow_dispatch_pegging", "optiwise_dispatch/dispatch/pegging.py")

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True)
minutes = st.floats(min_value=0, max_value=1e4, allow_nan=False)


@st.composite
def instances(draw, max_n=7):
    n = draw(st.integers(min_value=0, max_value=max_n))
    setup = [[draw(minutes) for _j in range(n)] for _i in range(n)]
    processing = [draw(minutes) for _i in range(n)]
    return setup, processing


@FAST
@given(instances(), st.integers(min_value=0, max_value=3))
def test_sequence_is_a_permutation_and_its_cost(instance, seed):
    """Any non-negative matrix: a permutation, its changeover total as
    ``evaluate`` counts it, the same for the same seed."""
    setup, processing = instance
    result = engine.solve(setup, processing, seed=seed, max_iterations=20)
    assert sorted(result["order"]) == list(range(len(setup)))
    again = engine.solve(setup, processing, seed=seed, max_iterations=20)
    assert again["order"] == result["order"]
    check = engine.evaluate(result["order"], setup, processing)
    assert math.isclose(
        check["setup_minutes"], result["setup_minutes"], rel_tol=1e-9, abs_tol=1e-9
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=3, max_value=40),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([1, 45, 1000, 10000]),
    st.booleans(),
)
def test_sequence_ignores_a_constant_on_every_changeover(n, seed, constant, cyclic):
    """The same matrix with a constant added to every changeover (a fixed
    clean on every change, the first one from the machine's state included)
    gives the same order: every sequence costs n x the constant more."""
    import random

    rng = random.Random(seed)
    grain = rng.choice([1, 0.5, 0.25])  # minutes as plants type them
    setup = [
        [0 if i == j else grain * rng.randint(0, 400) for j in range(n)]
        for i in range(n)
    ]
    start = [grain * rng.randint(0, 400) for _j in range(n)]
    shifted = [
        [0 if i == j else value + constant for j, value in enumerate(row)]
        for i, row in enumerate(setup)
    ]
    kwargs = {"seed": seed % 7, "cyclic": cyclic, "max_iterations": 200}
    first = engine.solve(setup, [0.0] * n, start_setup=start, **kwargs)
    again = engine.solve(
        shifted, [0.0] * n, start_setup=[v + constant for v in start], **kwargs
    )
    assert again["order"] == first["order"]
    # and the figures of the shifted problem are those of the order: one
    # constant per changeover
    extra = constant * n  # n changeovers in a cycle of n, or from the state
    key = "cycle_minutes" if cyclic else "setup_minutes"
    assert math.isclose(again[key], first[key] + extra, rel_tol=1e-9)


@FAST
@given(st.integers(min_value=2, max_value=5), ANY_FLOAT)
def test_sequence_refuses_bad_minutes(n, bad):
    """A negative, NaN or infinite changeover is refused with ValueError."""
    if math.isfinite(bad) and bad >= 0:
        return
    setup = [[0.0] * n for _i in range(n)]
    setup[0][-1] = bad
    try:
        engine.solve(setup, [1.0] * n, max_iterations=5)
    except ValueError:
        return
    raise AssertionError(f"{bad!r} accepted as changeover minutes")


@FAST
@given(
    st.floats(min_value=0.5, max_value=1e6),
    st.floats(min_value=0.5, max_value=1e5),
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["max_size", "balanced"]),
    st.sampled_from(["merge", "round_up"]),
)
def test_batches_add_up(total, max_size, min_share, strategy, remainder):
    """Batches are whole units that add up to the total (round_up: at least
    the total, by less than the minimum), each at most the batch size plus
    a merged remainder below the minimum."""
    min_size = math.floor(min_share * max_size)
    try:
        batches = sizing.plan_batches(
            total, max_size, min_size, strategy=strategy, remainder=remainder
        )
    except ValueError:
        return
    assert all(b > 0 and b == int(b) for b in batches)
    made = sum(batches)
    if remainder == "merge" and batches:
        assert made == round(total)
    if batches:
        assert max(batches) < round(max_size) + max(min_size, 1)


@FAST
@given(ANY_FLOAT, ANY_FLOAT, ANY_FLOAT)
def test_batch_sizing_refuses_bad_numbers(total, max_size, min_size):
    """Anything but a ValueError or a valid list is a defect."""
    try:
        batches = sizing.plan_batches(total, max_size, min_size)
    except ValueError:
        return
    assert all(math.isfinite(b) and b > 0 for b in batches)


@FAST
@given(
    minutes,
    st.dictionaries(st.sampled_from(["setup", "breakdown", "other_stops"]), minutes),
    minutes,
    st.floats(min_value=0, max_value=1e6),
    st.floats(min_value=0, max_value=1),
)
def test_oee_ratios_stay_fractions(planned, stops, ideal, total, good_share):
    """Availability and quality are fractions; OEE is their product with
    performance; nothing is NaN."""
    result = metrics.compute_oee(planned, stops, ideal, total, total * good_share)
    for key in ("availability", "quality", "oee", "performance"):
        assert math.isfinite(result[key]) and result[key] >= 0
    assert 0 <= result["availability"] <= 1 and 0 <= result["quality"] <= 1
    assert math.isclose(
        result["oee"],
        result["availability"] * result["performance"] * result["quality"],
        rel_tol=1e-9,
        abs_tol=1e-12,
    )


@FAST
@given(ANY_FLOAT, ANY_FLOAT, ANY_FLOAT, ANY_FLOAT)
def test_oee_refuses_bad_numbers(planned, ideal, total, good):
    """Negative, NaN or infinite inputs are refused with ValueError."""
    try:
        result = metrics.compute_oee(planned, {"setup": 0.0}, ideal, total, good)
    except ValueError:
        return
    assert all(math.isfinite(result[k]) for k in ("availability", "oee", "quality"))


@FAST
@given(st.text(max_size=40))
def test_lot_name_pattern_never_escapes(pattern):
    """Any pattern is accepted or refused with ValueError; an accepted one
    names only the three placeholders, and formats."""
    try:
        used = lot_names.check_pattern(pattern)
    except ValueError:
        return
    assert used <= {"code", "date", "seq"}
    fields = {field for _lit, field, _spec, _conv in string.Formatter().parse(pattern)}
    assert fields - {None} <= {"code", "date", "seq"}


@FAST
@given(
    st.lists(
        st.floats(min_value=-1e12, max_value=1e12)
        | st.sampled_from([math.nan, math.inf, -math.inf]),
        max_size=12,
    )
)
def test_control_band_of_any_history(history):
    """A band is None or three finite figures, low <= mean <= high."""
    try:
        band = variance.control_band(history)
    except ValueError:
        return
    if band is not None:
        low_high = band[1] <= band[0] <= band[2]
        assert all(math.isfinite(v) for v in band) and low_high


@FAST
@given(
    st.lists(st.floats(min_value=0, max_value=1e6), max_size=6),
    st.lists(st.floats(min_value=0, max_value=1e6), max_size=6),
)
def test_pegging_never_gives_more_than_there_is(demand_qtys, supply_qtys):
    """Each supply gives at most its quantity; each demand gets what it asks
    less its shortage."""
    demands = [
        {"key": f"d{i}", "product": 1, "qty": q, "promised": i}
        for i, q in enumerate(demand_qtys)
    ]
    supplies = [
        {"key": f"s{i}", "product": 1, "qty": q, "ready": i}
        for i, q in enumerate(supply_qtys)
    ]
    result = pegging.peg(demands, supplies)
    given_by = {}
    for demand in demands:
        entry = result[demand["key"]]
        received = sum(qty for _key, qty, _ready in entry["allocations"])
        assert math.isclose(
            received + entry["shortage"], demand["qty"], rel_tol=1e-9, abs_tol=1e-6
        )
        for key, qty, _ready in entry["allocations"]:
            given_by[key] = given_by.get(key, 0) + qty
    for supply in supplies:
        assert given_by.get(supply["key"], 0) <= supply["qty"] + 1e-6


money = st.floats(min_value=0, max_value=1e5, allow_nan=False)
component = st.fixed_dictionaries(
    {
        "std_qty": st.floats(min_value=0, max_value=100, allow_nan=False),
        "std_price": money,
        "qty": st.floats(min_value=0, max_value=1e4, allow_nan=False),
        "cost": money,
    }
)
operation = st.fixed_dictionaries(
    {
        "rate": st.floats(min_value=0, max_value=500, allow_nan=False),
        "expected_hours": st.floats(min_value=0, max_value=10, allow_nan=False),
        "hours": st.floats(min_value=0, max_value=1e3, allow_nan=False),
        "cost": money,
        "overhead_rate": st.floats(min_value=0, max_value=100, allow_nan=False),
    }
)


@FAST
@given(
    st.lists(component, max_size=5),
    st.lists(operation, max_size=3),
    st.floats(min_value=0, max_value=1e4, allow_nan=False),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.lists(money, max_size=3),
    st.floats(min_value=0, max_value=0.5, allow_nan=False),
    st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_cost_sheet_header_is_the_sum_of_its_lines(
    components, operations, total, good_share, changeovers, overhead, share
):
    """Any batch: the standard is the lines' expected costs, the actual cost
    their actual costs, every variance category the lines' variances of it,
    and the categories add up to the total variance, to the cent."""
    sheet = variance.compute_sheet(
        components,
        operations,
        qty_total=total,
        qty_good=total * good_share,
        changeover_costs=changeovers,
        overhead_material_share=overhead,
        main_share=share,
    )
    lines = sheet["lines"]

    def cents(value):
        return round(value * 100)

    assert cents(sum(line["expected"] for line in lines)) == cents(
        sheet["standard_cost"]
    )
    assert cents(sum(line["actual"] for line in lines)) == cents(sheet["actual_cost"])
    for category, amount in sheet["variances"].items():
        assert cents(
            sum(line["variances"].get(category, 0.0) for line in lines)
        ) == cents(amount)
    assert cents(sum(sheet["variances"].values())) == cents(sheet["total_variance"])
    for line in lines:
        assert cents(sum(line["variances"].values())) == cents(
            line["actual"] - line["expected"]
        )
