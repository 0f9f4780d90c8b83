# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..models.am_locks import lock_key
from ..models.am_spot_check import SAMPLING_LOCK
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
        # verified at the customer: only the random share is sampled
        visits._write_workflow({"checkin_verdict": "verified", "review_state": "none"})
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

    def test_sampling_prefers_risky_visits_and_flagged_managers(self):
        """Out-of-range and unverified check-ins, very short visits and visits
        without the photo their purpose requires are all sampled, besides the
        random share of the others; a manager flagged for review gets twice the
        share. Run twice, nothing is sampled twice."""
        self._set_param("spot_check_percent", 20)
        self._set_param("late_entry_days", 30)
        self._set_param("short_visit_minutes", 15)
        today = datetime.utcnow().date()
        days_back = (today - (today - timedelta(days=today.weekday() + 7))).days - 1
        customer = self._customer(self.am1, "T Risk Customer")
        visits = self.env["am.visit"]
        for __ in range(10):
            visits |= self._done_visit(self.am1, customer, days=-days_back)
        visits._write_workflow({"checkin_verdict": "verified", "review_state": "none"})
        out_of_range, unverified, short = visits[0], visits[1], visits[2]
        out_of_range._write_workflow({"checkin_verdict": "out_of_range"})
        unverified._write_workflow({"checkin_verdict": "unverified"})
        start = fields.Datetime.from_string(short.planned_start)
        short._write_workflow({
            "checkin_time": fields.Datetime.to_string(start),
            "checkout_time": fields.Datetime.to_string(start + timedelta(minutes=5))})
        self.assertTrue(0 < short.duration < 0.25)
        no_photo = visits[3]
        photo_purpose = self.env["am.visit.purpose"].create(
            {"name": "T Shelf check", "business_weight": 1.0, "photo_required": True})
        # closed before its purpose required a photo
        no_photo._write_workflow({"purpose_id": photo_purpose.id})
        self.assertEqual(no_photo.photo_count, 0)
        flagged_customer = self._customer(self.am2, "T Risk Flagged")
        flagged = self.env["am.visit"]
        for __ in range(10):
            flagged |= self._done_visit(self.am2, flagged_customer, days=-days_back)
        flagged._write_workflow({"checkin_verdict": "verified", "review_state": "none"})
        self.emp_am2.sudo(self.leader).action_am_flag_review()
        self.assertTrue(self.emp_am2.am_under_review)
        checks = self.env["am.spot.check"]._cron_sample_visits()
        mine = checks.filtered(lambda c: c.user_id == self.am1).mapped("visit_id")
        # the 4 risky visits and 20 % of the 6 others (rounded up: 2)
        self.assertEqual(len(mine), 6)
        self.assertTrue(out_of_range | unverified | short | no_photo <= mine)
        # the flagged manager: 40 % of 10
        self.assertEqual(len(checks.filtered(lambda c: c.user_id == self.am2)), 4)
        self.assertFalse(self.env["am.spot.check"]._cron_sample_visits().filtered(
            lambda c: c.user_id in (self.am1 | self.am2)))

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
        with self.assertRaisesRegex(UserError, "recorded with its buttons"):
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

    def test_leader_cannot_create_a_check_of_his_own_visit(self):
        """The own-visit rule holds on create too, with any values an RPC
        client sends: no "confirmed" check of one's own visit."""
        customer = self._customer(self.leader, "T Leader Own Create")
        visit = self._done_visit(self.leader, customer)
        SpotCheck = self.env["am.spot.check"].sudo(self.leader)
        with self.assertRaisesRegex(UserError, "created pending"):
            SpotCheck.create({"visit_id": visit.id, "result": "confirmed"})
        with self.assertRaisesRegex(UserError, "created pending"):
            SpotCheck.with_context(am_internal=True).create(
                {"visit_id": visit.id, "checker_id": self.admin.id})
        with self.assertRaisesRegex(UserError, "your own visit"):
            SpotCheck.create({"visit_id": visit.id})
        self.assertFalse(self.env["am.spot.check"].search([("visit_id", "=", visit.id)]))

    def test_visit_of_a_check_is_fixed(self):
        """A check recorded for one visit cannot be moved to another (e.g. a
        confirmed result onto a visit that never happened)."""
        customer = self._customer(self.am1, "T Spot Fixed")
        visit = self._done_visit(self.am1, customer)
        other = self._done_visit(self.am1, customer)
        check = self.env["am.spot.check"].sudo(self.leader).create({"visit_id": visit.id})
        check.action_confirmed()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            check.write({"visit_id": other.id})
        with self.assertRaisesRegex(UserError, "recorded with its buttons"):
            check.write({"checker_id": self.leader_other.id})
        self.assertEqual(check.visit_id, visit)
        self.assertEqual(check.result, "confirmed")
        self.assertEqual(check.checker_id, self.leader)

    def test_sampling_twice_at_once_samples_once(self):
        """Two overlapping runs of the weekly sampling: the second one sees the
        first one's lock and samples nothing."""
        self._set_param("spot_check_percent", 100)
        today = datetime.utcnow().date()
        days_back = (today - (today - timedelta(days=today.weekday() + 7))).days - 1
        self._done_visit(self.am1, self._customer(self.am1, "T Sample Twice"), days=-days_back)
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(SAMPLING_LOCK),))
        with self.registry.cursor() as other_cr:
            other = self.env(cr=other_cr)
            other_cr.execute("SET LOCAL lock_timeout = '2s'")
            self.assertFalse(other["am.spot.check"]._cron_sample_visits())
            # leaving the block would commit the second run's transaction
            other_cr.rollback()

    def test_sampled_rows_equal_the_orm_rows(self):
        """The spot checks the weekly sampling inserts with SQL are the rows
        the ORM writes for the same visit (every stored column but the week)."""
        self._set_param("spot_check_percent", 100)
        today = datetime.utcnow().date()
        days_back = (today - (today - timedelta(days=today.weekday() + 7))).days - 1
        customer = self._customer(self.am1, "T Sample Same Row")
        visit = self._done_visit(self.am1, customer, days=-days_back)
        other = self._done_visit(self.am1, customer, days=-days_back)
        sampled = self.env["am.spot.check"]._cron_sample_visits().filtered(
            lambda c: c.visit_id == visit)
        self.assertEqual(len(sampled), 1)
        orm = self.env["am.spot.check"].sudo(self.leader).create({"visit_id": other.id})
        skipped = {"id", "create_date", "write_date", "create_uid", "write_uid",
                   "period_start", "message_last_post"}
        columns = [name for name, field in orm._fields.items()
                   if field.store and field.column_type and name not in skipped]
        rows = {}
        for check in (sampled, orm):
            self.env.cr.execute("SELECT %s FROM am_spot_check WHERE id = %%s" %
                                ", ".join('"%s"' % c for c in columns), (check.id,))
            rows[check.id] = dict(zip(columns, self.env.cr.fetchone()))
        # the same visit's figures: compare the other visit's row with it
        rows[orm.id]["visit_id"] = visit.id
        self.assertEqual(rows[sampled.id], rows[orm.id])

    def test_prepare_hook_adapts_the_sampled_checks(self):
        """Another addon adapts the sampled spot checks through
        _prepare_spot_check_vals (overridden here for the test only)."""
        self._set_param("spot_check_percent", 100)
        today = datetime.utcnow().date()
        days_back = (today - (today - timedelta(days=today.weekday() + 7))).days - 1
        customer = self._customer(self.am1, "T Sample Hook")
        visits = self._done_visit(self.am1, customer, days=-days_back) | \
            self._done_visit(self.am1, customer, days=-days_back)
        with self._prepare_hook_adding("am.spot.check", "_prepare_spot_check_vals",
                                       {"note": "Ask about the delivery too."}):
            checks = self.env["am.spot.check"]._cron_sample_visits().filtered(
                lambda c: c.visit_id in visits)
        self.assertEqual(len(checks), 2)
        self.assertEqual(set(checks.mapped("note")), {"Ask about the delivery too."})
        # the rest of the row is the sampling's
        self.assertEqual(checks.mapped("user_id"), self.am1)
        self.assertEqual(checks.mapped("partner_id"), customer)
        self.assertEqual(set(checks.mapped("result")), {"pending"})
        self.assertNotIn("_prepare_spot_check_vals", type(self.env["am.spot.check"]).__dict__)
