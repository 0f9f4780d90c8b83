# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .am_assessment_scheme import check_schemes


class AmAssessmentProcessItem(models.Model):
    """A process item the team leader scores each period (attitude,
    standardized actions, innovation...)."""
    _name = "am.assessment.process.item"
    _inherit = ["am.assessment.scheme.part"]
    _description = "Assessment process item"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "am.assessment.scheme", required=True,
        ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Process item", required=True, translate=True)
    description = fields.Text(
        translate=True,
        help="What the team leader looks at.")
    weight = fields.Float(
        default=0.0,
        help="Weight in the process score; the weights of a scheme's items "
             "sum to 100.")

    @api.constrains("weight")
    def _check_weight(self):
        for item in self:
            if item.weight < 0 or item.weight > 100:
                raise ValidationError(
                    _("Process item %s: the weight must be between 0 and "
                      "100.") % item.name)

    @api.constrains("weight", "scheme_id")
    def _check_scheme_weights(self):
        """An item added or changed alone (not with its scheme) keeps the
        scheme's weights summing to 100."""
        check_schemes(self.env, self.mapped("scheme_id"))
