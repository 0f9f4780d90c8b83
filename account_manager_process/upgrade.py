# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the suite's migration scripts (the assessment addon's too)."""


def name_field_xmlids(cr, module, pairs):
    """Give the many2one field the plain external id and the comodel's id
    field the suffixed one, as new databases have them. Returns how many
    external ids changed."""
    changed = 0
    for model, field_name, comodel in pairs:
        plain = "field_%s_%s" % (model.replace(".", "_"), field_name)
        cr.execute("SELECT id FROM ir_model_fields WHERE model = %s AND name = %s",
                   (model, field_name))
        field = cr.fetchone()
        cr.execute("SELECT id FROM ir_model_fields WHERE model = %s AND name = 'id'",
                   (comodel,))
        id_field = cr.fetchone()
        if not field or not id_field:
            continue
        for res_id, name in ((id_field[0], "%s_%d" % (plain, id_field[0])), (field[0], plain)):
            cr.execute("""UPDATE ir_model_data SET name = %s
                           WHERE module = %s AND model = 'ir.model.fields' AND res_id = %s
                             AND name != %s""", (name, module, res_id, name))
            changed += cr.rowcount
    return changed


def protect_record_rules(cr, module, rule_files):
    """Record rules moved into ``noupdate`` blocks: load them once more as this
    version defines them (every update did until now, so a database coming
    from an older version gets the current rules), then flag the external ids
    of the addon's rules noupdate, as a new database has them, so that later
    updates leave rules an administrator adapted alone. Returns how many
    external ids were flagged."""
    from openupgradelib import openupgrade
    for rule_file in rule_files:
        openupgrade.load_data(cr, module, rule_file)
    cr.execute("""UPDATE ir_model_data SET noupdate = true
                   WHERE module = %s AND model = 'ir.rule' AND noupdate IS NOT TRUE""",
               (module,))
    return cr.rowcount
