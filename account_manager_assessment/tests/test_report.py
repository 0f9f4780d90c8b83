# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
import zipfile
from datetime import date, timedelta
from xml.etree import ElementTree

from odoo.exceptions import AccessError, UserError

from .common import WEEKS, AssessmentCase

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def read_sheet(book, index):
    """{cell reference: (value, style index)} of a worksheet: numbers as
    floats, strings (inline or shared) as text."""
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(
            "{%s}t" % NS["x"])) for si in root.findall("x:si", NS)]
    root = ElementTree.fromstring(
        book.read("xl/worksheets/sheet%s.xml" % index))
    cells = {}
    for cell in root.iter("{%s}c" % NS["x"]):
        kind, style = cell.get("t"), int(cell.get("s") or 0)
        if kind == "inlineStr":
            value = "".join(t.text or "" for t in cell.iter(
                "{%s}t" % NS["x"]))
        elif kind == "s":
            value = shared[int(cell.find("x:v", NS).text)]
        elif cell.find("x:v", NS) is not None:
            value = float(cell.find("x:v", NS).text)
        else:
            value = None
        cells[cell.get("r")] = (value, style)
    return cells


def date_styles(book):
    """Indexes of the cell styles showing a date."""
    root = ElementTree.fromstring(book.read("xl/styles.xml"))
    formats = {fmt.get("numFmtId"): fmt.get("formatCode")
               for fmt in root.iter("{%s}numFmt" % NS["x"])}
    xfs = root.find("x:cellXfs", NS).findall("x:xf", NS)
    return {index for index, xf in enumerate(xfs)
            if "yy" in (formats.get(xf.get("numFmtId")) or "")}


