# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark population, generated once per database with SQL
``generate_series`` (a few statements per model, no ORM loop).

At scale 1 (the issue's population):

* 1,000 account managers (users, employees) in 100 teams of 10, each team a
  department whose manager is a team leader; the teams are grouped in 10
  divisions whose managers are directors (the level-2 escalation);
* 100,000 registered customers (100 per account manager, tiers Key/A/B/C);
* 1,000,000 visits (1,000 per account manager over the last year and the next
  two weeks; account manager 0 visits one customer 1,000 times: the "customer
  with 1,000 visits");
* 100,000 complaints (100 per account manager, closed; each scenario reopens
  the ones it needs inside its own transaction);
* one administrator of the account management (the reference of the screens);
* with account_manager_training: 20 courses, 50,000 training records (50 per
  account manager over three years) and 4 qualification rules;
* with account_manager_assessment: the last month assessed with 10 rules for
  the account managers, and for them and 9,000 archived employees (what the
  XLSX export reads).

The derived figures (customers' visit statistics and next due dates, and
whatever else the installed addons derive) are computed afterwards by the
addons' own set-based methods: see ``derive``.

Each addon's part is a generator (``register``); a database whose
population lacks the part of a newly installed addon gets it added.
"""
import json
import time
from datetime import date, timedelta

MARK_KEY = "am_bench.population"
AM_PER_TEAM = 10
TEAMS_PER_DIVISION = 10
CUSTOMERS_PER_AM = 100
VISITS_PER_AM = 1000
CLAIMS_PER_AM = 100
BENCH_TZ = "Asia/Shanghai"

GENERATORS = []


def register(name, modules, todo=None):
    """Decorator: a population generator ``func(env, sizes)`` that needs the
    addons ``modules``; ``todo`` marks a hook not written yet."""
    def decorate(func):
        GENERATORS.append({"name": name, "modules": set(modules), "func": func,
                           "todo": todo})
        return func
    return decorate


def sizes_for(scale):
    ams = max(AM_PER_TEAM * TEAMS_PER_DIVISION, int(round(1000 * scale)))
    ams -= ams % (AM_PER_TEAM * TEAMS_PER_DIVISION)
    teams = ams // AM_PER_TEAM
    return {
        "scale": scale,
        "account_managers": ams,
        "teams": teams,
        "divisions": max(1, teams // TEAMS_PER_DIVISION),
        "customers": ams * CUSTOMERS_PER_AM,
        "visits": ams * VISITS_PER_AM,
        "claims": ams * CLAIMS_PER_AM,
    }


def existing(cr):
    """The sizes of the population already in the database, or None."""
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (MARK_KEY,))
    row = cr.fetchone()
    return json.loads(row[0]) if row else None


def _group_closure(env, xmlid):
    group = env.ref(xmlid)
    return (group | group.trans_implied_ids).ids


def _timed(label, func, *args):
    start = time.perf_counter()
    result = func(*args)
    print("  %-46s %7.1f s" % (label, time.perf_counter() - start), flush=True)
    return result


@register("people and teams", ["account_manager_process"])
def generate_people(env, sizes):
    """Users, partners, resources and employees of every role; departments."""
    cr = env.cr
    company = env.ref("base.main_company")
    calendar_id = company.resource_calendar_id.id
    cr.execute("""
        CREATE TEMP TABLE bench_people ON COMMIT DROP AS
        SELECT 'am'::varchar AS kind, n AS k FROM generate_series(0, %(ams)s - 1) n
        UNION ALL SELECT 'leader', n FROM generate_series(0, %(teams)s - 1) n
        UNION ALL SELECT 'director', n FROM generate_series(0, %(divisions)s - 1) n
        UNION ALL SELECT 'admin', 0
    """, {"ams": sizes["account_managers"], "teams": sizes["teams"],
          "divisions": sizes["divisions"]})
    cr.execute("""
        ALTER TABLE bench_people ADD COLUMN login varchar, ADD COLUMN name varchar,
            ADD COLUMN partner_id int, ADD COLUMN user_id int, ADD COLUMN resource_id int,
            ADD COLUMN employee_id int, ADD COLUMN department_id int;
        UPDATE bench_people SET login = 'bench_' || kind || '_' || k,
                                name = 'Bench ' || initcap(kind) || ' ' || lpad(k::text, 4, '0');
        UPDATE bench_people SET partner_id = nextval('res_partner_id_seq'),
                                user_id = nextval('res_users_id_seq');
    """)
    cr.execute("""
        INSERT INTO res_partner (id, name, display_name, lang, tz, active, customer, supplier,
                                 employee, type, is_company, color, partner_share,
                                 commercial_partner_id, company_id, email, message_bounce,
                                 opt_out, create_uid, create_date, write_uid, write_date)
        SELECT partner_id, name, name, 'en_US', %s, true, true, false, false, 'contact',
               false, 0, false, partner_id, %s, login || '@bench.example.com', 0, false,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM bench_people
    """, (BENCH_TZ, company.id))
    cr.execute("""
        INSERT INTO res_users (id, login, password, company_id, partner_id, active, share,
                               notification_type, create_uid, create_date, write_uid,
                               write_date)
        SELECT user_id, login, '', %s, partner_id, true, false, 'email',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM bench_people
    """, (company.id,))
    cr.execute("INSERT INTO res_company_users_rel (cid, user_id) "
               "SELECT %s, user_id FROM bench_people", (company.id,))
    for kind, xmlid in (("am", "account_manager_process.group_account_manager"),
                        ("leader", "account_manager_process.group_team_leader"),
                        ("director", "account_manager_process.group_team_leader"),
                        ("admin", "account_manager_process.group_am_administrator")):
        cr.execute("""
            INSERT INTO res_groups_users_rel (gid, uid)
            SELECT g, b.user_id FROM bench_people b, unnest(%s::int[]) g WHERE b.kind = %s
        """, (_group_closure(env, xmlid), kind))
    # departments: divisions, then teams
    cr.execute("""
        CREATE TEMP TABLE bench_dept ON COMMIT DROP AS
        SELECT 'division'::varchar AS kind, n AS k, nextval('hr_department_id_seq') AS id,
               'Bench division ' || lpad(n::text, 3, '0') AS name, NULL::bigint AS parent_id
          FROM generate_series(0, %(divisions)s - 1) n;
        INSERT INTO bench_dept
        SELECT 'team', n, nextval('hr_department_id_seq'),
               'Bench team ' || lpad(n::text, 4, '0'), d.id
          FROM generate_series(0, %(teams)s - 1) n
          JOIN bench_dept d ON d.kind = 'division' AND d.k = n / %(per_division)s;
        INSERT INTO hr_department (id, name, complete_name, active, company_id, parent_id,
                                   create_uid, create_date, write_uid, write_date)
        SELECT b.id, b.name, coalesce(p.name || ' / ', '') || b.name, true, %(company)s,
               b.parent_id, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM bench_dept b LEFT JOIN bench_dept p ON p.id = b.parent_id;
        UPDATE bench_people b SET department_id = d.id FROM bench_dept d
         WHERE (b.kind = 'am' AND d.kind = 'team' AND d.k = b.k / %(per_team)s)
            OR (b.kind = 'leader' AND d.kind = 'team' AND d.k = b.k)
            OR (b.kind = 'director' AND d.kind = 'division' AND d.k = b.k);
        UPDATE bench_people SET resource_id = nextval('resource_resource_id_seq'),
                                employee_id = nextval('hr_employee_id_seq')
         WHERE kind != 'admin';
    """, {"divisions": sizes["divisions"], "teams": sizes["teams"],
          "per_division": TEAMS_PER_DIVISION, "per_team": AM_PER_TEAM, "company": company.id})
    cr.execute("""
        INSERT INTO resource_resource (id, name, active, company_id, resource_type, user_id,
                                       time_efficiency, calendar_id, create_uid, create_date,
                                       write_uid, write_date)
        SELECT resource_id, name, true, %s, 'user', user_id, 100, %s,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM bench_people WHERE resource_id IS NOT NULL
    """, (company.id, calendar_id))
    cr.execute("""
        INSERT INTO hr_employee (id, resource_id, name, active, gender, marital,
                                 department_id, color, company_id, work_email,
                                 create_uid, create_date, write_uid, write_date)
        SELECT employee_id, resource_id, name, true, 'male', 'single', department_id, 0, %s,
               login || '@bench.example.com',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM bench_people WHERE employee_id IS NOT NULL
    """, (company.id,))
    cr.execute("""
        UPDATE hr_department d SET manager_id = b.employee_id
          FROM bench_dept bd, bench_people b
         WHERE d.id = bd.id AND b.k = bd.k
           AND ((bd.kind = 'team' AND b.kind = 'leader')
                OR (bd.kind = 'division' AND b.kind = 'director'));
        -- the employees' manager, as hr sets it from the department
        UPDATE hr_employee e SET parent_id = d.manager_id
          FROM hr_department d, bench_people b
         WHERE b.employee_id = e.id AND d.id = e.department_id AND d.manager_id != e.id;
    """)
    cr.execute("""
        CREATE TABLE IF NOT EXISTS bench_am (k int PRIMARY KEY, user_id int, employee_id int,
                                             department_id int, partner_id int,
                                             first_customer_id int);
        TRUNCATE bench_am;
        INSERT INTO bench_am (k, user_id, employee_id, department_id, partner_id)
        SELECT k, user_id, employee_id, department_id, partner_id
          FROM bench_people WHERE kind = 'am';
    """)


@register("customers", ["account_manager_process"])
def generate_customers(env, sizes):
    cr = env.cr
    company = env.ref("base.main_company")
    tiers = [env.ref("account_manager_process.customer_tier_" + t).id
             for t in ("key", "a", "b", "c")]
    cr.execute("""
        CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
        SELECT c, nextval('res_partner_id_seq') AS id, c / %s AS am_k
          FROM generate_series(0, %s - 1) c
    """, (CUSTOMERS_PER_AM, sizes["customers"]))
    cr.execute("""
        INSERT INTO res_partner (id, name, display_name, commercial_company_name, lang, active,
                                 customer, supplier, employee, type, is_company, color,
                                 partner_share, commercial_partner_id, company_id, phone,
                                 message_bounce, opt_out, am_user_id, am_registration_date,
                                 am_tier_id, am_norm_name,
                                 create_uid, create_date, write_uid, write_date)
        SELECT bc.id, n.name, n.name, n.name, 'en_US', true, true, false, false, 'contact',
               true, 0, true, bc.id, %s, '+86 10 ' || lpad((5000000 + bc.c)::text, 8, '0'),
               0, false, am.user_id,
               (now() at time zone 'UTC')::date - 400 + (bc.c %% 7) + time '08:00',
               (%s::int[])[1 + bc.c %% 4], lower(replace(n.name, ' ', '')),
               am.user_id, now() at time zone 'UTC', am.user_id, now() at time zone 'UTC'
          FROM bench_customer bc
          JOIN bench_am am ON am.k = bc.am_k
         CROSS JOIN LATERAL (SELECT 'Bench customer ' || lpad(bc.c::text, 6, '0') AS name) n
    """, (company.id, tiers))
    cr.execute("""
        UPDATE bench_am am SET first_customer_id = bc.id
          FROM bench_customer bc WHERE bc.am_k = am.k AND bc.c %% %s = 0
    """, (CUSTOMERS_PER_AM,))


@register("visits", ["account_manager_process"])
def generate_visits(env, sizes):
    """1,000 visits per account manager from a year ago to two weeks ahead:
    done (90 %), cancelled, missed in the past; planned in the future."""
    cr = env.cr
    company = env.ref("base.main_company")
    purposes = env["am.visit.purpose"].search([], order="id")
    outcomes = env["am.visit.outcome"].search([], order="id")
    factors = {"won": 1.0, "progress": 0.7, "no_progress": 0.3, "lost": 0.1}
    cr.execute("""
        INSERT INTO am_visit (name, user_id, employee_id, department_id, partner_id,
                              company_id, visit_type, purpose_id, business_weight,
                              outcome_id, result, state, planned_start, planned_stop,
                              checkin_time, checkout_time, duration, visit_date, entry_date,
                              is_late_entry, is_return_on_time, quality_score, auto_planned,
                              summary, review_state, counts, photo_count,
                              create_uid, create_date, write_uid, write_date)
        SELECT 'BV' || lpad(x.n::text, 7, '0'), am.user_id, am.employee_id,
               am.department_id,
               CASE WHEN am.k = 0 THEN am.first_customer_id
                    ELSE am.first_customer_id + (x.i %% %(per_am)s) END,
               %(company)s,
               (ARRAY['new_customer', 'maintenance', 'return', 'complaint'])[1 + x.n %% 4],
               p.id, p.weight,
               CASE WHEN s.state = 'done' THEN o.id END,
               CASE WHEN s.state = 'done' THEN o.result END,
               s.state, x.start, x.start + interval '90 minutes',
               CASE WHEN s.state = 'done' THEN x.start END,
               CASE WHEN s.state = 'done' THEN x.start + interval '90 minutes' END,
               CASE WHEN s.state = 'done' THEN 1.5 ELSE 0 END,
               x.day, CASE WHEN s.state = 'done' THEN x.start + interval '2 hours'
                           ELSE x.start - interval '3 days' END,
               false, false,
               CASE WHEN s.state = 'done' THEN round((p.weight * o.factor)::numeric, 2)
                    ELSE 0 END,
               false,
               CASE WHEN s.state = 'done' THEN 'Met the finance manager.' END,
               -- recorded before check-ins were verified: no review, counted
               -- when done, no photo (as migration 11.0.3.0.0 fills them)
               'none', s.state = 'done', 0,
               am.user_id, x.start, am.user_id, x.start
          FROM generate_series(0, %(visits)s - 1) g(n)
         CROSS JOIN LATERAL (
               SELECT g.n AS n, g.n / %(ams)s AS i, g.n %% %(ams)s AS k,
                      (now() at time zone 'UTC')::date - 365
                      + (g.n / %(ams)s) * 380 / %(per_am_visits)s AS day) x0
         CROSS JOIN LATERAL (
               SELECT x0.*, x0.day + time '01:00' + (x0.n %% 5) * interval '90 minutes'
                      AS start) x
          JOIN bench_am am ON am.k = x.k
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS r, id, business_weight AS weight
                  FROM am_visit_purpose WHERE id = ANY(%(purposes)s)) p
            ON p.r = x.n %% %(npurposes)s
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS r, id, result,
                       (%(factors)s::jsonb ->> result)::float AS factor
                  FROM am_visit_outcome WHERE id = ANY(%(outcomes)s)) o
            ON o.r = x.i %% %(noutcomes)s
         CROSS JOIN LATERAL (
               SELECT CASE WHEN x.day >= (now() at time zone 'UTC')::date THEN 'planned'
                           WHEN x.i %% 20 = 7 THEN 'cancelled'
                           WHEN x.i %% 20 = 13 THEN 'missed'
                           ELSE 'done' END AS state) s
    """, {"per_am": CUSTOMERS_PER_AM, "company": company.id, "visits": sizes["visits"],
          "ams": sizes["account_managers"], "per_am_visits": VISITS_PER_AM,
          "purposes": purposes.ids, "npurposes": len(purposes), "outcomes": outcomes.ids,
          "noutcomes": len(outcomes), "factors": json.dumps(factors)})


@register("complaints", ["account_manager_process"])
def generate_claims(env, sizes):
    """100 closed complaints per account manager over the last year."""
    cr = env.cr
    company = env.ref("base.main_company")
    policy = env.ref("account_manager_process.sla_policy_default")
    settled = env.ref("crm_claim.stage_claim2")
    cr.execute("SELECT id FROM crm_team ORDER BY id LIMIT 1")
    team = cr.fetchone()
    cr.execute("""
        INSERT INTO crm_claim (name, active, date, priority, user_id, team_id, company_id,
                               partner_id, stage_id, am_channel, am_employee_id,
                               am_department_id, am_sla_policy_id, am_ack_deadline,
                               am_resolve_deadline, am_acknowledged_date, am_closed_date,
                               date_closed, am_is_closed, am_sla_status,
                               am_resolved_within_sla, am_breach_rate, am_resolution_hours,
                               am_escalation_level, am_satisfaction, am_satisfaction_score,
                               am_reopen_count, create_uid, create_date, write_uid,
                               write_date)
        SELECT 'Bench complaint ' || lpad(x.n::text, 6, '0'), true, x.received, '1',
               am.user_id, %(team)s, %(company)s,
               am.first_customer_id + (x.i %% %(per_am)s), %(stage)s,
               (ARRAY['visit', 'phone', 'letter', 'email', 'walk_in'])[1 + x.n %% 5],
               am.employee_id, am.department_id, %(policy)s,
               x.received + %(ack)s * interval '1 hour',
               x.received + %(resolve)s * interval '1 hour',
               x.received + interval '1 hour', x.closed, x.closed, true,
               CASE WHEN x.closed > x.received + %(resolve)s * interval '1 hour'
                    THEN 'breached' ELSE 'on_time' END,
               x.closed <= x.received + %(resolve)s * interval '1 hour',
               CASE WHEN x.closed > x.received + %(resolve)s * interval '1 hour'
                    THEN 100.0 ELSE 0.0 END,
               round(extract(epoch FROM x.closed - x.received)::numeric / 3600, 2),
               0, ((x.n %% 6))::varchar, x.n %% 6, 0,
               am.user_id, x.received, am.user_id, x.closed
          FROM generate_series(0, %(claims)s - 1) g(n)
         CROSS JOIN LATERAL (
               SELECT g.n AS n, g.n / %(ams)s AS i, g.n %% %(ams)s AS k,
                      date_trunc('hour', now() at time zone 'UTC') - interval '2 days'
                      - ((g.n / %(ams)s) * 87 %% 8760) * interval '1 hour' AS received) x1
         CROSS JOIN LATERAL (
               SELECT x1.*, x1.received + (1 + x1.n %% 90) * interval '1 hour' AS closed) x
          JOIN bench_am am ON am.k = x.k
    """, {"team": team and team[0], "company": company.id, "per_am": CUSTOMERS_PER_AM,
          "stage": settled.id, "policy": policy.id, "ack": policy.acknowledge_hours,
          "resolve": policy.resolve_hours, "claims": sizes["claims"],
          "ams": sizes["account_managers"]})


# -- training (account_manager_training) ------------------------------------
TRAINING_PER_AM = 50
# (name, online?, category index, hours, certificate validity in months)
BENCH_COURSES = [("Bench course %02d" % i, i % 3 != 2, i % 3, 1.0 + i % 4,
                  (0, 12, 24)[i % 3]) for i in range(20)]


# the account managers of "people and teams" (bench_am) are the trainees
@register("training records", ["account_manager_process", "account_manager_training"])
def generate_training(env, sizes):
    """20 courses in 3 categories, 2 job positions (the account managers
    alternate), 50 training records per account manager over three years
    (70 % passed, then failed, absent, registered, in progress) and 4
    qualification rules; the statuses are computed once by the addon."""
    cr = env.cr
    sudo = env(user=1)
    categories = [sudo["am.training.category"].create({"name": "Bench category %s" % i})
                  for i in range(3)]
    courses = [sudo["am.training.course"].with_context(tracking_disable=True).create({
        "name": name, "course_type": "online" if online else "offline",
        "category_id": categories[categ].id, "hours": hours,
        "certificate_validity_months": months})
        for name, online, categ, hours, months in BENCH_COURSES]
    jobs = [sudo["hr.job"].create({"name": "Bench job %s" % i}) for i in range(2)]
    cr.execute("""
        UPDATE hr_employee e SET job_id = (%s::int[])[1 + am.k %% 2]
          FROM bench_am am WHERE am.employee_id = e.id
    """, ([j.id for j in jobs],))
    cr.execute("""
        INSERT INTO am_training_record (employee_id, user_id, department_id, job_id,
                                        course_id, course_type, category_id, state, score,
                                        attempts, hours, date_completed, is_late, left_early,
                                        certificate_expiry, pass_rate, create_uid,
                                        create_date, write_uid, write_date)
        SELECT am.employee_id, am.user_id, am.department_id, e.job_id, c.id, c.course_type,
               c.category_id, x.state,
               CASE x.state WHEN 'passed' THEN 80 + x.n %% 20 WHEN 'failed' THEN 40
                    ELSE 0 END,
               CASE WHEN x.state IN ('passed', 'failed') AND c.course_type = 'online'
                    THEN 1 ELSE 0 END,
               CASE WHEN x.state = 'passed'
                         OR (x.state = 'failed' AND c.course_type = 'offline')
                    THEN c.hours ELSE 0 END,
               x.done,
               c.course_type = 'offline' AND x.done IS NOT NULL AND x.n %% 17 = 0,
               c.course_type = 'offline' AND x.done IS NOT NULL AND x.n %% 23 = 0,
               CASE WHEN x.state = 'passed' AND c.certificate_validity_months > 0
                    THEN (x.done + c.certificate_validity_months * interval '1 month')::date
                    END,
               CASE WHEN x.state = 'passed' THEN 100 ELSE 0 END,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM generate_series(0, %(records)s - 1) g(n)
         CROSS JOIN LATERAL (
               SELECT g.n AS n, g.n %% %(ams)s AS k, (g.n / %(ams)s + g.n) %% 20 AS course,
                      CASE WHEN g.n %% 20 < 14 THEN 'passed' WHEN g.n %% 20 < 17 THEN 'failed'
                           WHEN g.n %% 20 = 17 THEN 'absent' WHEN g.n %% 20 = 18
                           THEN 'registered' ELSE 'in_progress' END AS state) x0
         CROSS JOIN LATERAL (
               SELECT x0.*, CASE WHEN x0.state IN ('passed', 'failed', 'absent')
                                 THEN (now() at time zone 'UTC')::date - (x0.n * 37) %% 1100
                                 END AS done) x
          JOIN bench_am am ON am.k = x.k
          JOIN hr_employee e ON e.id = am.employee_id
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS r, * FROM am_training_course
                 WHERE id = ANY(%(courses)s)) c ON c.r = x.course
    """, {"records": sizes["account_managers"] * TRAINING_PER_AM,
          "ams": sizes["account_managers"], "courses": [c.id for c in courses]})
    Rule = sudo["am.qualification.rule"].with_context(tracking_disable=True)
    Rule.create({"name": "Bench online qualification", "category_id": categories[0].id,
                 "course_type": "online", "min_courses": 3, "period_months": 12})
    Rule.create({"name": "Bench five courses and the exam", "min_courses": 5,
                 "period_months": 24, "required_course_ids": [(6, 0, [courses[1].id])]})
    Rule.create({"name": "Bench certificates", "min_courses": 0,
                 "required_course_ids": [(6, 0, [courses[4].id, courses[7].id])]})
    Rule.create({"name": "Bench senior sessions", "category_id": categories[2].id,
                 "course_type": "offline", "min_courses": 2, "period_months": 0,
                 "job_ids": [(6, 0, [jobs[1].id])]})
    cr.execute("ANALYZE am_training_record")
    sudo["am.employee.qualification"]._recompute_all()


# -- assessments for the XLSX export (account_manager_assessment) -----------
# the rules of the 10-rule schemes: (metric code, direction, target,
# penalty per unit, rule type); the scored ones share the weight 100
TEN_RULES = [
    ("visits_done", "at_least", 60, 10, "score"),
    ("visits_new_customer", "at_least", 15, 10, "score"),
    ("visits_return_on_time", "at_least", 5, 20, "score"),
    ("customers_registered", "at_least", 2, 50, "score"),
    ("claims_within_sla", "at_least", 4, 20, "score"),
    ("training_hours", "at_least", 3, 10, "score"),
    ("courses_passed", "at_least", 1, 50, "score"),
    ("training_lateness", "at_most", 1, 30, "score"),
    ("opportunities_won", "at_least", 1, 0, "score"),
    ("won_revenue", "at_least", 0, 0, "reward"),
]
ONE_RULE = [("visits_done", "at_least", 60, 10, "score")]


def rule_values(env, rules):
    """One2many commands of a scheme's rules (scored weights sum to 100)."""
    scored = [r for r in rules if r[4] == "score"]
    weights = [100 // len(scored)] * len(scored)
    weights[0] += 100 - sum(weights)
    commands, index = [], 0
    for sequence, (code, direction, target, per_unit, kind) in enumerate(rules):
        values = {"metric_id": env.ref("account_manager_assessment.metric_%s" % code).id,
                  "sequence": sequence, "direction": direction, "target": target,
                  "penalty_per_unit": per_unit, "penalty_cap": per_unit * 20,
                  "rule_type": kind, "weight": 0}
        if kind == "score":
            values["weight"] = weights[index]
            index += 1
        else:
            values.update(reward_mode="achieved", reward_per_unit=0.01)
        commands.append((0, 0, values))
    return commands


def last_month():
    today = date.today()
    stop = today.replace(day=1) - timedelta(days=1)
    return stop.replace(day=1), stop


@register("assessments to export", ["account_manager_assessment"])
def generate_export(env, sizes):
    """The last month assessed with the 10 rules for the account managers
    (scheme "Bench export 1x"), and for them and 9 times as many archived
    employees (scheme "Bench export 10x"): what the XLSX export reads."""
    cr = env.cr
    sudo = env(user=1)
    company = env.ref("base.main_company")
    extra = sizes["account_managers"] * 9
    dept = sudo["hr.department"].create({"name": "Bench archived staff"})
    cr.execute("""
        WITH r AS (
            INSERT INTO resource_resource (name, active, company_id, resource_type,
                                           time_efficiency, calendar_id, create_uid,
                                           create_date, write_uid, write_date)
            SELECT 'Bench former ' || lpad(n::text, 5, '0'), false, %s, 'user', 100, %s,
                   1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM generate_series(0, %s - 1) n
         RETURNING id, name)
        INSERT INTO hr_employee (resource_id, name, active, gender, marital, department_id,
                                 color, company_id, create_uid, create_date, write_uid,
                                 write_date)
        SELECT id, name, false, 'female', 'single', %s, 0, %s,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC' FROM r
    """, (company.id, company.resource_calendar_id.id, extra, dept.id, company.id))
    cr.execute("SELECT employee_id FROM bench_am ORDER BY k")
    ams = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM hr_employee WHERE department_id = %s ORDER BY id", (dept.id,))
    former = [row[0] for row in cr.fetchall()]
    start, stop = last_month()
    Scheme = sudo["am.assessment.scheme"].with_context(tracking_disable=True)
    Employee = sudo["hr.employee"].with_context(active_test=False)
    for label, employees in (("1x", ams), ("10x", ams + former)):
        scheme = Scheme.create({"name": "Bench export %s" % label, "period": "monthly",
                                "employee_ids": [(6, 0, employees[:1])],
                                "rule_ids": rule_values(env, TEN_RULES)})
        Assessment = sudo["am.assessment"]
        new_ids = Assessment._insert_missing(scheme, Employee.browse(employees), start, stop)
        Assessment.browse(new_ids)._compute_figures(evaluate_metrics=True)
    cr.execute("ANALYZE am_assessment; ANALYZE am_assessment_line")


def derive(env):
    """Figures the addons derive from the generated rows, with their own
    set-based methods (what an installation would run after an import)."""
    partner_model = env["res.partner"]
    _timed("visit statistics (res.partner)", partner_model._am_recompute_visit_stats)
    employee_model = env["hr.employee"]
    if hasattr(employee_model, "_am_refresh_leader_users"):
        _timed("team leaders stored on the records", employee_model._am_refresh_leader_users)


def missing(have, installed):
    """Names of the generators of the installed addons not run yet."""
    done = set((have or {}).get("generated", ()))
    return [g["name"] for g in GENERATORS
            if g["modules"] <= installed and not g["todo"] and g["name"] not in done]


def generate(env, sizes, installed, have=None):
    """Generate what the installed addons need and ``have`` (the population
    already generated, if any) lacks; commit; return the sizes."""
    cr = env.cr
    todo = missing(have, installed)
    if have:
        sizes = have
        print("adding to the population (scale %s): %s" % (sizes["scale"], ", ".join(todo)),
              flush=True)
    else:
        print("generating the population (scale %s): %s account managers, %s customers, "
              "%s visits, %s complaints" % (sizes["scale"], sizes["account_managers"],
                                            sizes["customers"], sizes["visits"],
                                            sizes["claims"]), flush=True)
    start = time.perf_counter()
    done = list((have or {}).get("generated", ()))
    for generator in GENERATORS:
        if generator["name"] not in todo:
            continue
        _timed(generator["name"], generator["func"], env, sizes)
        done.append(generator["name"])
    env.clear()
    if not have:
        derive(env)
    for table in ("res_partner", "res_users", "hr_employee", "hr_department", "am_visit",
                  "crm_claim", "resource_resource", "res_groups_users_rel"):
        cr.execute("ANALYZE %s" % table)
    sizes = dict(sizes, generated=done)
    cr.execute("DELETE FROM ir_config_parameter WHERE key = %s", (MARK_KEY,))
    cr.execute("INSERT INTO ir_config_parameter (key, value, create_uid, create_date, "
               "write_uid, write_date) VALUES (%s, %s, 1, now(), 1, now())",
               (MARK_KEY, json.dumps(sizes)))
    cr.commit()
    env.clear()
    env.registry.clear_caches()
    print("population ready in %.0f s" % (time.perf_counter() - start), flush=True)
    return sizes
