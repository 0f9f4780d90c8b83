# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.account_manager_process.models import am_rules
from odoo.exceptions import UserError, ValidationError

from ..models.am_assessment_metric import BUILTIN_METRICS
from .common import WEEKS, AssessmentCase


class TestMetrics(AssessmentCase):
    """Built-in and administrators' metrics: one grouped query each, on
    the employee's local days, and never an oracle on what their author
    may not read."""

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

    def test_invalid_metric_definitions_refused(self):
        self._assert_metric_refused("cannot be read", domain="[('type', '=")
        self._assert_metric_refused("must be a list", domain="42")
        self._assert_metric_refused("not valid", domain="[('nope', '=', 1)]")
        self._assert_metric_refused("is not a condition",
                                    domain="[('type', '=')]")
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

    def _field(self, model, name):
        return self.env["ir.model.fields"].search([
            ("model", "=", model), ("name", "=", name)]).id

    def test_metric_cannot_read_passwords(self):
        """An Account Management administrator who is not a system
        administrator cannot count users by the prefix of their password
        hash, directly or through a relation."""
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        before = Metric.search_count([])
        oracle = {
            "name": "Oracle T", "code": "oracle_t", "kind": "custom",
            "model_id": self.env["ir.model"]._get("res.users").id,
            "domain": "[('password_crypt', '=like', '$pbkdf2-sha512$%')]",
            "date_field_id": self._field("res.users", "create_date"),
            "employee_field_id": self._field("res.users", "create_uid"),
            "aggregate": "count"}
        with self.assertRaisesRegex(ValidationError, "cannot be measured"), \
                self.env.cr.savepoint():
            Metric.create(oracle)
        self._assert_metric_refused(
            "cannot be measured",
            domain="[('user_id.password_crypt', '=like', '$pbkdf2%')]")
        self._assert_metric_refused(
            "cannot be measured", domain="[('create_uid.password', '!=', "
                                         "False)]")
        # fields reserved to other groups, and secrets, on allowed models
        partner = {
            "model_id": self.env["ir.model"]._get("res.partner").id,
            "date_field_id": self._field("res.partner", "create_date"),
            "employee_field_id": self._field("res.partner", "user_id")}
        for extra in ({"domain": "[('signup_token', '!=', False)]"},
                      {"date_field_id": self._field("res.partner",
                                                    "signup_expiration")}):
            vals = dict(self._metric_vals(), **partner)
            vals.update(extra)
            with self.assertRaisesRegex(ValidationError,
                                        "not allowed to read the field"), \
                    self.env.cr.savepoint():
                Metric.create(vals)
        self.assertEqual(Metric.search_count([]), before)
        # a definition changed behind the ORM is checked again when used
        metric = Metric.create(self._metric_vals())
        self.env.cr.execute(
            "UPDATE am_assessment_metric SET domain = %s WHERE id = %s",
            ("[('user_id.password_crypt', '=like', '$pbkdf2%')]", metric.id))
        metric.invalidate_cache()
        with self.assertRaisesRegex(UserError, "cannot be measured"):
            metric._evaluate(self.emp_kam.ids, date(2026, 10, 1),
                             date(2026, 10, 31))
        with self.assertRaisesRegex(UserError, "cannot be measured"):
            metric.sudo(self.user_admin).action_test_metric()

    def test_metric_on_a_model_the_administrator_cannot_read(self):
        """Only the business records of the suite can be measured."""
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        before = Metric.search_count([])
        with self.assertRaisesRegex(ValidationError, "cannot be measured"), \
                self.env.cr.savepoint():
            Metric.create({
                "name": "Crons T", "code": "crons_t", "kind": "custom",
                "model_id": self.env["ir.model"]._get("ir.cron").id,
                "domain": "[]",
                "date_field_id": self._field("ir.cron", "nextcall"),
                "employee_field_id": self._field("ir.cron", "user_id"),
                "aggregate": "count"})
        self.assertEqual(Metric.search_count([]), before)

    def test_domain_is_data_not_code(self):
        """Nothing in a domain is evaluated: no names, no calls."""
        for text in ("time.sleep(30)",
                     "[('name', '=', time.strftime('%Y'))]",
                     "[('user_id', '=', uid)]",
                     "[('date_deadline', '<', context_today())]",
                     "__import__('os').system('true')",
                     "[('name', '=', 'a' * 10)]"):
            start = time.time()
            self._assert_metric_refused("function calls", domain=text)
            self.assertLess(time.time() - start, 5, text)

    def test_custom_metric_sees_only_what_its_author_reads(self):
        """Summing a model's values does not bypass the record rules that
        hide records from the author, neither in the assessments (computed
        as superuser) nor in Try on this month."""
        self.env["ir.rule"].create({
            "name": "Hidden leads T",
            "model_id": self.env["ir.model"]._get("crm.lead").id,
            "domain_force": "[('name', 'not like', 'Hidden T')]"})
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        metric = Metric.create(self._metric_vals(
            code="revenue_t", aggregate="sum",
            sum_field_id="planned_revenue", domain="[]"))
        today = fields.Date.context_today(Metric)
        for name, revenue in (("Visible T", 100), ("Hidden T", 1000)):
            self.env["crm.lead"].create({
                "name": name, "type": "lead", "user_id": self.user_kam.id,
                "planned_revenue": revenue, "date_deadline": today})
        day = fields.Date.from_string(today)
        self.assertEqual(
            metric._evaluate(self.emp_kam.ids, day.replace(day=1), day),
            {self.emp_kam.id: 100.0})
        with self.assertRaisesRegex(UserError, r"total 100\.0\b"):
            metric.sudo(self.user_admin).action_test_metric()
        scheme = self.env["am.assessment.scheme"].create({
            "name": "Revenue T", "period": "monthly",
            "employee_ids": [(6, 0, self.emp_kam.ids)],
            "rule_ids": [(0, 0, {"metric_id": metric.id, "target": 50,
                                 "weight": 100})]})
        start, stop = scheme._period_of(day)
        self.assertEqual(scheme._generate_period(start, stop).line_ids.actual,
                         100.0)

    def test_author_follows_the_definition(self):
        Metric = self.env["am.assessment.metric"].sudo(self.user_admin)
        metric = Metric.create(self._metric_vals())
        self.assertEqual(metric.author_id, self.user_admin)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            metric.write({"author_id": self.env.ref("base.user_root").id})
        admin2 = self._user("am_admin2", [self.env.ref(
            "account_manager_process.group_am_administrator")])
        metric.sudo(admin2).write({"description": "Leads"})
        self.assertEqual(metric.author_id, self.user_admin)
        metric.sudo(admin2).write({"domain": "[]"})
        self.assertEqual(metric.author_id, admin2)

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
        this_week = metric._evaluate(self.emp_kam.ids, WEEKS[0],
                                     WEEKS[0] + timedelta(days=6))
        self.assertEqual(this_week.get(self.emp_kam.id), 1.0)
        previous = metric._evaluate(
            self.emp_kam.ids, WEEKS[0] - timedelta(days=7),
            WEEKS[0] - timedelta(days=1))
        self.assertFalse(previous.get(self.emp_kam.id))

    def test_work_report_and_assessment_agree_on_the_local_day(self):
        """In Shanghai, 00:30 on 21 October is 16:30 UTC on the 20th and
        23:30 is 15:30 UTC on the 21st; 00:30 on the 22nd is 16:30 UTC on
        the 21st. The work report of the 21st and the assessment of the 21st
        count the same visits and registrations: the first two."""
        self.user_kam.tz = "Asia/Shanghai"
        tz = "Asia/Shanghai"
        day = date(2026, 10, 21)
        moments = [datetime(2026, 10, 20, 16, 30), datetime(2026, 10, 21, 15, 30),
                   datetime(2026, 10, 21, 16, 30)]
        self.assertEqual([am_rules.local_date(m, tz) for m in moments],
                         [day, day, day + timedelta(days=1)])
        low, high = am_rules.utc_bounds(day, day, tz)
        self.assertEqual([low <= m < high for m in moments], [True, True, False])
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        customer = env["res.partner"].create({
            "name": "Local Day Visits T", "customer": True, "is_company": True,
            "am_user_id": self.user_kam.id})
        for index, moment in enumerate(moments):
            visit = env["am.visit"].create({
                "user_id": self.user_kam.id, "partner_id": customer.id,
                "planned_start": fields.Datetime.to_string(moment)})
            visit.write({"outcome_id": self.env.ref(
                "account_manager_process.visit_outcome_progress").id,
                "summary": "Met the buyer."})
            visit.action_done()
            registered = env["res.partner"].create({
                "name": "Local Day Customer T%s" % index, "customer": True,
                "is_company": True, "am_user_id": self.user_kam.id})
            self.env.cr.execute(
                "UPDATE res_partner SET am_registration_date = %s WHERE id = %s",
                (fields.Datetime.to_string(moment), registered.id))
        env["res.partner"].invalidate_cache(["am_registration_date"])
        report = env["am.work.report"].sudo(self.user_kam).create(
            {"report_type": "daily", "date_from": fields.Date.to_string(day)})
        report.action_refresh_figures()
        employee = self.emp_kam.id

        def value(code):
            metric = self.env.ref("account_manager_assessment.metric_%s" % code)
            return metric._evaluate([employee], day, day).get(employee, 0.0)
        self.assertEqual((report.visit_count, report.new_customer_count), (2, 2))
        self.assertEqual((value("visits_done"), value("customers_registered")),
                         (2.0, 2.0))

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

    def test_every_builtin_metric_evaluates(self):
        """Each built-in indicator runs its grouped query on today's models
        (e.g. the complaint satisfaction, a selection of stars since 11.0.2)."""
        employees = (self.emp_kam | self.emp_am2 | self.emp_other).ids
        metrics = self.env["am.assessment.metric"].search([("builtin_code", "!=", False)])
        self.assertGreaterEqual(len(metrics), 20)
        for metric in metrics:
            result = metric._evaluate(employees, date(2026, 1, 1), date(2026, 12, 31))
            self.assertIsInstance(result, dict, metric.code)

    def test_ratio_with_unknown_operator_is_refused(self):
        """A ratio condition's operator is written in the SQL: one that is
        not a plain comparison is refused with a clear error (not an
        assert, gone with python -O), before the aggregate query runs."""
        metric = self.env.ref("account_manager_assessment.metric_spot_check_rate")
        spec = dict(BUILTIN_METRICS["spot_check_rate"],
                    ratio=("result", "= 'confirmed' OR TRUE --", "x"))
        with patch.dict(BUILTIN_METRICS, spot_check_rate=spec), \
                self.assertRaisesRegex(UserError, "is not valid for"):
            metric._evaluate(self.emp_kam.ids, date(2026, 10, 1), date(2026, 10, 31))

    def test_satisfaction_metric_averages_the_stars(self):
        claim_model = self.env["crm.claim"]
        leader = self.user_leader
        for rating in ("5", "2", "0"):
            claim = claim_model.create({"name": "T claim %s" % rating,
                                        "user_id": self.user_kam.id})
            if rating != "0":
                claim.sudo(leader).write({"am_satisfaction": rating})
            claim._write_workflow({"am_closed_date": "2026-10-10 10:00:00"})
        metric = self.env.ref("account_manager_assessment.metric_claim_satisfaction")
        result = metric._evaluate(self.emp_kam.ids, date(2026, 10, 1), date(2026, 10, 31))
        self.assertEqual(result, {self.emp_kam.id: 3.5})


