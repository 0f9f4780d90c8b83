# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models

# the order of both sheets: scheme (by its name in the user's language:
# its position among the parameters' scheme ids and order keys), period,
# rank, id; the parameters: ids, scheme ids, order keys
ORDER_BY = ("(SELECT o.k FROM unnest(%s::int[], %s::int[]) o(id, k) "
            "WHERE o.id = a.scheme_id), a.date_from, COALESCE(a.rank, 0), "
            "a.id")


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

    def _cell_writers(self, sheet, fmt):
        """{format name: function(row, col, value)}: one per kind of cell,
        looked up once per column (the rows are many)."""
        dates = {}

        def to_date(value):
            day = dates.get(value)
            if day is None:
                day = dates[value] = fields.Date.from_string(value)
            return day

        def date_cell(row, col, value, cell_fmt=fmt["date"]):
            if value:
                sheet.write_datetime(row, col, to_date(value), cell_fmt)
            else:
                sheet.write_blank(row, col, None, cell_fmt)

        def number(cell_fmt):
            def write(row, col, value):
                sheet.write_number(row, col, round(value or 0.0, 2), cell_fmt)
            return write

        def integer(row, col, value, cell_fmt=fmt["int"]):
            sheet.write_number(row, col, value or 0, cell_fmt)

        def text(cell_fmt):
            def write(row, col, value):
                sheet.write_string(row, col, value or "", cell_fmt)
            return write

        writers = {"date": date_cell, "int": integer}
        for name in ("num", "money"):
            writers[name] = number(fmt[name])
        for name in ("text", "title", "header", "pass", "fail"):
            writers[name] = text(fmt[name])
        return writers

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
        writers = self._cell_writers(sheet, fmt)
        column_writers = [writers[kind] for _header, _width, kind in columns]
        row_index = 2
        for row_index, row in enumerate(rows, start=3):
            for col, value in enumerate(row):
                if value.__class__ is tuple:
                    writers[value[1]](row_index, col, value[0])
                else:
                    column_writers[col](row_index, col, value)
        sheet.autofilter(2, 0, row_index, len(columns) - 1)

    def _readable_query(self, model):
        """(from clause, where clause, params) of the records of ``model``
        the user may read (access rights and record rules)."""
        model.check_access_rights("read")
        query = model._where_calc([])
        model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        return from_clause, where_clause or "TRUE", list(params)

    def _fetch(self, query, params, size=2000):
        """The rows of a query, fetched in batches (constant memory on the
        Python side)."""
        cr = self.env.cr
        cr.execute(query, params)
        while True:
            rows = cr.fetchmany(size)
            if not rows:
                return
            for row in rows:
                yield row

    def generate_xlsx_report(self, workbook, data, assessments):
        """Two queries read the rows, in the order of the workbook, whatever
        the number of assessments (plus a few for the schemes' names and
        the access checks)."""
        # the headers, labels and Yes/No in the language of the user: the
        # methods writing the sheets run in it (_() reads self.env.lang)
        lang = self.env.user.lang
        report = self.with_context(lang=lang or self.env.lang)
        assessments = assessments.with_context(lang=lang)
        fmt = self._formats(workbook)
        ids = list(set(assessments.ids))
        scheme_ids = self._readable_scheme_ids(assessments, ids)
        # the order: scheme (by its name in the user's language), period,
        # rank, id
        schemes = self.env["am.assessment.scheme"].with_context(
            lang=lang).browse(scheme_ids)
        names = {scheme.id: scheme.name for scheme in schemes}
        ordered = sorted(set(names.values()))
        order_keys = [ordered.index(names[scheme_id]) for scheme_id in scheme_ids]
        order_params = [ids, scheme_ids, order_keys]
        report._write_summary(workbook, fmt, assessments, names, order_params)
        report._write_detail(workbook, fmt, names, order_params)

    def _readable_scheme_ids(self, assessments, ids):
        """The schemes of the assessments ``ids``, sorted, once reading
        them is checked: access rights and record rules, in one query."""
        from_clause, where_clause, params = self._readable_query(
            assessments.browse())
        cr = self.env.cr
        cr.execute(
            "SELECT am_assessment.scheme_id, count(*) FROM %s WHERE (%s) AND "
            "am_assessment.id = ANY(%%s) GROUP BY 1" % (from_clause, where_clause),
            params + [ids])
        counts = dict(cr.fetchall())
        if sum(counts.values()) != len(ids):
            # the standard error (access or missing records)
            assessments.check_access_rule("read")
        return sorted(counts)

    def _write_summary(self, workbook, fmt, assessments, names, order_params):
        """The summary sheet: one row per assessment, in the order of
        ``order_params`` (ids, scheme ids, their order; see ORDER_BY)."""
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
            employee, department or "", names[scheme_id], date_from, date_to,
            results, process, total, rank,
            (yes, "pass") if passed else (no, "fail"), penalty, reward,
            failures, (yes, "fail") if flagged else no, states[state],
        ] for (employee, department, scheme_id, date_from, date_to, results,
               process, total, rank, passed, penalty, reward, failures,
               flagged, state) in self._fetch(
            """SELECT e.name, d.complete_name, a.scheme_id, a.date_from,
                   a.date_to, a.results_score, a.process_score,
                   a.total_score, a.rank, a.passed, a.penalty_total,
                   a.reward_total, a.consecutive_failures,
                   a.flagged_for_review, a.state
               FROM am_assessment a
               JOIN hr_employee e ON e.id = a.employee_id
               LEFT JOIN hr_department d ON d.id = a.department_id
               WHERE a.id = ANY(%s)
               ORDER BY """ + ORDER_BY, order_params)))

    def _write_detail(self, workbook, fmt, names, order_params):
        """The detail sheet: the lines of all the assessments at once, with
        the reader's access (record rules), in the summary's order."""
        line_from, line_where, line_params = self._readable_query(
            self.env["am.assessment.line"])
        detail = workbook.add_worksheet(_("Detail"))
        self._write_table(detail, fmt, _("Assessment lines"), [
            (_("Employee"), 28, "text"), (_("Scheme"), 28, "text"),
            (_("From"), 11, "date"), (_("Rule"), 32, "text"),
            (_("Target"), 10, "num"), (_("Actual"), 10, "num"),
            (_("Achievement (%)"), 12, "num"), (_("Weight"), 8, "num"),
            (_("Score"), 9, "num"), (_("Shortfall"), 10, "num"),
            (_("Penalty"), 11, "money"), (_("Reward"), 11, "money"),
        ], ([
            employee, names[scheme_id], date_from, name, target, actual,
            achievement, weight, score, shortfall, penalty, reward,
        ] for (employee, scheme_id, date_from, name, target, actual,
               achievement, weight, score, shortfall, penalty, reward)
            in self._fetch(
            """SELECT e.name, a.scheme_id, a.date_from,
                   am_assessment_line.name, am_assessment_line.target,
                   am_assessment_line.actual, am_assessment_line.achievement,
                   am_assessment_line.weight, am_assessment_line.score,
                   am_assessment_line.shortfall, am_assessment_line.penalty,
                   am_assessment_line.reward
               FROM """ + line_from + """, am_assessment a, hr_employee e
               WHERE (""" + line_where + """)
                 AND a.id = am_assessment_line.assessment_id
                 AND e.id = a.employee_id AND a.id = ANY(%s)
               ORDER BY """ + ORDER_BY + """, am_assessment_line.id""",
            line_params + order_params)))
