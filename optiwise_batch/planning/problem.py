# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The plan's problem: machines with their calendars and changeovers, and
operations with their alternatives, precedences and due times."""

import math
from collections import namedtuple

from .worktime import Calendar

Machine = namedtuple(
    "Machine",
    "key calendar changeovers default state available",
    defaults=(None, None, 0.0, None, 0.0),
)
Machine.__doc__ = """A work center.

``key``: the caller's (a work center id); ``calendar``: its ``Calendar``
(None: always open); ``changeovers``: ``{(from product, to product): minutes}``
(a product key is the caller's: a product id, a family); ``default``: the
minutes of a change between two products the dict does not list (none
between two operations of one product); ``state``: the product it made
last; ``available``: when it is free (its work under way ends)."""

Operation = namedtuple(
    "Operation",
    "key product options after release due weight order",
    defaults=((), 0.0, None, 1.0, None),
)
Operation.__doc__ = """An operation (a work order).

``key``: the caller's (a work order id); ``product``: its changeover key;
``options``: ``{machine index: minutes}``, the machines that can run it
(core's work center and its alternatives) and how long it takes on each;
``after``: ``((operation index, lag minutes), ...)``, what must end before it
starts and how long after (the QC release of a batch before its use, the
previous operation of its routing with 0); ``release``: the earliest start;
``due``: when it must end (the promise date of the deliveries waiting on
it), None if nothing waits on it; ``weight``: what a minute of its lateness
weighs; ``order``: the manufacturing order it belongs to (core chains
the work orders of one order)."""


class Problem:
    """Machines and operations, checked: every option names a machine,
    every time is finite and not negative, precedences name operations.
    ``lag_calendar``: the calendar lags are counted in (the QC lab's; None:
    real time)."""

    def __init__(self, machines, operations, lag_calendar=None):
        self.machines = [
            m._replace(calendar=m.calendar or Calendar()) for m in machines
        ]
        self.operations = list(operations)
        self.lag_calendar = lag_calendar or Calendar()
        count = len(self.operations)
        self.successors = [[] for _op in self.operations]
        for index, op in enumerate(self.operations):
            if not op.options:
                raise ValueError(f"operation {op.key!r} has no machine to run on")
            for machine, minutes in op.options.items():
                if not isinstance(machine, int) or not 0 <= machine < len(machines):
                    raise ValueError(
                        f"operation {op.key!r}: unknown machine {machine!r}"
                    )
                _check_minutes(minutes, op.key)
            for before, lag in op.after:
                if not isinstance(before, int) or not 0 <= before < count:
                    raise ValueError(f"operation {op.key!r}: unknown predecessor")
                _check_minutes(lag, op.key)
                self.successors[before].append((index, lag))
            _check_minutes(op.release, op.key)
            if op.due is not None and not math.isfinite(op.due):
                raise ValueError(f"operation {op.key!r}: the due time must be finite")
            _check_minutes(op.weight, op.key)
        for machine in self.machines:
            _check_minutes(machine.default, machine.key)
            _check_minutes(machine.available, machine.key)
            for minutes in (machine.changeovers or {}).values():
                _check_minutes(minutes, machine.key)
        self.topological = self._topological()

    def changeover(self, machine, before, after):
        """Minutes to change ``machine`` from product ``before`` to ``after``."""
        if before is None or before == after:
            return 0.0
        m = self.machines[machine]
        return (m.changeovers or {}).get((before, after), m.default)

    def _topological(self):
        """The operations in an order that respects precedences."""
        waiting = [len(op.after) for op in self.operations]
        ready = [i for i, count in enumerate(waiting) if not count]
        order = []
        while ready:
            index = ready.pop()
            order.append(index)
            for succ, _lag in self.successors[index]:
                waiting[succ] -= 1
                if not waiting[succ]:
                    ready.append(succ)
        if len(order) != len(self.operations):
            raise ValueError("the precedences between operations form a cycle")
        return order


def _check_minutes(value, key):
    if isinstance(value, bool) or not isinstance(value, int | float):
        # the engines refuse any bad input with ValueError (one exception for
        # callers to catch), a wrong type included
        raise ValueError(f"{key!r}: minutes must be numbers")  # noqa: TRY004
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{key!r}: minutes must be finite and not negative")
