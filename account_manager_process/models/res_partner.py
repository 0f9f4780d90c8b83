# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from . import am_rules


class ResPartner(models.Model):
    _inherit = "res.partner"

    am_user_id = fields.Many2one(
        "res.users", string="Account manager", index=True, copy=False,
        track_visibility="onchange",
        help="Owner of the customer: the account manager who registered it first.")
    am_registration_date = fields.Datetime(
        string="Registered on", copy=False, readonly=True,
        help="When the customer was registered to its account manager.")
    am_tier_id = fields.Many2one(
        "am.customer.tier", string="Customer tier", index=True, track_visibility="onchange")
    am_visit_ids = fields.One2many("am.visit", "partner_id", string="Visits")
    am_last_visit_date = fields.Date(
        string="Last visit", compute="_compute_am_visit_stats", store=True)
    am_visit_count = fields.Integer(
        string="Done visits", compute="_compute_am_visit_stats", store=True)
    am_next_visit_due = fields.Date(
        string="Next return visit due", compute="_compute_am_next_visit_due",
        store=True, index=True)
    am_is_overdue = fields.Boolean(
        string="Return visit overdue", compute="_compute_am_is_overdue",
        search="_search_am_is_overdue")
    # normalized keys of the duplicate check (客户归属: first registration wins)
    am_norm_phone = fields.Char(
        string="Normalized phone", compute="_compute_am_norm", store=True, index=True)
    am_norm_mobile = fields.Char(
        string="Normalized mobile", compute="_compute_am_norm", store=True, index=True)
    am_norm_email = fields.Char(
        string="Normalized e-mail", compute="_compute_am_norm", store=True, index=True)
    am_norm_vat = fields.Char(
        string="Normalized tax ID", compute="_compute_am_norm", store=True, index=True)
    am_norm_name = fields.Char(
        string="Normalized name", compute="_compute_am_norm", store=True, index=True)

    @api.depends("am_visit_ids.state", "am_visit_ids.visit_date")
    def _compute_am_visit_stats(self):
        for partner in self:
            done = partner.am_visit_ids.filtered(lambda v: v.state == "done")
            dates = [d for d in done.mapped("visit_date") if d]
            partner.am_last_visit_date = max(dates) if dates else False
            partner.am_visit_count = len(done)

    @api.depends("am_last_visit_date", "am_registration_date", "am_tier_id.return_interval_days")
    def _compute_am_next_visit_due(self):
        for partner in self:
            base = fields.Date.from_string(partner.am_last_visit_date) or (
                partner.am_registration_date and
                fields.Datetime.from_string(partner.am_registration_date).date())
            due = am_rules.next_due_date(base, partner.am_tier_id.return_interval_days)
            partner.am_next_visit_due = due and fields.Date.to_string(due)

    @api.depends("am_next_visit_due")
    def _compute_am_is_overdue(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for partner in self:
            partner.am_is_overdue = am_rules.is_overdue(
                fields.Date.from_string(partner.am_next_visit_due), today)

    def _search_am_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        overdue = [("am_next_visit_due", "<", today)]
        if (operator == "=") == bool(value):
            return overdue
        return ["|", ("am_next_visit_due", "=", False), ("am_next_visit_due", ">=", today)]

    @api.depends("phone", "mobile", "email", "vat", "name", "is_company", "parent_id")
    def _compute_am_norm(self):
        for partner in self:
            partner.am_norm_phone = am_rules.normalize_phone(partner.phone)
            partner.am_norm_mobile = am_rules.normalize_phone(partner.mobile)
            partner.am_norm_email = am_rules.normalize_email(partner.email)
            partner.am_norm_vat = am_rules.normalize_vat(partner.vat)
            # only the name of a customer itself identifies it, not of a contact
            partner.am_norm_name = not partner.parent_id and am_rules.normalize_name(
                partner.name)

    @api.model
    def _am_norm_keys(self, vals):
        """Normalized identity keys of partner values."""
        return {
            "phones": {p for p in (am_rules.normalize_phone(vals.get("phone")),
                                   am_rules.normalize_phone(vals.get("mobile"))) if p},
            "am_norm_email": am_rules.normalize_email(vals.get("email")),
            "am_norm_vat": am_rules.normalize_vat(vals.get("vat")),
            "am_norm_name": not vals.get("parent_id") and am_rules.normalize_name(
                vals.get("name")),
        }

    @api.model
    def _am_find_registered_duplicate(self, keys, exclude_ids):
        """The registered customer matching these keys, if any.

        Searched as superuser on purpose: the duplicate usually belongs to
        another account manager whose customers this user cannot read.
        """
        domain = []
        if keys["phones"]:
            phones = list(keys["phones"])
            domain += [("am_norm_phone", "in", phones), ("am_norm_mobile", "in", phones)]
        for field_name in ("am_norm_email", "am_norm_vat", "am_norm_name"):
            if keys[field_name]:
                domain.append((field_name, "=", keys[field_name]))
        if not domain:
            return self.browse()
        domain = ["|"] * (len(domain) - 1) + domain
        return self.sudo().search(
            [("am_user_id", "!=", False), ("id", "not in", list(exclude_ids))] + domain,
            limit=1, order="am_registration_date, id")

    @api.model
    def _am_check_registration(self, keys, exclude_ids, name):
        duplicate = self._am_find_registered_duplicate(keys, exclude_ids)
        if duplicate:
            raise UserError(_(
                "%(name)s duplicates the customer %(existing)s, registered by "
                "%(owner)s on %(date)s. The first registration wins: ask %(owner)s "
                "or the team leader.") % {
                "name": name,
                "existing": duplicate.display_name,
                "owner": duplicate.am_user_id.name,
                "date": duplicate.am_registration_date or "-",
            })

    def _am_family_ids(self):
        family = self | self.commercial_partner_id | self.commercial_partner_id.child_ids
        return set(family.ids)

    @api.model
    def create(self, vals):
        if vals.get("am_user_id"):
            exclude = set()
            if vals.get("parent_id"):
                exclude = self.browse(vals["parent_id"])._am_family_ids()
            self._am_check_registration(self._am_norm_keys(vals), exclude, vals.get("name"))
            if self.env.uid != SUPERUSER_ID:
                # the registration time decides who was first: never backdated
                vals["am_registration_date"] = fields.Datetime.now()
            vals.setdefault("am_registration_date", fields.Datetime.now())
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "am_registration_date" in vals and self.env.uid != SUPERUSER_ID:
            raise UserError(_(
                "The registration time of a customer is recorded when it is "
                "registered and cannot be changed."))
        if "am_user_id" not in vals:
            return super().write(vals)
        for partner in self:
            if partner.am_user_id and partner.am_user_id.id != vals["am_user_id"]:
                raise UserError(_(
                    "%(name)s is registered by %(owner)s. Ownership is only "
                    "transferred with 'Change account manager', which records a reason."
                ) % {"name": partner.display_name, "owner": partner.am_user_id.name})
        new = self.filtered(lambda p: not p.am_user_id) if vals["am_user_id"] else self.browse()
        for partner in new:
            merged = {f: vals.get(f, partner[f]) for f in
                      ("phone", "mobile", "email", "vat", "name")}
            merged["parent_id"] = vals.get("parent_id", partner.parent_id.id)
            self._am_check_registration(
                self._am_norm_keys(merged), partner._am_family_ids(), partner.display_name)
        res = super().write(vals)
        if new and "am_registration_date" not in vals:
            super(ResPartner, new).write({"am_registration_date": fields.Datetime.now()})
        return res

    def _am_transfer_ownership(self, new_user):
        """Change the account manager; only the ownership change wizard calls
        this, after checking the role and the reason (private: not callable
        over RPC, unlike a context key)."""
        return super(ResPartner, self).write({"am_user_id": new_user.id})  # pylint: disable=super-method-mismatch

    @api.multi
    def action_am_register(self):
        """Register the customer to the current user: the first registration wins."""
        for partner in self:
            if partner.am_user_id:
                raise UserError(_(
                    "%(name)s is already registered by %(owner)s on %(date)s."
                ) % {"name": partner.display_name, "owner": partner.am_user_id.name,
                     "date": partner.am_registration_date})
        self.write({"am_user_id": self.env.uid})
        for partner in self:
            partner.message_post(body=_("Registered by %s.") % self.env.user.name)
        return True

    @api.multi
    def action_am_view_visits(self):
        action = self.env.ref("account_manager_process.action_am_visit").read()[0]
        action["domain"] = [("partner_id", "child_of", self.ids)]
        action["context"] = {"default_partner_id": self.id, "search_default_group_state": 0}
        return action
