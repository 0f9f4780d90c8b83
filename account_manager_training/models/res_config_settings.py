# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_qualification_expiring_days = fields.Integer(
        string="Qualification expiring within (days)",
        default=30,
        config_parameter="account_manager_training.qualification_expiring_days",
    )
    am_attendance_grace_minutes = fields.Integer(
        string="Attendance grace (minutes)",
        default=5,
        config_parameter="account_manager_training.grace_minutes",
        help="Checking in later than the start plus this, or out earlier than the end "
             "minus this, marks the attendee late or leaving early.",
    )
    am_certification_reminder_days = fields.Integer(
        string="Certification reminder (days ahead)",
        default=60,
        config_parameter="account_manager_training.certification_reminder_days",
    )
    am_default_max_attempts = fields.Integer(
        string="Default exam attempts",
        default=3,
        config_parameter="account_manager_training.default_max_attempts",
        help="Attempts allowed on new online courses (first try and retakes).",
    )

    @api.constrains("am_qualification_expiring_days", "am_attendance_grace_minutes",
                    "am_certification_reminder_days", "am_default_max_attempts")
    def _check_am_training_numbers(self):
        for settings in self:
            if min(settings.am_qualification_expiring_days,
                   settings.am_attendance_grace_minutes,
                   settings.am_certification_reminder_days,
                   settings.am_default_max_attempts) < 0:
                raise ValidationError(_("Training settings cannot be negative."))
