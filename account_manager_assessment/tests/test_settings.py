# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import AssessmentCase


class TestSettings(AssessmentCase):
    """The assessment settings persist (Odoo 11 has no config_parameter=)
    and bad values are refused."""

    def _settings_user(self, login):
        return self._user(login, [
            self.env.ref("base.group_system"),
            self.env.ref("account_manager_process.group_am_administrator")])

    def test_settings_are_saved_and_read_back(self):
        Settings = self.env["res.config.settings"].sudo(
            self._settings_user("settings_admin"))
        Settings.create({"am_consecutive_failures_review": 6,
                         "am_assessment_week_start": "2"}).execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param(
            "account_manager_assessment.consecutive_failures_review"), "6")
        self.assertEqual(self.env["am.assessment.scheme"]._week_start(), 2)
        fresh = Settings.default_get(["am_consecutive_failures_review",
                                      "am_assessment_week_start"])
        self.assertEqual(fresh["am_consecutive_failures_review"], 6)
        self.assertEqual(fresh["am_assessment_week_start"], "2")
        with self.assertRaisesRegex(ValidationError, "at least 1"):
            with self.env.cr.savepoint():
                Settings.create({"am_consecutive_failures_review": 0})
        self.assertEqual(params.get_param(
            "account_manager_assessment.consecutive_failures_review"), "6")

    def test_cleared_week_start_keeps_monday(self):
        self.env["res.config.settings"].sudo(
            self._settings_user("settings_t")).create({
                "am_assessment_week_start": False}).set_values()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(
            "account_manager_assessment.week_start"), "0")

    def test_parameters_in_the_process_table(self):
        Settings = self.env["res.config.settings"]
        table = Settings._am_parameters()
        for key in ("consecutive_failures_review", "assessment_week_start", "hr_digest",
                    "monthly_visit_target"):
            self.assertIn(key, table)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("account_manager_assessment.consecutive_failures_review", "many")
        self.assertEqual(self.env["am.assessment"]._review_threshold(), 4)
        params.set_param("account_manager_assessment.week_start", "9")
        self.assertEqual(self.env["am.assessment.scheme"]._week_start(), 2)
        params.set_param("account_manager_assessment.hr_digest", "0")
        self.assertIs(Settings._am_value("hr_digest"), False)
        self.assertEqual(self.env["am.cockpit"]._cron_hr_digest(), 0)
