# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Odoo 11 ignores the ``config_parameter`` field attribute (added in 12.0):
# the parameters are read and written explicitly in get_values / set_values.
TRAINING_PARAMETERS = {
    "am_qualification_expiring_days": (
        "account_manager_training.qualification_expiring_days", 30),
    "am_attendance_grace_minutes": ("account_manager_training.grace_minutes", 5),
    "am_certification_reminder_days": (
        "account_manager_training.certification_reminder_days", 60),
    "am_default_max_attempts": ("account_manager_training.default_max_attempts", 3),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_qualification_expiring_days = fields.Integer(
        string="Qualification expiring within (days)",
        default=30,
    )
    am_attendance_grace_minutes = fields.Integer(
        string="Attendance grace (minutes)",
        default=5,
        help="Checking in later than the start plus this, or out earlier than the end "
             "minus this, marks the attendee late or leaving early.",
    )
    am_certification_reminder_days = fields.Integer(
        string="Certification reminder (days ahead)",
        default=60,
    )
    am_default_max_attempts = fields.Integer(
        string="Default exam attempts",
        default=3,
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

    @api.model
    def get_values(self):
        res = super().get_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, default) in TRAINING_PARAMETERS.items():
            try:
                res[name] = int(params.get_param(key, default))
            except ValueError:
                res[name] = default
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, (key, _default) in TRAINING_PARAMETERS.items():
            params.set_param(key, str(self[name]))
        return res
