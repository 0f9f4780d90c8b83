# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.1.0: the record rules are noupdate data (OCA convention), so that
an update does not overwrite rules an administrator adapted. The databases
that exist got them as updatable data: they are flagged here."""
from openupgradelib import openupgrade

MODULE = "account_manager_training"
RULE_FILES = ["security/account_manager_training_rules.xml"]


def protect_record_rules(cr):
    """Load the rules once more as this version defines them (every update
    did until now), then flag their external ids noupdate, as a new database
    has them. The suite's shared helper lives in account_manager_process,
    which this addon does not depend on. Returns how many were flagged."""
    for rule_file in RULE_FILES:
        openupgrade.load_data(cr, MODULE, rule_file)
    cr.execute("""UPDATE ir_model_data SET noupdate = true
                   WHERE module = %s AND model = 'ir.rule' AND noupdate IS NOT TRUE""",
               (MODULE,))
    return cr.rowcount


@openupgrade.migrate()
def migrate(env, version):
    protect_record_rules(env.cr)
