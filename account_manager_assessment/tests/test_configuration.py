# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common import AssessmentCase


class TestConfiguration(AssessmentCase):
    """Bad input gets a clear error and changes nothing; custom metrics."""

    def _scheme_vals(self, **rule):
        vals = {"metric_id": self.metric["won_revenue"].id, "target": 10,
                "weight": 100}
        vals.update(rule)
        return {"name": "Bad T", "period": "monthly",
                "rule_ids": [(0, 0, vals)]}

    def _assert_refused(self, vals, message):
        Scheme = self.env["am.assessment.scheme"].sudo(self.user_admin)
        before = Scheme.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                Scheme.create(vals)
        self.assertEqual(Scheme.search_count([]), before)

    def test_bad_rules(self):
        self._assert_refused(self._scheme_vals(target=0), "greater than 0")
        self._assert_refused(self._scheme_vals(penalty_per_unit=-1),
                             "penalties cannot be negative")
        self._assert_refused(self._scheme_vals(weight=60), "sum to 100")
        self._assert_refused(self._scheme_vals(reward_per_unit=-5),
                             "rewards cannot be negative")
        vals = self._scheme_vals()
        vals.update(results_weight=80, process_weight=10)
        self._assert_refused(vals, "results and process must sum to 100")
        vals = self._scheme_vals()
        vals.update(process_item_ids=[(0, 0, {"name": "A", "weight": 40})])
        self._assert_refused(vals, "process items must sum to 100")
        # an at-most rule may aim at zero (e.g. lateness)
        ok = self._scheme_vals(direction="at_most", target=0)
        scheme = self.env["am.assessment.scheme"].sudo(
            self.user_admin).create(ok)
        self.assertEqual(scheme.rule_ids.target, 0)
        # changing a rule's weight in the scheme is checked too
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            with self.env.cr.savepoint():
                scheme.sudo(self.user_admin).write({"rule_ids": [
                    (1, scheme.rule_ids.id, {"weight": 50})]})
        scheme.invalidate_cache()
        self.assertEqual(scheme.rule_ids.weight, 100)

    def _metric_vals(self, **kw):
        Fields = self.env["ir.model.fields"]
        lead = self.env["ir.model"]._get("crm.lead")

        def field(name):
            return Fields.search([("model", "=", "crm.lead"),
                                  ("name", "=", name)]).id
        vals = {"name": "Custom T", "code": "custom_t", "kind": "custom",
                "model_id": lead.id, "domain": "[('type', '=', 'lead')]",
                "date_field_id": field("date_deadline"),
                "employee_field_id": field("user_id"), "aggregate": "count"}
        for key, value in kw.items():
            vals[key] = field(value) if key.endswith("_field_id") else value
        return vals

    def _assert_metric_refused(self, message, **kw):
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        before = Metric.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                Metric.create(self._metric_vals(**kw))
        self.assertEqual(Metric.search_count([]), before)

    def test_bad_metrics(self):
        self._assert_metric_refused("cannot be read", domain="[('type', '=")
        self._assert_metric_refused("must be a list", domain="42")
        self._assert_metric_refused("not valid", domain="[('nope', '=', 1)]")
        self._assert_metric_refused("must be a stored field of type",
                                    date_field_id="name")
        self._assert_metric_refused("employee or a user",
                                    employee_field_id="partner_id")
        self._assert_metric_refused("summed field", aggregate="sum")
        self._assert_metric_refused("must be a stored field of type",
                                    aggregate="sum", sum_field_id="name")

    def test_custom_metric_count_and_sum(self):
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        count = Metric.create(self._metric_vals())
        total = Metric.create(self._metric_vals(
            code="custom_sum", aggregate="sum",
            sum_field_id="planned_revenue", domain="[]"))
        Lead = self.env["crm.lead"]
        for revenue, deadline, user in (
                (100, "2026-10-05", self.user_kam),
                (50, "2026-10-20", self.user_kam),
                (70, "2026-11-02", self.user_kam),
                (30, "2026-10-20", self.user_am2)):
            Lead.create({"name": "L", "type": "lead", "user_id": user.id,
                         "planned_revenue": revenue,
                         "date_deadline": deadline})
        employees = (self.emp_kam | self.emp_am2 | self.emp_other).ids
        period = (date(2026, 10, 1), date(2026, 10, 31))
        self.assertEqual(count._evaluate(employees, *period),
                         {self.emp_kam.id: 2.0, self.emp_am2.id: 1.0})
        self.assertEqual(total._evaluate(employees, *period),
                         {self.emp_kam.id: 150.0, self.emp_am2.id: 30.0})

    def test_no_data_lost(self):
        self.scheme._generate_period(date(2026, 10, 5), date(2026, 10, 11))
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.scheme.sudo(self.user_admin).unlink()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.metric["customers_registered"].sudo(self.user_admin).unlink()
        self.assertTrue(self.scheme.exists())
        self.assertTrue(self.metric["customers_registered"].exists())

    def test_rule_types_end_to_end(self):
        """At-most rule with a capped penalty, surplus reward with a cap,
        on an administrator-defined metric."""
        metric = self.env["am.assessment.metric"].sudo(self.user_admin).create(
            self._metric_vals())
        for i in range(4):
            self.env["crm.lead"].create({
                "name": "Late %s" % i, "type": "lead",
                "user_id": self.user_kam.id, "date_deadline": "2026-10-07"})
        scheme = self.env["am.assessment.scheme"].sudo(self.user_admin).create({
            "name": "Types T", "period": "weekly", "pass_threshold": 50,
            "employee_ids": [(6, 0, self.emp_kam.ids)],
            "rule_ids": [
                (0, 0, {"metric_id": metric.id, "direction": "at_most",
                        "target": 1, "weight": 50, "penalty_per_unit": 50,
                        "penalty_cap": 80}),
                (0, 0, {"metric_id": metric.id, "target": 2, "weight": 50,
                        "reward_mode": "surplus", "reward_per_unit": 30,
                        "reward_cap": 50})]})
        new = scheme._generate_period(date(2026, 10, 5), date(2026, 10, 11))
        at_most, at_least = new.line_ids.sorted("id")
        self.assertEqual((at_most.actual, at_most.shortfall), (4, 3))
        self.assertEqual(at_most.achievement, 25)
        self.assertEqual(at_most.penalty, 80)  # 3 x 50 capped at 80
        self.assertEqual((at_least.score, at_least.surplus), (100, 2))
        self.assertEqual(at_least.reward, 50)  # 2 x 30 capped at 50
        self.assertEqual(new.total_score, 62.5)
        self.assertTrue(new.passed)

    def test_settings_are_saved_and_read_back(self):
        # Odoo 11 ignores config_parameter=: the values must really persist
        settings_user = self._user("settings_admin", [
            self.env.ref("base.group_system"),
            self.env.ref("account_manager_process.group_am_administrator")])
        Settings = self.env["res.config.settings"].sudo(settings_user)
        Settings.create({"am_consecutive_failures_review": 6,
                         "am_assessment_week_start": "2"}).execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param(
            "account_manager_assessment.consecutive_failures_review"), "6")
        self.assertEqual(self.env["am.assessment.scheme"]._week_start(), 2)
        fresh = Settings.default_get(["am_consecutive_failures_review",
                                      "am_assessment_week_start"])
        self.assertEqual(fresh["am_consecutive_failures_review"], 6)
        self.assertEqual(fresh["am_assessment_week_start"], "2")
        with self.assertRaisesRegex(ValidationError, "at least 1"):
            with self.env.cr.savepoint():
                Settings.create({"am_consecutive_failures_review": 0})
        self.assertEqual(params.get_param(
            "account_manager_assessment.consecutive_failures_review"), "6")
