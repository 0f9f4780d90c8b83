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

    def test_leader_submits_scores_confirms_and_the_assessment_locks(self):
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
        self.assertIs(as_leader.action_confirm(), True)
        a.invalidate_cache()
        self.assertEqual(a.state, "confirmed")
        self.assertEqual(a.confirmed_by_id, self.user_leader)
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
        # every change is tracked, who confirmed too
        tracked = a.message_ids.mapped("tracking_value_ids")
        self.assertIn("state", tracked.mapped("field"))
        self.assertIn("confirmed_by_id", tracked.mapped("field"))
        # only HR managers approve
        with self.assertRaises(UserError):
            as_leader.action_approve()
        self.assertIs(a.sudo(self.user_hr_manager).action_approve(), True)
        self.assertEqual(a.state, "approved")
        self.assertEqual(a.approved_by_id, self.user_hr_manager)
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

    def test_buttons_answer_rpc_clients(self):
        """Over XML-RPC a method returning None cannot be marshalled: every
        button returns a value."""
        a = self.assessment.sudo(self.user_leader)
        self.assertIs(a.action_recompute(), True)
        self.assertIs(a.action_submit(), True)
        self.assertIs(a.sudo(self.user_hr_manager).action_reset_draft(),
                      True)
        self.assertEqual(a.state, "draft")

    def test_confirm_and_approve_by_different_people(self):
        """The one who confirms (leader or HR manager) does not approve."""
        a = self.assessment.sudo(self.user_hr_manager)
        a.action_submit()
        a.action_confirm()
        self.assertEqual(a.confirmed_by_id, self.user_hr_manager)
        with self.assertRaisesRegex(UserError, "another HR manager"):
            a.action_approve()
        self.assertEqual(a.state, "confirmed")
        other = self._user("hr_manager2", [
            self.env.ref("hr.group_hr_manager"),
            self.env.ref("base.group_user")])
        a.sudo(other).action_approve()
        self.assertEqual(a.state, "approved")
        self.assertEqual(a.approved_by_id, other)

    def test_nobody_handles_his_own_assessment(self):
        """An HR manager assessed by a scheme neither submits, scores,
        confirms, approves, resets nor annotates his own assessment."""
        self.monthly.write({"employee_ids": [(4, self.emp_hr_manager.id)]})
        self.monthly._generate_period(date(2026, 10, 1), date(2026, 10, 31))
        own = self.env["am.assessment"].search([
            ("scheme_id", "=", self.monthly.id),
            ("employee_id", "=", self.emp_hr_manager.id)])
        me = own.sudo(self.user_hr_manager)
        other = self._user("hr_manager3", [
            self.env.ref("hr.group_hr_manager"),
            self.env.ref("base.group_user")])
        for action in ("action_submit", "action_recompute"):
            with self.assertRaisesRegex(UserError, "your own"):
                getattr(me, action)()
        with self.assertRaisesRegex(UserError, "your own"):
            me.write({"note": "I did well"})
        with self.assertRaisesRegex(UserError, "your own"):
            me.process_line_ids[0].write({"score": 100})
        own.sudo(other).action_submit()
        with self.assertRaisesRegex(UserError, "your own"):
            me.action_confirm()
        own.sudo(other).action_confirm()
        for action in ("action_approve", "action_reset_draft"):
            with self.assertRaisesRegex(UserError, "your own"):
                getattr(me, action)()
        own.invalidate_cache()
        self.assertEqual(own.state, "confirmed")
        self.assertFalse(own.note)
        self.assertFalse(any(own.process_line_ids.mapped("score")))
