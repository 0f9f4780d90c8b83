# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import TrainingCase


class TestOnlineExam(TrainingCase):
    """Online courses: enrolment, survey exam attempts, retakes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].sudo(cls.user_coordinator).create({
            "title": "Funds exam",
            "quizz_mode": True,
            "page_ids": [(0, 0, {
                "title": "Questions",
                "question_ids": [
                    (0, 0, {"question": "Q1", "type": "simple_choice", "labels_ids": [
                        (0, 0, {"value": "right", "quizz_mark": 10}),
                        (0, 0, {"value": "wrong", "quizz_mark": 0})]}),
                    (0, 0, {"question": "Q2", "type": "simple_choice", "labels_ids": [
                        (0, 0, {"value": "right", "quizz_mark": 10}),
                        (0, 0, {"value": "wrong", "quizz_mark": 0})]}),
                ],
            })],
        })
        cls.course = cls.env["am.training.course"].sudo(cls.user_coordinator).create({
            "name": "Funds online", "course_type": "online", "category_id": cls.category.id,
            "hours": 2.0, "pass_mark": 75.0, "survey_id": cls.survey.id, "max_attempts": 2,
            "certificate_validity_months": 24})
        cls.questions = cls.survey.page_ids.question_ids

    def _take_exam(self, record, right_answers):
        """Answer as the employee would on the website, then submit."""
        user = self.user_employee
        action = record.sudo(user).action_start_exam()
        user_input = self.env["survey.user_input"].search(
            [("am_record_id", "=", record.id), ("state", "!=", "done")])
        self.assertEqual(user_input.create_uid, user, "the employee owns his attempt")
        self.assertIn(user_input.token, action["url"])
        lines = self.env["survey.user_input_line"].sudo(user)
        for index, question in enumerate(self.questions):
            label = question.labels_ids.filtered(
                lambda lab, ok=index < right_answers: lab.value == ("right" if ok else "wrong"))
            lines.create({"user_input_id": user_input.id, "question_id": question.id,
                          "answer_type": "suggestion", "value_suggested": label.id})
        user_input.sudo(user).write({"state": "done"})
        return user_input

    def _enroll(self):
        self.course.sudo(self.user_employee).action_enroll()
        return self.env["am.training.record"].sudo(self.user_employee).search(
            [("course_id", "=", self.course.id)])

    def test_fail_retake_pass(self):
        record = self._enroll()
        self.assertEqual((record.state, record.employee_id), ("registered", self.employee))
        self.assertTrue(record.can_take_exam)
        self._take_exam(record, 1)
        record.invalidate_cache()
        self.assertEqual((record.state, record.score, record.attempts), ("failed", 50.0, 1))
        self.assertEqual(record.hours, 0.0)
        self.assertTrue(record.can_take_exam, "a retake is allowed after a failure")
        self._take_exam(record, 2)
        record.invalidate_cache()
        self.assertEqual((record.state, record.score, record.attempts), ("passed", 100.0, 2))
        self.assertEqual(record.hours, 2.0)
        self.assertTrue(record.date_completed and record.certificate_expiry)
        with self.assertRaisesRegex(UserError, "already passed"):
            record.sudo(self.user_employee).action_start_exam()

    def test_attempts_exhausted(self):
        record = self._enroll()
        self._take_exam(record, 0)
        self._take_exam(record, 1)
        record.invalidate_cache()
        self.assertEqual((record.state, record.attempts), ("failed", 2))
        self.assertFalse(record.can_take_exam)
        with self.assertRaisesRegex(UserError, "No attempt left"):
            record.sudo(self.user_employee).action_start_exam()
        self.assertEqual(len(record.user_input_ids), 2, "no new attempt was opened")

    def test_enroll_twice_refused(self):
        record = self._enroll()
        with self.assertRaisesRegex(UserError, "already enrolled"):
            self.course.sudo(self.user_employee).action_enroll()
        self.assertEqual(self.env["am.training.record"].search_count(
            [("course_id", "=", self.course.id)]), 1)
        self.assertTrue(record)

    def test_offline_course_not_enrollable(self):
        with self.assertRaisesRegex(UserError, "offline course"):
            self.course_offline.sudo(self.user_employee).action_enroll()

    def test_cannot_take_someone_elses_exam(self):
        record = self._enroll()
        with self.assertRaises((AccessError, UserError)):
            record.sudo(self.user_other).action_start_exam()
        self.assertFalse(record.user_input_ids)

    def test_employee_cannot_forge_record(self):
        record = self._enroll()
        with self.assertRaises((AccessError, UserError)):
            record.sudo(self.user_employee).write({"state": "passed", "score": 100})
        with self.assertRaises((AccessError, UserError)):
            self.env["am.training.record"].sudo(self.user_employee).create({
                "employee_id": self.employee.id, "course_id": self.course.id,
                "state": "passed"})

    def test_exam_cannot_be_forged(self):
        record = self._enroll()
        theirs = self.env["am.training.record"].create({
            "employee_id": self.other.id, "course_id": self.course.id})
        # linking one's answer to a colleague's record is refused
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].sudo(self.user_employee).create({
                "survey_id": self.survey.id, "am_record_id": theirs.id})
        record.sudo(self.user_employee).action_start_exam()
        user_input = self.env["survey.user_input"].search([("am_record_id", "=", record.id)])
        with self.assertRaises(AccessError):
            user_input.sudo(self.user_employee).write({"am_record_id": theirs.id})
        # a forged mark on a wrong answer does not count
        lines = self.env["survey.user_input_line"].sudo(self.user_employee)
        for question in self.questions:
            wrong = question.labels_ids.filtered(lambda lab: lab.value == "wrong")
            line = lines.create({"user_input_id": user_input.id, "question_id": question.id,
                                 "answer_type": "suggestion", "value_suggested": wrong.id})
            line.write({"quizz_mark": 10})
        user_input.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        self.assertEqual((record.state, record.score), ("failed", 0.0))
        self.assertEqual(theirs.state, "registered")

    def test_extra_attempts_not_counted(self):
        record = self._enroll()
        self._take_exam(record, 0)
        self._take_exam(record, 0)
        # a third answer created directly (not through "Take the exam")
        user_input = self.env["survey.user_input"].sudo(self.user_employee).create({
            "survey_id": self.survey.id, "am_record_id": record.id})
        lines = self.env["survey.user_input_line"].sudo(self.user_employee)
        for question in self.questions:
            right = question.labels_ids.filtered(lambda lab: lab.value == "right")
            lines.create({"user_input_id": user_input.id, "question_id": question.id,
                          "answer_type": "suggestion", "value_suggested": right.id})
        user_input.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        self.assertEqual((record.state, record.attempts), ("failed", 2))

    def test_ticking_every_choice_does_not_pass(self):
        record = self._enroll()
        record.sudo(self.user_employee).action_start_exam()
        user_input = self.env["survey.user_input"].search([("am_record_id", "=", record.id)])
        lines = self.env["survey.user_input_line"].sudo(self.user_employee)
        # answer lines are writable by anybody: every choice of each one-answer question
        for question in self.questions:
            for label in question.labels_ids:
                lines.create({"user_input_id": user_input.id, "question_id": question.id,
                              "answer_type": "suggestion", "value_suggested": label.id})
        user_input.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        self.assertEqual((record.state, record.score, record.attempts), ("failed", 0.0, 1))
        self.assertFalse(record.hours)

    def test_coordinator_cannot_pass_by_hand(self):
        record = self._enroll()
        for values in ({"state": "passed", "score": 80}, {"score": 100}, {"attempts": 0}):
            with self.assertRaisesRegex(UserError, "cannot be edited"):
                record.sudo(self.user_coordinator).with_context(
                    am_training_internal=True).write(values)
        record.invalidate_cache()
        self.assertEqual((record.state, record.score), ("registered", 0.0))
        # the exam code itself cannot pass below the pass mark either
        with self.assertRaisesRegex(ValidationError, "the pass mark is 75"):
            with self.env.cr.savepoint():
                record.sudo()._write_workflow({"state": "passed", "score": 10})

    def test_finished_attempt_not_rescored(self):
        record = self._enroll()
        self._take_exam(record, 0)
        last = self._take_exam(record, 0)
        record.invalidate_cache()
        self.assertEqual((record.state, record.attempts), ("failed", 2))
        # no attempt left: the answers of a finished one are final
        for line in last.user_input_line_ids.sudo(self.user_employee):
            right = line.question_id.labels_ids.filtered(lambda lab: lab.value == "right")
            with self.assertRaisesRegex(UserError, "finished exam attempt"):
                line.write({"value_suggested": right.id})
        # and "done" written again is no retake
        last.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        self.assertEqual((record.state, record.score, record.attempts), ("failed", 0.0, 2))

    def test_reenrol_after_certificate_expiry(self):
        self._passed(self.employee, self.course, "2020-01-10", score=90)
        course = self.course.sudo(self.user_employee)
        self.assertFalse(course.is_enrolled, "the Enrol button shows again once expired")
        course.action_enroll()
        records = self.env["am.training.record"].search(
            [("employee_id", "=", self.employee.id), ("course_id", "=", self.course.id)])
        self.assertEqual(sorted(records.mapped("state")), ["passed", "registered"])
        course.invalidate_cache()
        self.assertTrue(course.is_enrolled)
