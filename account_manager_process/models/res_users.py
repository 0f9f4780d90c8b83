# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.multi
    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._am_check_no_customers_left()
        return super().write(vals)

    def _am_check_no_customers_left(self):
        """A user who owns customers is not archived before they are handed
        over: his customers would have no account manager to visit them."""
        groups = self.env["res.partner"].sudo().read_group(
            [("am_user_id", "in", self.ids)], ["am_user_id"], ["am_user_id"])
        if groups:
            user_name, count = groups[0]["am_user_id"][1], groups[0]["am_user_id_count"]
            raise UserError(_(
                "%(user)s still owns %(count)s customers. Transfer them to another "
                "account manager first (Customers, select them, Action → Change "
                "account manager), then archive the user.") % {
                "user": user_name, "count": count})
