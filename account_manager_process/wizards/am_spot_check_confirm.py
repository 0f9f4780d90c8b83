# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape
from odoo.tools.misc import format_date


class AmSpotCheckConfirm(models.TransientModel):
    """The team leader asks the customer to confirm a sampled visit by link:
    sent by e-mail, or as a text the leader copies into a text message. The
    link is shown only here, to the leader who made it (a wizard's record is
    readable by its creator only, and soon vacuumed), never stored."""
    _name = "am.spot.check.confirm"
    _description = "Ask the customer to confirm a visit"

    spot_check_id = fields.Many2one("am.spot.check", required=True, readonly=True,
                                    ondelete="cascade")
    customer_id = fields.Many2one(related="spot_check_id.partner_id", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Ask", required=True,
        domain="['|', ('id', '=', customer_id), ('parent_id', '=', customer_id)]",
        help="The customer or the contact who met the account manager.")
    email = fields.Char(related="partner_id.email", readonly=True)
    lang = fields.Selection(related="partner_id.lang", readonly=True, string="Language")
    state = fields.Selection([("draft", "Draft"), ("ready", "Ready")], default="draft")
    link = fields.Char(readonly=True)
    message = fields.Text(string="Text to send", readonly=True)

    def _values(self, link):
        """Placeholders of the messages, in the language of the context."""
        check = self.spot_check_id
        lang = self.env.lang or "en_US"
        expires = fields.Datetime.from_string(check.customer_link_expires)
        return {
            "name": self.partner_id.name,
            "company": check.visit_id.company_id.name or self.env.user.company_id.name,
            "manager": check.user_id.name,
            "date": format_date(self.env, check.visit_date, lang_code=lang),
            "expires": format_date(self.env, expires and expires.date(), lang_code=lang),
            "link": link,
        }

    def _text(self, link):
        return _("%(company)s: did %(manager)s visit you on %(date)s? Please answer "
                 "here (valid until %(expires)s): %(link)s") % self._values(link)

    def _mail(self, link):
        values = {key: html_escape(value) for key, value in self._values(link).items()}
        subject = _("Did %(manager)s visit you on %(date)s?") % self._values(link)
        body = _(
            "<p>Dear %(name)s,</p><p>%(company)s would like to know whether %(manager)s "
            "visited you on %(date)s, and how useful the visit was.</p>"
            "<p><a href=\"%(link)s\">Answer here</a> (one minute; the link is valid "
            "until %(expires)s).</p><p>Thank you.</p>") % values
        return subject, body

    def _in_lang(self):
        return self.with_context(lang=self.partner_id.lang or "en_US")

    @api.multi
    def action_make_text(self):
        """The link and a short text for a text message, to copy."""
        self.ensure_one()
        link = self.spot_check_id._am_new_confirm_link(self.partner_id, "text")
        self.write({"state": "ready", "link": link,
                    "message": self._in_lang()._text(link)})
        self.spot_check_id.message_post(body=_(
            "Confirmation asked from %(name)s by text message, valid until %(expires)s.") % {
            "name": html_escape(self.partner_id.display_name),
            "expires": self._values("")["expires"]})
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Ask the customer"),
        }

    @api.multi
    def action_send_email(self):
        """Send the link by e-mail in the customer's language."""
        self.ensure_one()
        if not (self.partner_id.email or "").strip():
            raise UserError(_(
                "%s has no e-mail address: add one, or send the text by text message."
            ) % self.partner_id.display_name)
        link = self.spot_check_id._am_new_confirm_link(self.partner_id, "email")
        subject, body = self._in_lang()._mail(link)
        # not attached to the spot check: its chatter is read by the account
        # manager, who must not get the customer's link
        self.env["mail.mail"].sudo().create({
            "subject": subject, "body_html": body,
            "email_to": self.partner_id.email,
            "email_from": self.env.user.company_id.email or self.env.user.email,
            "auto_delete": True,
        })
        self.spot_check_id.message_post(body=_(
            "Confirmation asked from %(name)s by e-mail, valid until %(expires)s.") % {
            "name": html_escape(self.partner_id.display_name),
            "expires": self._values("")["expires"]})
        return {"type": "ir.actions.act_window_close"}
