# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError

from .common import TrainingCase


class TestSettings(TrainingCase):
    """The Settings block stores the training parameters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_settings = cls._create_user(
            "am_t_settings",
            ["account_manager_training.group_training_administrator", "base.group_system"])

    def test_settings_round_trip(self):
        settings = self.env["res.config.settings"].sudo(self.user_settings).create({
            "am_attendance_grace_minutes": 7,
            "am_certification_reminder_days": 45,
            "am_qualification_expiring_days": 15,
            "am_default_max_attempts": 4,
        })
        settings.execute()
        params = self.env["ir.config_parameter"]
        self.assertEqual(params.get_param("account_manager_training.grace_minutes"), "7")
        self.assertEqual(
            params.get_param("account_manager_training.certification_reminder_days"), "45")
        values = self.env["res.config.settings"].sudo(self.user_settings).default_get(
            ["am_qualification_expiring_days", "am_default_max_attempts"])
        self.assertEqual(values["am_qualification_expiring_days"], 15)
        self.assertEqual(values["am_default_max_attempts"], 4)

    def test_negative_settings_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            with self.env.cr.savepoint():
                self.env["res.config.settings"].sudo(self.user_settings).create(
                    {"am_attendance_grace_minutes": -1})
        self.assertFalse(self.env["ir.config_parameter"].get_param(
            "account_manager_training.grace_minutes") == "-1")

    def test_coordinator_cannot_change_settings(self):
        with self.assertRaises(AccessError):
            settings = self.env["res.config.settings"].sudo(self.user_coordinator).create(
                {"am_attendance_grace_minutes": 30})
            settings.execute()

    def test_one_reader_with_the_defaults(self):
        Settings = self.env["res.config.settings"]
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("account_manager_training.grace_minutes", "soon")
        self.assertEqual(Settings._am_training_value("attendance_grace_minutes"), 5)
        self.assertEqual(self.env["hr.course.attendee"]._am_grace_minutes(), 5)
        params.set_param("account_manager_training.default_max_attempts", "6")
        self.assertEqual(self.env["am.training.course"]._default_max_attempts(), 6)
        values = Settings.sudo(self.user_settings).default_get(
            ["am_attendance_grace_minutes", "am_default_max_attempts"])
        self.assertEqual(values["am_attendance_grace_minutes"], 5)
        self.assertEqual(values["am_default_max_attempts"], 6)
