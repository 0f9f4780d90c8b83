# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo.exceptions import UserError, ValidationError

from ..models import assessment_rules
from .common import WEEKS, AssessmentCase


class TestReviewFixes(AssessmentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.week = (WEEKS[0], WEEKS[0] + timedelta(days=6))
        cls.scheme._generate_period(*cls.week)
        cls.kam = cls.env["am.assessment"].search([
            ("scheme_id", "=", cls.scheme.id),
            ("employee_id", "=", cls.emp_kam.id),
            ("date_from", "=", str(WEEKS[0]))])

    def test_figures_cannot_be_written_by_hand(self):
        """readonly fields are not enforced over RPC: a leader or an HR
        manager must not pass a failed draft or hide a flag."""
        self.assertFalse(self.kam.passed)
        for user in (self.user_leader, self.user_hr_manager):
            for vals in ({"passed": True}, {"total_score": 100.0},
                         {"penalty_total": 0.0},
                         {"flagged_for_review": True},
                         {"employee_id": self.emp_am2.id}):
                with self.assertRaisesRegex(UserError, "computed"), \
                        self.env.cr.savepoint():
                    self.kam.sudo(user).write(vals)
        self.kam.invalidate_cache()
        self.assertFalse(self.kam.passed)
        self.assertEqual(self.kam.penalty_total, 300 + 160 + 100)
        self.assertEqual(self.kam.employee_id, self.emp_kam)
        # the note stays the leader's to write
        self.kam.sudo(self.user_leader).write({"note": "talked to him"})
        self.kam.invalidate_cache()
        self.assertEqual(self.kam.note, "talked to him")

    def test_datetime_metric_counts_the_local_day(self):
        """A prospect number submitted on Monday 04:00 in Shanghai is
        Sunday 20:00 UTC: it belongs to Monday's week."""
        self.user_kam.tz = "Asia/Shanghai"
        lead = self.env["crm.lead"].create({
            "name": "Early number", "type": "lead",
            "am_prospect_provider_id": self.user_kam.id})
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            ("%s 20:00:00" % (WEEKS[0] - timedelta(days=1)), lead.id))
        metric = self.metric["prospect_numbers"]
        this_week = metric._evaluate(self.emp_kam.ids, *self.week)
        self.assertEqual(this_week.get(self.emp_kam.id), 1.0)
        previous = metric._evaluate(
            self.emp_kam.ids, WEEKS[0] - timedelta(days=7),
            WEEKS[0] - timedelta(days=1))
        self.assertFalse(previous.get(self.emp_kam.id))

    def test_export_any_day_of_the_period(self):
        wizard = self.env["am.assessment.export"].sudo(self.user_hr).create({
            "scheme_id": self.scheme.id,
            "date_from": str(WEEKS[0] + timedelta(days=3))})
        action = wizard.action_export()
        expected = self.env["am.assessment"].search([
            ("scheme_id", "=", self.scheme.id),
            ("date_from", "=", str(WEEKS[0]))])
        self.assertTrue(expected)
        self.assertEqual(sorted(action["context"]["active_ids"]),
                         sorted(expected.ids))

    def test_hr_officer_reaches_assessments_from_a_menu(self):
        """HR officers are not account managers: the Account Management
        app is hidden from them, the Employees app is not."""
        Menu = self.env["ir.ui.menu"].sudo(self.user_hr)
        for xmlid in ("am_assessment_action", "am_assessment_action_flagged",
                      "am_assessment_line_action",
                      "action_am_assessment_export"):
            action = self.env.ref("account_manager_assessment." + xmlid)
            menus = Menu.search([("action", "=", "%s,%s" % (
                action._name, action.id))])
            self.assertTrue(menus, "no menu of %s for HR officers" % xmlid)

    def test_metric_on_a_model_the_administrator_cannot_read(self):
        """Metrics are evaluated as superuser: defining one must not give
        an administrator figures of records he may not read."""
        Fields = self.env["ir.model.fields"]

        def field(name):
            return Fields.search([("model", "=", "ir.cron"),
                                  ("name", "=", name)]).id
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        before = Metric.search_count([])
        with self.assertRaisesRegex(ValidationError, "not allowed to read"), \
                self.env.cr.savepoint():
            Metric.create({
                "name": "Crons T", "code": "crons_t", "kind": "custom",
                "model_id": self.env["ir.model"]._get("ir.cron").id,
                "domain": "[]", "date_field_id": field("nextcall"),
                "employee_field_id": field("user_id"),
                "aggregate": "count"})
        self.assertEqual(Metric.search_count([]), before)

    def test_process_score_cannot_be_moved(self):
        """A leader scores process items; he cannot move a score to an
        assessment of another team."""
        monthly = self.env["am.assessment.scheme"].create({
            "name": "Monthly T", "period": "monthly",
            "employee_ids": [(6, 0, (self.emp_kam | self.emp_other).ids)],
            "results_weight": 50, "process_weight": 50,
            "rule_ids": [(0, 0, {
                "metric_id": self.metric["customers_registered"].id,
                "target": 1, "weight": 100})],
            "process_item_ids": [(0, 0, {"name": "Attitude",
                                         "weight": 100})]})
        monthly._generate_period(WEEKS[0].replace(day=1),
                                 WEEKS[0].replace(day=31))
        mine, other = [self.env["am.assessment"].search([
            ("scheme_id", "=", monthly.id), ("employee_id", "=", emp.id)])
            for emp in (self.emp_kam, self.emp_other)]
        line = mine.process_line_ids.sudo(self.user_leader)
        with self.assertRaisesRegex(UserError, "Only the score"), \
                self.env.cr.savepoint():
            line.write({"assessment_id": other.id, "score": 100})
        line.write({"score": 70})
        self.assertEqual(mine.process_line_ids.score, 70)
        self.assertFalse(other.process_line_ids.score)

    def test_recomputed_period_updates_the_later_runs(self):
        """Kam fails four weeks in a row and is flagged; his second week
        is then recomputed with the facts entered late and passes: the run
        of the last week is two failures, no longer flagged."""
        for week in WEEKS[1:]:
            self.scheme._generate_period(week, week + timedelta(days=6))
        Assessment = self.env["am.assessment"]

        def week_of(week):
            return Assessment.search([
                ("scheme_id", "=", self.scheme.id),
                ("employee_id", "=", self.emp_kam.id),
                ("date_from", "=", str(week))])
        last = week_of(WEEKS[3])
        self.assertEqual(last.consecutive_failures, 4)
        self.assertTrue(last.flagged_for_review)
        self._facts(self.user_kam, WEEKS[1], units=3, batches=16,
                    numbers=100)
        week_of(WEEKS[1]).sudo(self.user_leader).action_recompute()
        last.invalidate_cache()
        self.assertTrue(week_of(WEEKS[1]).passed)
        self.assertEqual(last.consecutive_failures, 2)
        self.assertFalse(last.flagged_for_review)

    def test_analysis_lines_carry_employee_scheme_and_period(self):
        """The lines are inserted in SQL: the stored related fields of the
        analysis (pivot by employee, scheme, period, team) must be set."""
        lines = self.kam.line_ids
        self.assertTrue(lines)
        for line in lines:
            self.assertEqual(line.employee_id, self.emp_kam)
            self.assertEqual(line.scheme_id, self.scheme)
            self.assertEqual(line.date_from, str(WEEKS[0]))
            self.assertEqual(line.department_id, self.dept)
        groups = self.env["am.assessment.line"].sudo(self.user_hr).read_group(
            [("scheme_id", "=", self.scheme.id)], ["employee_id"],
            ["employee_id"])
        self.assertEqual(
            {g["employee_id"][0] for g in groups},
            {self.emp_kam.id, self.emp_am2.id, self.emp_leader.id})

    def test_cron_skips_a_misconfigured_scheme(self):
        """A scheme whose rule weights were broken by a direct rule write
        does not stop the generation of the other schemes."""
        broken = self.scheme.copy({"name": "Broken T"})
        broken.rule_ids[0].write({"weight": 5})
        with self.assertRaises(UserError):
            broken._check_consistency()
        Assessment = self.env["am.assessment"]
        self.env["am.assessment.scheme"]._cron_generate_assessments()
        self.assertFalse(Assessment.search([("scheme_id", "=", broken.id)]))
        self.assertTrue(Assessment.search([
            ("scheme_id", "=", self.scheme.id),
            ("date_from", ">", str(WEEKS[0]))]))

    def test_cleared_week_start_keeps_monday(self):
        settings_user = self._user("settings_t", [
            self.env.ref("base.group_system"),
            self.env.ref("account_manager_process.group_am_administrator")])
        self.env["res.config.settings"].sudo(settings_user).create({
            "am_assessment_week_start": False}).set_values()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(
            "account_manager_assessment.week_start"), "0")

    def test_utc_bounds_of_local_days(self):
        self.assertEqual(
            assessment_rules.utc_bounds(date(2026, 10, 19),
                                        date(2026, 10, 25), "Asia/Shanghai"),
            (datetime(2026, 10, 18, 16), datetime(2026, 10, 25, 16)))
        # summer time ends on 25 October 2026 in Brussels
        self.assertEqual(
            assessment_rules.utc_bounds(date(2026, 10, 19),
                                        date(2026, 10, 25), "Europe/Brussels"),
            (datetime(2026, 10, 18, 22), datetime(2026, 10, 25, 23)))
        self.assertEqual(
            assessment_rules.utc_bounds(date(2026, 10, 19),
                                        date(2026, 10, 19), "Nowhere/Else"),
            (datetime(2026, 10, 19), datetime(2026, 10, 20)))
