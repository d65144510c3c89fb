# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch or continuous? The decision checklist, as scored rules.

Each rule looks at one figure of a product's history and votes for a mode,
with the reason in words. The mode with more votes is recommended; a tie, or
too little history, keeps the current mode.
"""

import math

# thresholds of the checklist
STABLE_CV, LUMPY_CV = 0.3, 0.6
FEW_VARIANTS, MANY_VARIANTS = 2, 5
LARGE_MO_RATIO, SMALL_MO_RATIO = 3.0, 1.5
HIGH_SETUP_SHARE = 0.15
LONG_COVER_DAYS, SHORT_COVER_DAYS = 14.0, 3.0


def coefficient_of_variation(values):
    """Standard deviation / mean of ``values`` (population); None if mean is 0."""
    values = list(values)
    if not values:
        return None
    mean = sum(values) / len(values)
    if mean <= 0:
        return None
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return math.sqrt(variance) / mean


def recommend(figures, current_mode="batch"):
    """Recommend a run mode from a product's figures.

    :param dict figures: ``demand_cv`` (None when no demand), ``variant_count``,
        ``mo_size_ratio`` (average MO size / BoM batch size, None without MOs),
        ``setup_share`` (0..1, None without time logs), ``cover_days`` (None
        without demand)
    :param str current_mode: kept on a tie or without history
    :return: (mode, list of reasons in words)
    """
    votes = {"batch": 0, "continuous": 0}
    reasons = []

    def vote(mode, reason):
        votes[mode] += 1
        reasons.append(reason)

    cv = figures.get("demand_cv")
    if cv is not None:
        if cv < STABLE_CV:
            vote("continuous", f"weekly demand is stable (CV {cv:.2f} < {STABLE_CV})")
        elif cv > LUMPY_CV:
            vote("batch", f"weekly demand is lumpy (CV {cv:.2f} > {LUMPY_CV})")
    variants = figures.get("variant_count") or 1
    if variants <= FEW_VARIANTS:
        vote("continuous", f"{variants} variant(s): little to change over")
    elif variants > MANY_VARIANTS:
        vote("batch", f"{variants} variants: flexibility matters")
    ratio = figures.get("mo_size_ratio")
    if ratio is not None:
        if ratio >= LARGE_MO_RATIO:
            vote("continuous", f"orders average {ratio:.1f} x the batch size")
        elif ratio < SMALL_MO_RATIO:
            vote("batch", f"orders average {ratio:.1f} x the batch size")
    share = figures.get("setup_share")
    if share is not None and share > HIGH_SETUP_SHARE:
        vote(
            "continuous",
            f"setup takes {share:.0%} of work-center time: fewer, longer runs pay",
        )
    cover = figures.get("cover_days")
    if cover is not None:
        if cover >= LONG_COVER_DAYS:
            vote("continuous", f"{cover:.0f} days of cover on hand: made to stock")
        elif cover < SHORT_COVER_DAYS:
            vote("batch", f"{cover:.1f} days of cover: made close to order")
    if not reasons:
        return current_mode, ["not enough history in the period: mode kept"]
    if votes["batch"] == votes["continuous"]:
        return current_mode, [*reasons, "the checklist is split: mode kept"]
    mode = max(votes, key=votes.get)
    return mode, reasons
