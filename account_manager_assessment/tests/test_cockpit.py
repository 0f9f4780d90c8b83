# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError

from .common import WEEKS, AssessmentCase


class TestCockpit(AssessmentCase):
    """The cockpits' training and assessment figures and HR's cockpit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cockpit = cls.env["am.cockpit"]
        # four failed weeks in a row: Kam (and Am Two) flagged for review
        for week in WEEKS:
            cls.scheme._generate_period(week, week + timedelta(days=6))
        today = fields.Date.from_string(fields.Date.context_today(cls.scheme))
        cls.current = cls.scheme._period_of(today)
        cls.last = cls.scheme._period_of(cls.current[0] - timedelta(days=1))
        cls.scheme._generate_period(*cls.last)
        cls.certification = cls.env["am.certification"].create({
            "name": "T securities qualification", "number": "T-1",
            "employee_id": cls.emp_kam.id,
            "issue_date": fields.Date.to_string(today - timedelta(days=700)),
            "expiry_date": fields.Date.to_string(today + timedelta(days=10))})

    def _check_counts(self, user, figures):
        for fig in figures:
            if fig.get("count"):
                action = fig["action"]
                self.assertEqual(
                    fig["value"],
                    self.env[action["model"]].sudo(user).search_count(action["domain"]),
                    "%s: %s" % (action["name"], action["domain"]))

    def _table(self, data, key):
        return [table for table in data["tables"] if table["key"] == key][0]

    def test_team_failures_and_leaderboard_scores(self):
        data = self.cockpit.sudo(self.user_leader).get_team_today()
        rows = {row["key"]: row["cells"] for row in data["rows"]}
        latest = self.env["am.assessment"].search(
            [("employee_id", "=", self.emp_kam.id)], order="date_to desc", limit=1)
        self.assertGreaterEqual(latest.consecutive_failures, 4)
        self.assertEqual(rows[self.emp_kam.id]["failures"]["value"],
                         latest.consecutive_failures)
        self.assertEqual(rows[self.emp_kam.id]["failures"]["tone"], "bad")
        self.assertIn("failures", [column["key"] for column in data["columns"]])
        board = {row["key"]: row["cells"] for row in data["leaderboard"]["rows"]}
        self.assertAlmostEqual(board[self.emp_kam.id]["score"]["value"], latest.total_score)

    def test_my_work_training_and_assessment(self):
        data = self.cockpit.sudo(self.user_kam).get_my_work()
        sections = {section["key"]: section for section in data["sections"]}
        training = sections["training"]["figures"]
        self.assertEqual(training[2]["value"], 1, "his certification expiring in 10 days")
        assessment = sections["assessment"]["figures"]
        latest = self.env["am.assessment"].search(
            [("employee_id", "=", self.emp_kam.id)], order="date_to desc", limit=1)
        self.assertAlmostEqual(assessment[0]["value"], latest.total_score)
        self.assertAlmostEqual(assessment[1]["value"], latest.penalty_total)
        self.assertEqual(assessment[3]["value"], latest.consecutive_failures)
        for section in data["sections"]:
            self._check_counts(self.user_kam, section["figures"])

    def test_hr_cockpit_against_the_records(self):
        data = self.cockpit.sudo(self.user_hr).get_hr_cockpit()
        schemes = self._table(data, "schemes")
        rows = [row for row in schemes["rows"] if row["name"].startswith(
            "KAM weekly T (last")]
        self.assertEqual(len(rows), 1)
        cells = rows[0]["cells"]
        self.assertEqual(cells["assessed"]["value"], 2)
        self.assertEqual(cells["draft"]["value"], 2)
        self.assertEqual(cells["flagged"]["value"], self.env["am.assessment"].search_count(
            [("scheme_id", "=", self.scheme.id), ("flagged_for_review", "=", True),
             ("date_from", "=", fields.Date.to_string(self.last[0]))]))
        assessments = self.env["am.assessment"].search(
            [("scheme_id", "=", self.scheme.id),
             ("date_from", "=", fields.Date.to_string(self.last[0]))])
        self.assertAlmostEqual(cells["penalties"]["value"],
                               sum(assessments.mapped("penalty_total")))
        flagged = self._table(data, "flagged")
        self.assertIn("Kam", [row["name"] for row in flagged["rows"]])
        certifications = self._table(data, "certifications")
        self.assertIn("T securities qualification",
                      [row["cells"]["certification"]["display"]
                       for row in certifications["rows"]])
        for table in data["tables"]:
            for row in table["rows"]:
                self._check_counts(self.user_hr, row["cells"].values())
        for section in data["sections"]:
            self._check_counts(self.user_hr, section["figures"])
        self.assertTrue(all(self.env.ref(button["xmlid"]) for button in data["buttons"]))

    def test_hr_cockpit_is_for_hr(self):
        with self.assertRaises(AccessError):
            self.cockpit.sudo(self.user_kam).get_hr_cockpit()
        with self.assertRaises(AccessError):
            self.cockpit.sudo(self.user_leader).get_hr_cockpit()

    def test_hr_queries_do_not_grow_with_the_employees(self):
        def count():
            self.env.clear()
            start = self.env.cr.sql_log_count
            self.cockpit.sudo(self.user_hr).get_hr_cockpit()
            return self.env.cr.sql_log_count - start

        count()
        small = count()
        for index in range(8):
            user = self._user("t_cockpit_%s" % index,
                              [self.env.ref("account_manager_process.group_account_manager")])
            self.env["hr.employee"].create({
                "name": "T cockpit %s" % index, "user_id": user.id,
                "department_id": self.dept.id})
        self.scheme._generate_period(*self.last)
        count()
        large = count()
        self.assertEqual(small, large, "queries for few and more employees: %s, %s"
                         % (small, large))

    def test_home_actions_of_hr_and_leaders(self):
        hr = self.env.ref("account_manager_assessment.action_am_cockpit_hr")
        self.assertEqual(self.user_hr.action_id.id, hr.id)
        self.assertEqual(self.user_hr_manager.action_id.id, hr.id)
        self.assertEqual(self.user_leader.action_id.id,
                         self.env.ref("account_manager_process.action_am_cockpit_team").id)

    def test_hr_digest_once_a_week(self):
        params = self.env["ir.config_parameter"].sudo()
        mails = self.env["mail.mail"].sudo()

        def digests():
            return mails.search([("recipient_ids", "in", self.user_hr_manager.partner_id.id),
                                 ("subject", "like", "weekly digest")])

        params.set_param("account_manager_assessment.hr_digest", "0")
        self.cockpit._cron_hr_digest()
        self.assertFalse(digests(), "turned off in the Settings")
        params.set_param("account_manager_assessment.hr_digest", "1")
        self.cockpit._cron_hr_digest()
        self.cockpit._cron_hr_digest()
        sent = digests()
        self.assertEqual(len(sent), 1, "one digest a week, however often the job runs")
        self.assertIn("Kam", sent.body_html)
        self.assertIn("T securities qualification", sent.body_html)
