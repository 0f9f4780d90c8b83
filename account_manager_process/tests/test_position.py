# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import fields

from .common import AmCommon


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
