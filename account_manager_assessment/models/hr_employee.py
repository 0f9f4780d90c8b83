# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    am_assessment_count = fields.Integer(
        string="Assessments", compute="_compute_am_assessment_count")

    @api.multi
    def _compute_am_assessment_count(self):
        # what the current user may read: record rules apply
        data = self.env["am.assessment"].read_group(
            [("employee_id", "in", self.ids)], ["employee_id"],
            ["employee_id"])
        counts = {d["employee_id"][0]: d["employee_id_count"] for d in data}
        for employee in self:
            employee.am_assessment_count = counts.get(employee.id, 0)

    @api.multi
    def action_am_view_assessments(self):
        self.ensure_one()
        action = self.env.ref(
            "account_manager_assessment.am_assessment_action").read()[0]
        action["domain"] = [("employee_id", "=", self.id)]
        return action
