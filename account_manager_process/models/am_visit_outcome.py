# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AmVisitOutcome(models.Model):
    _name = "am.visit.outcome"
    _description = "Visit outcome"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    result = fields.Selection(
        [("won", "Deal closed"),
         ("progress", "Progressing"),
         ("no_progress", "No progress"),
         ("lost", "Lost")],
        required=True, default="progress",
    )

    @api.multi
    def unlink(self):
        # the history (visits) keeps pointing at it: archive instead
        used = self.env["am.visit"].sudo().with_context(active_test=False).search(
            [("outcome_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(_(
                "%s is used by visits: archive it instead of deleting it."
            ) % used.outcome_id.display_name)
        return super().unlink()
