# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

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
                self._customer(self.am2, **values)
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
