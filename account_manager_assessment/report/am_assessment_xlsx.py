# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, fields, models

LINE_FIELDS = ["assessment_id", "name", "target", "actual", "achievement",
               "weight", "score", "shortfall", "penalty", "reward"]


class AmAssessmentXlsx(models.AbstractModel):
    """HR export of assessments: a summary sheet (one row per employee and
    period) and a detail sheet (one row per rule line), in the user's
    language, with real dates and numbers, written row by row."""
    _name = "report.account_manager_assessment.assessment_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Assessments of a period as an XLSX workbook"

    def get_workbook_options(self):
        # rows are written in order: constant memory whatever their number
        return {"constant_memory": True}

    def _formats(self, workbook):
        border = {"border": 1}

        def fmt(**kw):
            return workbook.add_format(dict(border, **kw))
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": fmt(bold=True, bg_color="#D9E1F2", text_wrap=True,
                          valign="vcenter"),
            "text": fmt(),
            "date": fmt(num_format="yyyy-mm-dd"),
            "int": fmt(num_format="0"),
            "num": fmt(num_format="0.00"),
            "money": fmt(num_format="#,##0.00"),
            "fail": fmt(font_color="#9C0006", bg_color="#FFC7CE"),
            "pass": fmt(font_color="#006100", bg_color="#C6EFCE"),
        }

    def _write_table(self, sheet, fmt, title, columns, rows):
        """Write a titled table with frozen headers and filters, row after
        row; columns: (header, width, format name); rows: lists of values
        or (value, format name)."""
        sheet.freeze_panes(3, 2)
        for col, (_header, width, _fmt) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.write(0, 0, title, fmt["title"])
        for col, (header, _width, _fmt) in enumerate(columns):
            sheet.write(2, col, header, fmt["header"])
        count = 0
        for row_index, row in enumerate(rows, start=3):
            count += 1
            for col, value in enumerate(row):
                cell_fmt = columns[col][2]
                if isinstance(value, tuple):
                    value, cell_fmt = value
                if cell_fmt == "date":
                    if value:
                        sheet.write_datetime(
                            row_index, col, fields.Date.from_string(value),
                            fmt["date"])
                    else:
                        sheet.write_blank(row_index, col, None, fmt["date"])
                elif cell_fmt in ("num", "money"):
                    sheet.write_number(row_index, col, round(value or 0.0, 2),
                                       fmt[cell_fmt])
                elif cell_fmt == "int":
                    sheet.write_number(row_index, col, value or 0,
                                       fmt[cell_fmt])
                else:
                    sheet.write_string(row_index, col, value or "",
                                       fmt[cell_fmt])
        sheet.autofilter(2, 0, 2 + count, len(columns) - 1)

    def generate_xlsx_report(self, workbook, data, assessments):
        # the headers, labels and Yes/No in the language of the user: _()
        # reads the local "context" first
        context = dict(self.env.context, lang=self.env.user.lang)
        assessments = assessments.with_context(lang=context["lang"])
        fmt = self._formats(workbook)
        assessments = assessments.sorted(
            lambda a: (a.scheme_id.name, a.date_from, a.rank or 0, a.id))
        yes, no = _("Yes"), _("No")
        states = dict(assessments._fields["state"]._description_selection(
            assessments.env))
        summary = workbook.add_worksheet(_("Summary"))
        self._write_table(summary, fmt, _("Assessments"), [
            (_("Employee"), 28, "text"), (_("Department"), 32, "text"),
            (_("Scheme"), 28, "text"), (_("From"), 11, "date"),
            (_("To"), 11, "date"), (_("Results"), 9, "num"),
            (_("Process"), 9, "num"), (_("Score"), 9, "num"),
            (_("Rank"), 6, "int"), (_("Passed"), 8, "text"),
            (_("Penalties"), 11, "money"), (_("Rewards"), 11, "money"),
            (_("Failed periods in a row"), 12, "int"),
            (_("Flagged for HR review"), 10, "text"),
            (_("Status"), 11, "text"),
        ], ([
            a.employee_id.name, a.department_id.complete_name or "",
            a.scheme_id.name, a.date_from, a.date_to, a.results_score,
            a.process_score, a.total_score, a.rank,
            (yes, "pass") if a.passed else (no, "fail"), a.penalty_total,
            a.reward_total, a.consecutive_failures,
            (yes, "fail") if a.flagged_for_review else no, states[a.state],
        ] for a in assessments))
        # the lines of all the assessments at once, with the reader's
        # access (record rules)
        lines = defaultdict(list)
        for line in self.env["am.assessment.line"].search_read(
                [("assessment_id", "in", assessments.ids)], LINE_FIELDS,
                order="assessment_id, id"):
            lines[line["assessment_id"][0]].append(line)
        detail = workbook.add_worksheet(_("Detail"))
        self._write_table(detail, fmt, _("Assessment lines"), [
            (_("Employee"), 28, "text"), (_("Scheme"), 28, "text"),
            (_("From"), 11, "date"), (_("Rule"), 32, "text"),
            (_("Target"), 10, "num"), (_("Actual"), 10, "num"),
            (_("Achievement (%)"), 12, "num"), (_("Weight"), 8, "num"),
            (_("Score"), 9, "num"), (_("Shortfall"), 10, "num"),
            (_("Penalty"), 11, "money"), (_("Reward"), 11, "money"),
        ], ([
            a.employee_id.name, a.scheme_id.name, a.date_from, line["name"],
            line["target"], line["actual"], line["achievement"],
            line["weight"], line["score"], line["shortfall"],
            line["penalty"], line["reward"],
        ] for a in assessments for line in lines[a.id]))
