# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import ValidationError

from .common import TrainingCase


class TestEmployeeTraining(TrainingCase):
    """The employee's training tab: hours this year, mandatory outstanding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.course_online = cls.env["am.training.course"].create({
            "name": "Products online", "course_type": "online",
            "category_id": cls.category.id, "hours": 1.5,
            "mandatory_job_ids": [(6, 0, cls.job.ids)]})
        today = fields.Date.from_string(fields.Date.context_today(cls.env["am.training.record"]))
        cls.today = fields.Date.to_string(today)
        cls.last_year = fields.Date.to_string(date(today.year - 1, 6, 1))
        cls._passed(cls.employee, cls.course_online, cls.today, score=90)
        cls._passed(cls.employee, cls.course_offline, cls.last_year, score=90)

    def test_hours_and_outstanding(self):
        employee = self.employee.sudo(self.user_employee)
        self.assertEqual(employee.am_training_record_count, 2)
        self.assertEqual(employee.am_training_hours_year, 1.5, "last year's hours not counted")
        # the offline pass of last year is still valid (12 months certificate)
        # unless it is older than 12 months
        expiry = self.env["am.training.record"].search([
            ("employee_id", "=", self.employee.id),
            ("course_id", "=", self.course_offline.id)]).certificate_expiry
        expected = self.course_offline if expiry < self.today else self.env["am.training.course"]
        self.assertEqual(employee.am_mandatory_outstanding_ids, expected)
        other = self.other.sudo(self.user_hr)
        self.assertEqual(other.am_mandatory_outstanding_ids,
                         self.course_offline | self.course_online)
        self.assertEqual(other.am_training_hours_year, 0.0)

    def test_smart_button(self):
        action = self.employee.sudo(self.user_hr).action_am_view_training()
        self.assertEqual(action["domain"], [("employee_id", "=", self.employee.id)])
        records = self.env["am.training.record"].sudo(self.user_hr).search(action["domain"])
        self.assertEqual(len(records), 2)

    def test_bad_record_score(self):
        record = self.env["am.training.record"].search([("employee_id", "=", self.employee.id)],
                                                       limit=1)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            with self.env.cr.savepoint():
                record._write_workflow({"score": 120})
        record.invalidate_cache()
        self.assertEqual(record.score, 90)
