# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from .common import WEEKS, AssessmentCase


class TestSeedsWeekly(AssessmentCase):
    """The seeds' key account manager weekly rules, end to end."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # week 1: the seeds' example for Kam, all tasks met by Am Two
        cls._facts(cls.user_kam, WEEKS[0], units=2, batches=10, numbers=90)
        cls._facts(cls.user_am2, WEEKS[0] + timedelta(days=1), units=3,
                   batches=16, numbers=100)
        Lead = cls.env["crm.lead"]
        stamp = "%s 15:00:00" % (WEEKS[0] + timedelta(days=2))
        for mode, commission in (("number", 300.0), ("door_to_door", 1000.0)):
            lead = Lead.create({
                "name": "Won from Kam %s" % mode, "type": "opportunity",
                "user_id": cls.user_other.id, "probability": 100,
                "am_prospect_provider_id": cls.user_kam.id,
                "am_handover_mode": mode,
                "am_salesperson_commission": commission})
            lead.write({"date_closed": stamp})
        cls.Assessment = cls.env["am.assessment"]
        for week in WEEKS:
            cls.scheme._generate_period(week, week + timedelta(days=6))

    def _get(self, employee, week):
        return self.Assessment.search([
            ("scheme_id", "=", self.scheme.id),
            ("employee_id", "=", employee.id), ("date_from", "=", week)])

    def test_seeds_penalty_and_rewards(self):
        kam = self._get(self.emp_kam, WEEKS[0])
        self.assertEqual(len(kam), 1)
        lines = {line.metric_id: line for line in kam.line_ids}
        self.assertEqual(lines[self.metric["customers_registered"]].actual, 2)
        self.assertEqual(
            lines[self.metric["opportunities_qualified"]].actual, 10)
        self.assertEqual(lines[self.metric["prospect_numbers"]].actual, 90)
        self.assertEqual(kam.penalty_total, 170.0)
        # 200 per set from a provided number, 50% of 1000 door to door
        self.assertEqual(kam.reward_total, 700.0)
        self.assertFalse(kam.passed)
        am2 = self._get(self.emp_am2, WEEKS[0])
        self.assertTrue(am2.passed)
        self.assertEqual(am2.penalty_total, 0.0)
        self.assertEqual(am2.total_score, 100.0)
        self.assertEqual(am2.rank, 1)
        self.assertEqual(kam.rank, 2)
        # the team leader manages the department: an account manager
        # scheme of the department does not assess him
        self.assertFalse(self._get(self.emp_leader, WEEKS[0]))
        # the other department is not in the scheme
        self.assertFalse(self._get(self.emp_other, WEEKS[0]))

    def test_four_failed_weeks_flag_hr_review(self):
        history = [self._get(self.emp_kam, week) for week in WEEKS]
        self.assertEqual([a.consecutive_failures for a in history],
                         [1, 2, 3, 4])
        self.assertEqual([a.flagged_for_review for a in history],
                         [False, False, False, True])
        last = history[-1]
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "am.assessment"), ("res_id", "=", last.id)])
        self.assertIn(self.user_hr_manager, activities.mapped("user_id"))
        self.assertTrue(any(
            "HR review" in (m.body or "")
            for m in self.emp_kam.message_ids))
        # Am Two passed week 1: three failures only, not flagged
        am2 = self._get(self.emp_am2, WEEKS[-1])
        self.assertEqual(am2.consecutive_failures, 3)
        self.assertFalse(am2.flagged_for_review)
        flagged = self.Assessment.sudo(self.user_hr).search(
            [("flagged_for_review", "=", True),
             ("scheme_id", "=", self.scheme.id)])
        self.assertEqual(flagged.mapped("employee_id"), self.emp_kam)

    def test_generation_is_idempotent(self):
        count = self.Assessment.search_count([])
        lines = self.env["am.assessment.line"].search_count([])
        activities = self.env["mail.activity"].search_count([])
        for week in WEEKS:
            new = self.scheme._generate_period(week, week + timedelta(days=6))
            self.assertFalse(new)
        # a concurrent insert of the same period inserts nothing
        self.assertEqual(self.Assessment._insert_missing(
            self.scheme, self.scheme._get_employees(), WEEKS[0],
            WEEKS[0] + timedelta(days=6)), [])
        self.assertEqual(self.Assessment.search_count([]), count)
        self.assertEqual(self.env["am.assessment.line"].search_count([]),
                         lines)
        self.assertEqual(self.env["mail.activity"].search_count([]),
                         activities)

    def test_cron_twice(self):
        Scheme = self.env["am.assessment.scheme"]
        Scheme._cron_generate_assessments()
        count = self.Assessment.search_count([])
        Scheme._cron_generate_assessments()
        self.assertEqual(self.Assessment.search_count([]), count)
        # the cron assessed the last complete week of this scheme
        self.assertEqual(self.Assessment.search_count([
            ("scheme_id", "=", self.scheme.id),
            ("employee_id", "=", self.emp_kam.id)]), len(WEEKS) + 1)

    def test_recompute_only_draft(self):
        kam = self._get(self.emp_kam, WEEKS[1])
        self._facts(self.user_kam, WEEKS[1], units=3)
        kam.sudo(self.user_leader).action_recompute()
        self.assertEqual(kam.penalty_total, 160 + 100)
        kam.sudo(self.user_leader).action_submit()
        with self.assertRaises(UserError):
            kam.sudo(self.user_leader).action_recompute()

    def test_each_role_sees_and_changes_only_what_it_may(self):
        own = self.Assessment.sudo(self.user_kam).search([])
        self.assertEqual(own.mapped("employee_id"), self.emp_kam)
        self.assertEqual(len(own), 4)
        team = self.Assessment.sudo(self.user_leader).search([])
        self.assertEqual(team.mapped("employee_id"),
                         self.emp_kam | self.emp_am2)
        self.assertFalse(self.Assessment.sudo(self.user_other).search(
            [("scheme_id", "=", self.scheme.id)]))
        self.assertEqual(
            len(self.Assessment.sudo(self.user_hr).search(
                [("scheme_id", "=", self.scheme.id)])), 8)
        kam = self._get(self.emp_kam, WEEKS[0])
        # an account manager reads but neither submits nor edits his own
        with self.assertRaises(UserError):
            kam.sudo(self.user_kam).action_submit()
        with self.assertRaises((AccessError, UserError)):
            kam.sudo(self.user_kam).write({"note": "mine"})
        # a leader does not assess himself (when a scheme includes him)
        self.scheme.write({"employee_ids": [(4, self.emp_leader.id)]})
        self.scheme._generate_period(WEEKS[0], WEEKS[0] + timedelta(days=6))
        leader = self._get(self.emp_leader, WEEKS[0])
        self.assertTrue(leader)
        with self.assertRaises((AccessError, UserError)):
            leader.sudo(self.user_leader).action_submit()
        self.assertEqual(leader.state, "draft")
        # HR officers read all and may not write
        with self.assertRaises(AccessError):
            kam.sudo(self.user_hr).write({"note": "hr"})
        with self.assertRaises(UserError):
            kam.sudo(self.user_hr).action_approve()
        # administrators configure; account managers cannot
        with self.assertRaises(AccessError):
            self.env["am.assessment.scheme"].sudo(self.user_kam).create(
                {"name": "Nope"})
        scheme = self.env["am.assessment.scheme"].sudo(
            self.user_admin).create({"name": "Admin scheme",
                                     "period": "monthly"})
        self.assertTrue(scheme.exists())

    def test_employee_smart_button(self):
        kam = self.emp_kam.sudo(self.user_kam)
        self.assertEqual(kam.am_assessment_count, 4)
        action = kam.action_am_view_assessments()
        self.assertEqual(self.Assessment.sudo(self.user_kam).search(
            action["domain"]), self._get(self.emp_kam, WEEKS[0]) | self._get(
                self.emp_kam, WEEKS[1]) | self._get(
                    self.emp_kam, WEEKS[2]) | self._get(
                        self.emp_kam, WEEKS[3]))

    def test_recomputed_period_updates_the_later_runs(self):
        """Kam fails four weeks in a row and is flagged; his second week
        is then recomputed with the facts entered late and passes: the run
        of the last week is two failures, no longer flagged."""
        last = self._get(self.emp_kam, WEEKS[3])
        self.assertEqual(last.consecutive_failures, 4)
        self.assertTrue(last.flagged_for_review)
        self._facts(self.user_kam, WEEKS[1], units=3, batches=16,
                    numbers=100)
        self._get(self.emp_kam, WEEKS[1]).sudo(
            self.user_leader).action_recompute()
        last.invalidate_cache()
        self.assertTrue(self._get(self.emp_kam, WEEKS[1]).passed)
        self.assertEqual(last.consecutive_failures, 2)
        self.assertFalse(last.flagged_for_review)
