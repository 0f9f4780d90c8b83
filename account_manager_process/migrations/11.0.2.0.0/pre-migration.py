# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: the customer satisfaction of a complaint becomes a selection
('0' not rated, '1' to '5' stars) instead of an integer, which the web
client's star widget cannot show. Before the ORM changes the column, the
integer ratings are kept aside under their legacy name; the post-migration
fills the selection from them.

The external ids of the visit's purpose and outcome fields are put right too
(see name_field_xmlids)."""
from openupgradelib import openupgrade

from odoo.addons.account_manager_process.upgrade import name_field_xmlids

LEGACY_COLUMN = openupgrade.get_legacy_name("am_satisfaction")


def keep_integer_satisfaction(cr):
    """Rename the integer column crm_claim.am_satisfaction to its legacy
    name; nothing to do when it is not an integer column (already migrated,
    or a new database). Returns whether it was renamed."""
    cr.execute("""SELECT data_type FROM information_schema.columns
                  WHERE table_name = 'crm_claim' AND column_name = 'am_satisfaction'""")
    row = cr.fetchone()
    if not row or row[0] != "integer":
        return False
    if openupgrade.column_exists(cr, "crm_claim", LEGACY_COLUMN):
        # a previous attempt stopped halfway: its copy is the original data
        openupgrade.logged_query(cr, 'ALTER TABLE crm_claim DROP COLUMN "%s"' % LEGACY_COLUMN)
    openupgrade.rename_columns(cr, {"crm_claim": [("am_satisfaction", LEGACY_COLUMN)]})
    return True


# (model, many2one field, comodel): Odoo 11 names both the many2one field and
# the comodel's id field field_<table>_<field>; whichever was set up first got
# the plain name, the other one a database id suffix, so translations
# exported from one database missed the many2one's label in another
FIELD_XMLIDS = [("am.visit", "purpose_id", "am.visit.purpose"),
                ("am.visit", "outcome_id", "am.visit.outcome")]


@openupgrade.migrate()
def migrate(env, version):
    keep_integer_satisfaction(env.cr)
    name_field_xmlids(env.cr, "account_manager_process", FIELD_XMLIDS)
