# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from lxml import etree

from .common import TrainingCase

ACTIONS = [
    "action_am_training_record_my", "action_am_training_record",
    "action_am_training_course", "action_am_session", "action_am_session_open",
    "action_am_course_attendee", "action_am_employee_qualification",
    "action_am_certification", "action_am_qualification_rule",
    "action_am_training_category",
]
# labels Odoo makes up from technical names, meaningless to a user
TECHNICAL_LABELS = ("Display Name", "Record Count", "Is ", "Am ", "Has ")


class TestScreens(TrainingCase):
    """Every screen opens for the roles that reach it, and says what it is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_leader = cls._create_user("am_t_leader", ["base.group_user"], "Team Leader")
        cls.leader = cls.env["hr.employee"].create({
            "name": "Team Leader", "user_id": cls.user_leader.id})
        cls.department.manager_id = cls.leader
        cls.record = cls._passed(cls.employee, cls.course_offline)
        cls.session = cls._create_session()
        cls.session.sudo(cls.user_coordinator).draft2waiting()

    def test_mandatory_course_opens_for_employee_and_leader(self):
        """The course form shows the job positions it is mandatory for."""
        for user in (self.user_employee, self.user_leader, self.user_coordinator):
            values = self._read_form(self.course_offline, user)
            self.assertEqual(values["mandatory_job_ids"], self.job.ids)
            self.assertEqual(
                self.course_offline.mandatory_job_ids.sudo(user).name_get()[0][1],
                "AM Test Account Manager")
            self._read_form(self.course_offline, user, "kanban")

    def test_own_screens_open_for_employee(self):
        self.session.sudo(self.user_employee).action_am_register()
        screens = [
            self.record, self.session, self.employee,
            self.session.course_attendee_ids.filtered(lambda a: a.employee_id == self.employee),
        ]
        for record in screens:
            self.assertEqual(self._read_form(record, self.user_employee)["id"], record.id)
        self.assertEqual(self._read_form(self.session, self.user_employee, "kanban")["id"],
                         self.session.id)
        # the team leader opens his team member's training
        self.assertEqual(self._read_form(self.record, self.user_leader)["id"], self.record.id)
        self.assertEqual(self._read_form(self.employee, self.user_leader)["id"],
                         self.employee.id)

    def test_coordinator_screens_open(self):
        self.session.sudo(self.user_employee).action_am_register()
        for record in (self.record, self.session, self.course_offline, self.employee):
            self.assertEqual(self._read_form(record, self.user_coordinator)["id"], record.id)
        matrix = self.env["am.training.matrix"].sudo(self.user_coordinator).create(
            {"job_id": self.job.id})
        self.assertEqual(self._read_form(matrix, self.user_coordinator)["id"], matrix.id)

    def test_lists_explain_what_they_are(self):
        for xml_id in ACTIONS:
            action = self.env.ref("account_manager_training.%s" % xml_id)
            self.assertGreater(len(action.help or ""), 80, "%s has no help text" % xml_id)
        self.assertIn("Course Catalog", self.env.ref(
            "account_manager_training.action_am_training_record_my").help)

    def test_no_technical_labels(self):
        for user in (self.user_employee, self.user_coordinator):
            for xml_id in ACTIONS:
                action = self.env.ref("account_manager_training.%s" % xml_id)
                model = self.env[action.res_model].sudo(user)
                for view_type in action.view_mode.split(","):
                    view = model.fields_view_get(view_type=view_type)
                    for name, info in view["fields"].items():
                        self.assertFalse(
                            info["string"].startswith(TECHNICAL_LABELS),
                            "%s %s: %s is labelled %r" % (
                                xml_id, view_type, name, info["string"]))

    @staticmethod
    def _shown(model, user, name):
        """'always', 'hidden' or 'when set': how a form field shows to user."""
        arch = etree.fromstring(model.sudo(user).fields_view_get(view_type="form")["arch"])
        shown = "hidden"
        for node in arch.iter("field"):
            if node.get("name") != name:
                continue
            invisible = json.loads(node.get("modifiers") or "{}").get("invisible")
            if not invisible:
                return "always"
            if invisible is not True:
                shown = "when set"
        return shown

    def test_zero_values_hidden_from_employees(self):
        """"Mandatory since 0", "Maximum attempts 0" and "Course Cost 0.00" mean
        nothing to an employee."""
        courses, sessions = self.env["am.training.course"], self.env["hr.course"]
        self.assertEqual(courses.fields_get(["mandatory_from_year"])[
            "mandatory_from_year"]["string"], "Mandatory since (year)")
        for name in ("mandatory_from_year", "max_attempts", "certificate_validity_months"):
            self.assertEqual(self._shown(courses, self.user_employee, name), "when set", name)
        for name in ("mandatory_from_year", "certificate_validity_months"):
            self.assertEqual(self._shown(courses, self.user_coordinator, name), "always", name)
        self.assertEqual(self._shown(courses, self.user_employee, "survey_id"), "hidden")
        for name in ("cost", "authorized_by", "permanence"):
            self.assertEqual(self._shown(sessions, self.user_employee, name), "hidden", name)
            self.assertEqual(self._shown(sessions, self.user_coordinator, name), "always")
        self.assertEqual(self._shown(sessions, self.user_employee, "am_registered_count"),
                         "always")

    def test_registered_count_on_session_screens(self):
        self.session.sudo(self.user_employee).action_am_register()
        for view_type in ("form", "tree", "kanban"):
            view = self.env["hr.course"].sudo(self.user_employee).fields_view_get(
                view_type=view_type)
            self.assertIn("am_registered_count", view["fields"], view_type)
        self.assertEqual(self.session.sudo(self.user_employee).am_registered_count, 1)

    def test_matrix_explains_who_is_left_out(self):
        self.env["hr.employee"].create({
            "name": "No job yet", "department_id": self.department.id})
        matrix = self.env["am.training.matrix"].sudo(self.user_coordinator).create(
            {"department_id": self.department.id})
        employees, _courses, _cells = matrix._matrix_data()
        self.assertEqual(employees, self.employee | self.other)
        # the new employee has no job with mandatory courses
        self.assertIn("1 employee(s) of this selection are not listed", matrix.matrix_html)
        form = matrix.fields_view_get(view_type="form")["arch"]
        self.assertIn("Employees appear when their job position has mandatory courses", form)

    def test_demo_online_courses_have_exams(self):
        course = self.env.ref("account_manager_training.demo_course_funds",
                              raise_if_not_found=False)
        if not course:
            self.skipTest("without demo data")
        online = self.env["am.training.course"].search([
            ("course_type", "=", "online"),
            ("id", "in", [self.env.ref("account_manager_training.%s" % x).id for x in (
                "demo_course_funds", "demo_course_insurance", "demo_course_bonds",
                "demo_course_wealth_exam", "demo_course_aml")])])
        self.assertEqual(len(online), 5)
        for course in online:
            marks = course.survey_id.page_ids.mapped("question_ids.labels_ids.quizz_mark")
            self.assertTrue(course.survey_id, course.name)
            self.assertTrue(any(mark > 0 for mark in marks), course.name)
