# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of account_manager_assessment (not a test; not run by the suite).

Generates 1,000 employees (with users) and 1,000,000 visits with SQL
generate_series, then times, in the same run and on the same data:

1. the assessment of one month: one scheme, rule "visits done >= 15",
   assessments generated and computed for the 1,000 employees;
2. Odoo's gamification challenge computing the same goal (count of done
   visits over the month, batch mode on user_id) for the same users;
3. the bare SQL aggregate of the same metric (the floor);

and prints both ratios (assessment / SQL floor, gamification / assessment).
The timed work is rolled back; the generated data stays for the next run.

Usage (from the checkout root)::

    runtime/bin/odoo -d am_bench -i account_manager_assessment \\
        --stop-after-init --without-demo=all
    .venv/bin/python tests/benchmarks/bench_assessment.py am_bench
"""
import sys
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, api

EMPLOYEES = 1000
VISITS = 1000000
MONTH = (date(2026, 10, 1), date(2026, 10, 31))
MARK = "Benchmark department"


def generate(env):
    """Employees, users and visits in a few set-based statements."""
    cr = env.cr
    cr.execute("SELECT id FROM hr_department WHERE name = %s", (MARK,))
    row = cr.fetchone()
    if row:
        cr.execute("UPDATE hr_employee SET active = true WHERE active IS NULL")
        return row[0]
    company = env.ref("base.main_company")
    dept = env["hr.department"].create({"name": MARK})
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, customer,
            company_id, type, create_date, write_date)
        SELECT 'Bench AM ' || n, 'Bench AM ' || n, true, true, %s,
            'contact', now(), now()
        FROM generate_series(1, %s) n""", (company.id, EMPLOYEES))
    cr.execute("""
        INSERT INTO res_users (login, partner_id, company_id, active,
            notification_type, share, create_date, write_date)
        SELECT 'bench_am_' || p.id, p.id, %s, true, 'email', false, now(),
            now()
        FROM res_partner p WHERE p.name LIKE 'Bench AM %%'
        RETURNING id""", (company.id,))
    user_ids = [r[0] for r in cr.fetchall()]
    cr.execute("""
        INSERT INTO res_company_users_rel (cid, user_id)
        SELECT %s, unnest(%s::int[])""", (company.id, user_ids))
    cr.execute("""
        INSERT INTO resource_resource (name, resource_type, time_efficiency,
            calendar_id, user_id, active, company_id, create_date, write_date)
        SELECT p.name, 'user', 100, %s, u.id, true, %s, now(), now()
        FROM res_users u JOIN res_partner p ON p.id = u.partner_id
        WHERE u.id = ANY(%s)""",
               (company.resource_calendar_id.id, company.id, user_ids))
    cr.execute("""
        INSERT INTO hr_employee (resource_id, department_id, active,
            create_date, write_date)
        SELECT r.id, %s, true, now(), now() FROM resource_resource r
        WHERE r.user_id = ANY(%s)""", (dept.id, user_ids))
    # 1,000,000 visits over four months, 1 in 5 not done
    cr.execute("""
        INSERT INTO am_visit (user_id, employee_id, partner_id, visit_type,
            state, planned_start, visit_date, create_date, write_date)
        SELECT e.user_id, e.emp_id, e.partner_id,
            (ARRAY['new_customer', 'maintenance', 'return',
                   'complaint'])[1 + n %% 4],
            CASE WHEN (n + n / %s) %% 5 = 0 THEN 'planned' ELSE 'done' END,
            d::timestamp + interval '9 hours', d, now(), now()
        FROM generate_series(0, %s - 1) n
        JOIN (SELECT row_number() OVER (ORDER BY emp.id) - 1 AS k,
                     emp.id AS emp_id, r.user_id, u.partner_id
              FROM hr_employee emp
              JOIN resource_resource r ON r.id = emp.resource_id
              JOIN res_users u ON u.id = r.user_id
              WHERE emp.department_id = %s) e ON e.k = n %% %s
        CROSS JOIN LATERAL (SELECT date '2026-08-01'
                            + ((n / %s) %% 122)::int AS d) dd""",
               (EMPLOYEES, VISITS, dept.id, EMPLOYEES, EMPLOYEES))
    cr.execute("ANALYZE am_visit")
    env["res.users"].invalidate_cache()
    return dept.id


def timed(label, func):
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print("%-58s %8.3f s" % (label, elapsed))
    return elapsed, result


