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
