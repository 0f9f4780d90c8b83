# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests.common import SavepointCase


class TestQueryBound(SavepointCase):
    """Assessing a period, recomputing it and exporting it cost queries per
    rule, never per employee: the same number for 5 and for 20 employees
    (a query per record would add 15)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        group = env.ref("account_manager_process.group_account_manager")
        codes = ("visits_done", "visits_weighted_share",
                 "customers_registered", "won_revenue", "claims_within_sla",
                 "training_hours", "spot_check_rate")
        rules = [(0, 0, {
            "metric_id": env.ref(
                "account_manager_assessment.metric_%s" % code).id,
            "target": 10, "weight": 100.0 / len(codes),
            "penalty_per_unit": 1}) for code in codes]
        rules[-1][2]["weight"] = 100 - sum(
            r[2]["weight"] for r in rules[:-1])
        cls.schemes = []
        for size in (1, 5, 20):
            dept = env["hr.department"].create({"name": "Q%s" % size})
            for i in range(size):
                user = env["res.users"].with_context(
                    no_reset_password=True).create({
                        "name": "Q %s %s" % (size, i),
                        "login": "q_%s_%s" % (size, i),
                        "groups_id": [(6, 0, group.ids)]})
                env["hr.employee"].create({
                    "name": user.name, "user_id": user.id,
                    "department_id": dept.id})
            cls.schemes.append(env["am.assessment.scheme"].create({
                "name": "Q%s" % size, "period": "monthly",
                "department_ids": [(6, 0, dept.ids)],
                "rule_ids": [(0, 0, dict(r[2])) for r in rules],
                "results_weight": 70, "process_weight": 30,
                "process_item_ids": [(0, 0, {"name": "Attitude",
                                             "weight": 100})]}))

    def _queries(self, scheme):
        cr = self.env.cr
        before = cr.sql_log_count
        new = scheme._generate_period(date(2026, 10, 1), date(2026, 10, 31))
        return cr.sql_log_count - before, new

    def test_queries_do_not_depend_on_employees(self):
        self._queries(self.schemes[0])  # warm the caches
        small, new_small = self._queries(self.schemes[1])
        large, new_large = self._queries(self.schemes[2])
        self.assertEqual((len(new_small), len(new_large)), (5, 20))
        self.assertEqual(small, large)
        self.assertTrue(all(len(a.line_ids) == 7 for a in new_large))

    def _count(self, func):
        cr = self.env.cr
        self.env["am.assessment"].invalidate_cache()
        before = cr.sql_log_count
        func()
        return cr.sql_log_count - before

    def test_recompute_queries_do_not_depend_on_employees(self):
        assessments = [self._queries(scheme)[1] for scheme in self.schemes]
        self._count(lambda: assessments[0]._compute_figures())  # warm the caches
        counts = [self._count(lambda a=a: a._compute_figures()) for a in assessments[1:]]
        self.assertEqual(counts[0], counts[1])

    def test_export_queries_do_not_depend_on_employees(self):
        """The XLSX export reads the assessments and their lines with a
        fixed number of queries, as an HR officer (record rules applied)."""
        hr_user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Q HR", "login": "q_hr",
            "groups_id": [(6, 0, self.env.ref("hr.group_hr_user").ids)]})
        report = self.env.ref(
            "account_manager_assessment.am_assessment_xlsx_report").sudo(hr_user)
        assessments = [self._queries(scheme)[1] for scheme in self.schemes]
        self._count(lambda: report.render(assessments[0].ids))  # warm the caches
        counts = [self._count(lambda a=a: report.render(a.ids)) for a in assessments[1:]]
        self.assertEqual(counts[0], counts[1])
