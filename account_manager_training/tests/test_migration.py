# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from odoo.modules.module import get_module_path
from odoo.tests.common import SavepointCase


class TestMigrationRecordRulesNoupdate(SavepointCase):
    """11.0.2.1.0: the record rules are noupdate data. A new database has them
    so; the migration brings an existing database's rules up to date once and
    flags them."""

    def _updatable_rules(self):
        self.env.cr.execute("""SELECT name FROM ir_model_data
                                WHERE module = 'account_manager_training' AND model = 'ir.rule'
                                  AND noupdate IS NOT TRUE""")
        return [name for name, in self.env.cr.fetchall()]

    def test_rules_are_noupdate_and_the_migration_flags_and_refreshes_them(self):
        path = os.path.join(get_module_path("account_manager_training"), "migrations",
                            "11.0.2.1.0", "post-migration.py")
        spec = importlib.util.spec_from_file_location("am_training_post_migration_2_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.assertEqual(self._updatable_rules(), [])
        rule = self.env.ref("account_manager_training.rule_am_training_record_own")
        domain = rule.domain_force
        cr = self.env.cr
        # the shape of a database from before: updatable rules, one of them
        # as an older version defined it
        cr.execute("""UPDATE ir_model_data SET noupdate = false
                       WHERE module = 'account_manager_training' AND model = 'ir.rule'""")
        flagged = cr.rowcount
        self.assertGreaterEqual(flagged, 10)
        cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", ("[(1, '=', 1)]", rule.id))
        rule.invalidate_cache()
        self.assertEqual(migration.protect_record_rules(cr), flagged)
        self.assertEqual(self._updatable_rules(), [])
        rule.invalidate_cache()
        self.assertEqual(rule.domain_force, domain)
        self.assertEqual(migration.protect_record_rules(cr), 0)
