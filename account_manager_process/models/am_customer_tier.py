# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AmCustomerTier(models.Model):
    _name = "am.customer.tier"
    _description = "Customer tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    return_interval_days = fields.Integer(
        string="Return visit interval (days)", required=True, default=30,
        help="A customer of this tier is due for a return visit this many "
             "days after its last done visit.",
    )
    partner_count = fields.Integer(compute="_compute_partner_count", string="Customers")

    @api.constrains("name")
    def _check_name(self):
        for tier in self:
            name = (tier.name or "").strip()
            if not name:
                raise ValidationError(_("A customer tier needs a name."))
            if len(name) > 64:
                raise ValidationError(_(
                    "The name of a customer tier is limited to 64 characters (%s…).")
                    % name[:40])

    @api.constrains("return_interval_days")
    def _check_return_interval_days(self):
        for tier in self:
            if not 0 < tier.return_interval_days <= 3660:
                raise ValidationError(_(
                    "The return visit interval of tier %s must be between 1 and 3660 days."
                ) % tier.name)

    def _compute_partner_count(self):
        groups = self.env["res.partner"].read_group(
            [("am_tier_id", "in", self.ids)], ["am_tier_id"], ["am_tier_id"])
        counts = {g["am_tier_id"][0]: g["am_tier_id_count"] for g in groups}
        for tier in self:
            tier.partner_count = counts.get(tier.id, 0)

    @api.multi
    def unlink(self):
        # the history (customers) keeps pointing at it: archive instead
        used = self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("am_tier_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(_(
                "%s is used by customers: archive it instead of deleting it."
            ) % used.am_tier_id.display_name)
        return super().unlink()
