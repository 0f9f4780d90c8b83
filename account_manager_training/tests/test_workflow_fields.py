# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import TrainingCase, dt

# what a hostile client could send along
HOSTILE = {"am_training_internal": True, "am_workflow": True, "install_mode": True,
           "tracking_disable": True}


class TestWorkflowFields(TrainingCase):
    """Statuses, results and facts change through the workflow only, for
    every caller (the superuser included) and whatever the context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = cls._record(cls.other, cls.course_offline, state="failed", score=30,
                                 attempts=1, date_completed="2026-01-10")
        cls.session = cls._create_session()

    def _callers(self):
        return [self.env["am.training.record"].with_context(**HOSTILE),
                self.env["am.training.record"].sudo(self.user_coordinator).with_context(
                    **HOSTILE)]

    def test_training_facts_not_written_by_clients(self):
        facts = [{"state": "passed"}, {"score": 95}, {"attempts": 0},
                 {"date_completed": "2026-02-01"}, {"is_late": False},
                 {"left_early": True}, {"hours": 40}, {"pass_rate": 100},
                 {"certificate_expiry": "2099-01-01"}, {"employee_id": self.employee.id},
                 {"course_id": self.course_offline.id}]
        for records in self._callers():
            for values in facts:
                with self.assertRaisesRegex(UserError, "cannot be edited"):
                    self.record.with_env(records.env).write(values)
        self.record.invalidate_cache()
        self.assertEqual((self.record.state, self.record.score, self.record.attempts,
                          self.record.employee_id), ("failed", 30, 1, self.other))

    def test_training_record_created_as_registration_only(self):
        for records in self._callers():
            for values in ({"state": "passed", "score": 90}, {"state": "failed"},
                           {"date_completed": "2026-01-01"}, {"attempts": 2}):
                with self.assertRaisesRegex(UserError, "starts as a registration"):
                    records.create(dict(values, employee_id=self.employee.id,
                                        course_id=self.course_offline.id))
        self.assertFalse(self.env["am.training.record"].search(
            [("employee_id", "=", self.employee.id)]))
        # a coordinator enrols an employee: a registration
        record = self.env["am.training.record"].sudo(self.user_coordinator).create({
            "employee_id": self.employee.id, "course_id": self.course_offline.id})
        self.assertEqual(record.state, "registered")

    def test_session_status_through_buttons_only(self):
        sessions = self.env["hr.course"].sudo(self.user_coordinator).with_context(**HOSTILE)
        for caller in (self.session.with_context(**HOSTILE),
                       self.session.with_env(sessions.env)):
            with self.assertRaisesRegex(UserError, "only changes with its buttons"):
                caller.write({"state": "completed"})
        with self.assertRaisesRegex(UserError, "created as a draft"):
            sessions.create({
                "name": "Straight to completed", "am_course_id": self.course_offline.id,
                "category_id": self.hr_category.id, "cost": 0.0,
                "authorized_by": self.coordinator_employee.id, "state": "completed"})
        self.assertEqual(self.session.state, "draft")
        session = self.session.sudo(self.user_coordinator)
        # the buttons answer True (XML-RPC clients cannot read None)
        for button in ("draft2waiting", "waiting2inprogress", "inprogress2validation",
                       "validation2complete"):
            self.assertIs(getattr(session, button)(), True, button)
        self.assertEqual(self.session.state, "completed")
        with self.assertRaisesRegex(UserError, "took place"):
            session.back2draft()
        self.assertEqual(self.session.state, "completed")
        # employees have no buttons
        with self.assertRaises(AccessError):
            self._create_session(name="Other").sudo(self.user_employee).draft2waiting()

    def _started(self):
        session = self.session.sudo(self.user_coordinator)
        session.draft2waiting()
        self.assertIs(session.sudo(self.user_employee).action_am_register(), True)
        session.waiting2inprogress()
        return session, session.course_attendee_ids

    def test_attendance_results_through_scores_only(self):
        session, attendee = self._started()
        self.assertIs(attendee.action_am_check_in(), True)
        start = fields.Datetime.from_string(session.am_start)
        attendee.write({"am_checkin": dt(start + timedelta(minutes=30))})
        self.assertTrue(attendee.am_is_late)
        for caller in (attendee.with_context(**HOSTILE), attendee.sudo().with_context(**HOSTILE)):
            for values in ({"result": "passed"}, {"am_is_late": False},
                           {"am_is_absent": True}, {"am_assessed": True},
                           {"employee_id": self.other.id}):
                with self.assertRaisesRegex(UserError, "follows the check-in"):
                    caller.write(values)
        attendee.invalidate_cache()
        self.assertEqual((attendee.result, attendee.am_is_late), ("pending", True))
        self.assertTrue(self._records_of(self.employee).is_late)
        with self.assertRaisesRegex(UserError, "follows the check-in"):
            self.env["hr.course.attendee"].sudo(self.user_coordinator).create({
                "course_id": session.id, "employee_id": self.other.id, "result": "passed"})

    def test_completed_session_attendance_is_final(self):
        session, attendee = self._started()
        attendee.write({"am_checkin": session.am_start, "am_score": 70})
        session.inprogress2validation()
        session.validation2complete()
        for values in ({"am_score": 20}, {"am_checkin": False}, {"am_checkout": session.am_start}):
            with self.assertRaisesRegex(UserError, "are final"):
                attendee.write(values)
        attendee.invalidate_cache()
        self.assertEqual((attendee.am_score, attendee.result), (70, "passed"))
        self.assertEqual(self._records_of(self.employee).state, "passed")

    def _records_of(self, employee):
        return self.env["am.training.record"].search([
            ("employee_id", "=", employee.id), ("session_id", "=", self.session.id)])

    def test_certification_status_follows_expiry(self):
        cert = self.env["am.certification"].sudo(self.user_coordinator).create({
            "name": "AFP", "employee_id": self.employee.id,
            "expiry_date": fields.Date.to_string(
                fields.Date.from_string(fields.Date.context_today(self.record))
                - timedelta(days=1))})
        self.assertEqual(cert.state, "expired")
        for caller in (cert.with_context(**HOSTILE), cert.sudo().with_context(**HOSTILE)):
            for values in ({"state": "valid"}, {"reminder_sent": True}):
                with self.assertRaisesRegex(UserError, "follows its expiry date"):
                    caller.write(values)
        with self.assertRaisesRegex(UserError, "follows its expiry date"):
            self.env["am.certification"].create({
                "name": "CFP", "employee_id": self.employee.id, "state": "valid",
                "expiry_date": "2020-01-01"})
        cert.invalidate_cache()
        self.assertEqual((cert.state, cert.reminder_sent), ("expired", False))

    def test_qualification_statuses_not_written_by_clients(self):
        rule = self.env["am.qualification.rule"].sudo(self.user_admin).create({
            "name": "Compliance", "min_courses": 1})
        qualifications = self.env["am.employee.qualification"].with_context(**HOSTILE)
        with self.assertRaisesRegex(UserError, "cannot be created or edited"):
            qualifications.create({"employee_id": self.employee.id, "rule_id": rule.id,
                                   "state": "qualified"})
        rule.sudo(self.user_admin).action_recompute()
        status = qualifications.search([("employee_id", "=", self.other.id),
                                        ("rule_id", "=", rule.id)])
        self.assertEqual(status.state, "not_qualified")
        with self.assertRaisesRegex(UserError, "cannot be created or edited"):
            status.write({"state": "qualified"})
        self.assertEqual(status.state, "not_qualified")

    def test_no_public_batch_helpers(self):
        """What changes data in batch is private (not callable over RPC)."""
        qualifications = self.env["am.employee.qualification"]
        self.assertFalse(hasattr(qualifications, "recompute_all"))
        self.assertIs(self.env["am.qualification.rule"].sudo(self.user_admin).create({
            "name": "Any", "min_courses": 1}).action_recompute(), True)
        with self.assertRaises(AccessError):
            self.env["am.qualification.rule"].sudo(self.user_employee).search(
                [], limit=1).action_recompute()
