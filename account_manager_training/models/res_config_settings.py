# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_qualification_expiring_days = fields.Integer(
        string="Qualification expiring within (days)",
        default=30,
        config_parameter="account_manager_training.qualification_expiring_days",
    )
