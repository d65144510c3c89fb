# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A work center's open time, in minutes from the start of the plan."""

import math
from bisect import bisect_right


class Calendar:
    """Open intervals ``[(start, end), ...]`` in minutes from the start of the
    plan, sorted and apart; after the last one, time is open (a plan's
    horizon should cover its work). ``None``: always open.

    Work spans closed time as core plans it: 90 minutes started 30 minutes
    before the end of a shift end 60 minutes into the next one."""

    def __init__(self, intervals=None):
        self.always = intervals is None
        self.starts, self.ends, self.before = [], [], []
        done, last = 0.0, -math.inf
        for start, end in intervals or ():
            if not (math.isfinite(start) and math.isfinite(end)) or end <= start:
                raise ValueError("calendar intervals must be finite and not empty")
            if start < last:
                raise ValueError("calendar intervals must be sorted and apart")
            self.starts.append(float(start))
            self.ends.append(float(end))
            self.before.append(done)
            done += end - start
            last = end
        self.total = done

    def position(self, t):
        """Working minutes from the first open minute up to ``t``."""
        if self.always:
            return t
        k = bisect_right(self.starts, t) - 1
        if k < 0:
            return 0.0
        if k == len(self.starts) - 1 and t >= self.ends[k]:
            return self.total + (t - self.ends[k])
        return self.before[k] + min(t, self.ends[k]) - self.starts[k]

    def time(self, position, start=True):
        """The time at which ``position`` working minutes are reached: the
        beginning of the next shift for a start (``start``), the end of the
        shift it closes for an end."""
        if self.always:
            return position
        if not self.starts:
            return position
        if position >= self.total:
            return self.ends[-1] + (position - self.total)
        k = bisect_right(self.before, position) - 1
        if not start and k > 0 and position == self.before[k]:
            k -= 1
        return self.starts[k] + (position - self.before[k])

    def next_open(self, t):
        """``t`` or the next open minute after it."""
        return self.time(self.position(t))

    def add(self, t, minutes):
        """When ``minutes`` of work started at ``t`` (or at the next open
        minute) end."""
        if minutes <= 0:
            return t
        return self.time(self.position(t) + minutes, start=False)

    def working(self, a, b):
        """Open minutes between ``a`` and ``b``."""
        return self.position(b) - self.position(a)
