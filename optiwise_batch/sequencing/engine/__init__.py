# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Changeover-aware sequencing of the jobs of one work center.

The problem: ``n`` jobs on one machine, a sequence-dependent (asymmetric)
changeover time ``setup[i][j]`` from job ``i`` to job ``j``, a changeover
``start_setup[j]`` from what the machine made last, a processing time and an
optional due time per job. Find the order that minimises::

    total changeover minutes + weight x total tardiness minutes

where a job's tardiness is ``max(0, completion - due)``, the clock starting
at 0 and running without gaps (callers express due times in the machine's
working minutes, so calendars are respected). Jobs listed in ``protect``
(typically: the jobs the current order has on time) are kept on time before
anything else is weighed, whenever the search finds such an order.

*Cyclic* (a product wheel): the sequence repeats, its last job followed by
its first; the changeovers of one full cycle are minimised, and the cycle is
entered at the job that makes the first sequence cheapest from what the
machine made last.

The solver adds a dummy node (index ``n``: the machine's state before the
first job, and after the last one at no cost) so that an open sequence is a
tour of an asymmetric travelling-salesman problem (a cyclic one is a tour of
the jobs alone), then:

1. construction: the best of nearest neighbour from the start state and
   earliest due date order (and the caller's own order, ``initial``);
2. local search with moves that keep the direction of travel, which matters
   when costs are asymmetric: *or-opt* (move a segment of 1 to 3 jobs
   elsewhere, kept or reversed) and *segment exchange* (swap two adjacent
   segments of any length, the or-3opt move), the new arcs taken from each
   node's cheapest neighbours, nodes looked at again only when an arc next
   to them changed;
3. iterated local search: a double-bridge kick kept local (two adjacent
   segments of at most ``KICK_SPAN`` jobs exchanged), local search around
   the nodes it touched, the result kept when it is within a shrinking
   margin of the best found (record-to-record travel).

With a tardiness weight, moves are judged on the full objective (or-opt,
each segment tried near its place and by its candidate arcs), within a
budget of job steps as well as of rounds.
Without, interchangeable jobs (same changeovers to and from every other job,
none between them: several jobs of one product) are first sequenced as one
job, then run back to back, and the search goes on over the full sequence.
Both searches are iterated local search run by one driver
(``search.iterated_search``), each with its own acceptance rule.

The search stops on a budget: of work for changeovers alone (moves looked
at, nodes moved, kick rounds: ``CHANGEOVER_WORK``), of kick rounds
(``max_iterations``, when given, and with tardiness) and of job steps, so the
same input and seed give the same order whatever the machine's load; the
time limit is only a safety net (``stopped_by`` tells which one ended it).

The package, a file per idea: ``instance`` (the problem, the one schedule
kernel ``Instance.run``), ``assignment`` (the relaxation, patched into a first
tour), ``tour`` (changeover moves on a tour), ``tardiness`` (moves judged on
the full objective), ``search`` (the one search driver and its acceptance
rules) and ``solver`` (``solve``).
"""

from .assignment import assignment as _assignment
from .instance import PROTECTED, Instance, ScheduledJob
from .search import iterated_search, not_worse, record_to_record
from .solver import (
    CHANGEOVER_WORK,
    TARDINESS_STEPS,
    default_rounds,
    evaluate,
    nearest_neighbour,
    solve,
)

__all__ = [
    "CHANGEOVER_WORK",
    "PROTECTED",
    "TARDINESS_STEPS",
    "Instance",
    "ScheduledJob",
    "_assignment",
    "default_rounds",
    "evaluate",
    "iterated_search",
    "nearest_neighbour",
    "not_worse",
    "record_to_record",
    "solve",
]
