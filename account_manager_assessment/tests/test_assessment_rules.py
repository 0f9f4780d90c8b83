# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from ..models import assessment_rules as ar


class TestAssessmentRules(unittest.TestCase):
    """The pure arithmetic, without a database."""

    def test_achievement_at_least(self):
        self.assertAlmostEqual(ar.achievement(2, 3), 66.666666, places=4)
        self.assertEqual(ar.achievement(6, 3), 200.0)
        self.assertEqual(ar.achievement(-1, 3), 0.0)

    def test_achievement_at_most(self):
        self.assertEqual(ar.achievement(2, 3, ar.AT_MOST), 100.0)
        self.assertEqual(ar.achievement(6, 3, ar.AT_MOST), 50.0)
        self.assertEqual(ar.achievement(0, 0, ar.AT_MOST), 100.0)
        self.assertEqual(ar.achievement(1, 0, ar.AT_MOST), 0.0)

    def test_capped_score(self):
        self.assertEqual(ar.capped_score(150, 120), 120)
        self.assertEqual(ar.capped_score(150, 0), 100)
        self.assertEqual(ar.capped_score(-5, 100), 0)
        self.assertEqual(ar.capped_score(80, 100), 80)

    def test_shortfall_surplus(self):
        self.assertEqual(ar.shortfall(2, 3), 1)
        self.assertEqual(ar.shortfall(5, 3), 0)
        self.assertEqual(ar.surplus(5, 3), 2)
        self.assertEqual(ar.shortfall(5, 3, ar.AT_MOST), 2)
        self.assertEqual(ar.surplus(1, 3, ar.AT_MOST), 2)

    def test_penalty_is_units_times_amount_up_to_the_cap(self):
        self.assertEqual(ar.penalty(1, 100), 100)
        self.assertEqual(ar.penalty(6, 10), 60)
        self.assertEqual(ar.penalty(10, 1), 10)
        self.assertEqual(ar.penalty(10, 100, cap=500), 500)
        self.assertEqual(ar.penalty(0, 100), 0)

    def test_reward_pays_achieved_units_or_the_surplus_up_to_the_cap(self):
        self.assertEqual(ar.reward("achieved", 3, 0, 200), 600)
        self.assertEqual(ar.reward("achieved", 1000, 0, 0.5), 500)
        self.assertEqual(ar.reward("surplus", 5, 2, 50), 100)
        self.assertEqual(ar.reward("surplus", 5, 20, 50, cap=300), 300)
        self.assertEqual(ar.reward("none", 5, 2, 50), 0)

    def test_weighted_totals(self):
        self.assertEqual(ar.weighted_total([(100, 50), (50, 50)]), 75)
        self.assertEqual(ar.weighted_total([]), 0)
        self.assertEqual(ar.total_score(80, 60, 70, 30), 74)
        self.assertTrue(ar.is_passed(60, 60))
        self.assertFalse(ar.is_passed(59.99, 60))

    def test_ranks_as_sql_rank_highest_score_first_no_score_last(self):
        """As SQL's rank() over the score, highest first, no score last:
        equal scores share a rank, the next one skips."""
        self.assertEqual(
            ar.ranks({1: 80.0, 2: 95.5, 3: 80.0, 4: None, 5: 0.0, 6: 100.0}),
            {6: 1, 2: 2, 1: 3, 3: 3, 5: 5, 4: 6})
        self.assertEqual(ar.ranks({}), {})
        self.assertEqual(ar.ranks({7: None, 8: None}), {7: 1, 8: 1})
        self.assertEqual(ar.ranks({"a": 90, "b": 95, "c": 90, "d": 10}),
                         {"b": 1, "a": 2, "c": 2, "d": 4})

    def test_metric_value_per_aggregate(self):
        """count, sum, avg and ratio from one group's count, total and
        matched records; no records is 0, never a division by zero."""
        self.assertEqual(ar.metric_value("count", 4, 0, 0), 4.0)
        self.assertEqual(ar.metric_value("sum", 4, 250.5, 0), 250.5)
        self.assertEqual(ar.metric_value("sum", 0, None, 0), 0.0)
        self.assertEqual(ar.metric_value("avg", 4, 18, 0), 4.5)
        self.assertEqual(ar.metric_value("avg", 0, None, 0), 0.0)
        self.assertEqual(ar.metric_value("ratio", 8, 0, 2), 25.0)
        self.assertEqual(ar.metric_value("ratio", 0, 0, 0), 0.0)
        self.assertIsInstance(ar.metric_value("count", 3, 0, 0), float)

    def test_metric_values_by_employee(self):
        """Rows of employees as they are; rows of users credited to their
        employee (two users of one employee add up, a user of no employee
        is left out)."""
        rows = [(1, 2, 10.0, 1), (2, 4, 6.0, 4)]
        self.assertEqual(ar.metric_values("sum", rows), {1: 10.0, 2: 6.0})
        users = [(11, 2, 10.0, 1), (12, 4, 6.0, 4), (13, 1, 5.0, 0)]
        self.assertEqual(
            ar.metric_values("count", users, {11: 7, 12: 7, 13: None}),
            {7: 6.0})
        self.assertEqual(ar.metric_values("ratio", users, {11: 7, 13: 8}),
                         {7: 50.0, 8: 0.0})
        self.assertEqual(ar.metric_values("count", []), {})

    def test_keys_by_time_zone(self):
        self.assertEqual(
            ar.keys_by_time_zone([(1, "Asia/Shanghai"), (2, None),
                                  (3, "Asia/Shanghai"), (4, "UTC")]),
            [("Asia/Shanghai", [1, 3]), ("UTC", [2, 4])])
        self.assertEqual(ar.keys_by_time_zone([]), [])

    def test_consecutive_failures(self):
        self.assertEqual(ar.consecutive_failures([True, False, False]), 2)
        self.assertEqual(ar.consecutive_failures([False] * 4), 4)
        self.assertEqual(ar.consecutive_failures([False, True]), 0)
        self.assertEqual(ar.consecutive_failures([]), 0)
        self.assertTrue(ar.is_review_due(4, 4))
        self.assertFalse(ar.is_review_due(5, 4))
        self.assertTrue(ar.is_review_due(8, 4))
        self.assertFalse(ar.is_review_due(3, 4))
        self.assertFalse(ar.is_review_due(4, 0))

    def test_seeds_weekly_example(self):
        """2 units, 10 batches, 90 numbers -> 100 + 60 + 10 = 170, failed."""
        rules = [
            {"id": 1, "target": 3, "weight": 40, "penalty_per_unit": 100},
            {"id": 2, "target": 16, "weight": 30, "penalty_per_unit": 10},
            {"id": 3, "target": 100, "weight": 30, "penalty_per_unit": 1},
            {"id": 4, "rule_type": "reward", "reward_mode": "achieved",
             "reward_per_unit": 200},
        ]
        res = ar.compute_assessment(
            rules, {1: 2, 2: 10, 3: 90, 4: 1}, [],
            {"results_weight": 100, "process_weight": 0,
             "pass_threshold": 100})
        self.assertEqual(res["penalty_total"], 170)
        self.assertEqual(res["reward_total"], 200)
        self.assertFalse(res["passed"])
        expected = (66.6666667 * 40 + 62.5 * 30 + 90 * 30) / 100
        self.assertAlmostEqual(res["total_score"], expected, places=4)
        ok = ar.compute_assessment(
            rules, {1: 3, 2: 16, 3: 120}, [],
            {"results_weight": 100, "process_weight": 0,
             "pass_threshold": 100})
        self.assertTrue(ok["passed"])
        self.assertEqual(ok["penalty_total"], 0)

    def test_line_cache_gives_the_same_figures(self):
        """Lines shared through the cache of one computation are those
        computed one by one."""
        rules = [
            {"id": 1, "target": 3, "weight": 60, "penalty_per_unit": 100},
            {"id": 2, "direction": "at_most", "target": 2, "weight": 40,
             "penalty_per_unit": 5, "penalty_cap": 12},
            {"id": 3, "rule_type": "reward", "reward_mode": "surplus",
             "target": 1, "reward_per_unit": 7},
        ]
        scheme = {"results_weight": 100, "process_weight": 0,
                  "pass_threshold": 60}
        cache = {}
        for actuals in ({1: 2, 2: 5, 3: 4}, {1: 3, 2: 5}, {1: 2, 2: 0, 3: 4},
                        {}, {1: 2, 2: 5, 3: 4}):
            self.assertEqual(
                ar.compute_assessment(rules, actuals, [], scheme, cache),
                ar.compute_assessment(rules, actuals, [], scheme))
        self.assertEqual(len(cache), 7)  # (2, 0) and (2, 0.0) are one

    def test_process_blend(self):
        rules = [{"id": 1, "target": 10, "weight": 100}]
        res = ar.compute_assessment(
            rules, {1: 10}, [(50, 60), (100, 40)],
            {"results_weight": 70, "process_weight": 30,
             "pass_threshold": 60})
        self.assertEqual(res["results_score"], 100)
        self.assertEqual(res["process_score"], 70)
        self.assertAlmostEqual(res["total_score"], 91)

