# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_input, claim_rules


class AmClaimSlaPolicy(models.Model):
    _name = "am.claim.sla.policy"
    _description = "Complaint SLA policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="The first matching policy (lowest sequence) applies.")
    active = fields.Boolean(default=True)
    categ_id = fields.Many2one(
        "crm.claim.category", string="Category",
        help="Leave empty to apply to every category.")
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High")],
        help="Leave empty to apply to every priority.")
    acknowledge_hours = fields.Float(string="Acknowledge within (hours)", required=True, default=4)
    resolve_hours = fields.Float(string="Resolve within (hours)", required=True, default=72)

    @api.constrains("name")
    def _check_name(self):
        for policy in self:
            am_input.clean_name(self, policy.name, _("The name of an SLA policy"))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        # named before the database refuses an empty mandatory field
        vals["name"] = am_input.clean_name(self, vals.get("name"), _("The name of an SLA policy"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "name" in vals:
            vals = dict(vals, name=am_input.clean_name(
                self, vals["name"], _("The name of an SLA policy")))
        return super().write(vals)

    @api.constrains("acknowledge_hours", "resolve_hours")
    def _check_hours(self):
        for policy in self:
            if max(policy.acknowledge_hours, policy.resolve_hours) > claim_rules.MAX_SLA_HOURS:
                raise ValidationError(_(
                    "SLA policy %(name)s: the acknowledgement and resolution times are "
                    "at most %(max)s hours (a year).") % {
                        "name": policy.name, "max": claim_rules.MAX_SLA_HOURS})
            if policy.acknowledge_hours <= 0 or policy.resolve_hours <= 0:
                raise ValidationError(_(
                    "SLA policy %s: the acknowledgement and resolution times must be "
                    "more than zero hours.") % policy.name)
            if policy.resolve_hours < policy.acknowledge_hours:
                raise ValidationError(_(
                    "SLA policy %s: the resolution time cannot be shorter than the "
                    "acknowledgement time.") % policy.name)

    @api.model
    def _find_policy(self, categ_id, priority):
        """The most specific active policy: category and priority match,
        empty fields match anything; lowest sequence first."""
        candidates = self.search([
            "|", ("categ_id", "=", categ_id or False), ("categ_id", "=", False),
            "|", ("priority", "=", priority or False), ("priority", "=", False),
        ])
        return candidates.sorted(
            key=lambda p: (not p.categ_id, not p.priority, p.sequence, p.id))[:1]

    @api.multi
    def unlink(self):
        # the history (complaints) keeps pointing at it: archive instead
        used = self.env["crm.claim"].sudo().with_context(active_test=False).search(
            [("am_sla_policy_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(_(
                "%s is used by complaints: archive it instead of deleting it."
            ) % used.am_sla_policy_id.display_name)
        return super().unlink()
