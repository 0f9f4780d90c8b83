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

    def test_statuses(self):
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
        self.assertLessEqual(large, 15)
        self.assertGreaterEqual(self.env["am.employee.qualification"].search_count(
            [("rule_id", "=", self.rule.id)]), 45)

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
