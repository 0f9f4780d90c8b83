# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AmWorkReportStep(models.Model):
    _name = "am.work.report.step"
    _description = "Work report step"
    _order = "report_type, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    report_type = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True, default="daily",
    )
    guidance = fields.Text(translate=True, help="What the account manager writes in this step.")
