# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import fields
from odoo.addons.account_manager_process.models import am_rules
from odoo.exceptions import UserError

from .common import AmCommon


class TestWorkReport(AmCommon):

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Report Customer")
        return result

    def _fill(self, report, user):
        for line in report.line_ids:
            line.sudo(user).content = "Done: %s" % line.name

    def test_daily_report_seven_steps_and_figures(self):
        self._done_visit(self.am1, self.customer, visit_type="new_customer")
        self._done_visit(self.am1, self.customer, visit_type="return")
        self._visit(self.am1, self.customer)  # planned: not counted
        claim = self.env["crm.claim"].sudo(self.am1).create(
            {"name": "T handled claim", "user_id": self.am1.id})
        claim.write({"stage_id": self.env.ref("crm_claim.stage_claim2").id})
        report = self.env["am.work.report"].sudo(self.am1).create({"report_type": "daily"})
        self.assertEqual(report.date_from, report.date_to)
        self.assertEqual(report.employee_id, self.emp_am1)
        self.assertEqual(len(report.line_ids), 7)
        self.assertEqual(report.line_ids[0].name, "Preparation")
        self.assertEqual(report.line_ids[-1].name, "Next-day plan")
        self.assertEqual(report.visit_count, 2)
        self.assertEqual(report.new_customer_visit_count, 1)
        self.assertEqual(report.return_visit_count, 1)
        self.assertEqual(report.new_customer_count, 1)
        self.assertEqual(report.complaint_handled_count, 1)

    def test_weekly_and_monthly_periods_and_steps(self):
        Report = self.env["am.work.report"].sudo(self.am1)
        weekly = Report.create({"report_type": "weekly", "date_from": "2026-11-25"})
        self.assertEqual((weekly.date_from, weekly.date_to), ("2026-11-23", "2026-11-29"))
        self.assertEqual(len(weekly.line_ids), 3)
        monthly = Report.create({"report_type": "monthly", "date_from": "2026-11-25"})
        self.assertEqual((monthly.date_from, monthly.date_to), ("2026-11-01", "2026-11-30"))
        self.assertIn("Self-evaluation of results", monthly.line_ids.mapped("name"))
        # steps are configurable by the administrator
        self.env["am.work.report.step"].sudo(self.admin).create(
            {"name": "T Compliance check", "report_type": "daily", "sequence": 8})
        daily = Report.create({"report_type": "daily"})
        self.assertEqual(daily.line_ids[-1].name, "T Compliance check")

    def test_submit_review_flow(self):
        report = self.env["am.work.report"].sudo(self.am1).create({"report_type": "daily"})
        with self.assertRaisesRegex(UserError, "Fill in every step"):
            report.action_submit()
        self.assertEqual(report.state, "draft")
        self._fill(report, self.am1)
        with self.assertRaisesRegex(UserError, "Only T Am1"):
            report.sudo(self.leader).action_submit()
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.is_on_time)
        with self.assertRaises(UserError):
            report.unlink()
        with self.assertRaisesRegex(UserError, "team leader"):
            report.action_review()
        as_leader = report.sudo(self.leader)
        with self.assertRaisesRegex(UserError, "comment"):
            as_leader.action_review()
        as_leader.write({"leader_comment": "Good pace."})
        as_leader.action_review()
        self.assertEqual(report.state, "reviewed")
        self.assertEqual(report.reviewer_id, self.leader)

    def test_workflow_fields_not_writable_over_rpc(self):
        """The author cannot review, backdate or inflate his report with write()."""
        Report = self.env["am.work.report"].sudo(self.am1)
        with self.assertRaisesRegex(UserError, "created as a draft"):
            Report.create({"report_type": "daily", "state": "reviewed"})
        report = Report.create({"report_type": "daily", "visit_count": 40})
        self.assertEqual(report.visit_count, 0)
        for vals in ({"state": "reviewed"}, {"submit_date": self._dt(days=-3)},
                     {"visit_count": 40}, {"reviewer_id": self.leader.id}):
            with self.assertRaisesRegex(UserError, "only set by its buttons"), \
                    self.env.cr.savepoint():
                report.write(vals)
        with self.assertRaisesRegex(UserError, "not its author"), self.env.cr.savepoint():
            report.write({"leader_comment": "Excellent, says I."})
        report.invalidate_cache()
        self.assertEqual((report.state, report.visit_count, report.leader_comment),
                         ("draft", 0, False))
        self._fill(report, self.am1)
        report.action_submit()
        # what was submitted is what the leader reviews
        with self.assertRaisesRegex(UserError, "submitted report cannot be changed"), \
                self.env.cr.savepoint():
            report.line_ids[0].write({"content": "Rewritten after submission"})
        self.assertTrue(report.line_ids[0].content.startswith("Done: "))
        # a team leader does not review his own report
        own = self.env["am.work.report"].sudo(self.leader).create({"report_type": "daily"})
        self._fill(own, self.leader)
        own.action_submit()
        with self.assertRaisesRegex(UserError, "not its author"), self.env.cr.savepoint():
            own.write({"leader_comment": "Fine."})
        with self.assertRaisesRegex(UserError, "your own report"):
            own.action_review()
        self.assertEqual(own.state, "submitted")

    def test_late_submission(self):
        report = self.env["am.work.report"].sudo(self.am1).create(
            {"report_type": "daily", "date_from": self._date(-5)})
        self._fill(report, self.am1)
        report.action_submit()
        self.assertFalse(report.is_on_time)
        self.assertFalse(am_rules.report_is_on_time(
            fields.Date.from_string(report.date_to), datetime.utcnow(), 1))

    def test_reminder_cron_is_idempotent(self):
        Report = self.env["am.work.report"]
        self._set_param("daily_report_hour", 23)
        self.assertFalse(Report._cron_remind_daily_report()
                         .filtered(lambda r: r.user_id == self.am1)
                         if fields.Datetime.context_timestamp(
                             Report, datetime.utcnow()).hour < 23 else False)
        self._set_param("daily_report_hour", 0)
        done = Report.sudo(self.am2).create({"report_type": "daily"})
        self._fill(done, self.am2)
        done.action_submit()
        Report._cron_remind_daily_report()
        today = fields.Date.context_today(Report)
        mine = Report.search([("user_id", "=", self.am1.id), ("date_from", "=", today),
                              ("report_type", "=", "daily")])
        self.assertEqual(len(mine), 1)
        self.assertEqual(len(mine.activity_ids), 1)
        self.assertEqual(mine.activity_ids.user_id, self.am1)
        self.assertFalse(done.activity_ids)
        Report._cron_remind_daily_report()
        mine_again = Report.search([("user_id", "=", self.am1.id), ("date_from", "=", today),
                                    ("report_type", "=", "daily")])
        self.assertEqual(mine_again, mine)
        self.assertEqual(len(mine.activity_ids), 1)
        # submitting clears the reminder
        self._fill(mine, self.am1)
        mine.sudo(self.am1).action_submit()
        self.assertFalse(mine.activity_ids)
