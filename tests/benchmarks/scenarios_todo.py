# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""TODO hooks: the scenarios of the issue's table owned by the training and
assessment addons (being changed by their owners). Each is listed by the
runner as TODO and not run.

To plug one in: give it ``setup`` / ``project`` / ``floor`` (and
``project_result`` / ``floor_result`` returning comparable dicts, record per
record), remove ``todo``, and register the population it needs in
population.py (``@register(name, modules)``). The runner installs the
``modules`` of the selected scenarios itself (``-i`` on the benchmark
database) and generates the missing population.
"""
from harness import Scenario, scenario


class _Todo(Scenario):
    group = "assessment / training"

    def project(self, env, ctx):
        raise NotImplementedError(self.todo)

    def floor(self, env, ctx):
        raise NotImplementedError(self.todo)


@scenario
class XlsxExport(_Todo):
    name = "xlsx_1000x10"
    title = "XLSX export of one period, 1,000 employees x 10 rules"
    modules = ("account_manager_assessment",)
    todo = ("floor: the same rows read with two queries and written with xlsxwriter "
            "(constant_memory); also at 10,000 x 10; report peak memory")


@scenario
class AssessmentOneRule(_Todo):
    name = "assessment_1_rule"
    title = "assessment of one month, 1 rule"
    modules = ("account_manager_assessment", "gamification")
    todo = ("floor: bare SQL aggregate; references: gamification challenge start and "
            "batch update_goal (see bench_assessment.py)")


@scenario
class AssessmentTenRules(_Todo):
    name = "assessment_10_rules"
    title = "assessment of one month, 10 rules"
    modules = ("account_manager_assessment", "gamification")
    todo = "floor: the 10 bare SQL aggregates; references: gamification (both modes)"


@scenario
class QualificationRecompute(_Todo):
    name = "qualification"
    title = "qualification recompute, 1,000 x 50,000 records"
    modules = ("account_manager_training",)
    todo = "population: 50,000 training records (population.generate_training)"
