# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import datetime, timedelta
from unittest import mock

from odoo import SUPERUSER_ID, api, fields
from odoo.addons.account_manager_process.models import am_locks, am_rules
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase, at_install, post_install

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

    def test_author_submits_a_complete_report_leader_reviews_with_a_comment(self):
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
        for vals in ({"state": "reviewed"}, {"visit_count": 40}, {"is_on_time": True},
                     {"submit_date": self._dt()}):
            vals.update(report_type="daily")
            with self.assertRaisesRegex(UserError, "only set by its buttons"), \
                    self.env.cr.savepoint():
                Report.create(vals)
        with self.assertRaisesRegex(UserError, "created as a draft"), self.env.cr.savepoint():
            Report.create({"report_type": "daily", "leader_comment": "Perfect, says I."})
        self.assertFalse(Report.search([("user_id", "=", self.am1.id)]))
        report = Report.create({"report_type": "daily"})
        hostile = report.with_context(am_workflow=True, am_assessment_internal=True)
        for vals in ({"state": "reviewed"}, {"submit_date": self._dt(days=-3)},
                     {"visit_count": 40}, {"reviewer_id": self.leader.id},
                     {"is_on_time": True}, {"employee_id": self.emp_am2.id},
                     {"name": "Forged"}):
            with self.assertRaisesRegex(UserError, "only set by its buttons"), \
                    self.env.cr.savepoint():
                hostile.write(vals)
            # the superuser is no exception: the buttons write them themselves
            with self.assertRaisesRegex(UserError, "only set by its buttons"), \
                    self.env.cr.savepoint():
                report.sudo().write(vals)
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

    def test_period_is_exactly_one_day_week_or_month(self):
        """Whatever create/write receive, a daily report covers one day, a weekly
        one Monday to Sunday, a monthly one a calendar month; the on-time flag
        follows from that period."""
        Report = self.env["am.work.report"].sudo(self.am1)
        today = fields.Date.from_string(self._date())
        monday = today - timedelta(days=today.weekday() + 14)
        wednesday = fields.Date.to_string(monday + timedelta(days=2))
        weekly = Report.create({"report_type": "weekly", "date_from": wednesday})
        self.assertEqual((weekly.date_from, weekly.date_to), (
            fields.Date.to_string(monday), fields.Date.to_string(monday + timedelta(days=6))))
        day = self._date(-3)
        for vals in ({"report_type": "daily", "date_from": day, "date_to": self._date(-1)},
                     {"report_type": "weekly", "date_from": wednesday,
                      "date_to": fields.Date.to_string(monday + timedelta(days=20))},
                     {"report_type": "monthly", "date_from": day, "date_to": day}):
            with self.assertRaisesRegex(ValidationError, "report covers .* cannot end on"), \
                    self.env.cr.savepoint():
                Report.create(vals)
        for vals, message in (
                ({"date_from": "1900-01-01"}, "period start must be between"),
                ({"date_from": "2101-03-01"}, "period start must be between"),
                ({"date_from": self._date(2)}, "period that has started"),
                ({"date_from": "not a date"}, "not a valid date"),
                ({"report_type": "yearly"}, "report type must be one of")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                Report.create(dict({"report_type": "daily"}, **vals))
        daily = Report.create({"report_type": "daily", "date_from": day, "date_to": day})
        self.assertEqual((daily.date_from, daily.date_to), (day, day))
        with self.assertRaisesRegex(ValidationError, "already has this report"), \
                self.env.cr.savepoint():
            Report.create({"report_type": "daily", "date_from": day})
        # moving the period keeps its length
        daily.write({"date_from": self._date(-2)})
        self.assertEqual((daily.date_from, daily.date_to), (self._date(-2), self._date(-2)))
        for vals, message in (({"date_to": self._date(-1)}, "cannot end on"),
                              ({"date_from": False}, "period start of a report is mandatory"),
                              ({"report_type": "monthly"}, "type of a saved report"),
                              ({"user_id": self.am2.id}, "author of a report")):
            with self.assertRaisesRegex((UserError, ValidationError), message), \
                    self.env.cr.savepoint():
                daily.write(vals)
        daily.invalidate_cache()
        self.assertEqual((daily.report_type, daily.date_from, daily.date_to, daily.user_id),
                         ("daily", self._date(-2), self._date(-2), self.am1))
        # a report for somebody else is refused (the reminder creates them)
        with self.assertRaisesRegex(UserError, "written by its author"), self.env.cr.savepoint():
            Report.create({"report_type": "daily", "user_id": self.am2.id})
        # on time: submitted within the grace days after the end of the period
        self._set_param("report_grace_days", 1)
        self._fill(weekly, self.am1)
        weekly.action_submit()
        self.assertFalse(weekly.is_on_time)  # two weeks late
        current = Report.create({"report_type": "weekly"})
        self._fill(current, self.am1)
        current.action_submit()
        self.assertTrue(current.is_on_time)

    def test_only_the_leader_sends_a_report_back_to_draft(self):
        report = self.env["am.work.report"].sudo(self.am1).create({"report_type": "daily"})
        self._fill(report, self.am1)
        self.assertIs(report.action_submit(), True)
        for user in (self.am1, self.am2):
            with self.assertRaisesRegex(UserError, "Only the team leader"), \
                    self.env.cr.savepoint():
                report.sudo(user).with_context(am_workflow=True).action_back_to_draft()
        self.assertEqual(report.state, "submitted")
        self.assertIs(report.sudo(self.leader).action_back_to_draft(), True)
        self.assertEqual((report.state, report.submit_date), ("draft", False))
        # nor his own report
        own = self.env["am.work.report"].sudo(self.leader).create({"report_type": "daily"})
        self._fill(own, self.leader)
        own.action_submit()
        with self.assertRaisesRegex(UserError, "your own report"):
            own.action_back_to_draft()
        self.assertEqual(own.state, "submitted")
        # every button answers an RPC client
        self.assertIs(report.action_refresh_figures(), True)
        self._fill(report, self.am1)
        report.action_submit()
        report.sudo(self.leader).write({"leader_comment": "Fine."})
        self.assertIs(report.sudo(self.leader).action_review(), True)
        with self.assertRaisesRegex(UserError, "reviewed report is final"), \
                self.env.cr.savepoint():
            report.sudo(self.leader).write({"leader_comment": "Changed my mind."})

    def test_steps_exist_from_the_start_with_their_guidance(self):
        """The configured steps are in the form before the first save and in
        every new report, each with its guidance; a client sending other lines
        changes nothing."""
        Report = self.env["am.work.report"].sudo(self.am1)
        steps = self.env["am.work.report.step"].search([("report_type", "=", "daily")])
        self.assertEqual(len(steps), 7)
        # the form of a new report: default values, then the onchange of all fields
        spec = Report._onchange_spec()
        values = dict.fromkeys(spec, False)
        values.update(Report.default_get(list(spec)))
        values["line_ids"] = []
        result = Report.onchange(values, [], spec)["value"]
        default_lines = [c for c in result["line_ids"] if c[0] == 0]
        self.assertEqual([c[2]["name"] for c in default_lines], steps.mapped("name"))
        self.assertEqual([c[2]["guidance"] for c in default_lines], steps.mapped("guidance"))
        self.assertTrue(all(c[2]["guidance"] for c in default_lines))
        # the type changes before the first save: the steps of the new type
        values.update(report_type="weekly", line_ids=result["line_ids"])
        result = Report.onchange(values, "report_type", spec)["value"]
        weekly = self.env["am.work.report.step"].search([("report_type", "=", "weekly")])
        created = [c[2] for c in result["line_ids"] if c[0] == 0]
        self.assertEqual([vals["name"] for vals in created], weekly.mapped("name"))
        self.assertTrue(all(vals.get("guidance") for vals in created))
        # the form saves the default lines with what was written in them
        commands = [(0, 0, dict(c[2], step_id=c[2]["step_id"][0] if isinstance(
                        c[2]["step_id"], (list, tuple)) else c[2]["step_id"],
                        content="Wrote %s" % i))
                    for i, c in enumerate(default_lines)]
        report = Report.create({"report_type": "daily", "line_ids": commands[:2]})
        self.assertEqual(report.line_ids.mapped("step_id"), steps)
        self.assertEqual(report.line_ids[:2].mapped("content"), ["Wrote 0", "Wrote 1"])
        self.assertFalse(report.line_ids[2].content)
        self.assertEqual(report.line_ids[0].guidance, steps[0].guidance)
        self.assertTrue(report.line_ids[0].guidance)
        for lines in ([(0, 0, {"name": "My own step", "content": "x"})],
                      [(4, report.line_ids[0].id)]):
            with self.assertRaisesRegex(UserError, "configured report steps"), \
                    self.env.cr.savepoint():
                Report.create({"report_type": "daily", "date_from": self._date(-1),
                               "line_ids": lines})

    def test_steps_cannot_be_removed_and_comment_is_the_leaders(self):
        """Attack over write/unlink and the one2many commands: the author can
        only write the notes of his steps."""
        report = self.env["am.work.report"].sudo(self.am1).create({"report_type": "daily"})
        lines = report.line_ids
        first = lines[0]
        other = self.env["am.work.report"].sudo(self.am2).create({"report_type": "daily"})
        hostile = report.with_context(am_workflow=True, am_assessment_internal=True)
        for commands in ([(2, first.id)], [(3, first.id)], [(5, 0, 0)], [(6, 0, [first.id])],
                         [(0, 0, {"name": "Extra step"})],
                         [(1, first.id, {"name": "Renamed"})],
                         [(1, first.id, {"step_id": False})],
                         [(4, other.sudo().line_ids[0].id)]):
            # refused (a line of another report is not even readable)
            with self.assertRaises((UserError, AccessError)), self.env.cr.savepoint():
                hostile.write({"line_ids": commands})
        for call in (lambda: first.unlink(), lambda: first.write({"report_id": other.id}),
                     lambda: first.write({"sequence": 99}),
                     lambda: self.env["am.work.report.line"].sudo(self.am1).create(
                         {"report_id": report.id, "name": "Extra", "content": "x"})):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                call()
        with self.assertRaisesRegex(UserError, "not its author"), self.env.cr.savepoint():
            hostile.write({"leader_comment": "Excellent work."})
        # the leader does not write the steps of his account manager
        with self.assertRaisesRegex(UserError, "Only T Am1 writes"), self.env.cr.savepoint():
            report.sudo(self.leader).write({"line_ids": [(1, first.id, {"content": "Lazy"})]})
        with self.assertRaisesRegex(ValidationError, "notes of a step is too long"), \
                self.env.cr.savepoint():
            first.write({"content": "x" * 30000})
        report.invalidate_cache()
        self.assertEqual(report.line_ids, lines)
        self.assertEqual(len(report.line_ids), 7)
        self.assertEqual(first.name, "Preparation")
        self.assertFalse(report.leader_comment)
        self.assertFalse(any(report.line_ids.mapped("content")))
        # what the web client sends when the notes of a step are written
        report.write({"line_ids": [(1, first.id, {"content": "Read the news"})] +
                      [(4, line.id, False) for line in lines[1:]]})
        self.assertEqual(first.content, "Read the news")
        # a draft report is deleted with its steps
        report.unlink()
        self.assertFalse(lines.exists())

    def test_reminder_skipped_while_another_run_works(self):
        """A reminder run overlapping another one (a manual run during the
        scheduled one) leaves: it would create the same reports."""
        Report = self.env["am.work.report"]
        self._set_param("daily_report_hour", 0)
        today = fields.Date.context_today(Report)
        with self.registry.cursor() as other:
            self.assertTrue(am_locks.try_lock(other, "am.work.report._cron_remind_daily_report"))
            self.assertFalse(Report._cron_remind_daily_report())
            self.assertFalse(Report.search([("user_id", "=", self.am1.id),
                                            ("date_from", "=", today)]))
            other.rollback()
        Report._cron_remind_daily_report()
        self.assertEqual(Report.search_count([("user_id", "=", self.am1.id),
                                              ("date_from", "=", today)]), 1)

    def test_step_configuration_input(self):
        Step = self.env["am.work.report.step"].sudo(self.admin)
        for vals in ({"name": ""}, {"name": "   "}, {"name": "x" * 300}, {}):
            with self.assertRaisesRegex(ValidationError, "name of a report step"), \
                    self.env.cr.savepoint():
                Step.create(dict(vals, report_type="daily"))
        step = self.env.ref("account_manager_process.report_step_plan").sudo(self.admin)
        with self.assertRaisesRegex(ValidationError, "name of a report step is mandatory"), \
                self.env.cr.savepoint():
            step.write({"name": False})
        self.assertEqual(step.name, "Next-day plan")


@at_install(False)
@post_install(True)
class TestWorkReportCronConcurrency(TransactionCase):
    """Two runs of the reminder at once, in two transactions (threads), as the
    scheduler and a manual run would: the second one leaves instead of
    creating the same reports again (a unique violation once the first one
    commits). Uses the committed account managers (demo data); nothing is
    committed."""

    def test_two_overlapping_runs(self):
        if not self.registry.ready or self.registry.in_test_mode():
            self.skipTest("needs real, independent transactions (post-install, pytest)")
        settings_class = type(self.env["res.config.settings"])
        original = settings_class._am_value

        def am_value(settings, key):
            return 0 if key == "daily_report_hour" else original(settings, key)

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if not env["am.work.report"]._am_manager_users():
                self.skipTest("no committed account manager (demo data)")
        results = {}

        def second():
            threading.current_thread().testing = True  # no e-mail sent
            with api.Environment.manage(), self.registry.cursor() as cr:
                try:
                    reports = api.Environment(cr, SUPERUSER_ID, {})[
                        "am.work.report"]._cron_remind_daily_report()
                    results["second"] = reports.ids
                except Exception as error:  # pylint: disable=broad-except
                    results["second_error"] = error
                finally:
                    cr.rollback()

        with mock.patch.object(settings_class, "_am_value", am_value), \
                self.registry.cursor() as cr:
            try:
                env = api.Environment(cr, SUPERUSER_ID, {})
                count = env["am.work.report"].search_count
                before = count([])
                env["am.work.report"]._cron_remind_daily_report()
                results["first"] = count([]) - before
                thread = threading.Thread(target=second)
                thread.start()
                # without a lock, the second run waits on the unique index for
                # the first one's reports
                thread.join(5)
                waited = thread.is_alive()
            finally:
                cr.rollback()
            thread.join(30)
        if not results["first"]:
            self.skipTest("today's daily reports exist already: nothing to create twice")
        self.assertFalse(waited, "the second run waited for the first one")
        self.assertNotIn("second_error", results)
        self.assertEqual(results["second"], [])
