# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AmVisitReview(models.TransientModel):
    """The team leader's decision on visits whose check-in was out of range
    or unverified: accept with a reason, or reject."""
    _name = "am.visit.review"
    _description = "Review of a visit"

    visit_ids = fields.Many2many("am.visit", string="Visits", required=True)
    decision = fields.Selection(
        [("accepted", "Accept"), ("rejected", "Reject")], required=True,
        default="accepted")
    decision_reason = fields.Text(
        string="Reason",
        help="Why the visit is accepted although its check-in was not verified "
             "(e.g. met at the customer's other office), or why it is rejected.")

    @api.multi
    def action_apply(self):
        self.ensure_one()
        # the visits' own checks decide (leader, not his own visit, to review)
        self.visit_ids._am_review(self.decision, self.decision_reason)
        return {"type": "ir.actions.act_window_close"}
