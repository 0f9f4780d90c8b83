# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The team leader's cockpit "My team today" for a team of 50, with its
bare-SQL floor (issue "Cockpits": within 0.5 s for a team of 50).

run.py imports the scenario modules it runs: add ``import scenarios_cockpit``
there (beside ``scenarios_process``) to run it with the others; alone::

    .venv/bin/python -c "import sys; sys.path.insert(0, 'tests/benchmarks'); \\
        import scenarios_cockpit, run; sys.exit(run.main(sys.argv[1:]))" \\
        --db am_bench --only cockpit

The population has teams of 10: the setup (not timed, rolled back) moves 40
account managers of other teams into the first team, which the stored team
leader of their records follows (as when HR changes their department).
"""
from datetime import datetime, timedelta

import pytz
from harness import Scenario, scenario
from scenarios_process import _as, _uid

TEAM_SIZE = 50
BENCH_TZ = "Asia/Shanghai"


@scenario
class TeamToday50(Scenario):
    name = "cockpit_team_50"
    title = "team leader's cockpit, team of 50"
    group = "cockpits"
    needs = {"account_managers": TEAM_SIZE}

    def setup(self, env):
        leader = _uid(env, "bench_leader_0")
        env.cr.execute("""
            SELECT d.id FROM hr_department d
              JOIN hr_employee m ON m.id = d.manager_id
              JOIN resource_resource r ON r.id = m.resource_id
             WHERE r.user_id = %s LIMIT 1""", (leader,))
        department = env.cr.fetchone()[0]
        env.cr.execute("""
            SELECT e.id FROM hr_employee e
              JOIN resource_resource r ON r.id = e.resource_id
              JOIN res_users u ON u.id = r.user_id
             WHERE u.login LIKE 'bench_am_%%' AND e.department_id != %s
          ORDER BY e.id LIMIT %s""", (department, TEAM_SIZE))
        ids = [row[0] for row in env.cr.fetchall()]
        env.cr.execute("SELECT count(*) FROM hr_employee WHERE department_id = %s",
                       (department,))
        missing = TEAM_SIZE + 1 - env.cr.fetchone()[0]   # the leader is in it too
        env["hr.employee"].browse(ids[:missing]).write({"department_id": department})
        today = datetime.now(pytz.utc).astimezone(pytz.timezone(BENCH_TZ)).date()
        return {"uid": leader, "today": today}

    def project(self, env, ctx):
        return _as(env, ctx["uid"], tz=BENCH_TZ)["am.cockpit"].get_team_today()

    def project_result(self, env, ctx, value):
        return {row["key"]: tuple(row["cells"][key]["value"] for key in (
            "done", "planned", "month", "overdue", "complaints", "spot"))
            for row in value["rows"]}

    def floor(self, env, ctx):
        cr = env.cr
        today = ctx["today"]
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        params = {"uid": ctx["uid"], "today": today, "month": today.replace(day=1),
                  "month_end": following - timedelta(days=1)}
        cr.execute("""
            WITH team AS (
                SELECT e.id AS employee_id, r.user_id
                  FROM hr_employee e
                  JOIN resource_resource r ON r.id = e.resource_id
                  JOIN hr_department d ON d.id = e.department_id
                  JOIN hr_employee m ON m.id = d.manager_id
                  JOIN resource_resource mr ON mr.id = m.resource_id
                 WHERE mr.user_id = %(uid)s AND r.user_id != %(uid)s AND r.active),
            visits AS (
                SELECT employee_id,
                       count(*) FILTER (WHERE visit_date = %(today)s AND state = 'done') AS done,
                       count(*) FILTER (WHERE visit_date = %(today)s
                                          AND state IN ('planned', 'in_progress')) AS planned,
                       count(*) FILTER (WHERE state = 'done') AS month
                  FROM am_visit
                 WHERE employee_id IN (SELECT employee_id FROM team)
                   AND visit_date BETWEEN %(month)s AND %(month_end)s
              GROUP BY employee_id),
            overdue AS (
                SELECT am_user_id, count(*) AS n FROM res_partner
                 WHERE am_user_id IN (SELECT user_id FROM team) AND active
                   AND am_next_visit_due < %(today)s
              GROUP BY am_user_id),
            claims AS (
                SELECT am_employee_id, count(*) AS n FROM crm_claim
                 WHERE am_employee_id IN (SELECT employee_id FROM team) AND active
                   AND NOT coalesce(am_is_closed, false)
                   AND am_sla_status IN ('breached', 'at_risk')
              GROUP BY am_employee_id),
            spot AS (
                SELECT employee_id, count(*) AS n FROM am_spot_check
                 WHERE employee_id IN (SELECT employee_id FROM team) AND result = 'pending'
              GROUP BY employee_id)
            SELECT t.employee_id, coalesce(v.done, 0), coalesce(v.planned, 0),
                   coalesce(v.month, 0), coalesce(o.n, 0), coalesce(c.n, 0), coalesce(k.n, 0)
              FROM team t
              LEFT JOIN visits v ON v.employee_id = t.employee_id
              LEFT JOIN overdue o ON o.am_user_id = t.user_id
              LEFT JOIN claims c ON c.am_employee_id = t.employee_id
              LEFT JOIN spot k ON k.employee_id = t.employee_id""", params)
        return cr.fetchall()

    def floor_result(self, env, ctx, value):
        return {row[0]: tuple(row[1:]) for row in value}
