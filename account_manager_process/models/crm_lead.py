# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmLead(models.Model):
    """Who provided the prospect and how it was handed over: the key account
    manager's rewards depend on it (seeds: 200 per set from a provided
    number, 50% of the commission when brought door to door)."""
    _inherit = "crm.lead"

    am_prospect_provider_id = fields.Many2one(
        "res.users", string="Prospect provided by", index=True,
        track_visibility="onchange",
        help="The key account manager who provided this prospect.")
    am_handover_mode = fields.Selection(
        [("number", "Customer number provided"),
         ("door_to_door", "Brought door to door")],
        string="Handover", track_visibility="onchange",
        help="How the prospect reached the salesperson: a customer number the "
             "account manager provided, or the customer brought door to door.")
    am_salesperson_commission = fields.Monetary(
        string="Salesperson commission", currency_field="company_currency",
        help="The salesperson's commission on this deal (the account manager's "
             "reward for a customer brought door to door is a share of it).")

    # only the roles that may read visits get them (a salesman outside the
    # account management groups must still open his opportunities)
    am_visit_ids = fields.One2many(
        "am.visit", "lead_id", string="Visits",
        groups="account_manager_process.group_account_manager")
    am_visit_count = fields.Integer(
        compute="_compute_am_visit_count", string="Visits",
        groups="account_manager_process.group_account_manager")

    def _compute_am_visit_count(self):
        groups = self.env["am.visit"].read_group(
            [("lead_id", "in", self.ids)], ["lead_id"], ["lead_id"])
        counts = {g["lead_id"][0]: g["lead_id_count"] for g in groups}
        for lead in self:
            lead.am_visit_count = counts.get(lead.id, 0)

    @api.multi
    def action_am_view_visits(self):
        action = self.env.ref("account_manager_process.action_am_visit").read()[0]
        action["domain"] = [("lead_id", "in", self.ids)]
        action["context"] = {"default_lead_id": self.id,
                             "default_partner_id": self.partner_id.id}
        return action
