# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from . import am_leader, am_rules

# longer names are pasted text, not a customer's name
NAME_MAX_LENGTH = 256
# set only by a check-in (proposal) and the team leader's confirmation
LOCATION_WORKFLOW_FIELDS = {"am_proposed_latitude", "am_proposed_longitude",
                            "am_proposed_visit_id"}
LOCATION_FIELDS = {"partner_latitude", "partner_longitude"}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "am.leader.mixin"]
    _am_leader_source = ("user", "am_user_id")

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
    # kept up to date when a visit is done (not recomputed from all visits on
    # every visit change: planning a visit must not rewrite the customer, and
    # closing one costs the same whatever the customer's history)
    am_last_visit_date = fields.Date(string="Last visit", readonly=True, copy=False)
    am_visit_count = fields.Integer(string="Done visits", readonly=True, copy=False)
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
    # where the customer is (base_geolocalize's partner_latitude/longitude):
    # for a customer without coordinates, the first check-in proposes its
    # position; it becomes the customer's once the team leader confirms it
    am_proposed_latitude = fields.Float(
        string="Proposed latitude", digits=(10, 7), readonly=True, copy=False)
    am_proposed_longitude = fields.Float(
        string="Proposed longitude", digits=(10, 7), readonly=True, copy=False)
    am_proposed_visit_id = fields.Many2one(
        "am.visit", string="Proposed by the visit", readonly=True, copy=False,
        ondelete="set null",
        help="The visit whose check-in position is proposed as the customer's location.")
    am_has_location_proposal = fields.Boolean(
        string="Location to confirm", compute="_compute_am_has_location_proposal",
        search="_search_am_has_location_proposal")


    def _compute_am_has_location_proposal(self):
        for partner in self:
            partner.am_has_location_proposal = bool(
                partner.am_proposed_latitude or partner.am_proposed_longitude)

    def _search_am_has_location_proposal(self, operator, value):
        proposed = ["|", ("am_proposed_latitude", "!=", 0.0),
                    ("am_proposed_longitude", "!=", 0.0)]
        if (operator == "=") == bool(value):
            return proposed
        return [("am_proposed_latitude", "=", 0.0), ("am_proposed_longitude", "=", 0.0)]

    def _am_is_located(self):
        self.ensure_one()
        return bool(self.partner_latitude or self.partner_longitude)

    def _am_propose_location(self, position, visit):
        """A check-in at ``position`` (verified accuracy) proposes it as the
        location of this customer when it has none and no proposal yet."""
        for partner in self.sudo():
            if partner._am_is_located() or partner.am_has_location_proposal:
                continue
            partner._write_workflow({
                "am_proposed_latitude": position[0],
                "am_proposed_longitude": position[1],
                "am_proposed_visit_id": visit.id,
            })
            partner.message_post(
                body=html_escape(_(
                    "Location proposed by the check-in of visit %(visit)s: "
                    "%(lat).6f, %(lon).6f (to be confirmed by the team leader).") % {
                    "visit": visit.name, "lat": position[0], "lon": position[1]}),
                author_id=self.env.user.partner_id.id)

    def _am_check_location_reviewer(self):
        user = self.env.user
        if not user.has_group("account_manager_process.group_team_leader"):
            raise AccessError(_("Only a team leader confirms the location of a customer."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        is_admin = user.has_group("account_manager_process.group_am_administrator")
        for partner in self:
            if partner.am_user_id == user or partner.am_proposed_visit_id.sudo().user_id == user:
                raise UserError(_(
                    "The location of %s was proposed by your own check-in: another "
                    "team leader confirms it.") % partner.display_name)
            if not is_admin and partner.am_leader_user_id != user:
                raise AccessError(_(
                    "The location of %s is confirmed by the team leader of its "
                    "account manager.") % partner.display_name)
            if not partner.am_has_location_proposal:
                raise UserError(_("%s has no proposed location to confirm.")
                                % partner.display_name)

    @api.multi
    def action_am_confirm_location(self):
        """Leader: the proposed position becomes the customer's location."""
        self._am_check_location_reviewer()
        for partner in self:
            old = (partner.partner_latitude, partner.partner_longitude)
            new = (partner.am_proposed_latitude, partner.am_proposed_longitude)
            partner._write_workflow({
                "partner_latitude": new[0], "partner_longitude": new[1],
                "date_localization": fields.Date.context_today(self),
                "am_proposed_latitude": 0.0, "am_proposed_longitude": 0.0,
                "am_proposed_visit_id": False,
            })
            partner.message_post(body=html_escape(_(
                "Location confirmed by %(user)s: %(lat).6f, %(lon).6f "
                "(before: %(old_lat).6f, %(old_lon).6f).") % {
                "user": self.env.user.name, "lat": new[0], "lon": new[1],
                "old_lat": old[0], "old_lon": old[1]}))
        return True

    @api.multi
    def action_am_discard_location(self):
        """Leader: the proposed position is not the customer's location."""
        self._am_check_location_reviewer()
        self._write_workflow({"am_proposed_latitude": 0.0, "am_proposed_longitude": 0.0,
                              "am_proposed_visit_id": False})
        for partner in self:
            partner.message_post(body=html_escape(
                _("Proposed location discarded by %s.") % self.env.user.name))
        return True

    def _am_remove_done_visits(self, visits):
        """Take the rejected ``visits`` out of their customers' statistics
        (one grouped query for the last counting visit)."""
        partners = visits.mapped("partner_id")
        self.env.cr.execute("""
            SELECT partner_id, max(visit_date) FROM am_visit
             WHERE partner_id = ANY(%s) AND counts GROUP BY partner_id
        """, (partners.ids,))
        last = dict(self.env.cr.fetchall())
        for partner in partners:
            removed = visits.filtered(lambda v, p=partner: v.partner_id == p)
            partner.sudo()._write_workflow({
                "am_visit_count": max(0, partner.am_visit_count - len(removed)),
                "am_last_visit_date": last.get(partner.id) or False,
            })

    def _am_add_done_visits(self, visits):
        """Count the just done ``visits`` in their customers' statistics, in
        constant time whatever the customers' history."""
        for partner in visits.mapped("partner_id"):
            done = visits.filtered(lambda v, p=partner: v.partner_id == p)
            last = max([d for d in [partner.am_last_visit_date] + done.mapped("visit_date")
                        if d] or [False])
            partner.sudo()._write_workflow({
                "am_visit_count": partner.am_visit_count + len(done),
                "am_last_visit_date": last,
            })

    @api.model
    def _am_recompute_visit_stats(self):
        """Recompute the visit statistics and next due dates of all customers
        from their done visits, in three statements whatever their number (the
        same values as _am_add_done_visits and _compute_am_next_visit_due)."""
        cr = self.env.cr
        cr.execute("""
            UPDATE res_partner p
               SET am_visit_count = coalesce(s.done, 0), am_last_visit_date = s.last
              FROM res_partner p2
              LEFT JOIN (SELECT partner_id, count(*) AS done, max(visit_date) AS last
                           FROM am_visit WHERE counts
                       GROUP BY partner_id) s ON s.partner_id = p2.id
             WHERE p.id = p2.id AND (p2.am_user_id IS NOT NULL OR s.partner_id IS NOT NULL)
               AND (p.am_visit_count IS DISTINCT FROM coalesce(s.done, 0)
                    OR p.am_last_visit_date IS DISTINCT FROM s.last)
        """)
        cr.execute("""
            UPDATE res_partner p
               SET am_next_visit_due = coalesce(p.am_last_visit_date,
                                                p.am_registration_date::date)
                                       + t.return_interval_days
              FROM am_customer_tier t
             WHERE t.id = p.am_tier_id AND t.return_interval_days > 0
               AND coalesce(p.am_last_visit_date, p.am_registration_date::date) IS NOT NULL
               AND p.am_next_visit_due IS DISTINCT FROM
                   coalesce(p.am_last_visit_date, p.am_registration_date::date)
                   + t.return_interval_days
        """)
        cr.execute("""
            UPDATE res_partner p SET am_next_visit_due = NULL
             WHERE p.am_next_visit_due IS NOT NULL
               AND (p.am_tier_id IS NULL
                    OR coalesce(p.am_last_visit_date, p.am_registration_date::date) IS NULL)
        """)
        self.invalidate_cache(["am_visit_count", "am_last_visit_date", "am_next_visit_due"])
        return True

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

    @api.depends("phone", "mobile", "email", "vat", "name", "is_company", "parent_id",
                 "country_id")
    def _compute_am_norm(self):
        company_region = self.env.user.company_id.country_id.code
        for partner in self:
            region = partner.country_id.code or company_region
            partner.am_norm_phone = am_rules.normalize_phone(partner.phone, region)
            partner.am_norm_mobile = am_rules.normalize_phone(partner.mobile, region)
            partner.am_norm_email = am_rules.normalize_email(partner.email)
            partner.am_norm_vat = am_rules.normalize_vat(partner.vat)
            # only the name of a customer itself identifies it, not of a contact
            partner.am_norm_name = not partner.parent_id and am_rules.normalize_name(
                partner.name)

    @api.constrains("name", "phone", "mobile", "email", "am_user_id")
    def _check_am_registered_identity(self):
        """A registered customer is identified by its name, phone and e-mail:
        they must be real ones (they decide who registered it first)."""
        company_region = self.env.user.company_id.country_id.code
        for partner in self.filtered("am_user_id"):
            name = (partner.name or "").strip()
            if not name:
                raise ValidationError(_("A registered customer needs a name."))
            if len(name) > NAME_MAX_LENGTH:
                raise ValidationError(_(
                    "The name of a customer is limited to %(max)s characters "
                    "(%(name)s… has %(length)s).") % {
                    "max": NAME_MAX_LENGTH, "name": name[:40], "length": len(name)})
            region = partner.country_id.code or company_region
            for field_name in ("phone", "mobile"):
                if not am_rules.is_valid_phone(partner[field_name], region):
                    raise ValidationError(_(
                        "%(value)s is not a phone number (%(field)s of %(name)s).") % {
                        "value": partner[field_name],
                        "field": self._fields[field_name].get_description(
                            self.env)["string"],
                        "name": name})
            if not am_rules.is_valid_email(partner.email):
                raise ValidationError(_(
                    "%(value)s is not an e-mail address (customer %(name)s).") % {
                    "value": partner.email, "name": name})

    @api.model
    def _am_norm_keys(self, vals):
        """Normalized identity keys of partner values."""
        region = self.env["res.country"].browse(vals.get("country_id")).code or \
            self.env.user.company_id.country_id.code
        return {
            "phones": {p for p in (am_rules.normalize_phone(vals.get("phone"), region),
                                   am_rules.normalize_phone(vals.get("mobile"), region))
                       if p},
            "am_norm_email": am_rules.normalize_email(vals.get("email")),
            "am_norm_vat": am_rules.normalize_vat(vals.get("vat")),
            "am_norm_name": not vals.get("parent_id") and am_rules.normalize_name(
                vals.get("name")),
        }

    @api.model
    def _am_find_registered_duplicate(self, keys, exclude_ids):
        """The registered customer matching these keys, if any.

        Searched as superuser on purpose: the duplicate usually belongs to
        another account manager whose customers this user cannot read. The
        callers check the user's own access first.
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
        if not duplicate:
            return
        if not self.env.user.has_group("account_manager_process.group_account_manager"):
            # only the account management roles learn who owns a customer
            raise UserError(_(
                "%s duplicates a customer who is already registered.") % (name or ""))
        registered = self.env["res.users"]._am_local_datetime(duplicate.am_registration_date)
        raise UserError(_(
            "%(name)s duplicates the customer %(existing)s, registered by "
            "%(owner)s on %(date)s. The first registration wins: ask %(owner)s "
            "or the team leader.") % {
            "name": name,
            "existing": duplicate.display_name,
            "owner": duplicate.am_user_id.name,
            "date": registered and registered.strftime("%Y-%m-%d %H:%M") or "-",
        })

    def _am_family_ids(self):
        family = self | self.commercial_partner_id | self.commercial_partner_id.child_ids
        return set(family.ids)

    @api.model
    def _am_check_owner_allowed(self, owner_id):
        """An account manager registers customers to himself; a team leader
        or an administrator may register them to somebody else."""
        if owner_id and owner_id != self.env.uid and not self.env.user.has_group(
                "account_manager_process.group_team_leader") and self.env.user.has_group(
                "account_manager_process.group_account_manager"):
            raise UserError(_("You can only register customers as your own."))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        # the values the record will really have: the owner often comes from a
        # default (the Customers screen, or default_am_user_id over RPC)
        if "am_user_id" not in vals:
            defaults = self.default_get(["am_user_id"])
            if defaults.get("am_user_id"):
                vals["am_user_id"] = defaults["am_user_id"]
        # the registration time decides who was first: never given by a client;
        # the visit figures come from done visits
        for field_name in ("am_registration_date", "am_visit_count", "am_last_visit_date"):
            vals.pop(field_name, None)
        am_leader.check_create(vals)
        self._am_check_location_write(vals, registered=bool(vals.get("am_user_id")))
        if vals.get("am_user_id"):
            # nobody learns about other customers before his right to create
            self.check_access_rights("create")
            self._am_check_owner_allowed(vals["am_user_id"])
            exclude = set()
            if vals.get("parent_id"):
                exclude = self.browse(vals["parent_id"])._am_family_ids()
            self._am_check_registration(self._am_norm_keys(vals), exclude, vals.get("name"))
            vals["am_registration_date"] = fields.Datetime.now()
        return super().create(vals)

    @api.model
    def _am_check_location_write(self, vals, registered):
        """The location of a registered customer decides whether its visits
        are verified: an account manager does not type it (his first check-in
        proposes it); proposals come from check-ins only (whoever calls)."""
        # on create, the empty defaults a client may send are no value
        if any(f in vals and (self or vals[f]) for f in LOCATION_WORKFLOW_FIELDS):
            raise UserError(_(
                "A customer's proposed location comes from a check-in at the "
                "customer; it cannot be typed in."))
        if registered and any(f in vals and (self or vals[f]) for f in LOCATION_FIELDS):
            user = self.env.user
            if user.has_group("account_manager_process.group_account_manager") and \
                    not user.has_group("account_manager_process.group_team_leader"):
                raise UserError(_(
                    "Only a team leader sets the location of a registered customer: "
                    "your first check-in at the customer proposes it."))

    @api.multi
    def write(self, vals):
        am_leader.check_write(vals)
        self._am_check_location_write(
            vals, registered=bool(self.filtered("am_user_id") or vals.get("am_user_id")))
        if "am_registration_date" in vals:
            raise UserError(_(
                "The registration time of a customer is recorded when it is "
                "registered and cannot be changed."))
        if "am_visit_count" in vals or "am_last_visit_date" in vals:
            raise UserError(_("The visit figures of a customer come from its done visits."))
        if "am_tier_id" in vals and not self.env.user.has_group(
                "account_manager_process.group_team_leader") and self.env.user.has_group(
                "account_manager_process.group_account_manager") and self.filtered(
                lambda p: p.am_user_id and p.am_tier_id.id != vals["am_tier_id"]):
            # the tier sets how often the customer must be visited
            raise UserError(_("Only a team leader changes the tier of a registered customer."))
        if "am_user_id" not in vals:
            return super().write(vals)
        self.check_access_rights("write")
        self.check_access_rule("write")
        for partner in self:
            if partner.am_user_id and partner.am_user_id.id != vals["am_user_id"]:
                raise UserError(_(
                    "%(name)s is registered by %(owner)s. Ownership is only "
                    "transferred with 'Change account manager', which records a reason."
                ) % {"name": partner.display_name, "owner": partner.am_user_id.name})
        new = self.filtered(lambda p: not p.am_user_id) if vals["am_user_id"] else self.browse()
        if new:
            self._am_check_owner_allowed(vals["am_user_id"])
        for partner in new:
            merged = {f: vals.get(f, partner[f]) for f in
                      ("phone", "mobile", "email", "vat", "name")}
            merged["parent_id"] = vals.get("parent_id", partner.parent_id.id)
            merged["country_id"] = vals.get("country_id", partner.country_id.id)
            self._am_check_registration(
                self._am_norm_keys(merged), partner._am_family_ids(), partner.display_name)
        res = super().write(vals)
        if new:
            new._write_workflow({"am_registration_date": fields.Datetime.now()})
        return res

    def _write_workflow(self, vals):
        """Write the fields only the registration and the ownership change set
        (private: not callable over RPC)."""
        return super(ResPartner, self).write(vals)  # pylint: disable=super-method-mismatch

    def _am_transfer_ownership(self, new_user):
        """Change the account manager; only the ownership change wizard calls
        this, after checking the role and the reason. The registration date
        stays: it records when the customer was first registered."""
        for partner in self:
            merged = {f: partner[f] for f in ("phone", "mobile", "email", "vat", "name")}
            merged["parent_id"] = partner.parent_id.id
            merged["country_id"] = partner.country_id.id
            self._am_check_registration(
                self._am_norm_keys(merged), partner._am_family_ids(), partner.display_name)
        vals = {"am_user_id": new_user.id}
        unregistered = self.filtered(lambda p: not p.am_registration_date)
        (self - unregistered)._write_workflow(vals)
        if unregistered:
            vals["am_registration_date"] = fields.Datetime.now()
            unregistered._write_workflow(vals)
        return True

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
