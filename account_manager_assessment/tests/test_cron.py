# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import models
from odoo.exceptions import UserError

from ..models import (
    am_assessment,
    am_assessment_line,
    am_assessment_metric,
    am_assessment_process_item,
    am_assessment_process_line,
    am_assessment_rule,
    am_assessment_scheme,
    hr_employee,
)
from ..report import am_assessment_xlsx
from ..wizards import am_assessment_export
from .common import WEEKS, AssessmentCase


class TestCron(AssessmentCase):
    """The daily generation: one scheme that cannot be assessed neither
    stops the others nor goes unnoticed."""

    def test_cron_skips_a_misconfigured_scheme_and_tells_the_admins(self):
        """A scheme whose weights were broken behind the ORM (data from
        before the checks, a direct SQL change) is skipped: its
        administrators get a to-do on it, once; the log has a warning, not
        an error."""
        broken = self.scheme.copy({"name": "Broken T"})
        self.env.cr.execute(
            "UPDATE am_assessment_rule SET weight = 5 WHERE id = %s",
            (broken.rule_ids[0].id,))
        broken.invalidate_cache()
        with self.assertRaises(UserError):
            broken._check_consistency()
        Assessment = self.env["am.assessment"]
        Scheme = self.env["am.assessment.scheme"]
        logger = logging.getLogger("odoo.addons.account_manager_assessment")
        with self.assertLogs(logger, level="WARNING") as logs:
            Scheme._cron_generate_assessments()
            Scheme._cron_generate_assessments()
        self.assertTrue(logs.records)
        self.assertFalse([r for r in logs.records
                          if r.levelno >= logging.ERROR])
        self.assertFalse(Assessment.search([("scheme_id", "=", broken.id)]))
        self.assertTrue(Assessment.search([
            ("scheme_id", "=", self.scheme.id),
            ("date_from", ">", str(WEEKS[0]))]))
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "am.assessment.scheme"),
            ("res_id", "=", broken.id)])
        self.assertIn(self.user_admin, activities.mapped("user_id"))
        # once per administrator, however many runs
        self.assertEqual(len(activities),
                         len(activities.mapped("user_id")))
        self.assertIn("sum to 100", activities[0].note)
        # the administrator sees it on the scheme
        self.assertEqual(
            broken.sudo(self.user_admin).activity_ids.filtered(
                lambda a: a.user_id == self.user_admin).summary,
            "Assessments of Broken T not generated")

    def test_only_checked_methods_are_public(self):
        """Over RPC any public method can be called: those of the addon's
        models are the buttons (which check who calls), the ORM overrides
        and the wizard's defaults; the helpers that generate, compute or
        write without those checks are private (the scheduled action calls
        a private method by name)."""
        checked = {"create", "write", "unlink", "default_get", "get_values",
                   "set_values", "generate_xlsx_report",
                   "get_workbook_options"}
        for module in (am_assessment, am_assessment_line,
                       am_assessment_metric, am_assessment_process_item,
                       am_assessment_process_line, am_assessment_rule,
                       am_assessment_scheme, am_assessment_export,
                       am_assessment_xlsx, hr_employee):
            for cls in vars(module).values():
                if not (isinstance(cls, type)
                        and issubclass(cls, models.BaseModel)):
                    continue
                for name, value in vars(cls).items():
                    if callable(value) and not name.startswith("_") \
                            and not name.startswith("action_"):
                        self.assertIn(name, checked, "%s.%s is public" % (
                            cls.__name__, name))
        cron = self.env.ref(
            "account_manager_assessment.ir_cron_generate_assessments")
        self.assertEqual(cron.code.strip(),
                         "model._cron_generate_assessments()")
