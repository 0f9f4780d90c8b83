# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError

from .common import TrainingCase


class TestCourse(TrainingCase):
    """Course catalog: validation and who manages it."""

    def test_coordinator_manages_catalog(self):
        courses = self.env["am.training.course"].sudo(self.user_coordinator)
        course = courses.create({
            "name": "Funds basics", "course_type": "online",
            "category_id": self.category.id, "hours": 2, "pass_mark": 70})
        self.assertEqual(course.max_attempts, 3, "default attempts come from Settings")
        course.write({"hours": 3})
        self.assertEqual(course.hours, 3)

    def test_hours_earned_not_rewritten_by_catalog_change(self):
        earned = self._passed(self.employee, self.course_offline, "2026-01-15")
        self.assertEqual(earned.hours, 4.0)
        self.course_offline.sudo(self.user_coordinator).write({"hours": 2})
        earned.invalidate_cache()
        self.assertEqual(earned.hours, 4.0, "last year's hours stay as earned")
        later = self._passed(self.other, self.course_offline, "2026-11-20")
        self.assertEqual(later.hours, 2.0)

    def test_default_attempts_from_settings(self):
        self.env["ir.config_parameter"].set_param(
            "account_manager_training.default_max_attempts", "5")
        course = self.env["am.training.course"].sudo(self.user_coordinator).create({
            "name": "Bonds", "category_id": self.category.id})
        self.assertEqual(course.max_attempts, 5)

    def test_bad_pass_mark_and_hours(self):
        courses = self.env["am.training.course"].sudo(self.user_coordinator)
        for values in ({"pass_mark": 101}, {"pass_mark": -1}, {"hours": -2}):
            with self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    courses.create(dict({"name": "Bad", "category_id": self.category.id},
                                        **values))
        self.assertFalse(courses.search([("name", "=", "Bad")]))
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            with self.env.cr.savepoint():
                self.course_offline.sudo(self.user_coordinator).write({"pass_mark": 150})
        self.course_offline.invalidate_cache()
        self.assertEqual(self.course_offline.pass_mark, 60)
        with self.assertRaisesRegex(ValidationError, "negative"):
            with self.env.cr.savepoint():
                self.course_offline.sudo(self.user_coordinator).write({"hours": -1})
        self.course_offline.invalidate_cache()
        self.assertEqual(self.course_offline.hours, 4)

    def test_employee_reads_but_cannot_edit_catalog(self):
        course = self.course_offline.sudo(self.user_employee)
        self.assertEqual(course.name, "Compliance workshop")
        with self.assertRaises(AccessError):
            course.write({"hours": 10})
        with self.assertRaises(AccessError):
            self.env["am.training.course"].sudo(self.user_employee).create({
                "name": "Mine", "category_id": self.category.id})
        with self.assertRaises(AccessError):
            self.env["am.training.category"].sudo(self.user_employee).create({"name": "X"})

    def test_only_administrator_deletes_courses(self):
        course = self.env["am.training.course"].create({
            "name": "Obsolete", "category_id": self.category.id})
        with self.assertRaises(AccessError):
            course.sudo(self.user_coordinator).unlink()
        course.sudo(self.user_admin).unlink()
        self.assertFalse(course.exists())

    def test_mandatory_for(self):
        self.assertTrue(self.course_offline.is_mandatory_for(self.job, 2026))
        self.course_offline.mandatory_from_year = 2030
        self.assertFalse(self.course_offline.is_mandatory_for(self.job, 2026))
        self.assertFalse(self.course_offline.is_mandatory_for(self.env["hr.job"], 2031))
