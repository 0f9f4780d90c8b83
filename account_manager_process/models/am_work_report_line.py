# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError


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

    def _check_report_draft(self, reports):
        # what was submitted is what the leader reviews
        if self.env.uid != SUPERUSER_ID and any(r.state != "draft" for r in reports):
            raise UserError(_("The steps of a submitted report cannot be changed; "
                              "send it back to draft first."))

    @api.model
    def create(self, vals):
        self._check_report_draft(self.env["am.work.report"].browse(vals.get("report_id")))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_report_draft(self.mapped("report_id"))
        if "report_id" in vals:
            self._check_report_draft(self.env["am.work.report"].browse(vals["report_id"]))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_report_draft(self.mapped("report_id"))
        return super().unlink()
