# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: the customer satisfaction of a complaint becomes a selection
('0' not rated, '1' to '5' stars) instead of an integer, which the web
client's star widget cannot show. Before the ORM changes the column, the
integer ratings are kept aside under their legacy name; the post-migration
fills the selection from them."""
from openupgradelib import openupgrade

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


@openupgrade.migrate()
def migrate(env, version):
    keep_integer_satisfaction(env.cr)
