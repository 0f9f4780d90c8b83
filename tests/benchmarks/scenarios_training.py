# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenario of account_manager_training: the qualification recompute."""
from harness import Scenario, scenario

from odoo import SUPERUSER_ID, api, fields

# every employee's status for every active rule, in one statement: the
# floor (a rule counts the passed courses of its category / type within its
# window or until their certificate expires, and needs its required courses'
# certificates valid; see training_rules.evaluate_rule)
FLOOR_SQL = """
WITH rule AS (
    SELECT r.id, r.category_id, r.course_type, coalesce(r.min_courses, 0) AS min_courses,
           coalesce(r.period_months, 0) AS period_months,
           ARRAY(SELECT course_id FROM am_qualification_rule_course_rel
                  WHERE rule_id = r.id) AS required,
           ARRAY(SELECT job_id FROM am_qualification_rule_job_rel
                  WHERE rule_id = r.id) AS jobs
      FROM am_qualification_rule r WHERE r.active),
pair AS (
    SELECT rule.*, e.id AS employee_id FROM rule
      JOIN hr_employee e ON e.active
       AND (cardinality(rule.jobs) = 0 OR e.job_id = ANY(rule.jobs))),
fact AS (
    SELECT t.employee_id, t.course_id, c.category_id, c.course_type, t.date_completed AS done,
           coalesce(t.certificate_expiry, 'infinity'::date) AS cert
      FROM am_training_record t JOIN am_training_course c ON c.id = t.course_id
     WHERE t.state = 'passed' AND t.date_completed IS NOT NULL),
counted AS (
    SELECT p.id AS rule_id, p.employee_id, f.course_id,
           max(least(CASE WHEN p.period_months > 0
                          THEN (f.done + p.period_months * interval '1 month')::date
                          ELSE 'infinity'::date END, f.cert)) AS end_date
      FROM pair p JOIN fact f ON f.employee_id = p.employee_id
     WHERE (p.category_id IS NULL OR f.category_id = p.category_id)
       AND (p.course_type IS NULL OR f.course_type = p.course_type)
  GROUP BY 1, 2, 3),
ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.rule_id, c.employee_id
                                   ORDER BY c.end_date DESC) AS n
      FROM counted c),
count_agg AS (
    SELECT r.rule_id, r.employee_id, count(*) AS ever,
           count(*) FILTER (WHERE r.end_date >= %(today)s) AS valid,
           max(r.end_date) FILTER (WHERE r.n = p.min_courses) AS nth_end
      FROM ranked r JOIN rule p ON p.id = r.rule_id GROUP BY 1, 2),
req AS (
    SELECT p.id AS rule_id, p.employee_id, rc.course_id, max(f.cert) AS end_date
      FROM pair p CROSS JOIN unnest(p.required) rc(course_id)
      LEFT JOIN fact f ON f.employee_id = p.employee_id AND f.course_id = rc.course_id
  GROUP BY 1, 2, 3),
req_agg AS (
    SELECT rule_id, employee_id, bool_and(end_date IS NOT NULL) AS ever_ok,
           bool_and(coalesce(end_date >= %(today)s, false)) AS now_ok,
           min(nullif(end_date, 'infinity')) AS min_end
      FROM req GROUP BY 1, 2),
status AS (
    SELECT p.employee_id, p.id AS rule_id,
           coalesce(c.valid, 0) >= p.min_courses AND coalesce(r.now_ok, true) AS met_now,
           coalesce(c.ever, 0) >= p.min_courses AND coalesce(r.ever_ok, true) AS met_ever,
           least(CASE WHEN p.min_courses > 0 THEN nullif(c.nth_end, 'infinity') END,
                 r.min_end) AS expiry
      FROM pair p
      LEFT JOIN count_agg c ON c.rule_id = p.id AND c.employee_id = p.employee_id
      LEFT JOIN req_agg r ON r.rule_id = p.id AND r.employee_id = p.employee_id),
wanted AS (
    SELECT employee_id, rule_id,
           CASE WHEN met_now AND expiry <= %(today)s::date + %(expiring)s THEN 'expiring'
                WHEN met_now THEN 'qualified' WHEN met_ever THEN 'expired'
                ELSE 'not_qualified' END AS state,
           CASE WHEN met_now THEN expiry END AS expiry
      FROM status),
written AS (
    INSERT INTO am_employee_qualification (employee_id, rule_id, state, expiry_date,
                                           create_uid, write_uid, create_date, write_date)
    SELECT employee_id, rule_id, state, expiry, 1, 1, now() at time zone 'UTC',
           now() at time zone 'UTC' FROM wanted
        ON CONFLICT (employee_id, rule_id) DO UPDATE
       SET state = excluded.state, expiry_date = excluded.expiry_date, write_uid = 1,
           write_date = now() at time zone 'UTC'
     WHERE (am_employee_qualification.state, am_employee_qualification.expiry_date)
           IS DISTINCT FROM (excluded.state, excluded.expiry_date)
 RETURNING 1)
DELETE FROM am_employee_qualification q
 WHERE NOT EXISTS (SELECT 1 FROM wanted w
                    WHERE w.employee_id = q.employee_id AND w.rule_id = q.rule_id)
"""


@scenario
class QualificationRecompute(Scenario):
    name = "qualification"
    modules = ("account_manager_training",)
    group = "training"
    writes = ("am_employee_qualification",)
    title = "qualification recompute, %s employees x %s records"

    def __init__(self, sizes):
        super().__init__(sizes)
        ams = sizes.get("account_managers", 0)
        self.title = self.title % ("{:,}".format(ams), "{:,}".format(ams * 50))

    def skip_reason(self):
        if "training records" not in self.sizes.get("generated", ()):
            return "the population has no training records"
        return None

    def setup(self, env):
        """The day after: a tenth of the statuses missing, another tenth
        stale (what a day of new facts and passing time changes)."""
        cr = env.cr
        cr.execute("DELETE FROM am_employee_qualification WHERE id % 10 = 0")
        cr.execute("UPDATE am_employee_qualification SET state = 'not_qualified', "
                   "expiry_date = NULL WHERE id % 10 = 1")
        model = env["am.employee.qualification"]
        return {"today": fields.Date.context_today(model), "expiring": model._expiring_days()}

    def project(self, env, ctx):
        api.Environment(env.cr, SUPERUSER_ID, {"lang": "en_US"})[
            "am.employee.qualification"]._recompute_all()

    def floor(self, env, ctx):
        env.cr.execute(FLOOR_SQL, ctx)

    def _state(self, env, ctx):
        env.cr.execute("SELECT employee_id, rule_id, state, expiry_date::varchar "
                       "FROM am_employee_qualification")
        return {(e, r): (s, x) for e, r, s, x in env.cr.fetchall()}

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)
