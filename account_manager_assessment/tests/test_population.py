# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import AssessmentCase


class TestPopulation(AssessmentCase):
    """Whom a scheme assesses: its positions within its departments, not
    the departments' managers unless chosen, its employees by name; always
    within its company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_kam = cls.env["hr.job"].create({"name": "KAM T"})
        (cls.emp_kam | cls.emp_other).write({"job_id": cls.job_kam.id})

    def _scheme(self, **vals):
        vals.update(name="Population T", period="monthly")
        return self.env["am.assessment.scheme"].create(vals)

    def test_department_scheme_leaves_out_its_manager(self):
        scheme = self._scheme(department_ids=[(6, 0, self.dept.ids)])
        self.assertEqual(scheme._get_employees(), self.emp_kam | self.emp_am2)
        # chosen by name, he is assessed
        scheme.employee_ids = self.emp_leader
        self.assertEqual(scheme._get_employees(),
                         self.emp_kam | self.emp_am2 | self.emp_leader)

    def test_position_within_the_departments(self):
        """A scheme for a job position in a department does not pick up the
        department's manager (nor the rest of the department) just because
        they are in the department."""
        scheme = self._scheme(job_ids=[(6, 0, self.job_kam.ids)],
                              department_ids=[(6, 0, self.dept.ids)])
        self.assertEqual(scheme._get_employees(), self.emp_kam)
        # a manager holding the position is assessed by it
        self.emp_leader.job_id = self.job_kam
        self.assertEqual(scheme._get_employees(),
                         self.emp_kam | self.emp_leader)
        # the position alone: wherever they work
        scheme.department_ids = False
        self.assertEqual(scheme._get_employees(),
                         self.emp_kam | self.emp_other | self.emp_leader)

    def test_population_stays_in_the_company(self):
        other_company = self.env["res.company"].create({"name": "Branch T"})
        stranger = self.env["hr.employee"].create({
            "name": "Stranger T", "department_id": self.dept.id,
            "job_id": self.job_kam.id, "company_id": other_company.id})
        for vals in ({"department_ids": [(6, 0, self.dept.ids)]},
                     {"job_ids": [(6, 0, self.job_kam.ids)]},
                     {"employee_ids": [(6, 0, stranger.ids)]}, {}):
            scheme = self._scheme(**vals)
            self.assertTrue(scheme.company_id)
            self.assertNotIn(stranger, scheme._get_employees(), vals)
        scheme.company_id = other_company
        self.assertIn(stranger, scheme._get_employees())
        self.assertNotIn(self.emp_kam, scheme._get_employees())
