# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import AmCommon


class TestReturnVisitCron(AmCommon):

    def _due_customers(self, count, prefix, days_ago=40):
        """Customers of am1/am2 whose last done visit makes them overdue."""
        Partner = self.env["res.partner"]
        partners = Partner
        for index in range(count):
            partners |= Partner.create({
                "name": "%s %s" % (prefix, index), "is_company": True,
                "am_user_id": (self.am1 if index % 2 else self.am2).id,
                "am_tier_id": self.tier.id})
        # history loaded in bulk: the last visit was ``days_ago`` days ago
        self.env.cr.execute(
            "UPDATE res_partner SET am_last_visit_date = %s, am_next_visit_due = %s "
            "WHERE id IN %s", (self._date(-days_ago), self._date(30 - days_ago),
                               tuple(partners.ids)))
        partners.invalidate_cache()
        return partners

    def _run_cron(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "account_manager_process.overdue_notified_on", "")
        self.env["am.visit"].invalidate_cache()
        return self.env["am.visit"]._cron_plan_return_visits()

    def _open_returns(self, partners):
        return self.env["am.visit"].search(
            [("partner_id", "in", partners.ids), ("visit_type", "=", "return"),
             ("state", "=", "planned")])

    def test_plans_once_with_activity(self):
        due = self._due_customers(3, "T Due")
        soon = self._due_customers(1, "T Soon", days_ago=28)   # due in 2 days
        later = self._due_customers(1, "T Later", days_ago=10)  # due in 20 days
        self._run_cron()
        planned = self._open_returns(due | soon | later)
        self.assertEqual(planned.mapped("partner_id"), due | soon)
        for visit in planned:
            self.assertEqual(visit.user_id, visit.partner_id.am_user_id)
            self.assertEqual(visit.employee_id.user_id, visit.user_id)
            self.assertTrue(visit.name.startswith("VIS"))
            self.assertEqual(visit.due_date, visit.partner_id.am_next_visit_due)
            self.assertEqual(len(visit.activity_ids), 1)
            self.assertEqual(visit.activity_ids.user_id, visit.user_id)
        self.assertEqual(len(set(planned.mapped("name"))), len(planned))
        # idempotent: a second run plans nothing more
        self._run_cron()
        self.assertEqual(self._open_returns(due | soon | later), planned)
        # the account manager works the planned visit like any other
        visit = planned.filtered(lambda v: v.user_id == self.am1)[:1].sudo(self.am1)
        visit.action_checkin()
        visit.write({"outcome_id": self.outcome_progress.id, "summary": "Collected reports."})
        visit.action_checkout()
        self.assertEqual(visit.partner_id.am_next_visit_due, self._date(30))

    def test_leader_notified_of_overdue(self):
        self._due_customers(2, "T Overdue")
        leader_partner = self.leader.partner_id
        before = leader_partner.message_ids
        self._run_cron()
        message = leader_partner.message_ids - before
        self.assertEqual(len(message), 1)
        self.assertIn("T Am1: 1", message.body)
        self.assertIn("T Am2: 1", message.body)
        # once a day
        self.env["am.visit"]._cron_plan_return_visits()
        self.assertEqual(len(leader_partner.message_ids - before), 1)

    def test_query_count_does_not_grow_with_customers(self):
        self._due_customers(2, "T Warm")
        self._run_cron()  # warm the caches
        counts = []
        for size in (5, 15):
            partners = self._due_customers(size, "T Size %s" % size)
            start = self.env.cr.sql_log_count
            self._run_cron()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(self._open_returns(partners)), size)
        self.assertEqual(counts[0], counts[1], "queries for N and 3N customers: %s" % counts)
