# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest
from datetime import date, datetime, timedelta

from odoo.addons.account_manager_process.models import am_rules


class TestAmRules(unittest.TestCase):
    """The pure business arithmetic, without a database."""

    def test_next_due_date(self):
        self.assertEqual(am_rules.next_due_date(date(2026, 1, 31), 30), date(2026, 3, 2))
        self.assertIsNone(am_rules.next_due_date(None, 30))
        self.assertIsNone(am_rules.next_due_date(date(2026, 1, 1), 0))
        self.assertTrue(am_rules.is_overdue(date(2026, 1, 1), date(2026, 1, 2)))
        self.assertFalse(am_rules.is_overdue(date(2026, 1, 2), date(2026, 1, 2)))
        self.assertEqual(am_rules.planning_horizon(date(2026, 1, 1), 3), date(2026, 1, 4))
        self.assertEqual(am_rules.planning_horizon(date(2026, 1, 1), -3), date(2026, 1, 1))

    def test_late_entry(self):
        visit = date(2026, 3, 1)
        self.assertFalse(am_rules.is_late_entry(visit, date(2026, 3, 3), 2))
        self.assertTrue(am_rules.is_late_entry(visit, date(2026, 3, 4), 2))
        self.assertFalse(am_rules.is_late_entry(None, date(2026, 3, 4), 2))

    def test_return_on_time(self):
        due = date(2026, 3, 10)
        self.assertTrue(am_rules.is_return_on_time("return", "done", date(2026, 3, 10), due))
        self.assertFalse(am_rules.is_return_on_time("return", "done", date(2026, 3, 11), due))
        self.assertFalse(am_rules.is_return_on_time("return", "planned", date(2026, 3, 1), due))
        self.assertFalse(am_rules.is_return_on_time("maintenance", "done", date(2026, 3, 1), due))
        self.assertTrue(am_rules.is_return_on_time("return", "done", date(2026, 3, 1), None))

    def test_duration_and_quality(self):
        start = datetime(2026, 3, 1, 9, 0)
        self.assertEqual(am_rules.hours_between(start, start + timedelta(minutes=90)), 1.5)
        self.assertEqual(am_rules.hours_between(start, start - timedelta(hours=1)), 0.0)
        self.assertEqual(am_rules.hours_between(start, None), 0.0)
        self.assertEqual(am_rules.hours_between(None, start), 0.0)
        self.assertEqual(am_rules.hours_between(start, start + timedelta(seconds=20)), 0.01)
        self.assertEqual(am_rules.visit_quality(3.0, "won"), 3.0)
        self.assertEqual(am_rules.visit_quality(3.0, "progress"), 2.1)
        self.assertEqual(am_rules.visit_quality(1.0, "won", late_entry=True), 0.8)
        self.assertEqual(am_rules.visit_quality(3.0, "won", ["confirmed", "unreachable"]), 1.5)
        self.assertEqual(am_rules.visit_quality(3.0, "won", ["not_confirmed"]), 0.0)
        self.assertEqual(am_rules.visit_quality(3.0, False), 0.0)
        # negotiation weighs more than a general return visit with the same result
        self.assertGreater(am_rules.visit_quality(3.0, "progress"),
                           am_rules.visit_quality(1.0, "progress"))

    def test_targets_and_samples(self):
        self.assertEqual(am_rules.target_progress(15, 15), 100.0)
        self.assertEqual(am_rules.target_progress(3, 0), 0.0)
        self.assertEqual(am_rules.spot_check_sample_size(10, 10), 1)
        self.assertEqual(am_rules.spot_check_sample_size(11, 10), 2)
        self.assertEqual(am_rules.spot_check_sample_size(1, 10), 1)
        self.assertEqual(am_rules.spot_check_sample_size(0, 10), 0)
        self.assertEqual(am_rules.spot_check_sample_size(5, 0), 0)
        self.assertEqual(am_rules.spot_check_sample_size(5, 100), 5)

    def test_report_on_time(self):
        day = date(2026, 11, 25)
        self.assertTrue(am_rules.report_is_on_time(day, datetime(2026, 11, 26, 23, 0), 1))
        self.assertFalse(am_rules.report_is_on_time(day, datetime(2026, 11, 27, 0, 1), 1))
        self.assertFalse(am_rules.report_is_on_time(day, None, 1))

    def test_phones_emails_vats_and_names_normalized_and_validated(self):
        # a domestic number and its international form are the same number
        self.assertEqual(am_rules.normalize_phone("021 5555 1017", "CN"), "+862155551017")
        self.assertEqual(am_rules.normalize_phone("+86 21 5555 1017", "CN"), "+862155551017")
        self.assertEqual(am_rules.normalize_phone("+86 21 5555 1017"), "+862155551017")
        self.assertEqual(am_rules.normalize_phone("138 1234 5678", "cn"), "+8613812345678")
        self.assertEqual(am_rules.normalize_phone("+86 13812345678", "FR"), "+8613812345678")
        self.assertEqual(am_rules.normalize_phone("0086 138-1234-5678", "CN"), "+8613812345678")
        # the same digits in another country are another number
        self.assertNotEqual(am_rules.normalize_phone("021 5555 1017", "CN"),
                            am_rules.normalize_phone("021 5555 1017", "DE"))
        # without a country, a domestic number keeps its digits
        self.assertEqual(am_rules.normalize_phone("021 5555 1017"), "02155551017")
        self.assertFalse(am_rules.normalize_phone(" - "))
        self.assertFalse(am_rules.normalize_phone(""))
        self.assertTrue(am_rules.is_valid_phone("+86 21 5555 1017"))
        self.assertTrue(am_rules.is_valid_phone("021 5555 1017", "CN"))
        self.assertTrue(am_rules.is_valid_phone(""))
        self.assertFalse(am_rules.is_valid_phone("call me maybe"))
        self.assertFalse(am_rules.is_valid_phone("12"))
        self.assertFalse(am_rules.is_valid_phone("+86 1"))
        self.assertTrue(am_rules.is_valid_email("wang.li@example.com.cn"))
        self.assertTrue(am_rules.is_valid_email(""))
        self.assertFalse(am_rules.is_valid_email("wang.li@"))
        self.assertFalse(am_rules.is_valid_email("a@b.com, c@d.com"))
        self.assertEqual(am_rules.normalize_email(" Info@Example.COM "), "info@example.com")
        self.assertEqual(am_rules.normalize_vat("cn 9131-0000"), "CN91310000")
        self.assertEqual(am_rules.normalize_name("Huaxin  Trading Co., Ltd."),
                         am_rules.normalize_name("huaxin trading co ltd"))
        self.assertEqual(am_rules.normalize_name("华信 贸易"), "华信贸易")
        self.assertFalse(am_rules.normalize_name(""))

    def test_local_days_and_working_slots(self):
        # 2026-11-24 20:30 UTC is already the 25th in Beijing
        moment = datetime(2026, 11, 24, 20, 30)
        self.assertEqual(am_rules.local_date(moment, "Asia/Shanghai"), date(2026, 11, 25))
        self.assertEqual(am_rules.local_date(moment, "UTC"), date(2026, 11, 24))
        self.assertEqual(am_rules.local_date(moment, False), date(2026, 11, 24))
        self.assertEqual(am_rules.local_date(moment, "Nowhere/Atlantis"), date(2026, 11, 24))
        self.assertIsNone(am_rules.local_date(None, "UTC"))
        # 09:00 in Beijing is 01:00 UTC; 09:30 in Paris in winter is 08:30 UTC
        self.assertEqual(am_rules.local_to_utc(date(2026, 11, 25), 9, "Asia/Shanghai"),
                         datetime(2026, 11, 25, 1, 0))
        self.assertEqual(am_rules.local_to_utc(date(2026, 11, 25), 9.5, "Europe/Paris"),
                         datetime(2026, 11, 25, 8, 30))
        self.assertEqual([am_rules.working_slot_hour(i) for i in range(7)],
                         [9.0, 10.5, 12.0, 13.5, 15.0, 9.0, 10.5])
        self.assertTrue(am_rules.is_valid_position(31.23, 121.47))
        self.assertTrue(am_rules.is_valid_position(-90, 180))
        self.assertFalse(am_rules.is_valid_position(91, 0))
        self.assertFalse(am_rules.is_valid_position(0, -180.5))

    def test_time_zones_and_local_days(self):
        self.assertEqual(am_rules.tz_zone("Asia/Shanghai").zone, "Asia/Shanghai")
        # the one fallback: empty or unknown is UTC
        self.assertEqual(am_rules.tz_zone(False).zone, "UTC")
        self.assertEqual(am_rules.tz_zone("Nowhere/Atlantis").zone, "UTC")
        local = am_rules.local_datetime(datetime(2026, 11, 24, 20, 30), "Asia/Shanghai")
        self.assertEqual((local.date(), local.hour, local.minute), (date(2026, 11, 25), 4, 30))
        self.assertIsNone(am_rules.local_datetime(None, "Asia/Shanghai"))
        # a day's bounds hold exactly the moments of that local day
        low, high = am_rules.utc_bounds(date(2026, 11, 25), date(2026, 11, 25), "Asia/Shanghai")
        self.assertEqual((low, high), (datetime(2026, 11, 24, 16), datetime(2026, 11, 25, 16)))
        for moment in (low, high - timedelta(seconds=1), datetime(2026, 11, 25, 15, 30)):
            self.assertEqual(am_rules.local_date(moment, "Asia/Shanghai"), date(2026, 11, 25))
        self.assertEqual(am_rules.local_date(high, "Asia/Shanghai"), date(2026, 11, 26))
        self.assertEqual(am_rules.local_to_utc(date(2026, 11, 25), 0, "Asia/Shanghai"), low)

    def test_utc_bounds_of_local_days(self):
        self.assertEqual(
            am_rules.utc_bounds(date(2026, 10, 19), date(2026, 10, 25), "Asia/Shanghai"),
            (datetime(2026, 10, 18, 16), datetime(2026, 10, 25, 16)))
        # summer time ends on 25 October 2026 in Brussels
        self.assertEqual(
            am_rules.utc_bounds(date(2026, 10, 19), date(2026, 10, 25), "Europe/Brussels"),
            (datetime(2026, 10, 18, 22), datetime(2026, 10, 25, 23)))
        self.assertEqual(
            am_rules.utc_bounds(date(2026, 10, 19), date(2026, 10, 19), "Nowhere/Else"),
            (datetime(2026, 10, 19), datetime(2026, 10, 20)))

    def test_period_bounds(self):
        d = date
        wed = d(2026, 11, 25)
        for args, bounds in (
                (("daily", wed), (wed, wed)),
                (("weekly", wed), (d(2026, 11, 23), d(2026, 11, 29))),
                (("weekly", wed, 6), (d(2026, 11, 22), d(2026, 11, 28))),  # from Sunday
                (("monthly", wed), (d(2026, 11, 1), d(2026, 11, 30))),
                (("monthly", d(2026, 12, 31)), (d(2026, 12, 1), d(2026, 12, 31))),
                (("monthly", d(2028, 2, 10)), (d(2028, 2, 1), d(2028, 2, 29))),
                (("quarterly", wed), (d(2026, 10, 1), d(2026, 12, 31))),
                (("yearly", wed), (d(2026, 1, 1), d(2026, 12, 31)))):
            self.assertEqual(am_rules.period_bounds(*args), bounds, args)
        with self.assertRaises(ValueError):
            am_rules.period_bounds("hourly", wed)

    def test_previous_period(self):
        d = date
        monday = d(2026, 11, 23)
        for args, bounds in (
                (("daily", monday), (d(2026, 11, 22), d(2026, 11, 22))),
                (("weekly", monday), (d(2026, 11, 16), d(2026, 11, 22))),
                # the spot checks' week: the previous one, Monday to Sunday
                (("weekly", d(2026, 11, 29)), (d(2026, 11, 16), d(2026, 11, 22))),
                (("monthly", d(2026, 1, 1)), (d(2025, 12, 1), d(2025, 12, 31))),
                (("monthly", d(2026, 3, 31)), (d(2026, 2, 1), d(2026, 2, 28))),
                (("quarterly", d(2026, 4, 1)), (d(2026, 1, 1), d(2026, 3, 31))),
                (("yearly", d(2026, 4, 1)), (d(2025, 1, 1), d(2025, 12, 31)))):
            self.assertEqual(am_rules.previous_period(*args), bounds, args)

    def test_sync_gap_and_route_length(self):
        happened = datetime(2026, 3, 1, 9, 0)
        self.assertEqual(am_rules.sync_gap_seconds(happened, happened + timedelta(minutes=5)), 300)
        self.assertEqual(am_rules.sync_gap_seconds(happened, happened - timedelta(minutes=5)), 0)
        self.assertEqual(am_rules.sync_gap_seconds(None, happened), 0)
        self.assertFalse(am_rules.is_late_sync(30 * 60))
        self.assertTrue(am_rules.is_late_sync(30 * 60 + 1))
        # one degree of latitude is about 111 km
        self.assertAlmostEqual(am_rules.distance_m(31.0, 121.0, 32.0, 121.0), 111195, delta=50)
        self.assertEqual(am_rules.path_length_m([(31.0, 121.0)]), 0)
        self.assertAlmostEqual(am_rules.path_length_m(
            [(31.0, 121.0), None, (32.0, 121.0), (31.0, 121.0)]), 2 * 111195, delta=100)

