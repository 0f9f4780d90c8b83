# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import TrainingCase


class TestCertification(TrainingCase):
    """External certifications: states, reminders, access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.env["am.certification"]))
        certs = cls.env["am.certification"].sudo(cls.user_coordinator)

        def cert(name, employee, days):
            return certs.create({
                "name": name, "number": "N-%s" % name, "employee_id": employee.id,
                "issue_date": fields.Date.to_string(cls.today - timedelta(days=700)),
                "expiry_date": fields.Date.to_string(cls.today + timedelta(days=days))})

        cls.valid = cert("CFP", cls.employee, 400)
        cls.expiring = cert("AFP", cls.employee, 20)
        cls.expired = cert("Securities", cls.other, -3)

    def test_state_follows_the_expiry_date(self):
        self.assertEqual(self.valid.state, "valid")
        self.assertEqual(self.expiring.state, "expiring")
        self.assertEqual(self.expired.state, "expired")

    def test_cron_reminders(self):
        self.env["am.certification"]._cron_update_states()
        activities = self.env["mail.activity"].search([
            ("res_model", "=", "am.certification"),
            ("res_id", "in", (self.valid | self.expiring | self.expired).ids)])
        self.assertEqual(activities.mapped("res_id"), self.expiring.ids)
        self.assertEqual(activities.user_id, self.user_employee)
        self.assertEqual(activities.date_deadline, self.expiring.expiry_date)
        self.assertTrue(self.expiring.reminder_sent)
        # the next run does not remind twice
        self.env["am.certification"]._cron_update_states()
        self.assertEqual(self.env["mail.activity"].search_count([
            ("res_model", "=", "am.certification"), ("res_id", "=", self.expiring.id)]), 1)

    def test_reminder_days_setting(self):
        self.env["ir.config_parameter"].set_param(
            "account_manager_training.certification_reminder_days", "500")
        self.env["am.certification"]._cron_update_states()
        self.assertEqual(self.valid.state, "expiring")
        self.assertTrue(self.valid.activity_ids)

    def test_renewed_certification_is_valid_again(self):
        self.env["am.certification"]._cron_update_states()
        self.expired.sudo(self.user_coordinator).write({
            "expiry_date": fields.Date.to_string(self.today + timedelta(days=800))})
        self.assertEqual(self.expired.state, "valid")

    def test_expiry_before_issue_refused_and_state_kept(self):
        with self.assertRaisesRegex(ValidationError, "expiry date cannot be before"):
            with self.env.cr.savepoint():
                self.valid.sudo(self.user_coordinator).write({
                    "expiry_date": fields.Date.to_string(self.today - timedelta(days=800))})
        self.valid.invalidate_cache()
        self.assertEqual(self.valid.state, "valid")

    def test_employee_reads_his_own_hr_reads_all_nobody_edits_the_number(self):
        mine = self.env["am.certification"].sudo(self.user_employee).search([])
        self.assertEqual(mine, self.valid | self.expiring)
        with self.assertRaises(AccessError):
            self.valid.sudo(self.user_employee).write({"number": "forged"})
        with self.assertRaises(AccessError):
            self.expired.sudo(self.user_employee).read(["name"])
        all_certs = self.env["am.certification"].sudo(self.user_hr).search([])
        self.assertIn(self.expired, all_certs)
        with self.assertRaises(AccessError):
            self.valid.sudo(self.user_hr).write({"number": "x"})
