# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import AmCommon


class TestSpotCheck(AmCommon):

    def test_weekly_sample_and_result(self):
        self._set_param("spot_check_percent", 20)
        self._set_param("late_entry_days", 30)
        customer = self._customer(self.am1, "T Spot Customer")
        today = datetime.utcnow().date()
        last_monday = today - timedelta(days=today.weekday() + 7)
        days_back = (today - last_monday).days
        visits = self.env["am.visit"]
        for index in range(10):
            visits |= self._done_visit(self.am1, customer, days=-(days_back - index % 7),
                                       purpose_id=self.purpose_negotiation.id,
                                       outcome_id=self.outcome_won.id)
        other = self._customer(self.am2, "T Spot Other")
        self._done_visit(self.am2, other, days=-(days_back - 1))
        checks = self.env["am.spot.check"]._cron_sample_visits()
        mine = checks.filtered(lambda c: c.user_id == self.am1)
        self.assertEqual(len(mine), 2)
        self.assertTrue(mine.mapped("visit_id") <= visits)
        self.assertEqual(mine.mapped("checker_id"), self.leader)
        self.assertEqual(mine[0].period_start, fields.Date.to_string(last_monday))
        self.assertEqual(len(checks.filtered(lambda c: c.user_id == self.am2)), 1)
        # idempotent: the week is sampled once
        self.assertFalse(self.env["am.spot.check"]._cron_sample_visits()
                         .filtered(lambda c: c.user_id in (self.am1 | self.am2)))
        check = mine[0]
        # the checked manager can read but not record the result
        self.assertEqual(check.sudo(self.am1).result, "pending")
        with self.assertRaises(UserError):
            check.sudo(self.am1).action_confirmed()
        with self.assertRaises(AccessError):
            check.sudo(self.am1).write({"result": "confirmed"})
        # the result feeds the quality of the visit
        self.assertEqual(check.visit_id.quality_score, 3.0)
        check.sudo(self.leader).action_not_confirmed()
        self.assertEqual(check.result, "not_confirmed")
        self.assertEqual(check.checker_id, self.leader)
        self.assertEqual(check.visit_id.quality_score, 0.0)
        mine[1].sudo(self.leader).action_unreachable()
        self.assertEqual(mine[1].visit_id.quality_score, 1.5)

    def test_leader_cannot_check_his_own_visit(self):
        """The leader's own visits are in the team he manages: a spot check of
        them is recorded by somebody else."""
        customer = self._customer(self.leader, "T Leader Own Customer")
        visit = self._done_visit(self.leader, customer)
        check = self.env["am.spot.check"].create({"visit_id": visit.id})
        as_leader = check.sudo(self.leader)
        self.assertEqual(as_leader.result, "pending")
        with self.assertRaisesRegex(UserError, "your own visit"):
            as_leader.action_confirmed()
        with self.assertRaisesRegex(UserError, "your own visit"):
            as_leader.write({"result": "confirmed"})
        self.assertEqual(check.result, "pending")
        # his own manager (the administrator of the upper department) does it
        check.sudo(self.admin).action_confirmed()
        self.assertEqual(check.result, "confirmed")

    def test_sampling_queries_do_not_grow_with_managers(self):
        self._set_param("spot_check_percent", 100)
        self._set_param("late_entry_days", 30)
        today = datetime.utcnow().date()
        days_back = (today - (today - timedelta(days=today.weekday() + 7))).days - 1
        cr = self.env.cr

        def sample():
            self.env.clear()
            before = cr.sql_log_count
            checks = self.env["am.spot.check"]._cron_sample_visits()
            return cr.sql_log_count - before, checks

        # one manager in each team, then more managers and visits
        self._done_visit(self.am1, self._customer(self.am1, "T Sample A"), days=-days_back)
        other_customer = self._customer(self.am_other, "T Sample C")
        self._done_visit(self.am_other, other_customer, days=-days_back)
        cr.execute("SAVEPOINT sample_small")
        sample()  # warm the caches (settings, ...) the same way for both runs
        cr.execute("ROLLBACK TO SAVEPOINT sample_small")
        small, checks = sample()
        self.assertEqual(len(checks.filtered(
            lambda c: c.user_id in (self.am1 | self.am_other))), 2)
        cr.execute("ROLLBACK TO SAVEPOINT sample_small")
        self.env.clear()
        customer = self._customer(self.am2, "T Sample B")
        for __ in range(3):
            self._done_visit(self.am2, customer, days=-days_back)
            self._done_visit(self.am_other, other_customer, days=-days_back)
        large, checks = sample()
        self.assertEqual(len(checks.filtered(
            lambda c: c.user_id in (self.am1 | self.am2 | self.am_other))), 8)
        self.assertEqual(checks.filtered(lambda c: c.user_id == self.am_other)
                         .mapped("checker_id"), self.leader_other)
        self.assertEqual(large, small)
