# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from . import am_input


class AmWorkReportStep(models.Model):
    _name = "am.work.report.step"
    _description = "Work report step"
    _order = "report_type, sequence, id"

    name = fields.Char(string="Step", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    report_type = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        string="Report type", required=True, default="daily",
    )
    guidance = fields.Text(translate=True, help="What the account manager writes in this step.")

    @api.constrains("name", "guidance")
    def _check_text(self):
        for step in self:
            am_input.clean_name(self, step.name, _("The name of a report step"))
            am_input.check_text(self, step.guidance, _("The guidance of a report step"))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        # named before the database refuses an empty mandatory field
        vals["name"] = am_input.clean_name(self, vals.get("name"),
                                           _("The name of a report step"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "name" in vals:
            vals = dict(vals, name=am_input.clean_name(
                self, vals["name"], _("The name of a report step")))
        return super().write(vals)
