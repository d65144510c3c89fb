# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hold table: which stock operations a lot's quality state allows.

One table, read by the stock moves (``stock.move._optiwise_check_holds``), by
reservation, by the shop floor's scan answer and by the readme. A hold stops
*use* (consumption into production, delivery to a customer); it never stops
*disposal* (scrap, return to the vendor, a move into quarantine) nor the
stock's bookkeeping (an internal move, an inventory count, an unbuild), the way
SAP's usage decision keeps blocked stock movable to scrap or back to the
vendor. No ORM here: the models classify a move into one of ``OPERATIONS``
and ask :func:`allowed`.
"""

# the rows of the table: the quality states of a lot
# (``stock.lot.optiwise_quality_state``), with
# ``concession`` as the table's name for a lot released by a quality
# manager's concession (the lot's state is then ``released``)
TABLE_STATES = (
    "pending",
    "released",
    "concession",
    "not_required",
    "quarantined",
    "rejected",
)
# the states in which a lot may be used (reserved, consumed, shipped)
FREE_STATES = ("released", "not_required")
# the states that hold a lot: every other state of a lot
HELD_STATES = ("pending", "quarantined", "rejected")
# the decided holds: a lot that reached one of these after lots were made
# from it is a recall question (see the tower's tile)
DECIDED_HOLDS = ("quarantined", "rejected")

OPERATIONS = (
    "consume",
    "deliver",
    "scrap",
    "return",
    "internal",
    "quarantine",
    "inventory",
    "unbuild",
)
OPERATION_LABELS = {
    "consume": "Consume into production",
    "deliver": "Deliver to a customer",
    "scrap": "Scrap",
    "return": "Return to the vendor",
    "internal": "Internal move",
    "quarantine": "Move into a quarantine location",
    "inventory": "Inventory adjustment",
    "unbuild": "Unbuild or rework",
}
STATE_LABELS = {
    "pending": "Pending",
    "released": "Released",
    "concession": "Released as a concession",
    "not_required": "No Inspection Required",
    "quarantined": "Quarantined",
    "rejected": "Rejected",
}
# the operations a hold stops; a plant lifts the rule per operation type with
# "Requires Released Lots" (off: e.g. a rework operation type that consumes
# held lots on purpose)
USE = ("consume", "deliver")

# who may do what is allowed: the stock or manufacturing rights core already
# asks for the operation; nobody may use a held lot
WHO = {
    "consume": "Manufacturing users",
    "deliver": "Inventory users",
    "scrap": "Inventory users",
    "return": "Inventory users",
    "internal": "Inventory users",
    "quarantine": "Inventory users",
    "inventory": "Inventory managers (applying a count)",
    "unbuild": "Manufacturing users",
}


def allowed(state, operation):
    """Whether a lot in quality ``state`` may go through ``operation``.

    :param str state: one of :data:`TABLE_STATES` (``False``/``None``: a
        move without a lot, always allowed)
    :param str operation: one of :data:`OPERATIONS`
    :raises ValueError: on an unknown state or operation
    """
    if operation not in OPERATIONS:
        raise ValueError(f"unknown operation {operation!r}")
    if not state:
        return True
    if state not in TABLE_STATES:
        raise ValueError(f"unknown quality state {state!r}")
    return state not in HELD_STATES or operation not in USE


def table():
    """The whole table: ``{state: {operation: bool}}``, every cell."""
    return {
        state: {operation: allowed(state, operation) for operation in OPERATIONS}
        for state in TABLE_STATES
    }


def still_allowed(state):
    """The operations a lot in ``state`` may still go through, in order."""
    return [operation for operation in OPERATIONS if allowed(state, operation)]


def markdown_table():
    """The table as the readme publishes it (checked by a test)."""
    header = "| Quality state | " + " | ".join(
        OPERATION_LABELS[operation] for operation in OPERATIONS
    )
    lines = [
        header + " |",
        "|" + "---|" * (len(OPERATIONS) + 1),
    ]
    for state in TABLE_STATES:
        cells = [
            "allowed" if allowed(state, operation) else "**refused**"
            for operation in OPERATIONS
        ]
        lines.append(f"| {STATE_LABELS[state]} | " + " | ".join(cells) + " |")
    who = ", ".join(
        f"{OPERATION_LABELS[operation].lower()}: {WHO[operation]}"
        for operation in OPERATIONS
    )
    lines += ["", f"Allowed means allowed to those with the right for it ({who})."]
    return "\n".join(lines)
