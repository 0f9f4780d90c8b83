# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the plain pytest suite (tests/).

pytest-odoo (loaded by the test command with --odoo-config/--odoo-database)
has already parsed Odoo's configuration; ``odoo_env`` opens a cursor on that
database, rolled back after the test.
"""
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def odoo_env():
    import odoo
    from odoo.tools import config

    db_name = config["db_name"]
    if not db_name:
        pytest.skip("no --odoo-database given")
    registry = odoo.registry(db_name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        try:
            yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        finally:
            cr.rollback()
