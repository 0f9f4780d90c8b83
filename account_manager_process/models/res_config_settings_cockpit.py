# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings of the cockpits and of the leaders' daily digest (kept apart from
res_config_settings.py: the cockpit's settings are not integers)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .am_cockpit import (
    DEFAULT_TILE_URL,
    DIGEST_DEFAULT_HOUR,
    DIGEST_HOUR_PARAM,
    DIGEST_ON_PARAM,
    TILE_URL_NONE,
    TILE_URL_PARAM,
)


# kept apart from res_config_settings.py on purpose (see the docstring)
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    am_cockpit_tile_url = fields.Char(
        string="Map tiles URL", default=DEFAULT_TILE_URL,
        help="Address of the map tiles of the team leader's map of check-ins, with "
             "{z}, {x} and {y} (and optionally {s}); empty: the check-ins are listed "
             "without a map.")
    am_leader_digest = fields.Boolean(
        string="Daily digest to team leaders", default=True,
        help="Each team leader receives yesterday's figures of his team by e-mail.")
    am_leader_digest_hour = fields.Integer(
        string="Digest hour", default=DIGEST_DEFAULT_HOUR,
        help="Hour (in the leader's time zone) from which the daily digest is sent.")

    @api.constrains("am_leader_digest_hour")
    def _check_am_leader_digest_hour(self):
        for settings in self:
            if not 0 <= settings.am_leader_digest_hour <= 23:
                raise ValidationError(_("The digest hour must be an hour between 0 and 23."))

    @api.constrains("am_cockpit_tile_url")
    def _check_am_cockpit_tile_url(self):
        for settings in self:
            url = (settings.am_cockpit_tile_url or "").strip()
            if url and (not url.startswith(("https://", "http://"))
                        or not all(part in url for part in ("{z}", "{x}", "{y}"))):
                raise ValidationError(_(
                    "The map tiles URL must start with https:// (or http://) and contain "
                    "{z}, {x} and {y}, e.g. %s") % DEFAULT_TILE_URL)

    @api.model
    def get_values(self):
        res = super().get_values()
        cockpit = self.env["am.cockpit"]
        res.update({
            "am_cockpit_tile_url": cockpit._tile_url(),
            "am_leader_digest": cockpit._leader_digest_on(),
            "am_leader_digest_hour": cockpit._leader_digest_hour(),
        })
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(TILE_URL_PARAM,
                         (self.am_cockpit_tile_url or "").strip() or TILE_URL_NONE)
        params.set_param(DIGEST_ON_PARAM, "1" if self.am_leader_digest else "0")
        params.set_param(DIGEST_HOUR_PARAM, str(self.am_leader_digest_hour))
        return res
