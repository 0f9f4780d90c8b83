# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import AmCommon
from .test_visit_photo import png


class TestVisitSignature(AmCommon):
    """The customer's signature on the spot: drawn during the visit on the
    account manager's device, once; the time is the server's."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Sign Customer", phone="021 4444 0401")
        return result

    def _in_progress(self):
        visit = self._visit(self.am1, self.customer)
        visit.sudo(self.am1).action_checkin()
        return visit

    def _unsigned(self, visit):
        self.assertFalse(visit.customer_signature)
        self.assertFalse(visit.customer_signed_at)

    def test_customer_signs_during_the_visit(self):
        visit = self._in_progress()
        before = fields.Datetime.now()
        signature = png("black", (60, 20))
        visit.sudo(self.am1).write({"customer_signer_name": "Li Lei",
                                    "customer_signature": signature})
        self.assertEqual(visit.customer_signer_name, "Li Lei")
        self.assertTrue(visit.customer_signature)
        self.assertGreaterEqual(visit.customer_signed_at, before)
        # once signed, it stays: no new signature, no other name, no clearing
        signed_at = visit.customer_signed_at
        for vals in ({"customer_signature": png("blue")}, {"customer_signer_name": "Han Meimei"},
                     {"customer_signature": False}):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                visit.sudo(self.am1).write(vals)
        self.assertEqual((visit.customer_signer_name, visit.customer_signed_at),
                         ("Li Lei", signed_at))
        # the leader reads it
        self.assertTrue(visit.sudo(self.leader).read(["customer_signature"])[0]
                        ["customer_signature"])
        # the visit closes as before; a done visit is closed for signatures too
        visit.sudo(self.am1).write({"outcome_id": self.outcome_won.id, "summary": "Signed."})
        visit.sudo(self.am1).action_checkout()
        with self.assertRaises(UserError):
            visit.sudo(self.am1).write({"customer_signer_name": "Other"})

    def test_signature_rules(self):
        visit = self._in_progress()
        with self.assertRaisesRegex(UserError, "name of the person"):
            visit.sudo(self.am1).write({"customer_signature": png()})
        self._unsigned(visit)
        planned = self._visit(self.am1, self.customer)
        with self.assertRaisesRegex(UserError, "not in progress"):
            planned.sudo(self.am1).write({"customer_signer_name": "Li Lei",
                                          "customer_signature": png()})
        self._unsigned(planned)
        # not at creation either
        with self.assertRaises(UserError):
            self.env["am.visit"].sudo(self.am1).create({
                "partner_id": self.customer.id, "user_id": self.am1.id,
                "customer_signer_name": "Li Lei", "customer_signature": png()})
        # the team leader does not sign for the customer of his team's visit
        with self.assertRaisesRegex(UserError, "Only the account manager"):
            visit.sudo(self.leader).write({"customer_signer_name": "Li Lei",
                                           "customer_signature": png()})
        # another team's account manager, with a hostile context
        with self.assertRaises((AccessError, UserError)):
            visit.sudo(self.am_other).with_context(am_workflow=True).write(
                {"customer_signer_name": "Li Lei", "customer_signature": png()})
        self._unsigned(visit)

    def test_signed_time_is_the_servers(self):
        visit = self._in_progress()
        forged = {"customer_signer_name": "Li Lei", "customer_signature": png(),
                  "customer_signed_at": "2020-01-01 10:00:00"}
        for user in (self.am1, self.admin):
            with self.assertRaisesRegex(UserError, "only change with its buttons"):
                visit.sudo(user).with_context(am_workflow=True).write(forged)
        with self.assertRaisesRegex(UserError, "only change with its buttons"):
            visit.write(forged)
        with self.assertRaises(UserError):
            self.env["am.visit"].sudo(self.am1).create({
                "partner_id": self.customer.id, "user_id": self.am1.id,
                "customer_signed_at": "2020-01-01 10:00:00"})
        self._unsigned(visit)
