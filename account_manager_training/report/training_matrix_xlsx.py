# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class TrainingMatrixXlsx(models.AbstractModel):
    _name = "report.account_manager_training.training_matrix_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Training matrix as an XLSX workbook"

    def generate_xlsx_report(self, workbook, data, matrices):
        bold = workbook.add_format({"bold": True})
        for index, matrix in enumerate(matrices):
            employees, courses, cells = matrix._matrix_data()
            sheet = workbook.add_worksheet(
                _("Training matrix") + (" %s" % (index + 1) if index else ""))
            sheet.write(0, 0, _("Employee"), bold)
            sheet.write(0, 1, _("Department"), bold)
            sheet.write(0, 2, _("Job Position"), bold)
            for col, course in enumerate(courses, start=3):
                sheet.write(0, col, course.name, bold)
            for row, employee in enumerate(employees, start=1):
                sheet.write(row, 0, employee.name)
                sheet.write(row, 1, employee.department_id.name or "")
                sheet.write(row, 2, employee.job_id.name or "")
                for col, course in enumerate(courses, start=3):
                    sheet.write(row, col, matrix._cell_label(cells[(employee.id, course.id)]))
            sheet.set_column(0, 2, 24)
            sheet.set_column(3, 3 + len(courses), 18)
