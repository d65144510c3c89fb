# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Overall equipment effectiveness with the standard definitions.

- planned production time: the time the line was scheduled to produce and
  had a job (a run under way, a work order or a stop logged): idle calendar
  time with nothing to make is neither a stop nor a speed loss;
- run time = planned production time - stop time (setup, breakdowns, other
  stops);
- availability = run time / planned production time;
- performance = ideal time for the total count / run time;
- quality = good count / total count;
- OEE = availability x performance x quality = ideal time of the good count /
  planned production time.

The losses are given in minutes and add up with the fully productive time to
the planned production time exactly: setup + breakdown + other stops + speed
+ quality + fully productive = planned.
"""

import math

LOSS_BUCKETS = ("setup", "breakdown", "other_stops", "speed", "quality")


def compute_oee(planned_minutes, stops, ideal_minutes, total_count, good_count):
    """Compute OEE and its loss buckets.

    :param float planned_minutes: planned production time (>= 0)
    :param dict stops: minutes of stop per bucket: ``setup``, ``breakdown``,
        ``other_stops`` (missing buckets count as 0)
    :param float ideal_minutes: ideal time to make ``total_count`` (ideal
        cycle time x total count)
    :param float total_count: units made, good and scrapped
    :param float good_count: good units
    :return: dict with ``availability``, ``performance``, ``quality``, ``oee``
        (fractions), ``planned_minutes``, ``run_minutes``,
        ``fully_productive_minutes`` and ``losses`` (minutes per bucket)
    :raises ValueError: on negative inputs or more good than total units
    """
    values = (planned_minutes, ideal_minutes, total_count, good_count, *stops.values())
    if any(not math.isfinite(v) or v < 0 for v in values):
        raise ValueError("OEE inputs must be finite and may not be negative")
    if good_count > total_count:
        raise ValueError("good count exceeds total count")
    stop_minutes = {b: float(stops.get(b, 0.0)) for b in LOSS_BUCKETS[:3]}
    run_minutes = max(planned_minutes - sum(stop_minutes.values()), 0.0)
    availability = run_minutes / planned_minutes if planned_minutes else 0.0
    # below a millionth of a second of run time there is no speed to speak of
    performance = ideal_minutes / run_minutes if run_minutes > 1e-8 else 0.0
    quality = good_count / total_count if total_count else 0.0
    ideal_per_unit = ideal_minutes / total_count if total_count else 0.0
    fully_productive = ideal_per_unit * good_count
    losses = dict(
        stop_minutes,
        speed=run_minutes - ideal_minutes,
        quality=ideal_per_unit * (total_count - good_count),
    )
    return {
        "planned_minutes": planned_minutes,
        "run_minutes": run_minutes,
        "fully_productive_minutes": fully_productive,
        "availability": availability,
        "performance": performance,
        "quality": quality,
        "oee": availability * performance * quality,
        "losses": losses,
    }


def busy_minutes(intervals, start, end):
    """Minutes of ``[start, end)`` covered by ``intervals`` ((begin, end)
    pairs, overlapping or not): the length of their union, clipped."""
    clipped = sorted(
        (max(begin, start), min(stop, end))
        for begin, stop in intervals
        if begin < end and stop > start
    )
    total = 0.0
    current_begin = current_end = None
    for begin, stop in clipped:
        if current_end is None or begin > current_end:
            if current_end is not None:
                total += (current_end - current_begin).total_seconds()
            current_begin, current_end = begin, stop
        else:
            current_end = max(current_end, stop)
    if current_end is not None:
        total += (current_end - current_begin).total_seconds()
    return total / 60


def scale_stops(stops, planned_minutes):
    """``stops`` cut down in proportion so that they fit in
    ``planned_minutes`` (a stop logged outside the planned time does not
    make availability negative)."""
    logged = sum(stops.values())
    if logged <= planned_minutes or logged <= 0:
        return stops
    ratio = planned_minutes / logged
    return {bucket: minutes * ratio for bucket, minutes in stops.items()}
