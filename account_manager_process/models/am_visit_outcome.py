# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AmVisitOutcome(models.Model):
    _name = "am.visit.outcome"
    _description = "Visit outcome"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    result = fields.Selection(
        [("won", "Deal closed"),
         ("progress", "Progressing"),
         ("no_progress", "No progress"),
         ("lost", "Lost")],
        required=True, default="progress",
    )
