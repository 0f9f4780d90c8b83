# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.3.0.0: visits verified where they happen. The visits that exist
were recorded before check-ins were verified: they need no review
(``review_state`` 'none'), count when done (``counts``), had no verified
check-in (``checkin_verified_rate`` 0) and no photos (``photo_count`` 0).
The columns are created and filled here with one statement each, so that
the ORM does not compute the new stored fields visit by visit (a million
visits).

The prospect fields of the opportunity (who provided the prospect, the
handover, the salesperson's commission) moved from the assessment addon to
this one, which shows them on the opportunity form: their external ids move
along, so that updating the assessment addon does not take them for fields
it dropped (and drop their columns)."""
from openupgradelib import openupgrade

COLUMNS = [
    ("review_state", "varchar", "'none'"),
    ("counts", "boolean", "(state = 'done')"),
    ("checkin_verified_rate", "double precision", "0"),
    # no visit had photos before
    ("photo_count", "int4", "0"),
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


PROSPECT_FIELDS = ("am_prospect_provider_id", "am_handover_mode", "am_salesperson_commission")


def move_prospect_field_xmlids(cr):
    renames = []
    for name in PROSPECT_FIELDS:
        xmlid = "field_crm_lead_%s" % name
        cr.execute("SELECT 1 FROM ir_model_data WHERE module = 'account_manager_assessment' "
                   "AND name = %s", (xmlid,))
        if cr.fetchone():
            renames.append(("account_manager_assessment." + xmlid,
                            "account_manager_process." + xmlid))
    openupgrade.rename_xmlids(cr, renames)
    return len(renames)


@openupgrade.migrate()
def migrate(env, version):
    fill_visit_columns(env.cr)
    move_prospect_field_xmlids(env.cr)
