# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.3.0.0: visits verified where they happen. The visits that exist
were recorded before check-ins were verified: they need no review
(``review_state`` 'none'), count when done (``counts``) and had no verified
check-in (``checkin_verified_rate`` 0). The columns are created and filled
here with one statement each, so that the ORM does not compute the new
stored fields visit by visit (a million visits)."""
from openupgradelib import openupgrade

COLUMNS = [
    ("review_state", "varchar", "'none'"),
    ("counts", "boolean", "(state = 'done')"),
    ("checkin_verified_rate", "double precision", "0"),
]


def fill_visit_columns(cr):
    if not openupgrade.table_exists(cr, "am_visit"):
        return
    for column, column_type, value in COLUMNS:
        if openupgrade.column_exists(cr, "am_visit", column):
            continue
        openupgrade.logged_query(
            cr, 'ALTER TABLE am_visit ADD COLUMN "%s" %s' % (column, column_type))
        openupgrade.logged_query(cr, 'UPDATE am_visit SET "%s" = %s' % (column, value))


@openupgrade.migrate()
def migrate(env, version):
    fill_visit_columns(env.cr)
