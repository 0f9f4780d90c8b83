# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.1.0: the record rules are noupdate data (OCA convention), so that
an update does not overwrite rules an administrator adapted. The databases
that exist got them as updatable data: they are flagged here."""
from openupgradelib import openupgrade

from odoo.addons.account_manager_process.upgrade import protect_record_rules

MODULE = "account_manager_assessment"
RULE_FILES = ["security/account_manager_assessment_security.xml"]


@openupgrade.migrate()
def migrate(env, version):
    protect_record_rules(env.cr, MODULE, RULE_FILES)
