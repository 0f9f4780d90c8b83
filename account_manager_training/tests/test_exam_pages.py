# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from contextlib import contextmanager

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service import security
from odoo.tests.common import HttpCase, at_install, get_db_name, post_install


@at_install(False)
@post_install(True)
class TestExamPages(HttpCase):
    """An employee takes an exam in the browser, as himself: the pages render
    without the answer key, the attempt is scored, and the end page leads
    back to My Training."""

    @contextmanager
    def _env(self, uid=SUPERUSER_ID):
        """In test mode the pages are served on the registry's test cursor,
        one request at a time: the data is made and checked there, between
        the requests (and rolled back with it)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {"tracking_disable": True})
            # the pages changed the data in their own thread
            env.clear()
            yield env

    def setUp(self):
        super().setUp()
        with self._env() as env:
            user = env["res.users"].with_context(no_reset_password=True).create({
                "name": "Exam Taker", "login": "am_t_taker", "email": "am_t_taker@example.com",
                "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
            env["hr.employee"].create({"name": "Exam Taker", "user_id": user.id})
            survey = env["survey.survey"].create({
                "title": "Deposits exam", "quizz_mode": True,
                "page_ids": [(0, 0, {"title": "Questions", "question_ids": [
                    (0, 0, {"question": "What insures deposits?", "type": "simple_choice",
                            "labels_ids": [
                                (0, 0, {"value": "The deposit scheme", "quizz_mark": 10}),
                                (0, 0, {"value": "Nothing", "quizz_mark": 0})]}),
                    (0, 0, {"question": "Up to which amount?", "type": "simple_choice",
                            "labels_ids": [(0, 0, {"value": "500000", "quizz_mark": 10}),
                                           (0, 0, {"value": "No limit", "quizz_mark": 0})]}),
                ]})]})
            category = env["am.training.category"].create({"name": "AM Test Deposits"})
            course = env["am.training.course"].create({
                "name": "Deposits online", "course_type": "online",
                "category_id": category.id, "pass_mark": 60, "survey_id": survey.id})
            self.user_id, self.survey_id, self.course_id = user.id, survey.id, course.id
            self.answers = {}
            page = survey.page_ids
            for question, answer in zip(page.question_ids, ("The deposit scheme", "No limit")):
                label = question.labels_ids.filtered(lambda lab, a=answer: lab.value == a)
                self.answers["%s_%s_%s" % (survey.id, page.id, question.id)] = label.id
            self.page_id = page.id
            self.my_training_id = env.ref(
                "account_manager_training.action_am_training_record_my").id

    def _login(self):
        """HttpCase.authenticate() of Odoo 11 reads the user in the test's own
        transaction, where the pages' data is not: the same, on the test cursor."""
        with self._env(self.user_id) as env:
            session = self.session
            session.db = get_db_name()
            session.uid = self.user_id
            session.login = env.user.login
            session.session_token = security.compute_session_token(session, env)
            session.context = dict(env["res.users"].context_get() or {}, uid=self.user_id)
            session._fix_lang(session.context)
        odoo.http.root.session_store.save(session)

    def test_take_exam_in_browser(self):
        with self._env(self.user_id) as env:
            env["am.training.course"].browse(self.course_id).action_enroll()
            record = env["am.training.record"].search([("course_id", "=", self.course_id)])
            url = record.action_start_exam()["url"]
            token = record.user_input_ids.token
        self._login()
        start = self.url_open(url)
        self.assertEqual(start.status_code, 200)
        page = self.url_open("/survey/fill/%s/%s" % (self.survey_id, token))
        self.assertEqual(page.status_code, 200)
        self.assertIn("What insures deposits?", page.text)
        self.assertNotIn("bg-success", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = dict(self.answers, csrf_token=csrf, page_id=self.page_id, token=token,
                    button_submit="finish")
        submitted = self.url_open("/survey/submit/%s" % self.survey_id, data=data)
        self.assertEqual(submitted.status_code, 200)
        self.assertIn("redirect", json.loads(submitted.text))
        with self._env() as env:
            # scored on the training record, the answers themselves carry no mark
            record = env["am.training.record"].search([("course_id", "=", self.course_id)])
            self.assertEqual(
                (record.user_input_ids.state, len(record.user_input_ids.user_input_line_ids)),
                ("done", 2), submitted.text)
            self.assertEqual((record.state, record.score, record.attempts),
                             ("failed", 50.0, 1))
            lines = record.user_input_ids.user_input_line_ids
            self.assertEqual(lines.mapped("quizz_mark"), [0.0, 0.0])
            self.assertEqual(lines.mapped("create_uid").id, self.user_id,
                             "saved as the employee himself")
        end = self.url_open("/survey/fill/%s/%s" % (self.survey_id, token))
        self.assertEqual(end.status_code, 200)
        self.assertIn("Back to My Training", end.text)
        self.assertIn("/web#action=%s" % self.my_training_id, end.text)
        self.assertIn("You can retake the exam from My Training", end.text)
        self.assertNotIn("review your answers", end.text)
        # reviewing the answers shows no correction (the answer key)
        printed = self.url_open("/survey/print/%s/%s" % (self.survey_id, token))
        self.assertEqual(printed.status_code, 200)
        self.assertIn("What insures deposits?", printed.text)
        self.assertNotIn("bg-success", printed.text)
        # the per-question scores page has nothing to tell either
        scores = self.url_open("/survey/scores/%s/%s" % (self.survey_id, token))
        self.assertEqual(set(json.loads(scores.text).values()), {0.0})
