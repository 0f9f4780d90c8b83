# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from . import training_rules


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    am_training_record_ids = fields.One2many(
        "am.training.record", "employee_id", string="Training records")
    am_training_record_count = fields.Integer(
        compute="_compute_am_training", string="Training")
    am_training_hours_year = fields.Float(
        compute="_compute_am_training", string="Training hours this year")
    am_mandatory_outstanding_ids = fields.Many2many(
        "am.training.course", compute="_compute_am_training",
        string="Mandatory courses outstanding")
    am_qualification_ids = fields.One2many(
        "am.employee.qualification", "employee_id", string="Qualifications")
    am_certification_ids = fields.One2many(
        "am.certification", "employee_id", string="Certifications")

    @api.multi
    def _compute_am_training(self):
        """Batch figures for the displayed employees (one read_group each)."""
        records = self.env["am.training.record"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        year_start = fields.Date.to_string(today.replace(month=1, day=1))
        counts = {
            d["employee_id"][0]: d["employee_id_count"]
            for d in records.read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["employee_id"])
        }
        hours = {
            d["employee_id"][0]: d["hours"]
            for d in records.read_group(
                [("employee_id", "in", self.ids), ("date_completed", ">=", year_start)],
                ["employee_id", "hours"], ["employee_id"])
        }
        mandatory = self.env["am.training.course"].search(
            [("mandatory_job_ids", "in", self.mapped("job_id").ids)])
        passed = records.search_read(
            [("employee_id", "in", self.ids), ("state", "=", "passed"),
             ("course_id", "in", mandatory.ids)],
            ["employee_id", "course_id", "certificate_expiry"])
        done = set()
        for rec in passed:
            expiry = rec["certificate_expiry"]
            status = training_rules.matrix_cell(
                True, "passed", fields.Date.from_string(expiry) if expiry else None, today)
            if status == "passed":
                done.add((rec["employee_id"][0], rec["course_id"][0]))
        for employee in self:
            employee.am_training_record_count = counts.get(employee.id, 0)
            employee.am_training_hours_year = hours.get(employee.id, 0.0)
            employee.am_mandatory_outstanding_ids = mandatory.filtered(
                lambda c, e=employee: c.is_mandatory_for(e.job_id, today.year)
                and (e.id, c.id) not in done)

    @api.multi
    def action_am_view_training(self):
        self.ensure_one()
        action = self.env.ref("account_manager_training.action_am_training_record").read()[0]
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