class TestXlsx(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept.parent_id = cls.env["hr.department"].create(
            {"name": "Bank T"})
        cls._facts(cls.user_kam, WEEKS[0], units=2)
        cls.scheme._generate_period(WEEKS[0], WEEKS[0] + timedelta(days=6))
        cls.report = cls.env.ref(
            "account_manager_assessment.am_assessment_xlsx_report")

    def _render(self, user, assessments):
        content, fmt = self.report.sudo(user).render(assessments.ids)
        self.assertEqual(fmt, "xlsx")
        return zipfile.ZipFile(io.BytesIO(content))

    def test_hr_officer_exports(self):
        assessments = self.env["am.assessment"].sudo(self.user_hr).search(
            [("scheme_id", "=", self.scheme.id)])
        book = self._render(self.user_hr, assessments)
        workbook = book.read("xl/workbook.xml").decode()
        self.assertIn('name="Summary"', workbook)
        self.assertIn('name="Detail"', workbook)
        for sheet in ("sheet1", "sheet2"):
            xml = book.read("xl/worksheets/%s.xml" % sheet).decode()
            self.assertIn('state="frozen"', xml)
            self.assertIn("<autoFilter", xml)
        texts = {value for value, _style in read_sheet(book, 1).values()}
        self.assertIn("Kam", texts)
        detail = read_sheet(book, 2)
        self.assertIn("Customers registered (units expanded)",
                      {value for value, _style in detail.values()})
        # summary: header + one row per assessment; detail: one per line
        rows = {re.match(r"[A-Z]+(\d+)", ref).group(1) for ref in detail}
        self.assertEqual(len(rows), 2 + len(assessments.mapped("line_ids")))
        # an account manager cannot export others' assessments
        with self.assertRaises(AccessError):
            self.report.sudo(self.user_kam).render(assessments.ids)

    def test_cells_are_typed_for_hr(self):
        """Dates are Excel dates, scores numbers rounded to 2 decimals,
        booleans Yes/No, the department its full name."""
        kam = self.env["am.assessment"].search([
            ("scheme_id", "=", self.scheme.id),
            ("employee_id", "=", self.emp_kam.id)])
        book = self._render(self.user_hr, kam)
        cells = read_sheet(book, 1)
        dates = date_styles(book)
        headers = [cells["%s3" % col][0] for col in "ABCDEFGHIJKLMNO"]
        row = {header: cells["%s4" % col] for header, col in zip(
            headers, "ABCDEFGHIJKLMNO")}
        excel_day = (WEEKS[0] - date(1899, 12, 30)).days
        self.assertEqual(row["From"][0], excel_day)
        self.assertIn(row["From"][1], dates)
        self.assertEqual(row["To"][0], excel_day + 6)
        self.assertIn(row["To"][1], dates)
        self.assertEqual(row["Department"][0], "Bank T / Key accounts T")
        self.assertEqual(row["Employee"][0], "Kam")
        self.assertEqual(row["Passed"][0], "No")
        self.assertEqual(row["Flagged for HR review"][0], "No")
        self.assertEqual(row["Score"][0], round(kam.total_score, 2))
        self.assertEqual(row["Penalties"][0], 100 + 160 + 100)
        detail = read_sheet(book, 2)
        achievements = sorted(detail["G%s" % n][0] for n in range(4, 9))
        # 2 units of 3: 66.67 %, not 66.666...
        self.assertIn(66.67, achievements)
        self.assertIn(detail["C4"][1], dates)

    def test_headers_in_the_language_of_the_user(self):
        lang = self.env.ref("base.lang_fr")
        lang.active = True
        for src, value in (("Employee", "Employé"), ("Yes", "Oui"),
                           ("No", "Non"), ("Summary", "Synthèse")):
            self.env["ir.translation"].create({
                "name": "addons/account_manager_assessment/report/"
                        "am_assessment_xlsx.py",
                "type": "code", "lang": lang.code, "src": src,
                "value": value, "module": "account_manager_assessment",
                "state": "translated"})
        self.user_hr.lang = lang.code
        assessments = self.env["am.assessment"].search(
            [("scheme_id", "=", self.scheme.id)])
        # whatever language the client's context says
        content, _fmt = self.report.sudo(self.user_hr).with_context(
            lang="en_US").render(assessments.ids)
        book = zipfile.ZipFile(io.BytesIO(content))
        self.assertIn('name="Synthèse"', book.read(
            "xl/workbook.xml").decode())
        texts = {value for value, _style in read_sheet(book, 1).values()}
        self.assertIn("Employé", texts)
        self.assertIn("Non", texts)
        self.assertNotIn("Employee", texts)

    def test_lines_read_at_once(self):
        """The workbook costs the same queries for one week's assessments
        as for three weeks' (the lines of all in one read)."""
        for week in WEEKS[1:3]:
            self.scheme._generate_period(week, week + timedelta(days=6))
        Assessment = self.env["am.assessment"]
        one = Assessment.search([("scheme_id", "=", self.scheme.id),
                                 ("date_from", "=", str(WEEKS[0]))])
        three = Assessment.search([("scheme_id", "=", self.scheme.id)])
        self.assertEqual(len(three), 3 * len(one))
        cr = self.env.cr
        self._render(self.user_hr, one)  # warm the caches
        counts = []
        for assessments in (one, three):
            assessments.invalidate_cache()
            before = cr.sql_log_count
            self._render(self.user_hr, assessments)
            counts.append(cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    def test_export_wizard_of_a_scheme_and_period(self):
        self.scheme._generate_period(WEEKS[1], WEEKS[1] + timedelta(days=6))
        Wizard = self.env["am.assessment.export"].sudo(self.user_hr)
        # the latest assessed period is proposed
        defaults = Wizard.with_context(
            default_scheme_id=self.scheme.id).default_get(
                ["scheme_id", "date_from"])
        self.assertEqual(defaults["date_from"], str(WEEKS[1]))
        action = Wizard.create({"scheme_id": self.scheme.id,
                                "date_from": str(WEEKS[0])}).action_export()
        self.assertEqual(action["report_type"], "xlsx")
        # the wizard closes once the file is downloaded
        self.assertIs(action["close_on_report_download"], True)
        assets = self.env.ref("account_manager_assessment.assets_backend")
        self.assertIn("report_download.js", assets.arch)
        expected = self.env["am.assessment"].search([
            ("scheme_id", "=", self.scheme.id),
            ("date_from", "=", str(WEEKS[0]))])
        self.assertTrue(expected)
        self.assertEqual(sorted(action["context"]["active_ids"]),
                         sorted(expected.ids))
        # any day of the period finds it
        action = Wizard.create({
            "scheme_id": self.scheme.id,
            "date_from": str(WEEKS[0] + timedelta(days=3))}).action_export()
        self.assertEqual(sorted(action["context"]["active_ids"]),
                         sorted(expected.ids))
        # a period without assessments is a clear error
        empty = Wizard.create({"scheme_id": self.scheme.id,
                               "date_from": str(WEEKS[3] + timedelta(weeks=4))})
        with self.assertRaisesRegex(UserError, "no assessments of the scheme"):
            empty.action_export()
