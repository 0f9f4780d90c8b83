# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_consecutive_failures_review = fields.Integer(
        string="Failed periods before HR review",
        default=4,
        config_parameter="account_manager_assessment.consecutive_failures_review",
        help="After this many consecutive failed periods an employee is "
             "flagged for HR review (the seeds: four weeks).",
    )
    am_assessment_week_start = fields.Selection(
        [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"),
         ("3", "Thursday"), ("4", "Friday"), ("5", "Saturday"),
         ("6", "Sunday")],
        string="Assessment weeks start on", default="0",
        config_parameter="account_manager_assessment.week_start",
        help="First weekday of weekly assessment periods; the previous "
             "week is assessed on that day.")
