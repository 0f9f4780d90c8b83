# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The training's settings: key -> (ir.config_parameter, default), all whole
# numbers, shown as the field "am_" + key and read by the business code with
# res.config.settings._am_training_value(key), so that both agree on the
# default. (Standalone: account_manager_process's table is not available.)
TRAINING_PARAMETERS = {
    "qualification_expiring_days": (
        "account_manager_training.qualification_expiring_days", 30),
    "attendance_grace_minutes": ("account_manager_training.grace_minutes", 5),
    "certification_reminder_days": (
        "account_manager_training.certification_reminder_days", 60),
    "default_max_attempts": ("account_manager_training.default_max_attempts", 3),
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_qualification_expiring_days = fields.Integer(
        string="Qualification expiring within (days)",
    )
    am_attendance_grace_minutes = fields.Integer(
        string="Attendance grace (minutes)",
        help="Checking in later than the start plus this, or out earlier than the end "
             "minus this, marks the attendee late or leaving early.",
    )
    am_certification_reminder_days = fields.Integer(
        string="Certification reminder (days ahead)",
    )
    am_default_max_attempts = fields.Integer(
        string="Default exam attempts",
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

    # Odoo 11 ignores the ``config_parameter`` field attribute (added in 12.0):
    # the parameters are read and written explicitly
    @api.model
    def get_values(self):
        res = super().get_values()
        for key in TRAINING_PARAMETERS:
            res["am_" + key] = self._am_training_value(key)
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for key, (param, __) in TRAINING_PARAMETERS.items():
            params.set_param(param, str(self["am_" + key]))
        return res

    @api.model
    def _am_training_value(self, key):
        """The whole number of the training setting ``key``; its default when
        the parameter is missing or not a number."""
        param, default = TRAINING_PARAMETERS[key]
        value = self.env["ir.config_parameter"].sudo().get_param(param)
        try:
            return int(value) if value else default
        except ValueError:
            return default
