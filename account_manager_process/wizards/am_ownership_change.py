# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AmOwnershipChange(models.TransientModel):
    _name = "am.ownership.change"
    _description = "Change the account manager of customers"

    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True,
        default=lambda self: [(6, 0, self.env.context.get("active_ids", []))]
        if self.env.context.get("active_model") == "res.partner" else False)
    new_user_id = fields.Many2one("res.users", string="New account manager", required=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("account_manager_process.group_team_leader"):
            raise UserError(_("Only a team leader or an administrator can transfer customers."))
        if not (self.reason or "").strip():
            raise UserError(_("Give the reason of the ownership change."))
        for partner in self.partner_ids:
            old = partner.am_user_id
            if old == self.new_user_id:
                continue
            partner._am_transfer_ownership(self.new_user_id)
            partner.message_post(body=_(
                "Account manager changed from %(old)s to %(new)s by %(by)s. Reason: %(reason)s"
            ) % {"old": old.name or _("nobody"), "new": self.new_user_id.name,
                 "by": self.env.user.name, "reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
