# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from odoo.modules.module import get_module_path

from .common import AmCommon


def load_pre_migration(version):
    path = os.path.join(get_module_path("account_manager_process"), "migrations", version,
                        "pre-migration.py")
    spec = importlib.util.spec_from_file_location("am_pre_migration_" + version.replace(".", "_"),
                                                  path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestMigrationVerifiedVisits(AmCommon):
    """11.0.3.0.0 creates the new stored columns of the visits with SQL, so
    that updating a database of a million visits does not compute them visit
    per visit in the ORM. The visits recorded before check-ins were verified
    need no review, count when done, had no verified check-in and no photo."""

    def test_new_visit_columns_filled_as_the_orm_would(self):
        pre = load_pre_migration("11.0.3.0.0")
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
