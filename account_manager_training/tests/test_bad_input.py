# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError

from .common import TrainingCase, dt

BLANKS = ("", "   ", "\t\n")
TOO_LONG = "x" * 201


class TestBadInput(TrainingCase):
    """Bad input is refused with a clear message and changes nothing."""

    def _refused(self, model, values, message):
        before = model.sudo().search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                model.create(values)
        self.assertEqual(model.sudo().search_count([]), before)

    def _refused_write(self, record, values, message):
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                record.write(values)
        record.invalidate_cache()

    def test_blank_or_too_long_names_and_codes_refused(self):
        courses = self.env["am.training.course"].sudo(self.user_coordinator)
        categories = self.env["am.training.category"].sudo(self.user_admin)
        rules = self.env["am.qualification.rule"].sudo(self.user_admin)
        certs = self.env["am.certification"].sudo(self.user_coordinator)
        for name in BLANKS:
            self._refused(courses, {"name": name, "category_id": self.category.id},
                          "The course name cannot be empty")
            self._refused(categories, {"name": name}, "The category name cannot be empty")
            self._refused(rules, {"name": name, "min_courses": 1},
                          "The qualification name cannot be empty")
            self._refused(certs, {"name": name, "employee_id": self.employee.id},
                          "The certification name cannot be empty")
        self._refused(courses, {"name": TOO_LONG, "category_id": self.category.id},
                      "The course name is too long: at most 200 characters")
        self._refused(courses, {"name": "Funds", "code": "C" * 65,
                                "category_id": self.category.id}, "course code is too long")
        self._refused(categories, {"name": TOO_LONG}, "category name is too long")
        self._refused(rules, {"name": TOO_LONG, "min_courses": 1},
                      "qualification name is too long")
        self._refused(certs, {"name": "AFP", "number": "9" * 65,
                              "employee_id": self.employee.id},
                      "certification number is too long")
        self._refused_write(self.course_offline.sudo(self.user_coordinator), {"name": "  "},
                            "The course name cannot be empty")
        self.assertEqual(self.course_offline.name, "Compliance workshop")

    def test_session_names_and_times(self):
        session = self._create_session()
        for values, message in (
                ({"name": " "}, "The session name cannot be empty"),
                ({"am_location": TOO_LONG}, "The location is too long"),
                ({"am_capacity": 100000}, "cannot be more than 10000 seats"),
                ({"am_start": "1970-01-01 08:00:00", "am_stop": "1970-01-01 10:00:00",
                  "am_registration_deadline": "1969-12-31 08:00:00"},
                 "must be between the years 2000 and 2100"),
                ({"am_registration_deadline": dt(
                    fields.Datetime.from_string(session.am_start) + timedelta(hours=1))},
                 "registration deadline cannot be after the start")):
            self._refused_write(session.sudo(self.user_coordinator), values, message)
        self.assertEqual((session.name, session.am_location, session.am_capacity),
                         ("Compliance workshop - session", "Room 3", 2))

    def test_course_numbers(self):
        course = self.course_offline.sudo(self.user_coordinator)
        for values, message in (
                ({"hours": 5000}, "hours of a course must be between 0 and 1000"),
                ({"max_attempts": 1000}, "maximum attempts must be between 0 and 100"),
                ({"certificate_validity_months": 10000}, "between 0 and 600"),
                ({"mandatory_from_year": 20}, "must be between 2000 and 2100"),
                ({"mandatory_from_year": 3026}, "must be between 2000 and 2100")):
            self._refused_write(course, values, message)
        self.assertEqual((course.hours, course.max_attempts, course.mandatory_from_year),
                         (4.0, 3, 0))
        course.write({"mandatory_from_year": 2026})
        self.assertEqual(course.mandatory_from_year, 2026)

    def test_rule_without_criteria(self):
        rules = self.env["am.qualification.rule"].sudo(self.user_admin)
        self._refused(rules, {"name": "Anything", "min_courses": 0}, "has no criteria")
        rule = rules.create({"name": "One exam", "min_courses": 0,
                             "required_course_ids": [(6, 0, self.course_offline.ids)]})
        self._refused_write(rule, {"required_course_ids": [(5, 0, 0)]}, "has no criteria")
        self.assertEqual(rule.required_course_ids, self.course_offline)
        self._refused_write(rule, {"min_courses": 1000}, "between 0 and 100")
        self._refused_write(rule, {"period_months": 100000}, "between 0 and 600")

    def test_certification_dates_in_the_future_or_out_of_range_refused(self):
        certs = self.env["am.certification"].sudo(self.user_coordinator)
        today = date.today()
        self._refused(certs, {"name": "AFP", "employee_id": self.employee.id,
                              "issue_date": fields.Date.to_string(today + timedelta(days=30))},
                      "issue date cannot be in the future")
        self._refused(certs, {"name": "AFP", "employee_id": self.employee.id,
                              "issue_date": "1900-01-01"}, "between the years 2000 and 2100")
        self._refused(certs, {"name": "AFP", "employee_id": self.employee.id,
                              "expiry_date": "2999-01-01"}, "between the years 2000 and 2100")
