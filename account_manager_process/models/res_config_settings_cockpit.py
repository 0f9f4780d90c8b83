# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings of the cockpits and of the leaders' daily digest (their
parameters are in the table of res_config_settings.py, read and written with
the others)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_config_settings import DEFAULT_TILE_URL


# kept apart from res_config_settings.py: the cockpit's block of the Settings
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    am_cockpit_tile_url = fields.Char(
        string="Map tiles URL",
        help="Address of the map tiles of the team leader's map of check-ins, with "
             "{z}, {x} and {y} (and optionally {s}); empty: the check-ins are listed "
             "without a map.")
    am_leader_digest = fields.Boolean(
        string="Daily digest to team leaders",
        help="Each team leader receives yesterday's figures of his team by e-mail.")
    am_leader_digest_hour = fields.Integer(
        string="Digest hour",
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
