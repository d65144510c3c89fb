# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Batch or continuous? The decision checklist, as scored rules.

Each rule looks at one figure of a product's history and votes for a mode,
with the reason in words. The mode with more votes is recommended; a tie keeps
the current mode. With too little history (fewer than ``MIN_HISTORY`` of the
history figures: demand, orders, logged time, cover) nothing is recommended:
the number of variants alone says nothing about how a product is made.
"""

import math

# thresholds of the checklist
STABLE_CV, LUMPY_CV = 0.3, 0.6
FEW_VARIANTS, MANY_VARIANTS = 2, 5
LARGE_MO_RATIO, SMALL_MO_RATIO = 3.0, 1.5
HIGH_SETUP_SHARE = 0.15
LONG_COVER_DAYS, SHORT_COVER_DAYS = 14.0, 3.0
# days of demand the economic batch size covers (optiwise_batch.lotsizing)
LONG_ECONOMIC_DAYS, SHORT_ECONOMIC_DAYS = 14.0, 3.0
# the figures that come from history, and how many a recommendation needs
HISTORY_FIGURES = ("demand_cv", "mo_size_ratio", "setup_share", "cover_days")
MIN_HISTORY = 2


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


def _too_little_history(figures):
    """Why ``figures`` are too few to advise on, or ''."""
    known = [name for name in HISTORY_FIGURES if figures.get(name) is not None]
    if len(known) >= MIN_HISTORY:
        return ""
    return (
        f"too little history to advise ({len(known)} of the "
        f"{len(HISTORY_FIGURES)} history figures known, {MIN_HISTORY} needed: "
        "deliveries, manufacturing orders, logged time, stock cover)"
    )


def recommend(figures, current_mode="batch"):
    """Recommend a run mode from a product's figures.

    :param dict figures: ``demand_cv`` (None when no demand), ``variant_count``,
        ``mo_size_ratio`` (average MO size / BoM batch size, None without MOs),
        ``setup_share`` (0..1, None without time logs), ``cover_days`` (None
        without demand), ``economic_days`` (days of demand the economic
        batch size covers, None without one)
    :param str current_mode: kept on a tie
    :return: (mode, list of reasons in words); mode is None when the history
        is too short to recommend anything
    """
    too_little = _too_little_history(figures)
    if too_little:
        return None, [too_little]
    ballots = _demand_votes(figures) + _structure_votes(figures)
    reasons = [reason for _mode, reason in ballots]
    votes = {
        mode: sum(1 for voted, _reason in ballots if voted == mode)
        for mode in ("batch", "continuous")
    }
    if not reasons:
        return current_mode, ["the figures point neither way: mode kept"]
    if votes["batch"] == votes["continuous"]:
        return current_mode, [*reasons, "the checklist is split: mode kept"]
    mode = max(votes, key=votes.get)
    return mode, reasons


def _demand_votes(figures):
    """(mode, reason) of the demand rules: variability and cover."""
    ballots = []
    cv = figures.get("demand_cv")
    if cv is not None:
        if cv < STABLE_CV:
            ballots.append(
                ("continuous", f"weekly demand is stable (CV {cv:.2f} < {STABLE_CV})")
            )
        elif cv > LUMPY_CV:
            ballots.append(
                ("batch", f"weekly demand is lumpy (CV {cv:.2f} > {LUMPY_CV})")
            )
    cover = figures.get("cover_days")
    if cover is not None:
        if cover >= LONG_COVER_DAYS:
            ballots.append(
                ("continuous", f"{cover:.0f} days of cover on hand: made to stock")
            )
        elif cover < SHORT_COVER_DAYS:
            ballots.append(("batch", f"{cover:.1f} days of cover: made close to order"))
    return ballots


def _structure_votes(figures):
    """(mode, reason) of the rules on variants, order sizes and setup time."""
    ballots = []
    variants = figures.get("variant_count") or 1
    if variants <= FEW_VARIANTS:
        ballots.append(("continuous", f"{variants} variant(s): little to change over"))
    elif variants > MANY_VARIANTS:
        ballots.append(("batch", f"{variants} variants: flexibility matters"))
    ratio = figures.get("mo_size_ratio")
    if ratio is not None:
        if ratio >= LARGE_MO_RATIO:
            ballots.append(
                ("continuous", f"orders average {ratio:.1f} x the batch size")
            )
        elif ratio < SMALL_MO_RATIO:
            ballots.append(("batch", f"orders average {ratio:.1f} x the batch size"))
    economic = figures.get("economic_days")
    if economic is not None:
        if economic >= LONG_ECONOMIC_DAYS:
            ballots.append(
                (
                    "continuous",
                    (
                        f"its economic batch covers {economic:.0f} days of "
                        "demand: rare changeovers, long runs"
                    ),
                )
            )
        elif economic < SHORT_ECONOMIC_DAYS:
            ballots.append(
                (
                    "batch",
                    (
                        f"its economic batch covers {economic:.1f} days of "
                        "demand: small, frequent batches"
                    ),
                )
            )
    share = figures.get("setup_share")
    if share is not None and share > HIGH_SETUP_SHARE:
        ballots.append(
            (
                "continuous",
                f"setup takes {share:.0%} of work-center time: fewer, longer runs pay",
            )
        )
    return ballots