def main(dbname):
    odoo.tools.config.parse_config(["-c", ".local/odoo.conf", "-d", dbname])
    with api.Environment.manage():
        run(dbname)


def run(dbname):
    registry = odoo.registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        t0 = time.perf_counter()
        dept_id = generate(env)
        cr.commit()
        cr.execute("SELECT count(*) FROM am_visit WHERE visit_date BETWEEN "
                   "%s AND %s", MONTH)
        in_month = cr.fetchone()[0]
        print("data ready in %.1f s: %s employees, %s visits (%s in the "
              "month)" % (time.perf_counter() - t0, EMPLOYEES, VISITS,
                          in_month))

        # 3. the floor: the bare SQL aggregate
        cr.execute("SELECT id FROM hr_employee WHERE department_id = %s",
                   (dept_id,))
        employee_ids = tuple(r[0] for r in cr.fetchall())

        def bare_sql():
            cr.execute("""SELECT employee_id, count(*) FROM am_visit
                          WHERE state = 'done' AND visit_date >= %s
                            AND visit_date <= %s AND employee_id IN %s
                          GROUP BY employee_id""", MONTH + (employee_ids,))
            return cr.fetchall()
        bare_sql()  # warm the cache of PostgreSQL for every contender
        sql_time = min(timed("bare SQL aggregate", bare_sql)[0]
                       for _i in range(3))

        # 1. our assessment of the month
        scheme = env["am.assessment.scheme"].create({
            "name": "Benchmark monthly", "period": "monthly",
            "department_ids": [(6, 0, [dept_id])],
            "rule_ids": [(0, 0, {
                "metric_id": env.ref(
                    "account_manager_assessment.metric_visits_done").id,
                "target": 15, "weight": 100, "penalty_per_unit": 10})],
        })
        before = cr.sql_log_count
        ours, new = timed("assessment: generate + compute one month",
                          lambda: scheme._generate_period(*MONTH))
        queries = cr.sql_log_count - before
        recompute, _res = timed(
            "assessment: recompute the month (drafts)",
            lambda: new._compute_figures(evaluate_metrics=True))
        assert len(new) == EMPLOYEES, len(new)
        line = new[0].line_ids
        print("  %s assessments, %s queries; e.g. %s visits done"
              % (len(new), queries, line.actual))

        # 2. gamification: the same goal, batch mode
        users = env["hr.employee"].search(
            [("department_id", "=", dept_id)]).mapped("user_id")
        definition = env["gamification.goal.definition"].create({
            "name": "Visits done (benchmark)", "computation_mode": "count",
            "model_id": env.ref("account_manager_process.model_am_visit").id,
            "domain": "[('state', '=', 'done')]",
            "field_date_id": env["ir.model.fields"]._get(
                "am.visit", "visit_date").id,
            "batch_mode": True,
            "batch_distinctive_field": env["ir.model.fields"]._get(
                "am.visit", "user_id").id,
            "batch_user_expression": "user.id", "condition": "higher",
        })
        challenge = env["gamification.challenge"].create({
            "name": "Benchmark challenge", "period": "once",
            "start_date": str(MONTH[0]), "end_date": str(MONTH[1]),
            "user_ids": [(6, 0, users.ids)], "visibility_mode": "personal",
            "report_message_frequency": "never",
            "line_ids": [(0, 0, {"definition_id": definition.id,
                                 "target_goal": 15})],
        })
        gam, _res = timed("gamification: start challenge (goals + compute)",
                          lambda: challenge.write({"state": "inprogress"}))
        goals = env["gamification.goal"].search(
            [("challenge_id", "=", challenge.id)])
        gam_update, _res = timed("gamification: update goals (batch mode)",
                                 goals.update_goal)
        same = {g.user_id.id: g.current for g in goals}
        ours_values = {a.user_id.id: a.line_ids.actual for a in new}
        print("  same values as gamification: %s; as bare SQL: %s" % (
            same == ours_values,
            sorted(ours_values.values()) == sorted(
                float(c) for _e, c in bare_sql())))
        cr.rollback()

    print()
    print("ratio assessment / bare SQL      : %6.1f x (recompute %.1f x)"
          % (ours / sql_time, recompute / sql_time))
    print("ratio gamification / assessment  : %6.1f x (recompute %.1f x)"
          % (gam / ours, gam_update / recompute))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "am_h_bench")