class TestPositionRules(unittest.TestCase):
    """Distance to the customer and the verdict of a check-in position."""

    def test_distance_m(self):
        self.assertEqual(am_rules.distance_m(31.2304, 121.4737, 31.2304, 121.4737), 0.0)
        # one degree of latitude is about 111.2 km everywhere
        self.assertAlmostEqual(am_rules.distance_m(0, 0, 1, 0), 111195, delta=5)
        self.assertAlmostEqual(am_rules.distance_m(31, 121, 32, 121), 111195, delta=5)
        # a degree of longitude shrinks with the latitude (cos 60° = 0.5)
        self.assertAlmostEqual(am_rules.distance_m(60, 10, 60, 11), 55597, delta=50)
        # Shanghai - Beijing, about 1,067 km
        self.assertAlmostEqual(
            am_rules.distance_m(31.2304, 121.4737, 39.9042, 116.4074) / 1000.0, 1067, delta=5)
        # symmetric, and across the antimeridian
        self.assertAlmostEqual(am_rules.distance_m(0, 179.9, 0, -179.9),
                               am_rules.distance_m(0, -179.9, 0, 179.9))
        self.assertAlmostEqual(am_rules.distance_m(0, 179.9, 0, -179.9), 22239, delta=5)

    def test_position_verdict(self):
        verdict = am_rules.position_verdict
        self.assertEqual(verdict(80, 20, 500, 200, True, True), "verified")
        self.assertEqual(verdict(500, 20, 500, 200, True, True), "verified")
        self.assertEqual(verdict(500.1, 20, 500, 200, True, True), "out_of_range")
        self.assertEqual(verdict(3000, 20, 500, 200, True, True), "out_of_range")
        # no position (permission denied), customer without coordinates
        self.assertEqual(verdict(0, 0, 500, 200, False, True), "unverified")
        self.assertEqual(verdict(0, 20, 500, 200, True, False), "unverified")
        # accuracy worse than the maximum, or unknown
        self.assertEqual(verdict(80, 250, 500, 200, True, True), "unverified")
        self.assertEqual(verdict(80, 200, 500, 200, True, True), "verified")
        self.assertEqual(verdict(80, 0, 500, 200, True, True), "unverified")
        self.assertEqual(verdict(80, None, 500, 200, True, True), "unverified")

    def test_parse_device_position(self):
        parse = am_rules.parse_device_position
        # no position: nothing sent, or 0, 0
        for empty in ((None, None), (False, ""), ("", 0), (0, 0.0), ("0", "0")):
            self.assertEqual(parse(*empty), (None, None), empty)
        self.assertEqual(parse("31.23", 121.47), ((31.23, 121.47), None))
        self.assertEqual(parse(0, 121.47), ((0.0, 121.47), None))
        self.assertEqual(parse("north", 121.47), (None, "not_numbers"))
        self.assertEqual(parse(31.23, None), (None, "not_numbers"))
        self.assertEqual(parse([1], 2), (None, "not_numbers"))
        self.assertEqual(parse(91, 0), ((91.0, 0.0), "not_on_earth"))
        self.assertEqual(parse("nan", 0)[1], "not_on_earth")

    def test_parse_device_accuracy(self):
        parse = am_rules.parse_device_accuracy
        for empty in (None, False, "", 0):
            self.assertEqual(parse(empty, 100), (0.0, None))
        self.assertEqual(parse("12.5", 100), (12.5, None))
        self.assertEqual(parse(100, 100), (100.0, None))
        self.assertEqual(parse("metres", 100), (None, "not_number"))
        self.assertEqual(parse(-1, 100), (-1.0, "out_of_range"))
        self.assertEqual(parse(101, 100), (101.0, "out_of_range"))
        self.assertEqual(parse("nan", 100)[1], "out_of_range")

    def test_risk_based_sample_size(self):
        size = am_rules.spot_check_sample_size_with_risk
        self.assertEqual(size(10, 20, 0), 2)
        # every risky visit besides the share of the others
        self.assertEqual(size(10, 20, 3), 3 + 2)
        self.assertEqual(size(10, 20, 10), 10)
        self.assertEqual(size(10, 20, 15), 10)
        # flagged for review: twice the share
        self.assertEqual(size(10, 20, 0, flagged=True), 4)
        self.assertEqual(size(10, 80, 0, flagged=True), 10)
        # no visits, or the sampling turned off
        self.assertEqual(size(0, 20, 0), 0)
        self.assertEqual(size(10, 0, 3), 0)

    def test_short_visit(self):
        self.assertTrue(am_rules.is_short_visit(0.1, 15))
        self.assertFalse(am_rules.is_short_visit(0.25, 15))
        self.assertFalse(am_rules.is_short_visit(0.1, 0))
        self.assertFalse(am_rules.is_short_visit(None, 15))
