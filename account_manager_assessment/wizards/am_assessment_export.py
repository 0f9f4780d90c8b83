# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AmAssessmentExport(models.TransientModel):
    """HR's workbook of one scheme and one period, without hunting for the
    assessments in the list first."""

    _name = "am.assessment.export"
    _description = "Export the assessments of a scheme and period (XLSX)"

    scheme_id = fields.Many2one(
        "am.assessment.scheme", required=True)
    date_from = fields.Date(
        string="Period starting", required=True,
        help="A day of the period (e.g. its first day); the latest assessed "
             "period by default.")

    @api.onchange("scheme_id")
    def _onchange_scheme_id(self):
        self.date_from = self._latest_period(self.scheme_id)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        scheme = self.env["am.assessment.scheme"].browse(values.get("scheme_id"))
        if scheme and not values.get("date_from"):
            values["date_from"] = self._latest_period(scheme)
        return values

    @api.model
    def _latest_period(self, scheme):
        if not scheme:
            return False
        latest = self.env["am.assessment"].search(
            [("scheme_id", "=", scheme.id)], order="date_from desc", limit=1)
        return latest.date_from or False

    @api.multi
    def action_export(self):
        self.ensure_one()
        assessments = self.env["am.assessment"].search([
            ("scheme_id", "=", self.scheme_id.id),
            # any day of the period finds it, not only its first day
            ("date_from", "<=", self.date_from),
            ("date_to", ">=", self.date_from)], order="rank, id")
        if not assessments:
            raise UserError(_(
                "There are no assessments of the scheme %(scheme)s for the "
                "period of %(date)s that you may read.") % {
                    "scheme": self.scheme_id.name, "date": self.date_from})
        action = self.env.ref(
            "account_manager_assessment.am_assessment_xlsx_report"
        ).report_action(assessments)
        # the dialog closes once the file is downloaded (Odoo 11's web
        # client does not know this key: static/src/js/report_download.js)
        action["close_on_report_download"] = True
        return action
