# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from ..models import training_rules
from ..models.am_employee_qualification import AmEmployeeQualification
from .common import TrainingCase


class TestQualification(TrainingCase):
    """Qualification rules and the set-based recomputation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        courses = cls.env["am.training.course"]
        cls.c1, cls.c2, cls.exam = [courses.create({
            "name": name, "course_type": "online", "category_id": cls.category.id,
            "hours": 1, "certificate_validity_months": months})
            for name, months in (("Funds", 0), ("Insurance", 0), ("Wealth exam", 12))]
        cls.rule = cls.env["am.qualification.rule"].sudo(cls.user_admin).create({
            "name": "Wealth-management qualification",
            "category_id": cls.category.id, "course_type": "online",
            "min_courses": 2, "period_months": 12,
            "required_course_ids": [(6, 0, cls.exam.ids)],
            "job_ids": [(6, 0, cls.job.ids)],
        })
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.rule))

    @classmethod
    def _pass(cls, employee, course, days_ago):
        return cls._passed(employee, course, fields.Date.to_string(
            cls.today - timedelta(days=days_ago)))

    def _status(self, employee):
        return self.env["am.employee.qualification"].search([
            ("employee_id", "=", employee.id), ("rule_id", "=", self.rule.id)])

    def test_recompute_gives_qualified_expiring_expired_and_not_qualified(self):
        qualified = self.employee
        for course in (self.c1, self.exam):
            self._pass(qualified, course, 10)
        self._pass(qualified, self.c2, 20)
        # the exam passed 350 days ago expires within 30 days: expiring
        expiring = self.env["hr.employee"].create({"name": "Expiring", "job_id": self.job.id})
        self._pass(expiring, self.c1, 5)
        self._pass(expiring, self.c2, 5)
        self._pass(expiring, self.exam, 350)
        expired = self.env["hr.employee"].create({"name": "Expired", "job_id": self.job.id})
        for course in (self.c1, self.c2, self.exam):
            self._pass(expired, course, 400)
        # self.other passed one course only: not qualified
        self._pass(self.other, self.c1, 3)
        out_of_scope = self.env["hr.employee"].create({"name": "Driver"})
        self.env["am.employee.qualification"].sudo(self.user_admin)._recompute_all()
        self.assertEqual(self._status(qualified).state, "qualified")
        self.assertEqual(self._status(expiring).state, "expiring")
        self.assertEqual(self._status(expiring).expiry_date, fields.Date.to_string(
            training_rules.add_months(self.today - timedelta(days=350), 12)))
        self.assertEqual(self._status(expired).state, "expired")
        self.assertEqual(self._status(self.other).state, "not_qualified")
        self.assertFalse(self._status(out_of_scope), "the rule only applies to its jobs")
        # employees are filterable by qualification status
        qualified_employees = self.env["hr.employee"].sudo(self.user_hr).search(
            [("am_qualification_ids.state", "in", ("qualified", "expiring"))])
        self.assertIn(qualified, qualified_employees)
        self.assertIn(expiring, qualified_employees)
        self.assertNotIn(expired, qualified_employees)
        # the employee sees his own status only
        mine = self.env["am.employee.qualification"].sudo(self.user_employee).search([])
        self.assertEqual(mine.mapped("employee_id"), self.employee)
        # statuses follow new facts on the next run
        self._pass(self.other, self.c2, 1)
        self._pass(self.other, self.exam, 1)
        self.env["am.employee.qualification"]._cron_recompute()
        self.assertEqual(self._status(self.other).state, "qualified")
        # an archived rule's statuses disappear
        self.rule.sudo(self.user_admin).active = False
        self.env["am.employee.qualification"]._recompute_all()
        self.assertFalse(self._status(self.employee))

    def test_expiring_days_setting(self):
        for course in (self.c1, self.c2):
            self._pass(self.employee, course, 10)
        self._pass(self.employee, self.exam, 300)
        self.env["am.employee.qualification"]._recompute_all()
        self.assertEqual(self._status(self.employee).state, "qualified")
        self.env["ir.config_parameter"].set_param(
            "account_manager_training.qualification_expiring_days", "90")
        self.env["am.employee.qualification"]._recompute_all()
        self.assertEqual(self._status(self.employee).state, "expiring")

    def _recompute_queries(self):
        cr = self.env.cr
        before = cr.sql_log_count
        self.env["am.employee.qualification"]._recompute_all()
        return cr.sql_log_count - before

    def _add_population(self, size):
        employees = self.env["hr.employee"]
        for index in range(size):
            employee = employees.create({"name": "Pop %s" % index, "job_id": self.job.id})
            self._pass(employee, self.c1, index % 30)
            if index % 2:
                self._pass(employee, self.c2, 5)
                self._pass(employee, self.exam, 360 - index)

    def _shift_dates(self):
        self.env.cr.execute("UPDATE am_training_record SET date_completed = "
                            "date_completed - 1 WHERE state = 'passed'")
        self.env["am.training.record"].invalidate_cache()

    def test_query_count_independent_of_population(self):
        # the same work at two population sizes: statuses exist, dates moved
        self._add_population(5)
        self.env["am.employee.qualification"]._recompute_all()
        self._shift_dates()
        small = self._recompute_queries()
        self._add_population(40)
        self.env["am.employee.qualification"]._recompute_all()
        self._shift_dates()
        large = self._recompute_queries()
        self.assertEqual(small, large, "one query per employee would grow with the population")
        self.assertLessEqual(large, 8)
        self.assertGreaterEqual(self.env["am.employee.qualification"].search_count(
            [("rule_id", "=", self.rule.id)]), 45)

    def test_sql_statuses_match_the_rules(self):
        """The set-based recomputation gives every employee, for every rule,
        the status and expiry of the pure functions (training_rules) over
        his passed records: categories, course types, windows, forever,
        certificates, required courses, several passes of a course, the
        expiring threshold and job positions."""
        Course = self.env["am.training.course"]
        other_category = self.env["am.training.category"].create({"name": "Other"})
        offline = Course.create({"name": "Workshop", "course_type": "offline",
                                 "category_id": other_category.id, "hours": 2,
                                 "certificate_validity_months": 6})
        courses = self.c1 | self.c2 | self.exam | offline
        Rule = self.env["am.qualification.rule"].sudo(self.user_admin)
        rules = self.rule | Rule.create({
            "name": "Any three, forever", "min_courses": 3, "period_months": 0,
        }) | Rule.create({
            "name": "Certificates only", "min_courses": 0,
            "required_course_ids": [(6, 0, (self.c1 | self.exam).ids)],
        }) | Rule.create({
            "name": "Offline within 6 months", "course_type": "offline",
            "min_courses": 1, "period_months": 6,
        }) | Rule.create({
            "name": "Other category", "category_id": other_category.id,
            "min_courses": 1, "period_months": 1,
        })
        days = (0, 1, 5, 29, 30, 31, 170, 180, 200, 340, 350, 364, 365, 366, 400, 800)
        employees = self.env["hr.employee"]
        for index in range(18):
            employee = employees.create({
                "name": "Mix %s" % index, "job_id": self.job.id if index % 3 else False})
            employees |= employee
            for step, course in enumerate(courses):
                if (index + step) % 4 == 3:
                    continue
                self._pass(employee, course, days[(index * 5 + step * 3) % len(days)])
                if (index + step) % 5 == 0:  # passed again, later
                    self._pass(employee, course, days[(index + step) % len(days)])
        self.env["am.employee.qualification"]._recompute_all()
        # the pure functions, over the same records
        expiring_days = self.env["am.employee.qualification"]._expiring_days()
        to_date = fields.Date.from_string
        expected, computed = {}, {}
        for employee in employees:
            facts = [{
                "course_id": record.course_id.id,
                "category_id": record.course_id.category_id.id,
                "course_type": record.course_id.course_type,
                "date_completed": to_date(record.date_completed),
                "certificate_expiry": to_date(record.certificate_expiry)
                if record.certificate_expiry else None,
            } for record in self.env["am.training.record"].search([
                ("employee_id", "=", employee.id), ("state", "=", "passed")])]
            for rule in rules:
                if rule.job_ids and employee.job_id not in rule.job_ids:
                    continue
                met_now, met_ever, expiry = training_rules.evaluate_rule(
                    self.today, facts, rule.min_courses, rule.category_id.id or None,
                    rule.course_type or None, rule.period_months,
                    set(rule.required_course_ids.ids))
                expected[(employee.id, rule.id)] = (
                    training_rules.qualification_status(
                        self.today, met_now, met_ever, expiry, expiring_days),
                    fields.Date.to_string(expiry) if expiry else False)
        for status in self.env["am.employee.qualification"].search(
                [("employee_id", "in", employees.ids)]):
            computed[(status.employee_id.id, status.rule_id.id)] = (
                status.state, status.expiry_date)
        self.assertEqual(computed, expected)
        # every status and the main branches are covered
        self.assertEqual({state for state, _expiry in expected.values()},
                         {"qualified", "expiring", "expired", "not_qualified"})

    def test_rule_access_and_validation(self):
        with self.assertRaises(AccessError):
            self.env["am.qualification.rule"].sudo(self.user_coordinator).create(
                {"name": "Nope"})
        with self.assertRaises(AccessError):
            self.rule.sudo(self.user_hr).write({"min_courses": 1})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                self.rule.sudo(self.user_admin).write({"min_courses": -1})
        self.rule.invalidate_cache()
        self.assertEqual(self.rule.min_courses, 2)
        self.assertEqual(self.rule.sudo(self.user_employee).name,
                         "Wealth-management qualification")

    def test_recompute_button_for_administrators_only(self):
        self._pass(self.employee, self.c1, 1)
        with self.assertRaises(AccessError):
            self.rule.sudo(self.user_employee).action_recompute()
        self.assertFalse(self._status(self.employee), "nothing was computed")
        self.rule.sudo(self.user_admin).action_recompute()
        self.assertEqual(self._status(self.employee).state, "not_qualified")

    def test_sql_statuses_match_the_orm(self):  # pylint: disable=missing-return
        """The statuses the recomputation inserts with SQL hold in every
        column what Odoo's ORM would store for the same status."""
        twin = self.env["hr.employee"].create({"name": "Twin", "job_id": self.job.id})
        for employee in (self.employee, twin):
            self._pass(employee, self.c1, 10)
        qualifications = self.env["am.employee.qualification"]
        qualifications._recompute_all()
        by_sql = self._status(self.employee)
        self.env.cr.execute("DELETE FROM am_employee_qualification WHERE id = %s",
                            (self._status(twin).id,))
        # the ORM's own create(), under the refusal of the public one
        by_orm = super(  # pylint: disable=super-method-mismatch
            AmEmployeeQualification, qualifications).create({
            "employee_id": twin.id, "rule_id": self.rule.id, "state": by_sql.state,
            "expiry_date": by_sql.expiry_date})
        self.env.cr.execute("SELECT * FROM am_employee_qualification WHERE id IN %s",
                            ((by_sql.id, by_orm.id),))
        rows = {row["id"]: row for row in self.env.cr.dictfetchall()}
        sql_row, orm_row = rows[by_sql.id], rows[by_orm.id]
        self.assertEqual(set(sql_row), set(orm_row))
        for column in set(sql_row) - {"id", "employee_id"}:
            self.assertEqual(sql_row[column], orm_row[column], column)
        self.assertEqual(sql_row["state"], "not_qualified")
        # the next run finds the ORM's status current: nothing to do
        self.assertEqual(qualifications._recompute_all(), (0, 0, 0))
