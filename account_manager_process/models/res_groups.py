# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.multi
    def write(self, vals):
        """Users added to or removed from a role through the group get the
        role's cockpit as home action (res.users._am_set_cockpit_home)."""
        before = self.mapped("users") if "users" in vals or "implied_ids" in vals else None
        res = super().write(vals)
        if before is not None:
            (before | self.mapped("users"))._am_set_cockpit_home()
        return res
