# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo.exceptions import AccessDenied

from .common import AmCommon


class TestViewsAndDemo(AmCommon):

    def test_screens_open_for_each_role(self):
        actions = ["action_am_visit", "action_am_work_report", "action_am_claim",
                   "action_am_customers", "action_am_position_report",
                   "action_am_spot_check", "action_am_visit_targets",
                   "action_am_my_visit_target",
                   "action_am_claim_analysis", "action_am_visit_analysis"]
        for user in (self.am1, self.leader, self.admin):
            for xmlid in actions:
                action = self.env.ref("account_manager_process." + xmlid).sudo(user).read()[0]
                model = self.env[action["res_model"]].sudo(user)
                for view_type in action["view_mode"].split(","):
                    view = model.fields_view_get(view_type=view_type)
                    self.assertEqual(view["type"], view_type, xmlid)
                    self.assertTrue(view["arch"], xmlid)
                domain = action.get("domain") or []
                if isinstance(domain, str):
                    continue
                rows = model.search_read(domain, ["display_name"], limit=5)
                self.assertTrue(all(row["display_name"] for row in rows), xmlid)

    def test_demo_users_log_in_and_their_data_covers_every_state(self):
        leader = self.env.ref("account_manager_process.demo_user_leader",
                              raise_if_not_found=False)
        if not leader:
            raise unittest.SkipTest("demo data not loaded")
        users = self.env["res.users"]
        for login in ("leader", "am1", "am2", "am3", "am4"):
            self.assertTrue(users.authenticate(self.env.cr.dbname, login, login, {}))
        with self.assertRaises(AccessDenied):
            users.sudo().check_credentials("wrong")
        am_users = [self.env.ref("account_manager_process.demo_user_am%s" % i) for i in range(1, 5)]
        customers = self.env["res.partner"].search(
            [("am_user_id", "in", [u.id for u in am_users])])
        self.assertGreaterEqual(len(customers), 40)
        self.assertGreaterEqual(len(customers.mapped("am_tier_id")), 4)
        visits = self.env["am.visit"].search([("user_id", "in", [u.id for u in am_users])])
        self.assertEqual(set(visits.mapped("state")),
                         {"planned", "in_progress", "done", "cancelled", "missed"})
        self.assertEqual(set(visits.mapped("visit_type")),
                         {"new_customer", "maintenance", "return", "complaint"})
        claims = self.env["crm.claim"].search([("user_id", "in", [u.id for u in am_users])])
        self.assertEqual(set(claims.mapped("am_sla_status")), {"on_time", "at_risk", "breached"})
        reports = self.env["am.work.report"].search([("user_id", "in", [u.id for u in am_users])])
        self.assertEqual(set(reports.mapped("state")), {"draft", "submitted", "reviewed"})
        self.assertTrue(self.env["hr.attendance"].search_count(
            [("employee_id.user_id", "in", [u.id for u in am_users]),
             ("am_position_in", "!=", False)]))
        # the leader sees his team's customers, an account manager only his own
        self.assertEqual(self.env["res.partner"].sudo(leader).search_count(
            [("id", "in", customers.ids)]), len(customers))
        self.assertEqual(self.env["res.partner"].sudo(am_users[0]).search_count(
            [("id", "in", customers.ids)]),
            len(customers.filtered(lambda c: c.am_user_id == am_users[0])))
