# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from . import am_leader


class AmLeaderMixin(models.AbstractModel):
    """A record of an account manager's team: the team leader's user is
    stored on it (``am_leader_user_id``, indexed), what the leader's record
    rules compare. The model names where the leader comes from in
    ``_am_leader_source``: ``("employee", <employee field>)`` or
    ``("user", <user field>)`` (am_leader.py keeps it right)."""

    _name = "am.leader.mixin"
    _description = "Record of a team (its team leader stored)"
    _am_leader_source = None

    am_leader_user_id = fields.Many2one(
        "res.users", string="Team leader", compute="_compute_am_leader_user_id",
        store=True, index=True, readonly=True, copy=False)

    @api.model_cr_context
    def _auto_init(self):
        if self._abstract:
            return super()._auto_init()
        return am_leader.auto_init(self, super()._auto_init)

    @api.depends(lambda self: (self._am_leader_source[1],) if self._am_leader_source else ())
    def _compute_am_leader_user_id(self):
        am_leader.compute(self)
