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
