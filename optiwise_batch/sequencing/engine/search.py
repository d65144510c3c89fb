# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one search driver: iterated local search over a *walk*, with an
acceptance rule.

A walk is the state of one search (the changeovers-only tour of ``tour.py``,
the full-objective sequence of ``tardiness.py``); it knows how to be
perturbed and improved, and what its budget is. The driver only runs the
rounds: perturb (a kick and local search around it), ask the acceptance rule
whether to keep the result, keep or drop it, until a budget or the deadline
ends the search. A walk provides:

- ``current`` and ``best``: the objective of the kept and of the best result;
- ``spent()``: whether its own budget (of work, of job steps) is used up,
  and ``progress()``: the share of it used, from 0 to 1;
- ``perturb(rng, round)``: the next trial; its objective;
- ``keep(value)``: the trial becomes the kept result (and the best when it
  is better); ``drop(rng)``: back to the kept result.
"""

import time

EPSILON = 1e-9


def not_worse(walk, value):
    """Keep a trial that is no worse than the kept result."""
    return value <= walk.current + EPSILON


def record_to_record(threshold):
    """Keep a trial within ``threshold`` of the best, a margin that shrinks
    to nothing as the budget runs out (record-to-record travel)."""

    def accept(walk, value):
        return value <= walk.best + threshold * (1 - walk.progress()) + EPSILON

    return accept


def iterated_search(walk, accept, rounds, deadline, rng):
    """Run at most ``rounds`` rounds of ``walk`` under ``accept`` until its
    budget is spent or ``deadline`` (``time.monotonic()``) passes.

    :return: rounds done
    """
    done = 0
    while done < rounds and not walk.spent() and time.monotonic() < deadline:
        done += 1
        value = walk.perturb(rng, done)
        if accept(walk, value):
            walk.keep(value)
        else:
            walk.drop(rng)
    return done
