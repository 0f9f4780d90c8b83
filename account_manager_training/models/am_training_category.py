# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from . import validation


class AmTrainingCategory(models.Model):
    _name = "am.training.category"
    _description = "Training Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    product_line = fields.Char(help="Product line the courses of this category train for.")
    active = fields.Boolean(default=True)
    course_ids = fields.One2many("am.training.course", "category_id", string="Courses")

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A training category with this name already exists."),
    ]

    @api.constrains("name", "product_line")
    def _check_texts(self):
        validation.check_text(self, "name", _("The category name"))
        validation.check_text(self, "product_line", _("The product line"), required=False)
