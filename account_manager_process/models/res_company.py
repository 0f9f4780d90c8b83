# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# sane upper bound of a geofence or an accuracy (a typo beyond it)
MAX_METRES = 100000


class ResCompany(models.Model):
    _inherit = "res.company"

    am_geofence_radius = fields.Integer(
        string="Check-in radius (m)", default=500,
        help="A check-in or check-out within this distance of the customer's "
             "location is verified; beyond it, it is out of range.")
    am_max_accuracy = fields.Integer(
        string="Maximum position accuracy (m)", default=200,
        help="A position the device reports with a worse accuracy than this "
             "(or without accuracy) cannot verify a visit.")

    @api.constrains("am_geofence_radius", "am_max_accuracy")
    def _check_am_geofence(self):
        for company in self:
            for name in ("am_geofence_radius", "am_max_accuracy"):
                if not 0 < company[name] <= MAX_METRES:
                    raise ValidationError(_(
                        "%(field)s must be between 1 and %(max)s metres.") % {
                        "field": company._fields[name].get_description(
                            self.env)["string"], "max": MAX_METRES})
