# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time as time_module
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import AmCommon

ADDONS = ("account_manager_process", "account_manager_training", "account_manager_assessment")


class TestPositionReport(AmCommon):

    def test_missing_position_reports(self):
        self._set_param("position_report_hour", 12)
        start_of_day = datetime.combine(datetime.utcnow().date(), time(0, 30))
        self.env["hr.attendance"].sudo(self.am1).create({
            "employee_id": self.emp_am1.id,
            "check_in": fields.Datetime.to_string(start_of_day),
            "am_position_in": "Customer site, Pudong",
        })
        team = self.emp_am1 | self.emp_am2
        missing = self.env["hr.employee"].sudo(self.leader).search(
            [("am_position_missing", "=", True), ("id", "in", team.ids)])
        self.assertEqual(missing, self.emp_am2)
        self.assertFalse(self.emp_am1.am_position_missing)
        self.assertTrue(self.emp_am2.am_position_missing)
        reported = self.env["hr.employee"].search(
            [("am_position_missing", "=", False), ("id", "in", team.ids)])
        self.assertEqual(reported, self.emp_am1)
        # reported after the configured hour counts as missing
        self._set_param("position_report_hour", 0)
        self.emp_am1.invalidate_cache()
        self.assertTrue(self.emp_am1.am_position_missing)

    def test_position_at_end_of_work(self):
        start = datetime.utcnow().replace(microsecond=0) - timedelta(hours=9)
        attendance = self.env["hr.attendance"].sudo(self.am1).create({
            "employee_id": self.emp_am1.id, "check_in": fields.Datetime.to_string(start),
            "am_position_in": "Branch office"})
        attendance.write({"check_out": fields.Datetime.to_string(start + timedelta(hours=8)),
                          "am_position_out": "Customer site, Xuhui"})
        self.assertEqual(attendance.am_position_out, "Customer site, Xuhui")
        self.assertEqual(attendance.am_department_id, self.dept)

    def _attendance(self, employee, hours_ago=9, **values):
        start = datetime.utcnow().replace(microsecond=0) - timedelta(hours=hours_ago)
        values.update({"employee_id": employee.id,
                       "check_in": fields.Datetime.to_string(start)})
        return self.env["hr.attendance"].create(values)

    def test_positions_visible_to_employee_leader_and_hr_only(self):
        """Where an account manager was is seen by himself, his team leader and
        HR; not by his colleagues nor by another team's leader."""
        mine = self._attendance(self.emp_am1, am_position_in="Branch office")
        colleague = self._attendance(self.emp_am2, am_position_in="Customer site, Pudong")
        other_team = self._attendance(self.emp_am_other, am_position_in="Head office")
        everybody = mine | colleague | other_team
        Attendance = self.env["hr.attendance"]
        self.assertEqual(Attendance.sudo(self.am1).search([("id", "in", everybody.ids)]), mine)
        self.assertEqual(Attendance.sudo(self.am2).search([("id", "in", everybody.ids)]),
                         colleague)
        with self.assertRaises(AccessError):
            colleague.sudo(self.am1).read(["am_position_in", "check_in"])
        with self.assertRaises(AccessError):
            other_team.sudo(self.am1).read(["am_position_in"])
        self.assertFalse(Attendance.sudo(self.am1).read_group(
            [("employee_id", "=", self.emp_am2.id)], ["employee_id"], ["employee_id"]))
        self.assertEqual(Attendance.sudo(self.leader).search([("id", "in", everybody.ids)]),
                         mine | colleague)
        self.assertEqual(Attendance.sudo(self.leader_other).search(
            [("id", "in", everybody.ids)]), other_team)
        hr_officer = self._user("t_hr_officer", self.env.ref("hr.group_hr_user"))
        self.assertEqual(Attendance.sudo(hr_officer).search([("id", "in", everybody.ids)]),
                         everybody)
        # nobody rewrites another's position, not even his leader
        for user, record in ((self.am1, colleague), (self.leader, mine)):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                record.sudo(user).write({"am_position_in": "Somewhere else"})
        everybody.invalidate_cache()
        self.assertEqual(mine.am_position_in, "Branch office")
        self.assertEqual(colleague.am_position_in, "Customer site, Pudong")
        mine.sudo(self.am1).write({"am_position_out": "Customer site, Xuhui"})

    def test_position_input(self):
        attendance = self._attendance(self.emp_am1, am_position_in="Branch office")
        as_am1 = attendance.sudo(self.am1)
        for vals, message in (
                ({"am_position_in": "x" * 300}, "position at start is too long"),
                ({"check_in": "1990-01-01 08:00:00"}, "check-in time must be between"),
                ({"check_out": fields.Datetime.to_string(
                    datetime.utcnow() + timedelta(days=2))}, "check-out time must be between"),
                ({"check_in": False}, "check-in time of a position report is mandatory"),
                ({"employee_id": False}, "employee of a position report is mandatory")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                as_am1.write(vals)
        attendance.invalidate_cache()
        self.assertEqual(attendance.am_position_in, "Branch office")
        # only spaces is no position
        as_am1.write({"am_position_out": "   ", "check_out": fields.Datetime.now()})
        self.assertFalse(attendance.am_position_out)
        nobody = self._user("t_no_employee", self.group_am)
        with self.assertRaisesRegex(ValidationError, "not linked to an employee"):
            self.env["hr.attendance"].sudo(nobody).create({"am_position_in": "Home"})

    def test_account_manager_flag_is_searchable(self):
        team = self.emp_am1 | self.emp_am2 | self.emp_leader
        no_user = self.env["hr.employee"].create({"name": "T Driver"})
        Employee = self.env["hr.employee"].sudo(self.leader)
        everybody = team | no_user
        self.assertEqual(Employee.search([("am_is_account_manager", "=", True),
                                          ("id", "in", everybody.ids)]), team)
        self.assertEqual(Employee.search([("am_is_account_manager", "=", False),
                                          ("id", "in", everybody.ids)]), no_user)
        self.assertEqual(Employee.search([("am_is_account_manager", "!=", True),
                                          ("id", "in", everybody.ids)]), no_user)
        self.assertTrue(self.emp_am1.am_is_account_manager)
        self.assertFalse(no_user.am_is_account_manager)

    def test_action_domains_evaluable_by_the_web_client(self):
        """The web client evaluates the domain and context of a window action
        with a few variables only (uid, the time helpers): ref() and the like
        make the menu crash with a NameError."""
        data = self.env["ir.model.data"].search([
            ("module", "in", ADDONS), ("model", "=", "ir.actions.act_window")])
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        self.assertIn(self.env.ref("account_manager_process.action_am_position_missing"),
                      actions)
        now = datetime.now()
        web_client = {
            "uid": self.leader.id, "context_today": lambda: now.date(),
            "time": time_module, "datetime": __import__("datetime"),
            "relativedelta": relativedelta, "current_date": now.strftime("%Y-%m-%d"),
            "active_id": False, "active_ids": [], "active_model": False,
            "context": {}, "user_context": {},
        }
        for action in actions:
            self.assertNotIn("ref(", action.domain or "", action.xml_id)
            domain = safe_eval(action.domain or "[]", dict(web_client))
            # and the domain is a valid search (models of an addon loaded
            # after this one are not in the registry yet during its tests)
            if action.res_model in self.env.registry:
                self.env[action.res_model].search(domain, limit=1)
            safe_eval(action.context or "{}", dict(web_client))
        self.assertEqual(
            self.env["hr.employee"].sudo(self.leader).search(safe_eval(
                self.env.ref("account_manager_process.action_am_visit_targets").domain,
                dict(web_client)) + [("department_id", "=", self.dept.id)]),
            self.emp_leader | self.emp_am1 | self.emp_am2)
