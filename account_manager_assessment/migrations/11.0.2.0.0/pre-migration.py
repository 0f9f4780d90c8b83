# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: the external id of the assessment's scheme field is put right.

Odoo 11 names both am.assessment.scheme_id and the scheme's own id field
field_am_assessment_scheme_id; whichever was set up first got the plain name,
the other one a database id suffix, so the Chinese label of "Scheme" was found
in one database and missed in another. New databases give the plain name to
the many2one; this gives existing databases the same names."""
from openupgradelib import openupgrade

from odoo.addons.account_manager_process.upgrade import name_field_xmlids

MODULE = "account_manager_assessment"
FIELD_XMLIDS = [("am.assessment", "scheme_id", "am.assessment.scheme")]


@openupgrade.migrate()
def migrate(env, version):
    name_field_xmlids(env.cr, MODULE, FIELD_XMLIDS)
