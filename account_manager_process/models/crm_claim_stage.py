# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmClaimStage(models.Model):
    _inherit = "crm.claim.stage"

    am_is_closed = fields.Boolean(
        string="Closing stage",
        help="A complaint in this stage is closed: its closed date is set and "
             "its SLA status is frozen. Moving it out again counts a reopening.")
