# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from ..models.res_config_settings import (
    AM_PARAMETERS,
    DEFAULT_TILE_URL,
    EMPTY_TEXT,
    format_setting,
    parse_setting,
)
from .common import AmCommon


class TestSettingTexts(unittest.TestCase):
    """How a setting is stored as the text of a parameter, without a database."""

    def test_parse_setting(self):
        self.assertEqual(parse_setting("int", "12", 3), 12)
        self.assertEqual(parse_setting("int", "-2", 3), -2)
        self.assertEqual(parse_setting("int", "12.0", 3), 12)
        for stored in (None, False, "", "twelve", "inf"):
            self.assertEqual(parse_setting("int", stored, 3), 3, stored)
        for stored, value in (("0", False), ("False", False), ("1", True), ("true", True),
                              (None, True), ("maybe", True)):
            self.assertIs(parse_setting("bool", stored, True), value, stored)
        self.assertIs(parse_setting("bool", "maybe", False), False)
        self.assertEqual(parse_setting("char", None, "x"), "x")
        self.assertEqual(parse_setting("char", EMPTY_TEXT, "x"), "")
        self.assertEqual(parse_setting("char", "y", "x"), "y")

    def test_format_setting_is_read_back(self):
        for kind, value, default in (("int", 0, 4), ("int", 7, 4), ("int", "3", 0),
                                     ("bool", True, True), ("bool", False, True),
                                     ("char", " https://a/{z}/{x}/{y} ", "d"),
                                     ("char", "", "d"), ("char", False, "d")):
            stored = format_setting(kind, value, default)
            self.assertTrue(stored, "Odoo drops a parameter set to nothing")
            expected = value.strip() if kind == "char" and value else value
            if kind == "char" and not value:
                expected = ""
            if kind == "int":
                expected = int(value)
            self.assertEqual(parse_setting(kind, stored, default), expected)
        # a cleared choice keeps its default
        self.assertEqual(format_setting("int", False, 4), "4")


class TestSettingsReader(AmCommon):
    """One table, one reader: the Settings and the business code agree."""

    def test_every_setting_of_the_table_is_in_the_settings(self):
        Settings = self.env["res.config.settings"]
        table = Settings._am_parameters()
        self.assertLessEqual(set(AM_PARAMETERS), set(table))
        values = Settings.sudo(self.admin).default_get(list(Settings._fields))
        for key, (param, kind, default) in table.items():
            self.assertIn("am_" + key, Settings._fields, key)
            self.assertIn(kind, ("int", "bool", "char"))
            self.assertIsInstance(Settings._am_value(key), type(default), param)
            value = values["am_" + key]
            if Settings._fields["am_" + key].type == "selection":
                value = int(value)
            self.assertEqual(value, Settings._am_value(key), key)

    def test_unreadable_parameter_reads_the_default(self):
        Settings = self.env["res.config.settings"]
        self._set_param("late_entry_days", "two")
        self.assertEqual(Settings._am_value("late_entry_days"), 2)
        self._set_param("late_entry_days", -3)
        self.assertEqual(Settings._am_value("late_entry_days"), -3)
        self._set_param("leader_digest", "0")
        self.assertIs(Settings._am_value("leader_digest"), False)
        self.env["ir.config_parameter"].sudo().set_param(
            AM_PARAMETERS["cockpit_tile_url"][0], False)
        self.assertEqual(Settings._am_value("cockpit_tile_url"), DEFAULT_TILE_URL)

    def test_cockpit_settings_saved_with_the_others(self):
        self.env["res.config.settings"].sudo(self.admin).create({
            "am_leader_digest": False, "am_leader_digest_hour": 5,
            "am_cockpit_tile_url": "", "am_monthly_visit_target": 9}).execute()
        Settings = self.env["res.config.settings"]
        self.assertIs(Settings._am_value("leader_digest"), False)
        self.assertEqual(Settings._am_value("leader_digest_hour"), 5)
        self.assertEqual(Settings._am_value("cockpit_tile_url"), "")
        self.assertEqual(Settings._am_value("monthly_visit_target"), 9)
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(
            "account_manager_process.leader_digest"), "0")
