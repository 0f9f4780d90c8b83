# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    """Who provided the prospect and how it was handed over: the key
    account manager's rewards depend on it (seeds: 200 per set from a
    provided number, 50% of the commission when brought door to door)."""
    _inherit = "crm.lead"

    am_prospect_provider_id = fields.Many2one(
        "res.users", string="Prospect provided by", index=True,
        track_visibility="onchange",
        help="The key account manager who provided this prospect.")
    am_handover_mode = fields.Selection(
        [("number", "Customer number provided"),
         ("door_to_door", "Brought door to door")],
        string="Handover", track_visibility="onchange")
    am_salesperson_commission = fields.Monetary(
        string="Salesperson commission", currency_field="company_currency")
