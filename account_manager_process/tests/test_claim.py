# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import AmCommon


class TestClaim(AmCommon):

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.category = cls.env["crm.claim.category"].create({"name": "T Fees"})
        cls.policy = cls.env["am.claim.sla.policy"].create({
            "name": "T Fees policy", "sequence": 1, "categ_id": cls.category.id,
            "acknowledge_hours": 2, "resolve_hours": 24})
        cls.stage_new = cls.env.ref("crm_claim.stage_claim1")
        cls.stage_progress = cls.env.ref("crm_claim.stage_claim5")
        cls.stage_settled = cls.env.ref("crm_claim.stage_claim2")
        return result

    def _claim(self, hours_ago=0, **values):
        values.setdefault("name", "T complaint")
        values.setdefault("categ_id", self.category.id)
        values.setdefault("user_id", self.am1.id)
        values.setdefault("stage_id", self.stage_new.id)
        values["date"] = self._dt(hours=-hours_ago)
        return self.env["crm.claim"].sudo(self.am1).create(values)

    def test_policy_and_deadlines(self):
        claim = self._claim(am_channel="regulator")
        self.assertEqual(claim.am_sla_policy_id, self.policy)
        date = fields.Datetime.from_string(claim.date)
        self.assertEqual(fields.Datetime.from_string(claim.am_ack_deadline) - date,
                         fields.Datetime.from_string(claim.am_resolve_deadline) - date
                         - (fields.Datetime.from_string(claim.am_resolve_deadline)
                            - fields.Datetime.from_string(claim.am_ack_deadline)))
        self.assertEqual(
            (fields.Datetime.from_string(claim.am_resolve_deadline) - date).total_seconds(),
            24 * 3600)
        self.assertEqual(claim.am_employee_id, self.emp_am1)
        # the generic high priority policy applies to another category
        other = self._claim(categ_id=False, priority="2")
        self.assertEqual(other.am_sla_policy_id,
                         self.env.ref("account_manager_process.sla_policy_high"))

    def test_sla_hours_must_be_positive(self):
        Policy = self.env["am.claim.sla.policy"].sudo(self.admin)
        for ack, resolve in ((0, 10), (2, -1), (5, 2)):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                Policy.create({"name": "Bad", "acknowledge_hours": ack, "resolve_hours": resolve})
        self.assertFalse(Policy.search([("name", "=", "Bad")]))
        # a policy that set deadlines is archived, not deleted
        self._claim()
        with self.assertRaisesRegex(UserError, "archive it instead"), self.env.cr.savepoint():
            self.policy.sudo(self.admin).unlink()
        self.assertTrue(self.policy.exists())

    def test_sla_status(self):
        self.assertEqual(self._claim(hours_ago=1).am_sla_status, "on_time")
        unacknowledged = self._claim(hours_ago=3)
        self.assertEqual(unacknowledged.am_sla_status, "at_risk")
        unacknowledged.action_am_acknowledge()
        self.assertEqual(unacknowledged.am_sla_status, "on_time")
        with self.assertRaises(UserError):
            unacknowledged.action_am_acknowledge()
        late = self._claim(hours_ago=20)
        late.action_am_acknowledge()
        self.assertEqual(late.am_sla_status, "at_risk")
        self.assertEqual(self._claim(hours_ago=30).am_sla_status, "breached")

    def test_close_and_reopen(self):
        claim = self._claim(hours_ago=10)
        claim.write({"stage_id": self.stage_progress.id})
        self.assertFalse(claim.am_closed_date)
        claim.write({"stage_id": self.stage_settled.id, "am_satisfaction": 4,
                     "resolution": "Refunded", "cause": "Wrong fee table"})
        self.assertTrue(claim.am_closed_date)
        self.assertEqual(claim.date_closed, claim.am_closed_date)
        self.assertTrue(claim.am_resolved_within_sla)
        self.assertEqual(claim.am_sla_status, "on_time")
        self.assertAlmostEqual(claim.am_resolution_hours, 10, delta=0.1)
        claim.write({"stage_id": self.stage_progress.id})
        self.assertEqual(claim.am_reopen_count, 1)
        self.assertFalse(claim.am_closed_date)
        self.assertFalse(claim.am_resolved_within_sla)
        claim.write({"stage_id": self.stage_settled.id})
        self.assertTrue(claim.am_closed_date)
        breached = self._claim(hours_ago=30)
        breached.write({"stage_id": self.stage_settled.id})
        self.assertEqual(breached.am_sla_status, "breached")
        self.assertFalse(breached.am_resolved_within_sla)
        self.assertEqual(breached.am_breach_rate, 100.0)

    def test_automatic_fields_not_writable_over_rpc(self):
        """The responsible manager cannot backdate a closing to turn a breach
        into 'resolved within SLA', nor reset an escalation, with write()."""
        breached = self._claim(hours_ago=30)
        before = breached.date
        for vals in ({"am_closed_date": before}, {"am_escalation_level": 0},
                     {"am_acknowledged_date": before}, {"am_reopen_count": 0}):
            with self.assertRaisesRegex(UserError, "recorded automatically"), \
                    self.env.cr.savepoint():
                breached.write(vals)
        breached.invalidate_cache()
        self.assertFalse(breached.am_closed_date)
        self.assertEqual(breached.am_sla_status, "breached")
        with self.assertRaisesRegex(UserError, "only a team leader"), self.env.cr.savepoint():
            breached.write({"date": self._dt()})
        breached.invalidate_cache()
        self.assertEqual(breached.date, before)
        forged = self._claim(am_closed_date=self._dt(hours=-20), am_escalation_level=0)
        self.assertFalse(forged.am_closed_date)
        breached.write({"stage_id": self.stage_settled.id})
        self.assertTrue(breached.am_closed_date)
        self.assertFalse(breached.am_resolved_within_sla)

    def test_satisfaction_range(self):
        claim = self._claim()
        for bad in (6, -1):
            with self.assertRaisesRegex(ValidationError, "from 1 to 5"), \
                    self.env.cr.savepoint():
                claim.write({"am_satisfaction": bad})
        claim.invalidate_cache()
        self.assertEqual(claim.am_satisfaction, 0)

    def test_escalation_cron(self):
        self._set_param("escalation_level1_hours", 0)
        self._set_param("escalation_level2_hours", 24)
        on_time = self._claim(hours_ago=1)
        level1 = self._claim(hours_ago=30)
        level2 = self._claim(hours_ago=50)
        Claim = self.env["crm.claim"]
        escalated = Claim._cron_am_escalate()
        self.assertIn(level1, escalated)
        self.assertIn(level2, escalated)
        self.assertNotIn(on_time, escalated)
        self.assertEqual(on_time.am_escalation_level, 0)
        self.assertEqual(level1.am_escalation_level, 1)
        self.assertEqual(level2.am_escalation_level, 2)
        self.assertEqual(level1.activity_ids.user_id, self.leader)
        self.assertEqual(level2.activity_ids.user_id, self.admin)  # parent department
        self.assertEqual(level1.am_sla_status, "breached")
        # idempotent
        self.assertFalse(Claim._cron_am_escalate() & (on_time | level1 | level2))
        self.assertEqual(len(level1.activity_ids), 1)
        # the leader sees the escalated complaint of his team
        self.assertTrue(level1.sudo(self.leader).read(["am_escalation_level"]))

    def test_status_refreshed_by_cron(self):
        claim = self._claim(hours_ago=1)
        self.env.cr.execute("UPDATE crm_claim SET date = date - interval '30 hours', "
                            "am_resolve_deadline = am_resolve_deadline - interval '30 hours' "
                            "WHERE id = %s", (claim.id,))
        claim.invalidate_cache()
        self.env["crm.claim"]._cron_am_escalate()
        self.assertEqual(claim.am_sla_status, "breached")