class TestVisitVerificationMetrics(AssessmentCase):
    """The visits a team leader rejected do not count; the share of visits
    verified at the customer and the rejected visits are metrics."""

    def test_verified_share_and_rejected_visits(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        customer = env["res.partner"].create({
            "name": "Verified Metrics T", "customer": True, "is_company": True,
            "am_user_id": self.user_kam.id})
        start = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        visits = env["am.visit"]
        for __ in range(4):
            visit = env["am.visit"].create({
                "user_id": self.user_kam.id, "partner_id": customer.id,
                "planned_start": start})
            visit.write({"outcome_id": self.env.ref(
                "account_manager_process.visit_outcome_progress").id,
                "summary": "Met the buyer."})
            visits |= visit
        # two verified at the customer (as their check-ins recorded it)
        visits[:2]._write_workflow({"checkin_verdict": "verified"})
        visits.action_done()
        self.assertEqual(visits.mapped("review_state"),
                         ["none", "none", "to_review", "to_review"])
        visits[3].sudo(self.user_leader).review_reject("Not at the customer.")
        day = fields.Date.from_string(visits[0].visit_date)
        period = (day - timedelta(days=1), day + timedelta(days=1))
        employee = self.emp_kam.id

        def value(code):
            metric = self.env.ref("account_manager_assessment.metric_%s" % code)
            return metric._evaluate([employee], *period).get(employee, 0.0)
        self.assertEqual(value("visits_done"), 3.0)
        self.assertAlmostEqual(value("visits_verified_share"), 200.0 / 3, places=2)
        self.assertEqual(value("visits_rejected"), 1.0)

    def test_photo_missing_customer_confirmed_share_and_rating(self):
        """Visits closed without the photo their purpose requires, the share of
        link-answered spot checks the customer confirmed and the customers'
        average rating are metrics; rejected visits do not count."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        customer = env["res.partner"].create({
            "name": "Proof Metrics T", "customer": True, "is_company": True,
            "am_user_id": self.user_kam.id})
        purpose = env.ref("account_manager_process.visit_purpose_negotiation")
        start = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        visits = env["am.visit"]
        for __ in range(3):
            visits |= env["am.visit"].create({
                "user_id": self.user_kam.id, "partner_id": customer.id,
                "planned_start": start, "purpose_id": purpose.id,
                "outcome_id": env.ref("account_manager_process.visit_outcome_progress").id,
                "summary": "Met the buyer."})
        visits.action_done()
        # the purpose asks for a photo from now on: the three have none
        purpose.photo_required = True
        visits[2].sudo(self.user_leader).review_reject("Not at the customer.")
        checks = env["am.spot.check"]
        for visit, result, rating in ((visits[0], "confirmed", "5"),
                                      (visits[1], "not_confirmed", "2")):
            check = env["am.spot.check"].sudo(self.user_leader).create({"visit_id": visit.id})
            check._write_workflow({"customer_request_state": "answered", "result": result,
                                   "customer_rating": rating})
            checks |= check
        # asked but not answered: neither in the share nor in the rating
        unanswered = env["am.spot.check"].sudo(self.user_leader).create(
            {"visit_id": visits[2].id})
        unanswered._write_workflow({"customer_request_state": "asked"})
        self.assertEqual(checks.mapped("customer_rating_score"), [5, 2])
        day = fields.Date.from_string(visits[0].visit_date)
        period = (day - timedelta(days=1), day + timedelta(days=1))
        employee = self.emp_kam.id

        def value(code):
            metric = self.env.ref("account_manager_assessment.metric_%s" % code)
            return metric._evaluate([employee], *period).get(employee, 0.0)
        self.assertEqual(value("visits_photo_missing"), 2.0)
        self.assertAlmostEqual(value("customer_confirmed_share"), 50.0, places=2)
        self.assertAlmostEqual(value("customer_rating"), 3.5, places=2)
