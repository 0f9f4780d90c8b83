# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..demo import am_demo_builder


class AmDemoGenerator(models.AbstractModel):
    """The model the demo XML calls (<function> needs one); the demo data
    itself is built by demo/am_demo_builder.py."""
    _name = "am.demo.generator"
    _description = "Demo data of the account manager process"

    @api.model
    def _generate(self):
        """Demo data relative to today; deterministic (seeded) and cheap."""
        return am_demo_builder.generate(self.env)
