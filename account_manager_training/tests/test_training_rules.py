# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest
from datetime import date, datetime

from ..models import training_rules as rules


class TestTrainingRules(unittest.TestCase):
    """The pure training arithmetic."""

    def test_attendance_flags(self):
        start, stop = datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 12, 0)
        self.assertEqual(rules.attendance_flags(
            start, stop, datetime(2026, 3, 1, 9, 5), datetime(2026, 3, 1, 11, 55), 5),
            (False, False))
        self.assertEqual(rules.attendance_flags(
            start, stop, datetime(2026, 3, 1, 9, 6), datetime(2026, 3, 1, 11, 54), 5),
            (True, True))
        self.assertEqual(rules.attendance_flags(start, stop, None, None, 5), (False, False))
        self.assertEqual(rules.attendance_flags(
            start, stop, datetime(2026, 3, 1, 9, 1), None, 0), (True, False))

    def test_pass_and_result(self):
        self.assertTrue(rules.is_passed(60, 60))
        self.assertFalse(rules.is_passed(59.9, 60))
        self.assertFalse(rules.is_passed(100, 60, absent=True))
        self.assertEqual(rules.attendee_result(True, 80, 60, False), "passed")
        self.assertEqual(rules.attendee_result(True, 20, 60, False), "failed")
        self.assertEqual(rules.attendee_result(False, 0, 60, False), "pending")
        self.assertEqual(rules.attendee_result(True, 90, 60, True), "absent")
        self.assertTrue(rules.is_valid_score(0) and rules.is_valid_score(100))
        self.assertFalse(rules.is_valid_score(-1) or rules.is_valid_score(100.5))

    def test_exam_scoring(self):
        questions = [("simple_choice", [0, 10, -5]), ("multiple_choice", [5, 5, -2]), ("text", [])]
        self.assertEqual(rules.exam_max_points(questions), 20.0)
        self.assertEqual(rules.exam_percentage(15, 20), 75.0)
        self.assertEqual(rules.exam_percentage(-3, 20), 0.0)
        self.assertEqual(rules.exam_percentage(5, 0), 0.0)

    def test_exam_points(self):
        questions = {
            1: ("simple_choice", {11: 10.0, 12: 0.0}),
            2: ("multiple_choice", {21: 5.0, 22: 5.0, 23: -5.0}),
        }
        self.assertEqual(rules.exam_points(questions, [11, 21, 22]), 20.0)
        self.assertEqual(rules.exam_points(questions, [11, 11, 21, 23]), 10.0)
        # every choice of a one-answer question ticked: no point
        self.assertEqual(rules.exam_points(questions, [11, 12]), 0.0)
        # an answer of another exam's question does not count
        self.assertEqual(rules.exam_points(questions, [99]), 0.0)

    def test_attempt_allowed_below_the_limit_unless_passed(self):
        self.assertTrue(rules.can_attempt("failed", 2, 3))
        self.assertFalse(rules.can_attempt("failed", 3, 3))
        self.assertFalse(rules.can_attempt("passed", 1, 3))
        self.assertTrue(rules.can_attempt("failed", 10, 0))

    def test_hours_earned_by_passing_online_or_attending_offline(self):
        self.assertEqual(rules.hours_earned("online", "passed", 2), 2)
        self.assertEqual(rules.hours_earned("online", "failed", 2), 0)
        self.assertEqual(rules.hours_earned("offline", "failed", 3), 3)
        self.assertEqual(rules.hours_earned("offline", "absent", 3), 0)

    def test_months_added_clamped_to_the_month_end_and_expiry(self):
        self.assertEqual(rules.add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
        self.assertEqual(rules.add_months(date(2026, 11, 15), 14), date(2028, 1, 15))
        self.assertEqual(rules.certificate_expiry(date(2026, 1, 1), 12), date(2027, 1, 1))
        self.assertIsNone(rules.certificate_expiry(date(2026, 1, 1), 0))

    def test_registration_refusal(self):
        now = datetime(2026, 3, 1, 9, 0)
        self.assertIsNone(rules.registration_refusal(now, True, datetime(2026, 3, 2), 2, 1, False))
        self.assertEqual(rules.registration_refusal(now, True, None, 0, 0, True),
                         rules.REFUSE_ALREADY)
        self.assertEqual(rules.registration_refusal(now, False, None, 0, 0, False),
                         rules.REFUSE_CLOSED)
        self.assertEqual(rules.registration_refusal(now, True, datetime(2026, 2, 28), 0, 0, False),
                         rules.REFUSE_DEADLINE)
        self.assertEqual(rules.registration_refusal(now, True, None, 2, 2, False),
                         rules.REFUSE_FULL)

    def test_evaluate_rule(self):
        today = date(2026, 6, 1)

        def fact(course, done, expiry=None, categ=1, ctype="online"):
            return {"course_id": course, "category_id": categ, "course_type": ctype,
                    "date_completed": done, "certificate_expiry": expiry}

        facts = [fact(1, date(2026, 1, 10)), fact(2, date(2025, 9, 1)),
                 fact(9, date(2026, 2, 1), expiry=date(2026, 6, 20), categ=2)]
        # two courses of category 1 within 12 months and the exam 9
        met_now, met_ever, expiry = rules.evaluate_rule(today, facts, 2, 1, "online", 12, {9})
        self.assertTrue(met_now and met_ever)
        self.assertEqual(expiry, date(2026, 6, 20))
        # three courses needed: never met
        self.assertEqual(rules.evaluate_rule(today, facts, 3, 1, None, 12, ()),
                         (False, False, None))
        # a year later the window closed: expired
        met_now, met_ever, _expiry = rules.evaluate_rule(
            date(2027, 6, 1), facts, 2, 1, None, 12, ())
        self.assertFalse(met_now)
        self.assertTrue(met_ever)
        # expiry from the window: the 2nd most recent course ends 2026-09-01
        self.assertEqual(rules.evaluate_rule(today, facts, 2, 1, None, 12, ())[2],
                         date(2026, 9, 1))
        # no period and no certificate expiry: never expires
        self.assertEqual(rules.evaluate_rule(today, facts, 2, 1, None, 0, ()), (True, True, None))

    def test_qualification_certification_and_matrix_statuses(self):
        today = date(2026, 6, 1)
        self.assertEqual(rules.qualification_status(today, True, True, None, 30), "qualified")
        self.assertEqual(rules.qualification_status(
            today, True, True, date(2026, 6, 20), 30), "expiring")
        self.assertEqual(rules.qualification_status(
            today, True, True, date(2026, 9, 20), 30), "qualified")
        self.assertEqual(rules.qualification_status(today, False, True, None, 30), "expired")
        self.assertEqual(rules.qualification_status(today, False, False, None, 30),
                         "not_qualified")
        self.assertEqual(rules.certification_state(today, date(2026, 5, 31), 30), "expired")
        self.assertEqual(rules.certification_state(today, date(2026, 6, 30), 30), "expiring")
        self.assertEqual(rules.certification_state(today, date(2026, 8, 1), 30), "valid")
        self.assertEqual(rules.certification_state(today, None, 30), "valid")
        self.assertEqual(rules.matrix_cell(True, None, None, today), "missing")
        self.assertEqual(rules.matrix_cell(False, None, None, today), "")
        self.assertEqual(rules.matrix_cell(True, "passed", date(2026, 1, 1), today), "expired")
        self.assertEqual(rules.matrix_cell(True, "failed", None, today), "failed")

    def test_unregistration_refused_unregistered_closed_or_late(self):
        now = datetime(2026, 3, 1, 9, 0)
        self.assertIsNone(rules.unregistration_refusal(now, True, datetime(2026, 3, 2), True))
        self.assertIsNone(rules.unregistration_refusal(now, True, None, True))
        self.assertEqual(rules.unregistration_refusal(now, True, None, False),
                         rules.REFUSE_NOT_REGISTERED)
        self.assertEqual(rules.unregistration_refusal(now, False, None, True),
                         rules.REFUSE_CLOSED)
        self.assertEqual(rules.unregistration_refusal(now, True, datetime(2026, 2, 28), True),
                         rules.REFUSE_DEADLINE)

    def test_typed_values(self):
        self.assertEqual(rules.text_problem("  ", 10), "empty")
        self.assertEqual(rules.text_problem(None, 10), "empty")
        self.assertIsNone(rules.text_problem("", 10, required=False))
        self.assertEqual(rules.text_problem("x" * 11, 10), "too_long")
        self.assertIsNone(rules.text_problem("  " + "x" * 10 + "  ", 10))
        self.assertTrue(rules.in_range(0, 0, 5) and rules.in_range(5, 0, 5))
        self.assertFalse(rules.in_range(6, 0, 5) or rules.in_range(None, 0, 5))
        self.assertTrue(rules.year_in_range(date(2026, 1, 1)) and rules.year_in_range(None))
        self.assertFalse(rules.year_in_range(datetime(1970, 1, 1)))
        self.assertFalse(rules.year_in_range(date(2101, 1, 1)))
        self.assertTrue(rules.rule_has_criteria(2, []) and rules.rule_has_criteria(0, [7]))
        self.assertFalse(rules.rule_has_criteria(0, []))
