# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one schedule kernel: a sequence per machine becomes times."""

from collections import namedtuple

# an operation is late when it ends more than this after its due time
TOLERANCE = 1e-6

Slot = namedtuple("Slot", "machine changeover setup_start start end lateness")
Slot.__doc__ = """An operation as planned: its ``machine`` (index), the
``changeover`` minutes before it (from ``setup_start``), its ``start`` and
``end`` (minutes from the start of the plan, closed time spanned) and its
``lateness`` (0 when on time or without due time)."""


class Plan:
    """A plan's slots and figures; ``sequences`` is the order of operations
    on each machine it was made from."""

    def __init__(self, problem, sequences, slots):
        self.problem = problem
        self.sequences = [list(seq) for seq in sequences]
        self.slots = slots
        ops = problem.operations
        late = [(i, s) for i, s in enumerate(slots) if s.lateness > 0]
        self.changeover_minutes = sum(s.changeover for s in slots)
        self.changeovers = sum(1 for s in slots if s.changeover > 0)
        self.late_count = len(late)
        self.lateness = sum(s.lateness for _i, s in late)
        self.weighted_lateness = sum(ops[i].weight * s.lateness for i, s in late)
        self.makespan = max((s.end for s in slots), default=0.0)
        self.key = (round(self.weighted_lateness, 6), round(self.changeover_minutes, 6))

    def figures(self):
        """The plan's figures as a dict."""
        return {
            "changeover_minutes": self.changeover_minutes,
            "changeovers": self.changeovers,
            "late_count": self.late_count,
            "lateness_minutes": self.lateness,
            "weighted_lateness": self.weighted_lateness,
            "makespan": self.makespan,
        }


def decode(problem, sequences):
    """Run each machine's ``sequences[m]`` in order, every operation as soon
    as its machine has changed over to it and what it comes after has ended
    (plus the lag, counted in the problem's ``lag_calendar``): a changeover
    is made while the material is still coming. Times follow each machine's
    calendar.

    :return: a ``Plan``, or None when the sequences contradict the
        precedences (an operation waits on one queued behind it)
    """
    ops, machines = problem.operations, problem.machines
    count = len(ops)
    slots = [None] * count
    waiting = [len(op.after) for op in ops]
    ready_at = [op.release for op in ops]
    heads = [0] * len(sequences)
    free = [m.available for m in machines]
    last = [m.state for m in machines]
    lag_calendar = problem.lag_calendar
    pending = list(range(len(sequences)))
    done = 0
    while pending:
        m = pending.pop()
        sequence, calendar = sequences[m], machines[m].calendar
        while heads[m] < len(sequence):
            index = sequence[heads[m]]
            if waiting[index]:
                break
            op = ops[index]
            minutes = op.options.get(m)
            if minutes is None:
                raise ValueError(f"operation {op.key!r} cannot run on machine {m}")
            changeover = problem.changeover(m, last[m], op.product)
            setup_start = calendar.next_open(free[m])
            ready = calendar.add(setup_start, changeover)
            start = calendar.next_open(max(ready, ready_at[index]))
            end = calendar.add(start, minutes)
            lateness = 0.0
            if op.due is not None and end > op.due + TOLERANCE:
                lateness = end - op.due
            slots[index] = Slot(m, changeover, setup_start, start, end, lateness)
            free[m], last[m] = end, op.product
            heads[m] += 1
            done += 1
            for succ, lag in problem.successors[index]:
                at = lag_calendar.add(end, lag) if lag else end
                ready_at[succ] = max(ready_at[succ], at)
                waiting[succ] -= 1
                if not waiting[succ]:
                    machine = slots_machine(sequences, heads, succ)
                    if machine is not None:
                        pending.append(machine)
    if done != count:
        return None
    return Plan(problem, sequences, slots)


def slots_machine(sequences, heads, index):
    """The machine whose next operation is ``index``, if any."""
    for m, sequence in enumerate(sequences):
        if heads[m] < len(sequence) and sequence[heads[m]] == index:
            return m
    return None
