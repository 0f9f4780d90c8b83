# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AmVisitPurpose(models.Model):
    _name = "am.visit.purpose"
    _description = "Visit purpose"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    business_weight = fields.Float(
        default=1.0,
        help="Weight of this purpose in the quality of a visit: business "
             "negotiation and new business development weigh more than a "
             "general return visit.",
    )
    description = fields.Text(translate=True)
    photo_required = fields.Boolean(
        string="Photo required",
        help="A visit with this purpose is closed only with a photo taken at the visit.")

    @api.constrains("business_weight")
    def _check_business_weight(self):
        if any(purpose.business_weight < 0 for purpose in self):
            raise ValidationError(_("The business weight of a visit purpose cannot be negative."))

    @api.multi
    def unlink(self):
        # the history (visits) keeps pointing at it: archive instead
        used = self.env["am.visit"].sudo().with_context(active_test=False).search(
            [("purpose_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(_(
                "%s is used by visits: archive it instead of deleting it."
            ) % used.purpose_id.display_name)
        return super().unlink()
