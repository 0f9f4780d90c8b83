# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common import AssessmentCase


class TestConfiguration(AssessmentCase):
    """Bad input in schemes and rules gets a clear error and changes
    nothing."""

    def _scheme_vals(self, **rule):
        vals = {"metric_id": self.metric["won_revenue"].id, "target": 10,
                "weight": 100}
        vals.update(rule)
        return {"name": "Bad T", "period": "monthly",
                "rule_ids": [(0, 0, vals)]}

    def _assert_refused(self, vals, message):
        Scheme = self.env["am.assessment.scheme"].sudo(self.user_admin)
        before = Scheme.search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                Scheme.create(vals)
        self.assertEqual(Scheme.search_count([]), before)

    def test_invalid_scheme_rules_refused(self):
        self._assert_refused(self._scheme_vals(target=0), "greater than 0")
        self._assert_refused(self._scheme_vals(penalty_per_unit=-1),
                             "penalties cannot be negative")
        self._assert_refused(self._scheme_vals(weight=60), "sum to 100")
        self._assert_refused(self._scheme_vals(reward_per_unit=-5),
                             "rewards cannot be negative")
        vals = self._scheme_vals()
        vals.update(results_weight=80, process_weight=10)
        self._assert_refused(vals, "results and process must sum to 100")
        vals = self._scheme_vals()
        vals.update(process_item_ids=[(0, 0, {"name": "A", "weight": 40})])
        self._assert_refused(vals, "process items must sum to 100")
        # an at-most rule may aim at zero (e.g. lateness)
        ok = self._scheme_vals(direction="at_most", target=0)
        scheme = self.env["am.assessment.scheme"].sudo(
            self.user_admin).create(ok)
        self.assertEqual(scheme.rule_ids.target, 0)
        # changing a rule's weight in the scheme is checked too
        with self.assertRaisesRegex(ValidationError, "sum to 100"):
            with self.env.cr.savepoint():
                scheme.sudo(self.user_admin).write({"rule_ids": [
                    (1, scheme.rule_ids.id, {"weight": 50})]})
        scheme.invalidate_cache()
        self.assertEqual(scheme.rule_ids.weight, 100)

    def test_rule_weights_checked_on_the_rule(self):
        """A rule or process item added, changed or removed on its own
        (e.g. over RPC, not through the scheme's form) cannot break the
        weights of its scheme, which would stop its assessments."""
        Scheme = self.env["am.assessment.scheme"].sudo(self.user_admin)
        scheme = Scheme.create({
            "name": "Weights T", "period": "monthly",
            "results_weight": 60, "process_weight": 40,
            "rule_ids": [
                (0, 0, {"metric_id": self.metric["won_revenue"].id,
                        "target": 10, "weight": 40}),
                (0, 0, {"metric_id": self.metric["prospect_numbers"].id,
                        "target": 10, "weight": 60})],
            "process_item_ids": [
                (0, 0, {"name": "Attitude", "weight": 70}),
                (0, 0, {"name": "Innovation", "weight": 30})]})
        first, second = scheme.rule_ids.sorted("id")
        items = scheme.process_item_ids.sorted("id")
        admin = self.user_admin
        Rule = self.env["am.assessment.rule"].sudo(admin)
        Item = self.env["am.assessment.process.item"].sudo(admin)
        attacks = [
            lambda: first.sudo(admin).write({"weight": 5}),
            lambda: first.sudo(admin).write({"rule_type": "reward"}),
            lambda: second.sudo(admin).unlink(),
            lambda: Rule.create({
                "scheme_id": scheme.id, "target": 1, "weight": 10,
                "metric_id": self.metric["won_revenue"].id}),
            lambda: items[0].sudo(admin).write({"weight": 10}),
            lambda: items[1].sudo(admin).unlink(),
            lambda: Item.create({"scheme_id": scheme.id, "name": "More",
                                 "weight": 5}),
        ]
        for attack in attacks:
            with self.assertRaisesRegex(ValidationError, "sum to 100"), \
                    self.env.cr.savepoint():
                attack()
        scheme.invalidate_cache()
        self.assertEqual(scheme.rule_ids.sorted("id").mapped("weight"),
                         [40, 60])
        self.assertEqual(len(scheme.process_item_ids), 2)
        # moving a rule to another scheme breaks the one it leaves
        other = Scheme.create({"name": "Other T", "period": "monthly"})
        with self.assertRaisesRegex(ValidationError, "sum to 100"), \
                self.env.cr.savepoint():
            first.sudo(admin).write({"scheme_id": other.id})
        # through the scheme, the weights are checked once, at the end
        scheme.sudo(admin).write({"rule_ids": [
            (1, first.id, {"weight": 60}), (1, second.id, {"weight": 40})]})
        self.assertEqual(scheme.rule_ids.sorted("id").mapped("weight"),
                         [60, 40])
        scheme.sudo(admin).write({"rule_ids": [
            (2, second.id), (1, first.id, {"weight": 100})]})
        self.assertEqual(scheme.rule_ids.weight, 100)
        # a copy is checked at its end too
        self.assertEqual(scheme.sudo(admin).copy().rule_ids.weight, 100)

    def test_no_data_lost(self):
        self.scheme._generate_period(date(2026, 10, 5), date(2026, 10, 11))
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.scheme.sudo(self.user_admin).unlink()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.metric["customers_registered"].sudo(self.user_admin).unlink()
        self.assertTrue(self.scheme.exists())
        self.assertTrue(self.metric["customers_registered"].exists())
