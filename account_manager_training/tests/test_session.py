# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import TrainingCase, dt


class TestSession(TrainingCase):
    """Offline sessions: registration, attendance discipline, assessment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._create_session()
        cls.session.sudo(cls.user_coordinator).draft2waiting()
        cls.user_third = cls._create_user("am_t_third", ["base.group_user"], "Employee Three")
        cls.third = cls.env["hr.employee"].create({
            "name": "Employee Three", "user_id": cls.user_third.id, "job_id": cls.job.id})

    def _records(self, employee):
        return self.env["am.training.record"].search([
            ("employee_id", "=", employee.id), ("session_id", "=", self.session.id)])

    def test_self_registration(self):
        self.session.sudo(self.user_employee).action_am_register()
        self.assertIn(self.employee, self.session.attendant_ids)
        record = self._records(self.employee)
        self.assertEqual(record.state, "registered")
        self.assertEqual(record.course_id, self.course_offline)
        session = self.session.sudo(self.user_employee)
        self.assertTrue(session.am_is_registered)
        self.assertEqual(session.am_seats_left, 1)
        # the employee now sees his record, not others'
        self.assertEqual(self.env["am.training.record"].sudo(self.user_employee).search(
            [("session_id", "=", self.session.id)]), record)

    def test_register_twice_refused(self):
        self.session.sudo(self.user_employee).action_am_register()
        with self.assertRaisesRegex(UserError, "already registered"):
            self.session.sudo(self.user_employee).action_am_register()
        self.assertEqual(len(self._records(self.employee)), 1)
        self.assertEqual(len(self.session.attendant_ids), 1)

    def test_register_over_capacity_refused(self):
        self.session.sudo(self.user_employee).action_am_register()
        self.session.sudo(self.user_other).action_am_register()
        with self.assertRaisesRegex(UserError, "is full"):
            self.session.sudo(self.user_third).action_am_register()
        self.assertNotIn(self.third, self.session.attendant_ids)
        self.assertFalse(self._records(self.third))

    def test_register_after_deadline_refused(self):
        yesterday = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=1))
        self.session.sudo(self.user_coordinator).write({"am_registration_deadline": yesterday})
        with self.assertRaisesRegex(UserError, "deadline"):
            self.session.sudo(self.user_employee).action_am_register()
        self.assertFalse(self.session.attendant_ids)
        self.assertFalse(self._records(self.employee))

    def test_register_when_not_open_refused(self):
        draft = self._create_session(name="Draft session")
        with self.assertRaises((UserError, AccessError)):
            draft.sudo(self.user_employee).action_am_register()
        self.assertFalse(draft.attendant_ids)

    def test_employee_cannot_edit_session_or_attendance(self):
        self.session.sudo(self.user_employee).action_am_register()
        with self.assertRaises(AccessError):
            self.session.sudo(self.user_employee).write({"am_capacity": 50})
        attendee = self.session.course_attendee_ids.filtered(
            lambda a: a.employee_id == self.employee)
        with self.assertRaises(AccessError):
            attendee.sudo(self.user_employee).write({"am_score": 100})

    def _run_class(self):
        """Three registered: on time, late and leaving early, absent."""
        for user in (self.user_employee, self.user_other):
            self.session.sudo(user).action_am_register()
        self.session.sudo(self.user_coordinator).write({
            "am_capacity": 3, "attendant_ids": [(4, self.third.id)]})
        session = self.session.sudo(self.user_coordinator)
        session.waiting2inprogress()
        start = fields.Datetime.from_string(session.am_start)
        stop = fields.Datetime.from_string(session.am_stop)
        attendees = {a.employee_id: a for a in session.course_attendee_ids}
        self.assertEqual(len(attendees), 3)
        attendees[self.employee].write({
            "am_checkin": dt(start + timedelta(minutes=3)),
            "am_checkout": dt(stop - timedelta(minutes=2))})
        attendees[self.other].write({
            "am_checkin": dt(start + timedelta(minutes=20)),
            "am_checkout": dt(stop - timedelta(minutes=30))})
        session.inprogress2validation()
        return session, attendees

    def test_attendance_discipline(self):
        session, attendees = self._run_class()
        on_time, late, absent = (attendees[self.employee], attendees[self.other],
                                 attendees[self.third])
        self.assertFalse(on_time.am_is_late or on_time.am_left_early or on_time.am_is_absent)
        self.assertTrue(late.am_is_late and late.am_left_early)
        self.assertTrue(absent.am_is_absent)
        self.assertEqual(absent.result, "absent")
        self.assertEqual(self._records(self.third).state, "absent")
        record_late = self._records(self.other)
        self.assertTrue(record_late.is_late and record_late.left_early)

    def test_grace_minutes_setting(self):
        self.env["ir.config_parameter"].set_param("account_manager_training.grace_minutes", "1")
        session, attendees = self._run_class()
        self.assertTrue(attendees[self.employee].am_is_late,
                        "3 minutes late is late with a 1 minute grace")

    def test_scores_and_completion(self):
        session, attendees = self._run_class()
        attendees[self.employee].write({"am_score": 85})
        attendees[self.other].write({"am_score": 40})
        attendees[self.third].write({"am_score": 90})
        self.assertEqual(attendees[self.employee].result, "passed")
        self.assertEqual(attendees[self.other].result, "failed")
        self.assertEqual(attendees[self.third].result, "absent", "absent never passes")
        session.validation2complete()
        self.assertEqual(session.state, "completed")
        passed = self._records(self.employee)
        self.assertEqual((passed.state, passed.score, passed.hours), ("passed", 85, 4.0))
        self.assertEqual(passed.date_completed, session.end_date)
        self.assertTrue(passed.certificate_expiry)
        failed = self._records(self.other)
        self.assertEqual((failed.state, failed.attempts), ("failed", 1))
        self.assertEqual(self._records(self.third).hours, 0.0)

    def test_bad_score_and_times(self):
        session, attendees = self._run_class()
        attendee = attendees[self.employee]
        for score in (-5, 101):
            with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                with self.env.cr.savepoint():
                    attendee.write({"am_score": score})
        attendee.invalidate_cache()
        self.assertEqual(attendee.result, "pending")
        self.assertEqual(self._records(self.employee).score, 0.0)
        checkin = attendee.am_checkin
        with self.assertRaisesRegex(ValidationError, "check-out cannot be before"):
            with self.env.cr.savepoint():
                attendee.write({"am_checkout": dt(
                    fields.Datetime.from_string(checkin) - timedelta(minutes=5))})
        attendee.invalidate_cache()
        self.assertFalse(attendee.am_left_early)

    def test_check_in_out_buttons(self):
        for user in (self.user_employee,):
            self.session.sudo(user).action_am_register()
        session = self.session.sudo(self.user_coordinator)
        session.waiting2inprogress()
        attendee = session.course_attendee_ids
        self.assertIs(attendee.action_am_check_in(), True)
        self.assertTrue(attendee.am_checkin)
        self.assertEqual(self._records(self.employee).state, "in_progress")
        self.assertIs(attendee.action_am_check_out(), True)
        self.assertTrue(attendee.am_checkout)

    def test_session_times(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before"):
            with self.env.cr.savepoint():
                self.session.sudo(self.user_coordinator).write({
                    "am_stop": dt(fields.Datetime.from_string(self.session.am_start)
                                  - timedelta(hours=1))})
        self.assertEqual(self.session.start_date, self.session.am_start[:10])

    def test_session_days_in_local_time(self):
        # 07:30-11:30 in Shanghai on 3 March is 23:30-03:30 UTC from 2 March
        self.user_coordinator.write({"tz": "Asia/Shanghai"})
        session = self._create_session(
            name="Early session", am_start="2026-03-02 23:30:00",
            am_stop="2026-03-03 03:30:00", am_registration_deadline="2026-03-01 00:00:00")
        self.assertEqual((session.start_date, session.end_date), ("2026-03-03", "2026-03-03"))

    def test_result_follows_score_and_attendance(self):
        session, attendees = self._run_class()
        present, absent = attendees[self.employee], attendees[self.third]
        # no score yet: neither marking passed by hand nor "Pass everybody"
        for attendee in (present, absent):
            with self.assertRaisesRegex(UserError, "follows the check-in"):
                attendee.write({"result": "passed"})
        with self.assertRaisesRegex(UserError, "enter the scores"):
            session.all_passed()
        present.write({"am_score": 40})
        with self.assertRaisesRegex(UserError, "follows the check-in"):
            present.write({"result": "passed"})
        # the database constraint stands behind: even the attendance code
        with self.assertRaisesRegex(ValidationError, "pass mark 60"):
            with self.env.cr.savepoint():
                present._write_workflow({"result": "passed"})
        present.invalidate_cache()
        absent.invalidate_cache()
        self.assertEqual((present.result, absent.result), ("failed", "absent"))
        self.assertEqual(self._records(self.employee).state, "failed")
        self.assertEqual(self._records(self.third).state, "absent")
        # a corrected score still changes the result
        present.write({"am_score": 75})
        self.assertEqual(present.result, "passed")
        self.assertEqual(self._records(self.employee).state, "passed")

    def test_opened_session_not_deleted(self):
        user_hr_manager = self._create_user("am_t_hr_manager", ["hr.group_hr_manager"])
        session, attendees = self._run_class()
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            session.sudo(user_hr_manager).unlink()
        self.assertTrue(session.exists())
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            attendees[self.other].sudo(user_hr_manager).unlink()
        self.assertEqual(len(session.course_attendee_ids), 3)
        draft = self._create_session(name="Never opened")
        draft.sudo(user_hr_manager).unlink()
        self.assertFalse(draft.exists())

    def test_cancelled_session_leaves_no_registration(self):
        self.session.sudo(self.user_employee).action_am_register()
        self.assertEqual(self._records(self.employee).state, "registered")
        self.session.sudo(self.user_coordinator).cancel_course()
        self.assertEqual(self.session.state, "cancelled")
        self.assertFalse(self._records(self.employee))

    def test_records_kept(self):
        self.session.sudo(self.user_employee).action_am_register()
        session = self.session
        session.sudo(self.user_coordinator).waiting2inprogress()
        session.course_attendee_ids.write({"am_checkin": session.am_start})
        record = self._records(self.employee)
        with self.assertRaisesRegex(UserError, "facts are kept"):
            record.sudo(self.user_coordinator).unlink()
        self.assertTrue(record.exists())

    def test_removed_before_start(self):
        """hr_course drops attendees no longer listed when the course starts."""
        self.session.sudo(self.user_employee).action_am_register()
        self.assertTrue(self._records(self.employee))
        session = self.session.sudo(self.user_coordinator)
        session.write({"attendant_ids": [(3, self.employee.id)]})
        session.waiting2inprogress()
        self.assertFalse(self._records(self.employee), "a registration that never started")

    def test_cancel_own_registration_before_deadline(self):
        session = self.session.sudo(self.user_employee)
        session.action_am_register()
        self.assertTrue(self._records(self.employee))
        self.assertIs(session.action_am_unregister(), True)
        self.assertNotIn(self.employee, self.session.attendant_ids)
        self.assertFalse(self.session.course_attendee_ids)
        self.assertFalse(self._records(self.employee), "the registration is withdrawn")
        session.invalidate_cache()
        self.assertFalse(session.am_is_registered)
        self.assertEqual(session.am_registered_count, 0)
        # and he may register again
        session.action_am_register()
        self.assertIn(self.employee, self.session.attendant_ids)

    def test_cancel_registration_refused_after_deadline(self):
        self.session.sudo(self.user_employee).action_am_register()
        yesterday = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=1))
        self.session.sudo(self.user_coordinator).write({"am_registration_deadline": yesterday})
        with self.assertRaisesRegex(UserError, "deadline .* has passed"):
            self.session.sudo(self.user_employee).action_am_unregister()
        self.assertIn(self.employee, self.session.attendant_ids)
        self.assertEqual(self._records(self.employee).state, "registered")

    def test_cancel_registration_refused_once_started_or_not_registered(self):
        with self.assertRaisesRegex(UserError, "is not registered"):
            self.session.sudo(self.user_other).action_am_unregister()
        self.session.sudo(self.user_employee).action_am_register()
        self.session.sudo(self.user_coordinator).waiting2inprogress()
        with self.assertRaisesRegex(UserError, "no longer open"):
            self.session.sudo(self.user_employee).action_am_unregister()
        self.assertIn(self.employee, self.session.attendant_ids)
