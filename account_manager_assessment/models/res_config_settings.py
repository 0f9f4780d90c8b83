# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The assessment's rows of the settings' table of account_manager_process
# (key -> ir.config_parameter, kind, default; shown as the field "am_" + key,
# read with res.config.settings._am_value(key)).
ASSESSMENT_PARAMETERS = {
    "consecutive_failures_review": (
        "account_manager_assessment.consecutive_failures_review", "int", 4),
    # the weekday (0 Monday) shown as the choice of its text
    "assessment_week_start": ("account_manager_assessment.week_start", "int", 0),
    "hr_digest": ("account_manager_assessment.hr_digest", "bool", True),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_consecutive_failures_review = fields.Integer(
        string="Failed periods before HR review",
        help="After this many consecutive failed periods an employee is "
             "flagged for HR review (the seeds: four weeks).",
    )
    am_assessment_week_start = fields.Selection(
        [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"),
         ("3", "Thursday"), ("4", "Friday"), ("5", "Saturday"),
         ("6", "Sunday")],
        string="Assessment weeks start on",
        help="First weekday of weekly assessment periods; the previous "
             "week is assessed on that day.")
    am_hr_digest = fields.Boolean(
        string="Weekly digest to HR",
        help="Every week the HR managers receive the employees flagged for review "
             "and the certifications expiring by e-mail.")

    @api.constrains("am_consecutive_failures_review")
    def _check_am_consecutive_failures_review(self):
        for settings in self:
            if settings.am_consecutive_failures_review < 1:
                raise ValidationError(_(
                    "The number of failed periods before HR review must be at least 1."))

    @api.model
    def _am_parameters(self):
        res = super()._am_parameters()
        res.update(ASSESSMENT_PARAMETERS)
        return res
