# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path

from .common import TrainingCase


class TestAnswerKey(TrainingCase):
    """The marks of an exam's answers stay with those who write exams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].sudo(cls.user_coordinator).create({
            "title": "Bonds exam",
            "quizz_mode": True,
            "page_ids": [(0, 0, {
                "title": "Questions",
                "question_ids": [(0, 0, {
                    "question": "Q1", "type": "simple_choice", "labels_ids": [
                        (0, 0, {"value": "right", "quizz_mark": 10}),
                        (0, 0, {"value": "wrong", "quizz_mark": 0})]})],
            })],
        })
        cls.course = cls.env["am.training.course"].sudo(cls.user_coordinator).create({
            "name": "Bonds online", "course_type": "online", "category_id": cls.category.id,
            "pass_mark": 50.0, "survey_id": cls.survey.id})
        cls.question = cls.survey.page_ids.question_ids
        cls.labels = cls.question.labels_ids
        cls.right = cls.labels.filtered(lambda lab: lab.value == "right")

    def _start(self, user=None):
        self.course.sudo(user or self.user_employee).action_enroll()
        record = self.env["am.training.record"].search([
            ("course_id", "=", self.course.id), ("employee_id.user_id", "=",
                                                 (user or self.user_employee).id)])
        record.sudo(user or self.user_employee).action_start_exam()
        return record, record.user_input_ids

    def test_taker_cannot_read_the_marks(self):
        labels = self.labels.sudo(self.user_employee).with_context(am_training_internal=True)
        with self.assertRaises(AccessError):
            labels.read(["quizz_mark"])
        with self.assertRaises(AccessError):
            labels.search_read([("question_id", "=", self.question.id)], ["quizz_mark"])
        with self.assertRaises(AccessError):
            labels.export_data(["quizz_mark"])
        # the page renders the answers without the marks
        self.assertEqual(sorted(labels.mapped("value")), ["right", "wrong"])
        self.assertNotIn("quizz_mark", labels.fields_get())

    def test_taker_cannot_find_the_right_answers(self):
        labels = self.env["survey.label"].sudo(self.user_employee)
        for domain in ([("quizz_mark", ">", 0)], ["!", ("quizz_mark", "<=", 0)]):
            with self.assertRaises(AccessError):
                labels.search(domain)
        with self.assertRaises(AccessError):
            labels.search([("question_id", "=", self.question.id)], order="quizz_mark desc")
        with self.assertRaises(AccessError):
            labels.read_group([("question_id", "=", self.question.id)],
                              ["value"], ["value", "quizz_mark"], lazy=False)
        with self.assertRaises(AccessError):
            self.env["survey.question"].sudo(self.user_employee).search(
                [("labels_ids.quizz_mark", ">", 0)])
        with self.assertRaises(AccessError):
            self.env["survey.user_input_line"].sudo(self.user_employee).search(
                [("value_suggested.quizz_mark", ">", 0)])

    def test_new_users_are_not_survey_managers(self):
        """Odoo's default user template made every new user a survey manager,
        who reads and writes the answer keys."""
        template = self.env.ref("base.default_user")
        self.assertNotIn(self.env.ref("survey.group_survey_manager"), template.groups_id)
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "New Hire", "login": "am_t_new_hire"})
        self.assertFalse(user.sudo(user).has_group("survey.group_survey_manager"))
        self.assertTrue(user.sudo(user).has_group("base.group_user"))
        with self.assertRaises(AccessError):
            self.labels.sudo(user).read(["quizz_mark"])

    def test_coordinator_reads_the_marks(self):
        marks = self.labels.sudo(self.user_coordinator).read(["quizz_mark"])
        self.assertEqual(sorted(m["quizz_mark"] for m in marks), [0.0, 10.0])
        self.assertEqual(self.env["survey.label"].sudo(self.user_coordinator).search(
            [("question_id", "=", self.question.id), ("quizz_mark", ">", 0)]), self.right)

    def test_answers_carry_no_mark_but_the_exam_is_scored(self):
        record, user_input = self._start()
        line = self.env["survey.user_input_line"].sudo(self.user_employee).create({
            "user_input_id": user_input.id, "question_id": self.question.id,
            "answer_type": "suggestion", "value_suggested": self.right.id})
        # neither his answer line nor the attempt's quiz score tells it was right
        self.assertEqual(line.read(["quizz_mark"])[0]["quizz_mark"], 0.0)
        self.assertEqual(user_input.sudo(self.user_employee).quizz_score, 0.0)
        user_input.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        self.assertEqual((record.state, record.score), ("passed", 100.0))

    def test_colleague_cannot_answer_my_attempt(self):
        record, user_input = self._start()
        lines = self.env["survey.user_input_line"].sudo(self.user_other)
        with self.assertRaises(AccessError):
            lines.create({"user_input_id": user_input.id, "question_id": self.question.id,
                          "answer_type": "suggestion", "value_suggested": self.right.id})
        with self.assertRaises(AccessError):
            user_input.sudo(self.user_other).write({"state": "done"})
        self.assertFalse(user_input.user_input_line_ids)
        self.assertEqual((user_input.state, record.state), ("new", "in_progress"))

    def test_finished_answers_are_final(self):
        record, user_input = self._start()
        lines = self.env["survey.user_input_line"].sudo(self.user_employee)
        line = lines.create({
            "user_input_id": user_input.id, "question_id": self.question.id,
            "answer_type": "suggestion", "value_suggested": self.right.id})
        user_input.sudo(self.user_employee).write({"state": "done"})
        with self.assertRaisesRegex(UserError, "finished exam attempt"):
            line.write({"value_suggested": (self.labels - self.right).id})
        with self.assertRaisesRegex(UserError, "finished exam attempt"):
            line.unlink()
        self.assertEqual(line.value_suggested, self.right)

    def test_ordinary_survey_keeps_its_marks(self):
        """Outside exams the answers still carry their marks (quiz points)."""
        survey = self.env["survey.survey"].sudo(self.user_coordinator).create({
            "title": "Team quiz", "quizz_mode": True, "page_ids": [(0, 0, {
                "title": "P", "question_ids": [(0, 0, {
                    "question": "Q", "type": "simple_choice",
                    "labels_ids": [(0, 0, {"value": "yes", "quizz_mark": 5})]})]})]})
        question = survey.page_ids.question_ids
        user_input = self.env["survey.user_input"].sudo(self.user_employee).create(
            {"survey_id": survey.id})
        line = self.env["survey.user_input_line"].sudo(self.user_employee).create({
            "user_input_id": user_input.id, "question_id": question.id,
            "answer_type": "suggestion", "value_suggested": question.labels_ids.id})
        self.assertEqual(line.quizz_mark, 5.0)

    def test_migration_clears_the_marks_of_earlier_exam_answers(self):
        """11.0.2.0.0: answers saved before the change lose their mark, not
        their choice; the training record keeps the exam's score."""
        path = os.path.join(get_module_path("account_manager_training"), "migrations",
                            "11.0.2.0.0", "post-migration.py")
        spec = importlib.util.spec_from_file_location("am_training_migration_2", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        record, user_input = self._start()
        line = self.env["survey.user_input_line"].sudo(self.user_employee).create({
            "user_input_id": user_input.id, "question_id": self.question.id,
            "answer_type": "suggestion", "value_suggested": self.right.id})
        user_input.sudo(self.user_employee).write({"state": "done"})
        record.invalidate_cache()
        score = record.score
        # the shape of a database from before: the mark stored on the answer
        self.env.cr.execute("UPDATE survey_user_input_line SET quizz_mark = 10 WHERE id = %s",
                            (line.id,))
        self.assertEqual(migration.clear_exam_answer_marks(self.env.cr), 1)
        self.assertEqual(migration.clear_exam_answer_marks(self.env.cr), 0)
        line.invalidate_cache()
        record.invalidate_cache()
        self.assertEqual(line.quizz_mark, 0.0)
        self.assertEqual(line.value_suggested, self.right)
        self.assertEqual(record.score, score)
