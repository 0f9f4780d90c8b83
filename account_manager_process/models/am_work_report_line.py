# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AmWorkReportLine(models.Model):
    _name = "am.work.report.line"
    _description = "Work report step"
    _order = "sequence, id"

    report_id = fields.Many2one("am.work.report", required=True, ondelete="cascade", index=True)
    step_id = fields.Many2one("am.work.report.step")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    guidance = fields.Text(related="step_id.guidance", readonly=True)
    content = fields.Text()
