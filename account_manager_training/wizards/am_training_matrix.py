# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import html_escape

from ..models import training_rules

CELL_COLORS = {
    "passed": "#d4edda", "expired": "#fff3cd", "failed": "#f8d7da",
    "absent": "#f8d7da", "missing": "#f8d7da", "in_progress": "#d1ecf1",
    "registered": "#d1ecf1", "": "#ffffff",
}
# the latest relevant state wins when an employee has several records
STATE_PRIORITY = {"passed": 5, "in_progress": 4, "registered": 3, "failed": 2, "absent": 1}


class AmTrainingMatrix(models.TransientModel):
    """Employees x mandatory courses with the status of each cell."""

    _name = "am.training.matrix"
    _description = "Training Matrix"

    department_id = fields.Many2one("hr.department")
    job_id = fields.Many2one("hr.job", string="Job Position")
    matrix_html = fields.Html(
        compute="_compute_matrix_html", sanitize=False, string="Training matrix")

    @api.multi
    def _matrix_data(self):
        """Return (employees, courses, {(employee id, course id): status})."""
        self.ensure_one()
        today = fields.Date.from_string(fields.Date.context_today(self))
        courses = self.env["am.training.course"].search(
            [("mandatory_job_ids", "!=", False)], order="name")
        if self.job_id:
            courses = courses.filtered(lambda c: self.job_id in c.mandatory_job_ids)
        # only the employees holding a job some course is mandatory for
        emp_domain = [("job_id", "in", courses.mapped("mandatory_job_ids").ids)]
        if self.department_id:
            emp_domain.append(("department_id", "child_of", self.department_id.id))
        if self.job_id:
            emp_domain.append(("job_id", "=", self.job_id.id))
        employees = self.env["hr.employee"].search(emp_domain, order="name")
        best = {}
        for rec in self.env["am.training.record"].search_read(
                [("employee_id", "in", employees.ids), ("course_id", "in", courses.ids)],
                ["employee_id", "course_id", "state", "certificate_expiry"]):
            key = (rec["employee_id"][0], rec["course_id"][0])
            if key not in best or STATE_PRIORITY[rec["state"]] > STATE_PRIORITY[
                    best[key]["state"]]:
                best[key] = rec
        cells = {}
        for employee in employees:
            for course in courses:
                rec = best.get((employee.id, course.id))
                expiry = rec and rec["certificate_expiry"]
                cells[(employee.id, course.id)] = training_rules.matrix_cell(
                    course.is_mandatory_for(employee.job_id, today.year),
                    rec and rec["state"],
                    fields.Date.from_string(expiry) if expiry else None, today)
        return employees, courses, cells

    @api.multi
    def _left_out_count(self, employees):
        """Employees of the selection not shown: no mandatory course for their job."""
        self.ensure_one()
        domain = [("id", "not in", employees.ids)]
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        if self.job_id:
            domain.append(("job_id", "=", self.job_id.id))
        return self.env["hr.employee"].search_count(domain)

    @api.model
    def _cell_label(self, status):
        labels = {
            "passed": _("Passed"),
            "expired": _("Expired"),
            "failed": _("Failed"),
            "absent": _("Absent"),
            "in_progress": _("In progress"),
            "registered": _("Registered"),
            "missing": _("Missing"),
        }
        return labels.get(status, "")

    @api.depends("department_id", "job_id")
    def _compute_matrix_html(self):
        for wizard in self:
            employees, courses, cells = wizard._matrix_data()
            left_out = wizard._left_out_count(employees)
            note = ""
            if left_out:
                note = '<p class="text-muted">%s</p>' % html_escape(_(
                    "%s employee(s) of this selection are not listed: their job "
                    "position has no mandatory course (set the job position on the "
                    "employee, or the positions a course is mandatory for in the "
                    "Course Catalog).") % left_out)
            if not courses:
                wizard.matrix_html = "<p>%s</p>%s" % (html_escape(
                    _("No mandatory course for these employees.")), note)
                continue
            head = "".join("<th>%s</th>" % html_escape(c.name) for c in courses)
            rows = []
            for employee in employees:
                tds = "".join(
                    '<td style="background-color:%s">%s</td>' % (
                        CELL_COLORS[cells[(employee.id, c.id)]],
                        html_escape(self._cell_label(cells[(employee.id, c.id)])))
                    for c in courses)
                rows.append("<tr><th>%s</th>%s</tr>" % (html_escape(employee.name), tds))
            wizard.matrix_html = (
                '<table class="table table-condensed table-bordered">'
                "<thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody></table>%s"
                % (html_escape(_("Employee")), head, "".join(rows), note))

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref(
            "account_manager_training.action_report_training_matrix_xlsx").report_action(self)
