# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import TransactionCase, at_install, post_install


@at_install(False)
@post_install(True)
class TestConcurrentRecompute(TransactionCase):
    """Two recomputations of the qualification statuses at once, in two
    transactions: no error, no duplicate. Needs committed data: it creates
    its own job, employee, course, record and rule in a separate transaction
    and removes them."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _setup(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            job = env["hr.job"].create({"name": "Concurrency Q job"})
            employee = env["hr.employee"].create({"name": "Concurrency Q", "job_id": job.id})
            category = env["am.training.category"].create({"name": "Concurrency Q"})
            course = env["am.training.course"].create({
                "name": "Concurrency Q course", "category_id": category.id})
            record = env["am.training.record"]._create_workflow({
                "employee_id": employee.id, "course_id": course.id, "state": "passed",
                "score": 90, "date_completed": fields.Date.context_today(course)})
            rule = env["am.qualification.rule"].create({
                "name": "Concurrency Q rule", "min_courses": 1,
                "job_ids": [(6, 0, job.ids)]})
            return {"job": job.id, "employee": employee.id, "resource": employee.resource_id.id,
                    "category": category.id, "course": course.id, "record": record.id,
                    "rule": rule.id}

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            for table, key in (("am_qualification_rule", "rule"),
                               ("am_training_record", "record"),
                               ("am_training_course", "course"),
                               ("am_training_category", "category"),
                               ("hr_employee", "employee"),
                               ("resource_resource", "resource"), ("hr_job", "job")):
                cr.execute("DELETE FROM %s WHERE id = %%s" % table, (ids[key],))

    def _statuses(self, ids):
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(*), count(DISTINCT employee_id), min(state) "
                       "FROM am_employee_qualification WHERE rule_id = %s", (ids["rule"],))
            return cr.fetchone()

    def _run_in_thread(self, results, key):
        def run():
            try:
                with api.Environment.manage(), self.registry.cursor() as cr:
                    results[key] = self._env(cr)[
                        "am.employee.qualification"]._recompute_all()
            except Exception as error:  # pylint: disable=broad-except
                results[key] = error
        thread = threading.Thread(target=run)
        thread.start()
        return thread

    def test_twice_at_once(self):
        if not self.registry.ready or self.registry.in_test_mode():
            # during the installation the loading transaction holds locks
            self.skipTest("needs real, independent transactions")
        ids = self._setup()
        results = {}
        try:
            # 1. the second run starts while the first one is still running
            with self.registry.cursor() as cr:
                results["first"] = self._env(cr)["am.employee.qualification"]._recompute_all()
                thread = self._run_in_thread(results, "second")
                # the second run does not wait for the first: it skips at once
                # (a run that waited would only end after this block commits)
                thread.join(10)
            # leaving the block commits the first transaction
            thread.join(30)
            self.assertFalse(thread.is_alive())
            self.assertFalse(isinstance(results["second"], Exception), results["second"])
            self.assertIsNone(results["second"], "the second run skipped")
            self.assertEqual(self._statuses(ids), (1, 1, "qualified"))
            # 2. a run whose snapshot predates the statuses another run wrote
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM am_employee_qualification WHERE rule_id = %s",
                           (ids["rule"],))
            with self.registry.cursor() as late_cr:
                late_cr.execute("SELECT count(*) FROM am_employee_qualification")
                with self.registry.cursor() as cr:
                    self._env(cr)["am.employee.qualification"]._recompute_all()
                # the first one committed: the late one finds its statuses
                results["late"] = self._env(late_cr)[
                    "am.employee.qualification"]._recompute_all()
            self.assertEqual(self._statuses(ids), (1, 1, "qualified"))
        finally:
            self._cleanup(ids)
