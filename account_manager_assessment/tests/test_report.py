# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from .common import WEEKS, AssessmentCase


class TestXlsx(AssessmentCase):

    def test_hr_officer_exports(self):
        self._facts(self.user_kam, WEEKS[0], units=2)
        self.scheme._generate_period(WEEKS[0], WEEKS[0] + timedelta(days=6))
        assessments = self.env["am.assessment"].sudo(self.user_hr).search(
            [("scheme_id", "=", self.scheme.id)])
        report = self.env.ref(
            "account_manager_assessment.am_assessment_xlsx_report")
        content, fmt = report.sudo(self.user_hr).render(assessments.ids)
        self.assertEqual(fmt, "xlsx")
        book = zipfile.ZipFile(io.BytesIO(content))
        workbook = book.read("xl/workbook.xml").decode()
        self.assertIn('name="Summary"', workbook)
        self.assertIn('name="Detail"', workbook)
        for sheet in ("sheet1", "sheet2"):
            xml = book.read("xl/worksheets/%s.xml" % sheet).decode()
            self.assertIn('state="frozen"', xml)
            self.assertIn("<autoFilter", xml)
        strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("Kam", strings)
        self.assertIn("Customers registered", strings)
        # summary: header + one row per assessment; detail: one per line
        rows = book.read("xl/worksheets/sheet2.xml").decode().count("<row ")
        self.assertEqual(rows, 2 + len(assessments.mapped("line_ids")))
        # an account manager cannot export others' assessments
        with self.assertRaises(AccessError):
            report.sudo(self.user_kam).render(assessments.ids)

    def test_export_wizard_of_a_scheme_and_period(self):
        self._facts(self.user_kam, WEEKS[0], units=2)
        self.scheme._generate_period(WEEKS[0], WEEKS[0] + timedelta(days=6))
        self.scheme._generate_period(WEEKS[1], WEEKS[1] + timedelta(days=6))
        Wizard = self.env["am.assessment.export"].sudo(self.user_hr)
        # the latest assessed period is proposed
        defaults = Wizard.with_context(default_scheme_id=self.scheme.id).default_get(
            ["scheme_id", "date_from"])
        self.assertEqual(defaults["date_from"], str(WEEKS[1]))
        action = Wizard.create({"scheme_id": self.scheme.id,
                                "date_from": str(WEEKS[0])}).action_export()
        self.assertEqual(action["report_type"], "xlsx")
        expected = self.env["am.assessment"].search([
            ("scheme_id", "=", self.scheme.id), ("date_from", "=", str(WEEKS[0]))])
        self.assertTrue(expected)
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(expected.ids))
        # a period without assessments is a clear error
        empty = Wizard.create({"scheme_id": self.scheme.id,
                               "date_from": str(WEEKS[3] + timedelta(weeks=4))})
        with self.assertRaisesRegex(UserError, "no assessments of the scheme"):
            empty.action_export()
