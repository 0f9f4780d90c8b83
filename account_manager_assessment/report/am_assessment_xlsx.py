# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class AmAssessmentXlsx(models.AbstractModel):
    """HR export of assessments: a summary sheet (one row per employee and
    period) and a detail sheet (one row per rule line)."""
    _name = "report.account_manager_assessment.assessment_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({
                "bold": True, "bg_color": "#D9E1F2", "border": 1,
                "text_wrap": True, "valign": "vcenter"}),
            "text": workbook.add_format({"border": 1}),
            "int": workbook.add_format({"border": 1, "num_format": "0"}),
            "num": workbook.add_format({"border": 1, "num_format": "0.00"}),
            "money": workbook.add_format({"border": 1,
                                          "num_format": "#,##0.00"}),
            "fail": workbook.add_format({"border": 1,
                                         "font_color": "#9C0006",
                                         "bg_color": "#FFC7CE"}),
            "pass": workbook.add_format({"border": 1,
                                         "font_color": "#006100",
                                         "bg_color": "#C6EFCE"}),
        }

    def _write_table(self, sheet, fmt, title, columns, rows):
        """Write a titled table with frozen headers and filters; columns:
        (header, width, format name); rows: lists of (value, format)."""
        sheet.write(0, 0, title, fmt["title"])
        for col, (header, width, _fmt) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(2, col, header, fmt["header"])
        for row_index, row in enumerate(rows, start=3):
            for col, value in enumerate(row):
                cell_fmt = columns[col][2]
                if isinstance(value, tuple):
                    value, cell_fmt = value
                sheet.write(row_index, col, value, fmt[cell_fmt])
        sheet.freeze_panes(3, 2)
        sheet.autofilter(2, 0, 2 + len(rows), len(columns) - 1)

    def generate_xlsx_report(self, workbook, data, assessments):
        fmt = self._formats(workbook)
        assessments = assessments.sorted(
            lambda a: (a.scheme_id.name, a.date_from, a.rank))
        yes, no = _("Passed"), _("Failed")
        summary = workbook.add_worksheet(_("Summary"))
        self._write_table(summary, fmt, _("Assessments"), [
            (_("Employee"), 28, "text"), (_("Department"), 20, "text"),
            (_("Scheme"), 28, "text"), (_("From"), 11, "text"),
            (_("To"), 11, "text"), (_("Results"), 9, "num"),
            (_("Process"), 9, "num"), (_("Score"), 9, "num"),
            (_("Rank"), 6, "int"), (_("Result"), 9, "text"),
            (_("Penalties"), 11, "money"), (_("Rewards"), 11, "money"),
            (_("Consecutive failures"), 12, "int"),
            (_("Flagged for review"), 10, "text"),
            (_("Status"), 11, "text"),
        ], [[
            a.employee_id.name, a.department_id.name or "",
            a.scheme_id.name, a.date_from, a.date_to, a.results_score,
            a.process_score, a.total_score, a.rank,
            (yes, "pass") if a.passed else (no, "fail"), a.penalty_total,
            a.reward_total, a.consecutive_failures,
            (_("Yes"), "fail") if a.flagged_for_review else "",
            dict(a._fields["state"]._description_selection(a.env))[a.state],
        ] for a in assessments])
        detail = workbook.add_worksheet(_("Detail"))
        self._write_table(detail, fmt, _("Assessment lines"), [
            (_("Employee"), 28, "text"), (_("Scheme"), 28, "text"),
            (_("From"), 11, "text"), (_("Rule"), 32, "text"),
            (_("Target"), 10, "num"), (_("Actual"), 10, "num"),
            (_("Achievement (%)"), 12, "num"), (_("Weight"), 8, "num"),
            (_("Score"), 9, "num"), (_("Shortfall"), 10, "num"),
            (_("Penalty"), 11, "money"), (_("Reward"), 11, "money"),
        ], [[
            a.employee_id.name, a.scheme_id.name, a.date_from, line.name,
            line.target, line.actual, line.achievement, line.weight,
            line.score, line.shortfall, line.penalty, line.reward,
        ] for a in assessments for line in a.line_ids])
