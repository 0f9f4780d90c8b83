# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .am_assessment_scheme import check_schemes


class AmAssessmentSchemePart(models.AbstractModel):
    """A weighted part of a scheme (its rules, its process items): a part
    moved to another scheme or deleted alone keeps the weights of the scheme
    it left summing to 100 (each part checks its own scheme on change)."""
    _name = "am.assessment.scheme.part"
    _description = "Weighted part of an assessment scheme"

    @api.multi
    def write(self, vals):
        schemes = self.mapped("scheme_id")
        res = super().write(vals)
        if "scheme_id" in vals:
            # the scheme the parts left
            check_schemes(self.env, schemes - self.mapped("scheme_id"))
        return res

    @api.multi
    def unlink(self):
        schemes = self.mapped("scheme_id")
        res = super().unlink()
        check_schemes(self.env, schemes)
        return res
