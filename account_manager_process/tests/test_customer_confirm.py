# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HttpCase, at_install, post_install

from ..models import am_rules
from .common import AmCommon


class TestConfirmToken(AmCommon):
    """The customer's confirmation by link, over the ORM."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Confirm Customer", phone="021 4444 0201")
        cls.contact = cls.env["res.partner"].sudo(cls.am1).create({
            "name": "T Confirm Contact", "parent_id": cls.customer.id,
            "email": "contact@example.com"})
        return result

    def setUp(self):
        super().setUp()
        visit = self._done_visit(self.am1, self.customer, days=-1, contact_id=self.contact.id)
        self.check = self.env["am.spot.check"].sudo(self.leader).create({"visit_id": visit.id})

    def _wizard(self, user, check=None):
        action = (check or self.check).sudo(user).action_ask_customer()
        return self.env["am.spot.check.confirm"].sudo(user).with_context(
            **action["context"]).create({})

    def _token(self, link):
        return link.rsplit("/", 1)[1]

    def test_pure_token_rules(self):
        token = am_rules.new_confirm_token("secret")
        self.assertTrue(am_rules.confirm_token_is_signed("secret", token))
        self.assertFalse(am_rules.confirm_token_is_signed("other secret", token))
        tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
        self.assertFalse(am_rules.confirm_token_is_signed("secret", tampered))
        forged_nonce = "0" * 32 + token[32:]
        self.assertFalse(am_rules.confirm_token_is_signed("secret", forged_nonce))
        for junk in ("", "abc", None, token + "x", token.upper()):
            self.assertFalse(am_rules.confirm_token_is_signed("secret", junk))
        self.assertNotEqual(am_rules.confirm_token_hash(token), token)
        now = datetime(2026, 5, 1, 12)
        later = now + timedelta(days=1)
        self.assertEqual(am_rules.confirm_link_state(True, False, True, later, now), "form")
        self.assertEqual(am_rules.confirm_link_state(True, False, True, now, now), "expired")
        self.assertEqual(am_rules.confirm_link_state(True, True, False, later, now), "answered")
        self.assertEqual(am_rules.confirm_link_state(True, False, False, later, now), "closed")
        self.assertEqual(am_rules.confirm_link_state(False, False, True, None, now), "invalid")

    def test_leader_asks_and_customer_answers(self):
        self._set_param("confirm_link_days", 3)
        wizard = self._wizard(self.leader)
        self.assertEqual(wizard.partner_id, self.contact)
        wizard.action_make_text()
        link = wizard.link
        self.assertIn("/am/confirm/", link)
        self.assertIn(link, wizard.message)
        self.assertIn(self.am1.name, wizard.message)
        token = self._token(link)
        check = self.check
        self.assertEqual(check.customer_request_state, "asked")
        self.assertEqual(check.customer_asked_partner_id, self.contact)
        self.assertEqual(check.customer_asked_by, self.leader)
        self.assertEqual(check.customer_asked_channel, "text")
        expires = fields.Datetime.from_string(check.customer_link_expires)
        self.assertAlmostEqual((expires - datetime.utcnow()).total_seconds(),
                               3 * 86400, delta=120)
        # the link is not stored: the account manager finds it nowhere
        self.assertNotEqual(check.customer_token_hash, token)
        as_manager = check.sudo(self.am1)
        values = as_manager.read()[0]
        self.assertNotIn(token, repr(values))
        bodies = " ".join(as_manager.message_ids.mapped("body"))
        self.assertNotIn(token, bodies)
        self.assertFalse(self.env["am.spot.check.confirm"].sudo(self.am1).search(
            [("id", "=", wizard.id)]))
        # the customer's answer
        found, state = self.env["am.spot.check"]._am_from_confirm_token(token)
        self.assertEqual((found, state), (check, "form"))
        self.assertTrue(found._record_customer_answer(token, True, "4", " Helpful. "))
        self.assertEqual(check.result, "confirmed")
        self.assertEqual(check.customer_request_state, "answered")
        self.assertEqual((check.customer_rating, check.customer_comment), ("4", "Helpful."))
        self.assertTrue(check.customer_answered_at)
        self.assertEqual(check.check_date, fields.Date.context_today(check))
        # single use
        self.assertFalse(found._record_customer_answer(token, False, False, "changed"))
        self.assertEqual((check.result, check.customer_comment), ("confirmed", "Helpful."))
        self.assertEqual(self.env["am.spot.check"]._am_from_confirm_token(token)[1], "answered")

    def test_link_by_email(self):
        wizard = self._wizard(self.leader)
        mails = self.env["mail.mail"].sudo().search([])
        wizard.action_send_email()
        mail = self.env["mail.mail"].sudo().search([]) - mails
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "contact@example.com")
        self.assertIn("/am/confirm/", mail.body_html)
        self.assertFalse(mail.model)
        self.assertEqual(self.check.customer_asked_channel, "email")
        # a new link replaces the previous one
        token = re.search(r"/am/confirm/([0-9a-f-]+)", mail.body_html).group(1)
        self._wizard(self.leader).action_make_text()
        self.assertEqual(self.env["am.spot.check"]._am_from_confirm_token(token)[1], "invalid")
        # no e-mail address: a clear message, nothing asked
        self.contact.sudo(self.am1).write({"email": False})
        other = self._done_visit(self.am1, self.customer, days=-2, contact_id=self.contact.id)
        check = self.env["am.spot.check"].sudo(self.leader).create({"visit_id": other.id})
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            self._wizard(self.leader, check).action_send_email()
        self.assertEqual(check.customer_request_state, "none")

    def test_who_may_ask(self):
        """Only a team leader, not for his own visit, not an answered check;
        nobody types in an answer (hostile context and arguments)."""
        with self.assertRaisesRegex(UserError, "Only a team leader"):
            self.check.sudo(self.am1).action_ask_customer()
        with self.assertRaisesRegex(UserError, "Only a team leader"):
            self.check.sudo(self.am1).with_context(am_assessment_internal=True)\
                ._am_new_confirm_link(self.contact, "text")
        with self.assertRaises(AccessError):
            self.check.sudo(self.leader_other)._am_new_confirm_link(self.contact, "text")
        stranger = self.env["res.partner"].create({"name": "T Stranger", "email": "s@x.com"})
        with self.assertRaisesRegex(UserError, "visited customer"):
            self.check.sudo(self.leader)._am_new_confirm_link(stranger, "text")
        self.assertEqual(self.check.customer_request_state, "none")
        forged = {"customer_request_state": "answered", "customer_rating": "5",
                  "customer_answered_at": fields.Datetime.now()}
        for user in (self.am1, self.leader, self.admin):
            with self.assertRaises((UserError, AccessError)):
                self.check.sudo(user).with_context(am_workflow=True).write(forged)
        with self.assertRaises(UserError):
            self.check.write(forged)
        visit = self._done_visit(self.am1, self.customer, days=-3)
        with self.assertRaises(UserError):
            self.env["am.spot.check"].sudo(self.leader).create(
                dict(forged, visit_id=visit.id))
        self.assertEqual(self.check.customer_request_state, "none")
        self.assertEqual(self.check.result, "pending")
        # a leader's own visit
        own = self._done_visit(self.leader, self.customer.sudo(), days=-1)
        own_check = self.env["am.spot.check"].sudo(self.admin).create({"visit_id": own.id})
        with self.assertRaisesRegex(UserError, "your own visit"):
            own_check.sudo(self.leader)._am_new_confirm_link(self.customer, "text")
        # the result recorded by phone closes the link; the phone still works
        wizard = self._wizard(self.leader)
        wizard.action_make_text()
        token = self._token(wizard.link)
        self.check.sudo(self.leader).action_unreachable()
        self.assertEqual(self.env["am.spot.check"]._am_from_confirm_token(token)[1], "closed")
        self.assertFalse(self.check._record_customer_answer(token, True, "5", ""))
        self.assertEqual(self.check.result, "unreachable")
        with self.assertRaisesRegex(UserError, "already has its result"):
            self.check.sudo(self.leader).action_ask_customer()


@at_install(False)
@post_install(True)
class TestConfirmPage(HttpCase):
    """The public page of the link: no login, one answer, nothing else."""

    @contextmanager
    def _env(self, uid=SUPERUSER_ID):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, uid, {"tracking_disable": True,
                                            "no_reset_password": True})
            env.clear()
            yield env

    def setUp(self):
        super().setUp()
        with self._env() as env:
            ref = env.ref
            env.user.company_id.country_id = ref("base.cn")

            def user(login, group):
                return env["res.users"].create({
                    "name": login.title(), "login": login, "email": login + "@example.com",
                    "groups_id": [(6, 0, [ref(group).id])]})
            manager = user("t_page_am", "account_manager_process.group_account_manager")
            manager.name = "Wang Fang"
            leader = user("t_page_leader", "account_manager_process.group_team_leader")
            department = env["hr.department"].create({"name": "T Page team"})
            department.manager_id = env["hr.employee"].create(
                {"name": "Leader", "user_id": leader.id, "department_id": department.id})
            env["hr.employee"].create(
                {"name": "Wang Fang", "user_id": manager.id, "department_id": department.id})
            customer = env["res.partner"].sudo(manager).create({
                "name": "T Page Customer Ltd", "is_company": True, "customer": True,
                "am_user_id": manager.id, "phone": "021 4444 0301",
                "am_tier_id": env["am.customer.tier"].create(
                    {"name": "T Page tier", "return_interval_days": 30}).id})
            visit = env["am.visit"].sudo(manager).create({
                "partner_id": customer.id, "user_id": manager.id,
                "planned_start": fields.Datetime.to_string(
                    datetime.utcnow() - timedelta(days=1)),
                "summary": "Discussed the renewal.",
                "outcome_id": ref("account_manager_process.visit_outcome_progress").id})
            visit.action_done()
            check = env["am.spot.check"].sudo(leader).create({"visit_id": visit.id})
            self.token = check.sudo(leader)._am_new_confirm_link(
                customer, "text").rsplit("/", 1)[1]
            self.check_id, self.visit_date = check.id, visit.visit_date

    def _check(self, env):
        return env["am.spot.check"].browse(self.check_id)

    def _form(self, token=None):
        page = self.url_open("/am/confirm/%s" % (token or self.token))
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        return page, match and match.group(1)

    def test_answer_once(self):
        page, csrf = self._form()
        self.assertEqual(page.status_code, 200)
        self.assertIn("Wang Fang", page.text)
        self.assertIn('lang="en-US"', page.text)
        self.assertNotIn("Discussed the renewal", page.text)
        self.assertNotIn("0301", page.text)
        self.assertEqual(page.headers.get("Referrer-Policy"), "no-referrer")
        # incomplete: asked again, nothing recorded
        again = self.url_open("/am/confirm/%s" % self.token,
                              data={"csrf_token": csrf, "visited": "yes"})
        self.assertEqual(again.status_code, 200)
        self.assertIn("am-error", again.text)
        with self._env() as env:
            self.assertEqual(self._check(env).result, "pending")
        done = self.url_open("/am/confirm/%s" % self.token, data={
            "csrf_token": csrf, "visited": "yes", "rating": "5", "comment": "Very useful"})
        self.assertEqual(done.status_code, 200)
        self.assertIn("Thank you", done.text)
        with self._env() as env:
            check = self._check(env)
            self.assertEqual((check.result, check.customer_rating, check.customer_comment,
                              check.customer_request_state),
                             ("confirmed", "5", "Very useful", "answered"))
        # a second use: a clear page, nothing changed
        second = self.url_open("/am/confirm/%s" % self.token, data={
            "csrf_token": csrf, "visited": "no", "comment": "changed my mind"})
        self.assertEqual(second.status_code, 410)
        self.assertIn("already been used", second.text)
        with self._env() as env:
            check = self._check(env)
            self.assertEqual((check.result, check.customer_comment),
                             ("confirmed", "Very useful"))

    def test_tampered_and_expired(self):
        __, csrf = self._form()
        nonce, signature = self.token.split("-")
        for bad in ("%s-%s" % (nonce, signature[::-1]),
                    "%s-%s" % (nonce[::-1], signature), "1", "zz"):
            page = self.url_open("/am/confirm/%s" % bad, data={
                "csrf_token": csrf, "visited": "no"})
            self.assertEqual(page.status_code, 404, bad)
            self.assertIn("not valid", page.text)
            self.assertNotIn("Wang Fang", page.text)
        with self._env() as env:
            self._check(env)._write_workflow({"customer_link_expires": fields.Datetime.to_string(
                datetime.utcnow() - timedelta(minutes=1))})
        page = self.url_open("/am/confirm/%s" % self.token, data={
            "csrf_token": csrf, "visited": "no"})
        self.assertEqual(page.status_code, 410)
        self.assertIn("expired", page.text)
        self.assertNotIn("Wang Fang", page.text)
        with self._env() as env:
            check = self._check(env)
            self.assertEqual((check.result, check.customer_request_state),
                             ("pending", "asked"))

    def test_customer_language(self):
        with self._env() as env:
            env["res.lang"].load_lang("zh_CN")
            self._check(env).customer_asked_partner_id.lang = "zh_CN"
        page, __ = self._form()
        self.assertEqual(page.status_code, 200)
        self.assertIn('lang="zh-CN"', page.text)
