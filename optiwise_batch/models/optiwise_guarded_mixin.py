# Copyright 2026 Optiwise
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import contextvars
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError

# The models whose guarded fields the running code may write. A context
# variable, not the Odoo context: an RPC caller chooses the Odoo context, but
# can only reach this through the model's own (private) action code.
_OPEN_MODELS = contextvars.ContextVar("optiwise_guard_open", default=frozenset())

# what chatter, followers and activities write on any record
FREE_FIELD_PREFIXES = ("message_", "activity_", "website_message")


class OptiwiseGuardedMixin(models.AbstractModel):
    """Fields written only by the model's actions, and records frozen once
    decided.

    ``_optiwise_guarded_fields`` (each class of the model lists its own; all
    are collected) refuse ``create`` (unless the value is the field's empty
    or default value) and ``write`` from any caller, whatever the context.
    The model's actions write them inside :meth:`_optiwise_guard_open`, a
    Python context manager that no RPC call can enter (see how core keeps
    posted journal entries and done stock moves out of reach of ``write``);
    so is the module loader (data files and migrations, before the registry
    serves any call). A ``sudo()`` opens nothing.

    :meth:`_optiwise_frozen_records` names the records a plain ``write`` may
    no longer change at all (decided, closed); the chatter's own fields stay
    writable.
    """

    _name = "optiwise.guarded.mixin"
    _description = "Fields Set by Actions (Optiwise)"
    _optiwise_guarded_fields = ()
    # how to change them, said in the error (the actions' names)
    _optiwise_guard_actions = ""
    # fields a plain write may still change on a frozen record (notes)
    _optiwise_frozen_writable = ()
    # what the record is: fixed once it has started (see _optiwise_started)
    _optiwise_started_locked = ()
    _optiwise_started_hint = ""

    @contextmanager
    def _optiwise_guard_open(self):
        """Let the code inside write this model's guarded fields."""
        token = _OPEN_MODELS.set(_OPEN_MODELS.get() | {self._name})
        try:
            yield self
        finally:
            _OPEN_MODELS.reset(token)

    def _optiwise_guard_is_open(self):
        """Open inside the model's actions, and while Odoo loads modules as
        superuser (data files, demo history, migrations): the registry is not
        ready then, and no RPC call is served."""
        return self._name in _OPEN_MODELS.get() or (
            self.env.su and not self.env.registry.ready
        )

    @api.model
    def _optiwise_get_guarded_fields(self):
        return {
            name
            for cls in type(self).__mro__
            for name in vars(cls).get("_optiwise_guarded_fields", ())
        }

    def _optiwise_frozen_records(self):
        """Records a plain write may not change (extension point)."""
        return self.browse()

    def _optiwise_started(self):
        """Records under way, whose ``_optiwise_started_locked`` fields are
        fixed (extension point)."""
        return self.browse()

    def _optiwise_frozen_message(self, frozen):
        return self.env._(
            "%(model)s %(names)s is decided or closed and cannot be changed "
            "directly: %(how)s",
            model=self._description,
            names=", ".join(frozen.mapped("display_name")),
            how=self._optiwise_guard_actions
            or self.env._("it is kept as it is for the record."),
        )

    def _optiwise_guard_error(self, names):
        fields_ = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        return UserError(
            self.env._(
                "%(fields)s of a %(model)s is set by its actions, not written "
                "directly. %(how)s",
                fields=fields_,
                model=self._description,
                how=self._optiwise_guard_actions,
            )
        )

    @api.model
    def _optiwise_guard_blank(self, name, value):
        """A guarded value a create may give: empty, or the field's default."""
        if value in (False, None, "", []):  # 0 and 0.0 compare equal to False
            return True
        default = self._fields[name].default
        return default is not None and value == default(self)

    @api.model
    def _optiwise_check_create(self, vals_list):
        """Refuse a create that gives a guarded field a value of its own."""
        guarded = self._optiwise_get_guarded_fields()
        for vals in vals_list:
            given = {
                name
                for name in guarded & vals.keys()
                if not self._optiwise_guard_blank(name, vals[name])
            }
            if given:
                raise self._optiwise_guard_error(given)

    def _optiwise_check_write(self, vals):
        """Refuse a write of a guarded field, or of a frozen record."""
        given = self._optiwise_get_guarded_fields() & vals.keys()
        if given:
            raise self._optiwise_guard_error(given)
        locked = set(self._optiwise_started_locked) & vals.keys()
        started = locked and self._optiwise_started()
        if started:
            raise UserError(
                self.env._(
                    "%(model)s %(names)s has started: %(fields)s can no longer "
                    "change.%(hint)s",
                    model=self._description,
                    names=", ".join(started.mapped("display_name")),
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in sorted(locked)
                    ),
                    hint=self._optiwise_started_hint,
                )
            )
        if any(
            not name.startswith(FREE_FIELD_PREFIXES)
            and name not in self._optiwise_frozen_writable
            for name in vals
        ):
            frozen = self._optiwise_frozen_records()
            if frozen:
                raise UserError(self._optiwise_frozen_message(frozen))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._optiwise_guard_is_open():
            self._optiwise_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self._optiwise_guard_is_open():
            self._optiwise_check_write(vals)
        return super().write(vals)


class OptiwiseGuardedChildMixin(models.AbstractModel):
    """Lines that only their parent's actions write (a cost sheet's lines, a
    recall's affected lots): ``create``, ``write`` and ``unlink`` are refused
    unless the guard of ``_optiwise_guard_parent`` is open."""

    _name = "optiwise.guarded.child.mixin"
    _description = "Lines Written by Their Parent's Actions (Optiwise)"
    _optiwise_guard_parent = None

    def _optiwise_check_parent_open(self):
        parent = self.env[self._optiwise_guard_parent]
        if not parent._optiwise_guard_is_open():
            raise UserError(
                self.env._(
                    "%(lines)s are written by the actions of their %(parent)s, "
                    "not directly. %(how)s",
                    lines=self._description,
                    parent=parent._description,
                    how=parent._optiwise_guard_actions,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._optiwise_check_parent_open()
        return super().create(vals_list)

    def write(self, vals):
        self._optiwise_check_parent_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_parent_closed(self):
        self._optiwise_check_parent_open()
