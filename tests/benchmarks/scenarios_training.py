# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenario of account_manager_training: the qualification recompute."""
from collections import defaultdict

from harness import Scenario, scenario

from odoo import SUPERUSER_ID, api, fields

# The floor computes the statuses another way than the product's statement
# (STATUS_SQL of am_employee_qualification), so that the comparison of their
# results checks the product: three plain SELECTs (the active rules with
# their required courses and job positions, the active employees, the passed
# training records), the suite's pure functions per employee and rule in
# Python (training_rules.evaluate_rule and qualification_status, tested on
# their own), then the rows that differ inserted, updated and deleted.
RULES_SQL = """
SELECT r.id, r.category_id, r.course_type, r.min_courses, r.period_months,
       array_remove(array_agg(DISTINCT rc.course_id), NULL),
       array_remove(array_agg(DISTINCT rj.job_id), NULL)
  FROM am_qualification_rule r
  LEFT JOIN am_qualification_rule_course_rel rc ON rc.rule_id = r.id
  LEFT JOIN am_qualification_rule_job_rel rj ON rj.rule_id = r.id
 WHERE r.active
 GROUP BY r.id"""
FACTS_SQL = """
SELECT t.employee_id, t.course_id, c.category_id, c.course_type, t.date_completed,
       t.certificate_expiry
  FROM am_training_record t JOIN am_training_course c ON c.id = t.course_id
 WHERE t.state = 'passed' AND t.date_completed IS NOT NULL"""


def floor_statuses(cr, today, expiring_days):
    """{(employee_id, rule_id): (state, expiry 'YYYY-MM-DD' or None)} of every active
    employee for every active rule of his job position (or of every job)."""
    # imported once the addons path is configured (run.py)
    from odoo.addons.account_manager_training.models import training_rules
    cr.execute(RULES_SQL)
    rules = cr.fetchall()
    cr.execute("SELECT id, job_id FROM hr_employee WHERE active")
    employees = cr.fetchall()
    cr.execute(FACTS_SQL)
    facts = defaultdict(list)
    # Odoo's cursor reads dates as strings
    day = fields.Date.from_string
    for employee_id, course_id, category_id, course_type, done, cert in cr.fetchall():
        facts[employee_id].append({
            "course_id": course_id, "category_id": category_id, "course_type": course_type,
            "date_completed": day(done), "certificate_expiry": day(cert) if cert else None})
    statuses = {}
    for rule_id, category_id, course_type, min_courses, period_months, required, jobs in rules:
        required = set(required)
        for employee_id, job_id in employees:
            if jobs and job_id not in jobs:
                continue
            met_now, met_ever, expiry = training_rules.evaluate_rule(
                today, facts.get(employee_id, ()), min_courses=min_courses or 0,
                category_id=category_id, course_type=course_type,
                period_months=period_months or 0, required_course_ids=required)
            state = training_rules.qualification_status(
                today, met_now, met_ever, expiry, expiring_days)
            statuses[employee_id, rule_id] = (
                state, fields.Date.to_string(expiry) if met_now and expiry else None)
    return statuses


def _values(cr, rows):
    return ",".join(cr.mogrify("(" + ",".join(["%s"] * len(row)) + ")", row).decode()
                    for row in rows)


def write_statuses(cr, statuses):
    """Insert the missing statuses, update the changed ones, delete those of
    rules that no longer apply (what the product's statement writes)."""
    cr.execute("SELECT id, employee_id, rule_id, state, expiry_date "
               "FROM am_employee_qualification")
    current = {(e, r): (i, s, x) for i, e, r, s, x in cr.fetchall()}
    new = [key + value for key, value in statuses.items() if key not in current]
    changed = [(current[key][0],) + value for key, value in statuses.items()
               if key in current and current[key][1:] != value]
    gone = [i for key, (i, __, __) in current.items() if key not in statuses]
    now = "now() at time zone 'UTC'"
    if new:
        cr.execute("INSERT INTO am_employee_qualification (employee_id, rule_id, state, "
                   "expiry_date, create_uid, write_uid, create_date, write_date) "
                   "SELECT v.employee_id, v.rule_id, v.state, v.expiry::date, 1, 1, %s, %s "
                   "FROM (VALUES %s) v(employee_id, rule_id, state, expiry)"
                   % (now, now, _values(cr, new)))
    if changed:
        cr.execute("UPDATE am_employee_qualification q SET state = v.state, "
                   "expiry_date = v.expiry::date, write_uid = 1, write_date = %s "
                   "FROM (VALUES %s) v(id, state, expiry) WHERE q.id = v.id"
                   % (now, _values(cr, changed)))
    if gone:
        cr.execute("DELETE FROM am_employee_qualification WHERE id = ANY(%s)", (gone,))


@scenario
class QualificationRecompute(Scenario):
    name = "qualification"
    modules = ("account_manager_process", "account_manager_training")
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
        write_statuses(env.cr, floor_statuses(
            env.cr, fields.Date.from_string(ctx["today"]), ctx["expiring"]))

    def _state(self, env, ctx):
        env.cr.execute("SELECT employee_id, rule_id, state, expiry_date::varchar "
                       "FROM am_employee_qualification")
        return {(e, r): (s, x) for e, r, s, x in env.cr.fetchall()}

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)
