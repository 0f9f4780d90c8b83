# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AmCommon


class TestOwnership(AmCommon):
    """客户归属: the first registration wins."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.existing = cls._customer(
            cls.am1, "Qianli Trading Co., Ltd.", phone="+86 138-0013-8000",
            email="Info@Qianli.example.com", vat="CN 91310000")
        return result

    def _count(self):
        return self.env["res.partner"].search_count([("am_user_id", "!=", False)])

    def test_registration_records_owner_and_time(self):
        self.assertEqual(self.existing.am_user_id, self.am1)
        self.assertTrue(self.existing.am_registration_date)

    def test_duplicates_refused_naming_the_owner(self):
        before = self._count()
        for values in [
            {"name": "Different name A", "phone": "0086 13800138000"},
            {"name": "Different name B", "mobile": "138 0013 8000"},
            {"name": "Different name C", "email": " info@qianli.EXAMPLE.com"},
            {"name": "Different name D", "vat": "cn91310000"},
            {"name": "qianli trading co ltd"},
        ]:
            with self.assertRaisesRegex(UserError, "registered by T Am1"):
                self._customer(self.am2, values.pop("name"), **values)
        self.assertEqual(self._count(), before)
        # a customer with nothing in common registers fine
        self.assertTrue(self._customer(self.am2, "Jinghua Foods", phone="021 1234 5678"))

    def test_register_existing_partner(self):
        # an unregistered prospect duplicating a registered customer cannot be registered
        prospect = self.env["res.partner"].sudo(self.am2).create(
            {"name": "Qianli Trading", "email": "info@qianli.example.com"})
        with self.assertRaisesRegex(UserError, "T Am1"):
            prospect.sudo(self.am2).action_am_register()
        self.assertFalse(prospect.am_user_id)
        fresh = self.env["res.partner"].sudo(self.am2).create({"name": "Mingde Logistics"})
        fresh.sudo(self.am2).action_am_register()
        self.assertEqual(fresh.am_user_id, self.am2)
        self.assertTrue(fresh.am_registration_date)
        with self.assertRaisesRegex(UserError, "already registered by T Am2"):
            fresh.sudo(self.leader).action_am_register()

    def test_contacts_of_the_customer_are_not_duplicates(self):
        contact = self.env["res.partner"].sudo(self.am1).create({
            "name": "Qianli Trading Co., Ltd.", "parent_id": self.existing.id,
            "phone": "+86 138-0013-8000", "am_user_id": self.am1.id})
        self.assertEqual(contact.am_user_id, self.am1)

    def test_ownership_change_needs_leader_and_reason(self):
        with self.assertRaisesRegex(UserError, "Change account manager"):
            self.existing.sudo(self.am1).write({"am_user_id": self.am2.id})
        # an RPC client can send any context: it does not open a side door
        with self.assertRaisesRegex(UserError, "Change account manager"):
            self.existing.sudo(self.leader).with_context(
                am_ownership_change=True).write({"am_user_id": self.am2.id})
        # nor is the registration time (who was first) backdated
        with self.assertRaisesRegex(UserError, "registration time"):
            self.existing.sudo(self.am1).write({"am_registration_date": "2020-01-01 00:00:00"})
        backdated = self._customer(self.am2, "T Backdated Prospect",
                                   am_registration_date="2020-01-01 00:00:00")
        self.assertNotEqual(backdated.am_registration_date, "2020-01-01 00:00:00")
        self.assertEqual(self.existing.am_user_id, self.am1)
        wizard_model = self.env["am.ownership.change"]
        wizard = wizard_model.sudo(self.am1).create({
            "partner_ids": [(6, 0, self.existing.ids)], "new_user_id": self.am2.id,
            "reason": "Reorganization"})
        with self.assertRaisesRegex(UserError, "team leader"):
            wizard.action_apply()
        self.assertEqual(self.existing.am_user_id, self.am1)
        wizard = wizard_model.sudo(self.leader).with_context(
            active_model="res.partner", active_ids=self.existing.ids).create(
            {"new_user_id": self.am2.id, "reason": "T Am1 moved to another branch"})
        self.assertEqual(wizard.partner_ids, self.existing)
        wizard.action_apply()
        transferred = self.existing.sudo(self.leader)
        self.assertEqual(transferred.am_user_id, self.am2)
        # the former owner no longer sees the customer, the new one does
        self.assertFalse(self.env["res.partner"].sudo(self.am1).search(
            [("id", "=", self.existing.id)]))
        self.assertTrue(self.existing.sudo(self.am2).read(["name"]))
        bodies = " ".join(transferred.message_ids.mapped("body"))
        self.assertIn("T Am1 moved to another branch", bodies)
        self.assertIn("T Am2", bodies)

    def test_registration_through_the_customers_screen_default(self):
        """Customers → Create sends no owner: it comes from the action's
        default_am_user_id. First registration wins all the same, also over
        RPC with that context."""
        Partner = self.env["res.partner"].sudo(self.am2).with_context(
            default_am_user_id=self.am2.id, default_customer=1, default_is_company=1)
        with self.assertRaisesRegex(UserError, "registered by T Am1"):
            Partner.create({"name": "Qianli Copy", "phone": "+86 138 0013 8000"})
        fresh = Partner.create({"name": "T Screen Prospect", "phone": "021 6666 1234"})
        self.assertEqual(fresh.am_user_id, self.am2)
        self.assertTrue(fresh.am_registration_date)

    def test_domestic_and_international_numbers_are_the_same(self):
        self._customer(self.am1, "T Landline Holder", phone="021 7777 2017")
        self._customer(self.am1, "T Mobile Holder", mobile="139 8765 4321")
        for values in [{"phone": "+86 21 7777 2017"}, {"mobile": "+86 21-7777-2017"},
                       {"phone": "+86 13987654321"}, {"mobile": "0086 139 8765 4321"}]:
            with self.assertRaisesRegex(UserError, "registered by T Am1"):
                self._customer(self.am2, "T Other Name %s" % sorted(values.values()), **values)

    def test_duplicate_check_tells_nothing_to_outsiders(self):
        """The check runs after the access check: a portal user is refused for
        his rights; a user outside the account management roles does not learn
        who owns a customer."""
        portal = self.env["res.users"].create({
            "name": "T Portal", "login": "t_portal",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(portal).create(
                {"name": "Qianli Trading Co., Ltd.", "am_user_id": portal.id})
        employee = self._user("t_plain_employee", self.env.ref("base.group_user"),
                              self.env.ref("base.group_partner_manager"))
        with self.assertRaises(UserError) as refused:
            self.env["res.partner"].sudo(employee).create(
                {"name": "Qianli Trading Co., Ltd.", "am_user_id": employee.id})
        self.assertNotIn("T Am1", str(refused.exception))
        self.assertIn("already registered", str(refused.exception))

    def test_registration_time_cannot_be_forged_by_anybody(self):
        """The administrator (uid 1 in Odoo 11) cannot backdate it either."""
        with self.assertRaisesRegex(UserError, "registration time"):
            self.existing.sudo().write({"am_registration_date": "2020-01-01 00:00:00"})
        with self.assertRaisesRegex(UserError, "done visits"):
            self.existing.sudo(self.am1).write({"am_visit_count": 40})
        forged = self.env["res.partner"].create({
            "name": "T Forged Early Bird", "am_user_id": self.am2.id,
            "am_registration_date": "2020-01-01 00:00:00", "am_visit_count": 9})
        self.assertNotEqual(forged.am_registration_date, "2020-01-01 00:00:00")
        self.assertEqual(forged.am_visit_count, 0)

    def test_account_manager_registers_only_to_himself(self):
        with self.assertRaisesRegex(UserError, "as your own"):
            self._customer(self.am1, "T Pushed To Am2", am_user_id=self.am2.id)
        fresh = self.env["res.partner"].sudo(self.am1).create({"name": "T Unregistered"})
        with self.assertRaisesRegex(UserError, "as your own"):
            fresh.sudo(self.am1).write({"am_user_id": self.am2.id})
        self.assertFalse(fresh.am_user_id)

    def test_tier_is_set_by_the_leader(self):
        """The tier decides how often a customer must be visited: the account
        manager cannot lower his own workload."""
        tier_c = self.env["am.customer.tier"].create(
            {"name": "T Tier C", "return_interval_days": 90})
        with self.assertRaisesRegex(UserError, "team leader"):
            self.existing.sudo(self.am1).write({"am_tier_id": tier_c.id})
        self.assertEqual(self.existing.sudo().am_tier_id, self.tier)
        self.existing.sudo(self.leader).write({"am_tier_id": tier_c.id})
        self.assertEqual(self.existing.sudo().am_tier_id, tier_c)

    def test_transfer_checks_duplicates_and_keeps_registration(self):
        existing = self.existing.sudo()
        registered = existing.am_registration_date
        wizard = self.env["am.ownership.change"].sudo(self.leader).create({
            "partner_ids": [(6, 0, self.existing.ids)], "new_user_id": self.am2.id,
            "reason": "Branch reorganisation"})
        wizard.action_apply()
        self.assertEqual(existing.am_user_id, self.am2)
        self.assertEqual(existing.am_registration_date, registered)
        # an unregistered copy of a registered customer cannot be handed to
        # an account manager as if it were a customer of its own
        copy = self.env["res.partner"].create({"name": "T Legacy Copy",
                                               "email": existing.email})
        wizard = self.env["am.ownership.change"].sudo(self.leader).create({
            "partner_ids": [(6, 0, copy.ids)], "new_user_id": self.am1.id,
            "reason": "Take over"})
        with self.assertRaisesRegex(UserError, "duplicates the customer"):
            wizard.action_apply()
        self.assertFalse(copy.am_user_id)

    def test_owner_with_customers_is_not_archived(self):
        with self.assertRaisesRegex(UserError, "still owns 1 customers"):
            self.am1.write({"active": False})
        self.assertTrue(self.am1.active)
        self.am_other.write({"active": False})
        self.assertFalse(self.am_other.active)

    def test_registered_customer_identity_is_checked(self):
        before = self._count()
        for values, message in [
            ({"name": "   "}, "needs a name"),
            ({"name": "x" * 300}, "limited to 256"),
            ({"name": "T Bad Phone", "phone": "call me at the office"}, "not a phone"),
            ({"name": "T Short Phone", "mobile": "+86 12"}, "not a phone"),
            ({"name": "T Bad Mail", "email": "wang@"}, "not an e-mail"),
        ]:
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                self._customer(self.am2, values.pop("name"), **values)
        self.assertEqual(self._count(), before)
