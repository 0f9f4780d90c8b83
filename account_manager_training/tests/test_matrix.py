# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xlrd

from .common import TrainingCase


class TestMatrix(TrainingCase):
    """Training matrix on screen and in XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._passed(cls.employee, cls.course_offline)

    def _matrix(self, user):
        return self.env["am.training.matrix"].sudo(user).create(
            {"department_id": self.department.id})

    def test_matrix_cells(self):
        matrix = self._matrix(self.user_coordinator)
        employees, courses, cells = matrix._matrix_data()
        self.assertEqual(employees, self.employee | self.other)
        self.assertIn(self.course_offline, courses)
        self.assertEqual(cells[(self.employee.id, self.course_offline.id)], "passed")
        self.assertEqual(cells[(self.other.id, self.course_offline.id)], "missing")
        self.assertIn("Employee Two", matrix.matrix_html)
        self.assertIn("Missing", matrix.matrix_html)

    def test_matrix_xlsx(self):
        matrix = self._matrix(self.user_hr)
        action = matrix.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        report = self.env.ref("account_manager_training.action_report_training_matrix_xlsx")
        content, file_type = report.sudo(self.user_hr).render_xlsx(matrix.ids, {})
        self.assertEqual(file_type, "xlsx")
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        header = sheet.row_values(0)
        self.assertEqual(header[0], "Employee")
        col = header.index("Compliance workshop")
        rows = {sheet.cell_value(r, 0): sheet.cell_value(r, col) for r in range(1, sheet.nrows)}
        self.assertEqual(rows["Employee One"], "Passed")
        self.assertEqual(rows["Employee Two"], "Missing")

    def test_matrix_job_filter(self):
        other_job = self.env["hr.job"].create({"name": "AM Test Driver"})
        matrix = self.env["am.training.matrix"].sudo(self.user_coordinator).create(
            {"job_id": other_job.id})
        employees, courses, cells = matrix._matrix_data()
        self.assertFalse(courses)
        self.assertFalse(cells)
        self.assertIn("No mandatory course", matrix.matrix_html)
