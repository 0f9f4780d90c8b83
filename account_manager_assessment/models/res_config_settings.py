# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Odoo 11 has no ``config_parameter=`` field attribute (it came with 12.0):
# the parameters are read and written in get_values / set_values.
ASSESSMENT_PARAMETERS = {
    "am_consecutive_failures_review": (
        "account_manager_assessment.consecutive_failures_review", "4"),
    "am_assessment_week_start": ("account_manager_assessment.week_start", "0"),
    "am_hr_digest": ("account_manager_assessment.hr_digest", "1"),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_consecutive_failures_review = fields.Integer(
        string="Failed periods before HR review",
        default=4,
        help="After this many consecutive failed periods an employee is "
             "flagged for HR review (the seeds: four weeks).",
    )
    am_assessment_week_start = fields.Selection(
        [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"),
         ("3", "Thursday"), ("4", "Friday"), ("5", "Saturday"),
         ("6", "Sunday")],
        string="Assessment weeks start on", default="0",
        help="First weekday of weekly assessment periods; the previous "
             "week is assessed on that day.")
    am_hr_digest = fields.Boolean(
        string="Weekly digest to HR", default=True,
        help="Every week the HR managers receive the employees flagged for review "
             "and the certifications expiring by e-mail.")

    @api.constrains("am_consecutive_failures_review")
    def _check_am_consecutive_failures_review(self):
        for settings in self:
            if settings.am_consecutive_failures_review < 1:
                raise ValidationError(_(
                    "The number of failed periods before HR review must be at least 1."))

    @api.model
    def get_values(self):
        res = super().get_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in ASSESSMENT_PARAMETERS.items():
            value = params.get_param(key, default)
            if self._fields[name].type == "boolean":
                value = value not in ("0", "False", "")
            elif self._fields[name].type == "integer":
                try:
                    value = int(value)
                except ValueError:
                    value = int(default)
            res[name] = value
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in ASSESSMENT_PARAMETERS.items():
            # a cleared selection keeps the default, not the text "False"
            value = self[name]
            if self._fields[name].type == "boolean":
                value = "1" if value else "0"
            params.set_param(key, default if value is False else str(value))
        return res
