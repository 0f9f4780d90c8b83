# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: the external id of the assessment's scheme field is put right.

Odoo 11 names both am.assessment.scheme_id and the scheme's own id field
field_am_assessment_scheme_id; whichever was set up first got the plain name,
the other one a database id suffix, so the Chinese label of "Scheme" was found
in one database and missed in another. New databases give the plain name to
the many2one; this gives existing databases the same names."""
from openupgradelib import openupgrade

MODULE = "account_manager_assessment"
FIELD_XMLIDS = [("am.assessment", "scheme_id", "am.assessment.scheme")]


def name_field_xmlids(cr, module, pairs):
    """Give the many2one field the plain external id and the comodel's id
    field the suffixed one. Returns how many external ids changed."""
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


@openupgrade.migrate()
def migrate(env, version):
    name_field_xmlids(env.cr, MODULE, FIELD_XMLIDS)
