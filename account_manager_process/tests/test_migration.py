# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from odoo.addons.account_manager_process.upgrade import protect_record_rules
from odoo.modules.module import get_module_path

from .common import AmCommon


def load_migration(version, stage="pre", module="account_manager_process"):
    path = os.path.join(get_module_path(module), "migrations", version,
                        "%s-migration.py" % stage)
    spec = importlib.util.spec_from_file_location(
        "%s_%s_migration_%s" % (module, stage, version.replace(".", "_")), path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    return migration


class TestMigrationVerifiedVisits(AmCommon):
    """11.0.3.0.0 creates the new stored columns of the visits with SQL, so
    that updating a database of a million visits does not compute them visit
    per visit in the ORM. The visits recorded before check-ins were verified
    need no review, count when done, had no verified check-in and no photo."""

    def test_new_visit_columns_filled_as_the_orm_would(self):
        pre = load_migration("11.0.3.0.0")
        customer = self._customer(self.am1, "T migrated customer")
        Visit = self.env["am.visit"].sudo(self.am1)
        planned = Visit.create({"partner_id": customer.id})
        done = Visit.create({"partner_id": customer.id})
        done.with_context(am_latitude=31.2304, am_longitude=121.4737).action_checkin()
        done.write({"outcome_id": self.env.ref("account_manager_process.visit_outcome_won").id,
                    "summary": "Signed."})
        done.with_context(am_latitude=31.2304, am_longitude=121.4737).action_checkout()
        visits = planned | done
        columns = [column for column, __, __ in pre.COLUMNS]
        cr = self.env.cr
        select = "SELECT id, %s FROM am_visit WHERE id IN %%s ORDER BY id" % ", ".join(columns)
        # the old shape: the columns do not exist
        for column in columns:
            cr.execute('ALTER TABLE am_visit DROP COLUMN "%s" CASCADE' % column)
        pre.fill_visit_columns(cr)
        pre.fill_visit_columns(cr)  # once only: existing columns are kept
        cr.execute(select, (tuple(visits.ids),))
        self.assertEqual(cr.fetchall(), [(planned.id, "none", False, 0.0, 0),
                                         (done.id, "none", True, 0.0, 0)])
        self.assertEqual(set(columns), {"review_state", "counts", "checkin_verified_rate",
                                        "photo_count"})


class RecordRulesNoupdateCase(object):
    """Mixed into an addon's test case: its record rules are noupdate data.
    A new database has them so; the addon's migration (``version``) brings an
    existing database's rules up to date once and flags them. The assessment
    addon's test uses it too."""

    module = "account_manager_process"
    version = "11.0.3.1.0"
    sample_rule = "rule_am_visit_own"   # a rule whose domain the test spoils

    def _updatable_rules(self):
        self.env.cr.execute("""SELECT name FROM ir_model_data
                                WHERE module = %s AND model = 'ir.rule'
                                  AND noupdate IS NOT TRUE""", (self.module,))
        return [name for name, in self.env.cr.fetchall()]

    def _migrate(self, migration):
        return protect_record_rules(self.env.cr, migration.MODULE, migration.RULE_FILES)

    def test_rules_are_noupdate_and_the_migration_flags_and_refreshes_them(self):
        migration = load_migration(self.version, "post", self.module)
        self.assertEqual(migration.MODULE, self.module)
        self.assertEqual(self._updatable_rules(), [])
        rule = self.env.ref("%s.%s" % (self.module, self.sample_rule))
        domain = rule.domain_force
        cr = self.env.cr
        # the shape of a database from before: updatable rules, one of them
        # as an older version defined it
        cr.execute("""UPDATE ir_model_data SET noupdate = false
                       WHERE module = %s AND model = 'ir.rule'""", (self.module,))
        flagged = cr.rowcount
        self.assertTrue(flagged)
        cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", ("[(1, '=', 1)]", rule.id))
        rule.invalidate_cache()
        self.assertEqual(self._migrate(migration), flagged)
        self.assertEqual(self._updatable_rules(), [])
        rule.invalidate_cache()
        self.assertEqual(rule.domain_force, domain)
        self.assertEqual(self._migrate(migration), 0)


class TestMigrationRecordRulesNoupdate(RecordRulesNoupdateCase, AmCommon):
    pass
