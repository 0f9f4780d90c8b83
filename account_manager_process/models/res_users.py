# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import am_rules


def _changes_groups(vals):
    return any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
               for key in vals)


class ResUsers(models.Model):
    _inherit = "res.users"

    # -- the current user's local time: the one place that says in which
    # time zone "today" is counted; am_rules converts (an unknown zone is UTC)
    @api.model
    def _am_tz_name(self):
        """The time zone of the current user's days: the context's (a
        scheduled action or a mail run for somebody), else his own, as Odoo's
        context_today()."""
        return self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.model
    def _am_local_now(self):
        """Now, as an aware datetime of the user's time zone."""
        return am_rules.local_datetime(datetime.utcnow(), self._am_tz_name())

    @api.model
    def _am_today(self):
        """Today (a date) where the user is."""
        return self._am_local_now().date()

    @api.model
    def _am_local_datetime(self, value):
        """The stored UTC datetime ``value`` (string or naive datetime) as an
        aware datetime of the user's time zone (None without a value)."""
        if isinstance(value, str):
            value = fields.Datetime.from_string(value)
        return am_rules.local_datetime(value, self._am_tz_name())

    @api.model
    def _am_utc_bounds(self, date_from, date_to=None):
        """[start, stop) of the user's local days date_from to date_to
        (inclusive; one day without date_to), as UTC datetime strings to
        compare stored datetimes with."""
        start, stop = am_rules.utc_bounds(date_from, date_to or date_from, self._am_tz_name())
        return fields.Datetime.to_string(start), fields.Datetime.to_string(stop)

    @api.model
    def create(self, vals):
        user = super().create(vals)
        user._am_set_cockpit_home()
        return user

    @api.multi
    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._am_check_no_customers_left()
        res = super().write(vals)
        if _changes_groups(vals):
            self._am_set_cockpit_home()
        return res

    def _am_set_cockpit_home(self):
        """Each role lands on its cockpit: the home action of these users is
        the cockpit of their first role (am.cockpit._home_actions()), unless
        somebody chose another home action for them; a user who lost the role
        loses its cockpit as home."""
        homes = self.env["am.cockpit"]._home_actions()
        cockpit_ids = set(action.id for __, action in homes)
        for user in self.sudo().with_context(active_test=False):
            current = user.action_id
            if current and current.id not in cockpit_ids:
                continue   # chosen for him: it stays
            wanted = next((action for group, action in homes if user.has_group(group)),
                          self.env["ir.actions.actions"])
            if current != wanted:
                user.write({"action_id": wanted.id or False})

    @api.model
    def _am_set_cockpit_home_all(self):
        """Install and update: the users of the roles get their cockpit."""
        self.sudo().with_context(active_test=False).search([("share", "=", False)]) \
            ._am_set_cockpit_home()

    def _am_check_no_customers_left(self):
        """A user who owns customers is not archived before they are handed
        over: his customers would have no account manager to visit them."""
        groups = self.env["res.partner"].sudo().read_group(
            [("am_user_id", "in", self.ids)], ["am_user_id"], ["am_user_id"])
        if groups:
            user_name, count = groups[0]["am_user_id"][1], groups[0]["am_user_id_count"]
            raise UserError(_(
                "%(user)s still owns %(count)s customers. Transfer them to another "
                "account manager first (Customers, select them, Action → Change "
                "account manager), then archive the user.") % {
                "user": user_name, "count": count})
