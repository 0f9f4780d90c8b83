# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AssessmentCase


class TestWorkflow(AssessmentCase):
    """Monthly results + process scheme: states, locking, tracking."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.monthly = cls.env["am.assessment.scheme"].create({
            "name": "AM monthly T", "period": "monthly",
            "pass_threshold": 60, "results_weight": 70,
            "process_weight": 30,
            "employee_ids": [(6, 0, (cls.emp_kam | cls.emp_other).ids)],
            "rule_ids": [(0, 0, {
                "metric_id": cls.metric["won_revenue"].id,
                "target": 1000, "weight": 100, "score_cap": 120})],
            "process_item_ids": [
                (0, 0, {"name": "Attitude", "weight": 50}),
                (0, 0, {"name": "Standardized actions", "weight": 30}),
                (0, 0, {"name": "Innovation", "weight": 20})],
        })
        lead = cls.env["crm.lead"].create({
            "name": "Big deal", "type": "opportunity", "probability": 100,
            "user_id": cls.user_kam.id, "planned_revenue": 1500})
        lead.write({"date_closed": "2026-10-12 10:00:00"})
        cls.monthly._generate_period(date(2026, 10, 1), date(2026, 10, 31))
        cls.assessment = cls.env["am.assessment"].search([
            ("scheme_id", "=", cls.monthly.id),
            ("employee_id", "=", cls.emp_kam.id)])

    def test_flow(self):
        a = self.assessment
        self.assertEqual(a.line_ids.actual, 1500)
        self.assertEqual(a.line_ids.score, 120)  # capped
        self.assertEqual(len(a.process_line_ids), 3)
        as_leader = a.sudo(self.user_leader)
        as_leader.action_submit()
        self.assertEqual(a.state, "submitted")
        scores = {"Attitude": 80, "Standardized actions": 100,
                  "Innovation": 50}
        for line in as_leader.process_line_ids:
            line.score = scores[line.name]
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            as_leader.process_line_ids[0].score = 120
        a.invalidate_cache()
        as_leader.action_confirm()
        a.invalidate_cache()
        self.assertEqual(a.state, "confirmed")
        self.assertAlmostEqual(a.process_score, 80.0)
        self.assertAlmostEqual(a.total_score, 120 * 0.7 + 80 * 0.3)
        self.assertTrue(a.passed)
        # locked: no change, even by the leader, and nothing changed
        with self.assertRaises(UserError), self.env.cr.savepoint():
            as_leader.write({"note": "late change"})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            as_leader.process_line_ids[0].write({"score": 10})
        a.invalidate_cache()
        self.assertEqual(a.process_line_ids.filtered(
            lambda line: line.name == "Attitude").score, 80)
        self.assertFalse(a.note)
        # the chatter stays open on a locked assessment
        a.sudo(self.user_hr_manager).message_post(body="Reviewed")
        a.sudo(self.user_hr_manager).message_subscribe_users()
        self.assertIn(self.user_hr_manager.partner_id,
                      a.message_follower_ids.mapped("partner_id"))
        self.assertIn("Reviewed", a.message_ids.mapped("body")[0])
        # every change is tracked
        tracked = a.message_ids.mapped("tracking_value_ids")
        self.assertIn("state", tracked.mapped("field"))
        # only HR managers approve
        with self.assertRaises(UserError):
            as_leader.action_approve()
        a.sudo(self.user_hr_manager).action_approve()
        self.assertEqual(a.state, "approved")
        with self.assertRaises(UserError):
            a.sudo(self.user_admin).unlink()

    def test_leader_of_other_team_cannot_submit(self):
        other = self.env["am.assessment"].search([
            ("scheme_id", "=", self.monthly.id),
            ("employee_id", "=", self.emp_other.id)])
        with self.assertRaises(AccessError):
            other.sudo(self.user_leader).action_submit()
        self.assertEqual(other.state, "draft")

    def test_state_cannot_be_written(self):
        with self.assertRaises(UserError):
            self.assessment.sudo(self.user_leader).write(
                {"state": "approved"})
        self.assertEqual(self.assessment.state, "draft")
