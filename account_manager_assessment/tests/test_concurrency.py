# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase, at_install, post_install

PERIOD = (date(2025, 3, 1), date(2025, 3, 31))


@at_install(False)
@post_install(True)
class TestConcurrentGeneration(TransactionCase):
    """Two generations of the same period at once, in two transactions,
    create each assessment once. Needs committed data: it creates its own
    scheme and employees in a separate transaction and removes them."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _setup(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            dept = env["hr.department"].create({"name": "Concurrency T"})
            employees = env["hr.employee"]
            for i in range(3):
                employees |= env["hr.employee"].create({
                    "name": "Concurrent %s" % i, "department_id": dept.id})
            scheme = env["am.assessment.scheme"].create({
                "name": "Concurrency T", "period": "monthly",
                "department_ids": [(6, 0, dept.ids)],
                "rule_ids": [(0, 0, {
                    "metric_id": env.ref("account_manager_assessment."
                                         "metric_visits_done").id,
                    "target": 15, "weight": 100})]})
            return dept.id, employees.ids, scheme.id

    def _cleanup(self, dept_id, employee_ids, scheme_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM am_assessment WHERE scheme_id = %s",
                       (scheme_id,))
            env = self._env(cr)
            env["am.assessment.scheme"].browse(scheme_id).unlink()
            employees = env["hr.employee"].browse(employee_ids)
            resources = employees.mapped("resource_id")
            employees.unlink()
            resources.unlink()
            env["hr.department"].browse(dept_id).unlink()

    @staticmethod
    def _wait_until_blocked(cr, thread, timeout=10):
        """Until the other transaction waits on a lock of ours (the unique
        index of the assessments) or has ended: no fixed sleep."""
        deadline = time.monotonic() + timeout
        while thread.is_alive() and time.monotonic() < deadline:
            cr.execute("""SELECT count(*) FROM pg_locks l
                            JOIN pg_stat_activity a ON a.pid = l.pid
                           WHERE NOT l.granted AND a.datname = current_database()
                             AND l.pid <> pg_backend_pid()""")
            if cr.fetchone()[0]:
                return
            thread.join(0.05)

    def test_twice_at_once(self):
        if not self.registry.ready or self.registry.in_test_mode():
            # during the installation the loading transaction holds locks
            self.skipTest("needs real, independent transactions (post-install)")
        dept_id, employee_ids, scheme_id = self._setup()
        results = {}
        try:
            def second():
                with api.Environment.manage(), \
                        self.registry.cursor() as cr:
                    scheme = self._env(cr)["am.assessment.scheme"].browse(
                        scheme_id)
                    results["second"] = scheme._generate_period(*PERIOD).ids

            with self.registry.cursor() as cr:
                scheme = self._env(cr)["am.assessment.scheme"].browse(
                    scheme_id)
                results["first"] = scheme._generate_period(*PERIOD).ids
                thread = threading.Thread(target=second)
                thread.start()
                self._wait_until_blocked(cr, thread)
            # leaving the block commits the first transaction
            thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertEqual(len(results["first"]), 3)
            self.assertEqual(results["second"], [])
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*), count(DISTINCT employee_id) "
                           "FROM am_assessment WHERE scheme_id = %s",
                           (scheme_id,))
                self.assertEqual(cr.fetchone(), (3, 3))
                cr.execute("SELECT count(*) FROM am_assessment_line l "
                           "JOIN am_assessment a ON a.id = l.assessment_id "
                           "WHERE a.scheme_id = %s", (scheme_id,))
                self.assertEqual(cr.fetchone()[0], 3)
        finally:
            self._cleanup(dept_id, employee_ids, scheme_id)
