# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_monthly_visit_target = fields.Integer(
        string="Monthly visit target",
        default=15,
        config_parameter="account_manager_process.monthly_visit_target",
        help="Done visits expected from each account manager per month "
             "(about 15 is usual; 44 is the theoretical maximum).",
    )
