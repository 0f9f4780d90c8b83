# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenarios of account_manager_assessment: the assessment of one month (1
and 10 rules) against its bare-SQL floor and against Odoo's gamification
computing the same goals (challenge start and batch update), and the XLSX
export of one period."""
import io
import zipfile
from datetime import datetime
from xml.etree import ElementTree

import population
from harness import Scenario, scenario

from odoo import SUPERUSER_ID, api

BENCH_TZ = population.BENCH_TZ


def _sudo(env):
    return api.Environment(env.cr, SUPERUSER_ID, {"lang": "en_US", "tz": BENCH_TZ,
                                                  "tracking_disable": True})


def _utc_bounds(start, stop):
    """[low, high) in UTC of the local days start..stop in BENCH_TZ."""
    from odoo.addons.account_manager_process.models import am_rules
    low, high = am_rules.utc_bounds(start, stop, BENCH_TZ)
    return str(low), str(high)


# the floor of each metric of the benchmark's rules: (employee id, value),
# written by hand from the metric's definition (the bench's users are all in
# BENCH_TZ: the local days are one UTC range)
_BY_USER = """JOIN resource_resource r ON r.user_id = t.{user}
              JOIN hr_employee e ON e.resource_id = r.id AND e.id = ANY(%(employees)s)"""
FLOOR_METRICS = {
    "visits_done": """
        SELECT t.employee_id, count(*) FROM am_visit t
         WHERE t.state = 'done' AND t.visit_date BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s)
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "visits_new_customer": """
        SELECT t.employee_id, count(*) FROM am_visit t
         WHERE t.state = 'done' AND t.visit_type = 'new_customer'
           AND t.visit_date BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s)
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "visits_return_on_time": """
        SELECT t.employee_id, count(*) FROM am_visit t
         WHERE t.state = 'done' AND t.visit_type = 'return' AND t.is_return_on_time
           AND t.visit_date BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s)
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "customers_registered": """
        SELECT e.id, count(*) FROM res_partner t """ + _BY_USER.format(user="am_user_id") + """
         WHERE t.active AND t.am_registration_date >= %(low)s
           AND t.am_registration_date < %(high)s
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "claims_within_sla": """
        SELECT e.id, count(*) FROM crm_claim t """ + _BY_USER.format(user="user_id") + """
         WHERE t.active AND t.am_resolved_within_sla AND t.am_closed_date >= %(low)s
           AND t.am_closed_date < %(high)s
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "training_hours": """
        SELECT t.employee_id, coalesce(sum(t.hours), 0) FROM am_training_record t
         WHERE t.date_completed BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s) GROUP BY 1""",
    "courses_passed": """
        SELECT t.employee_id, count(*) FROM am_training_record t
         WHERE t.state = 'passed' AND t.date_completed BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s) GROUP BY 1""",
    "training_lateness": """
        SELECT t.employee_id, count(*) FROM am_training_record t
         WHERE (t.is_late OR t.left_early) AND t.date_completed BETWEEN %(start)s AND %(stop)s
           AND t.employee_id = ANY(%(employees)s) GROUP BY 1""",
    "opportunities_won": """
        SELECT e.id, count(*) FROM crm_lead t """ + _BY_USER.format(user="user_id") + """
         WHERE t.active AND t.type = 'opportunity' AND t.probability = 100
           AND t.date_closed >= %(low)s AND t.date_closed < %(high)s
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
    "won_revenue": """
        SELECT e.id, coalesce(sum(t.planned_revenue), 0) FROM crm_lead t """
                   + _BY_USER.format(user="user_id") + """
         WHERE t.active AND t.type = 'opportunity' AND t.probability = 100
           AND t.date_closed >= %(low)s AND t.date_closed < %(high)s
           AND (t.company_id IS NULL OR t.company_id = %(company)s) GROUP BY 1""",
}


class _Assessment(Scenario):
    modules = ("account_manager_assessment", "gamification")
    group = "assessment"
    rules = None
    writes = ("am_assessment", "am_assessment_line", "gamification_goal",
              "gamification_challenge", "gamification_goal_definition",
              "gamification_challenge_line", "am_assessment_scheme", "am_assessment_rule",
              "gamification_challenge_res_users_rel", "mail_message", "mail_followers")

    # -- setups --------------------------------------------------------------
    def setup(self, env):
        env = _sudo(env)
        cr = env.cr
        start, stop = population.last_month()
        cr.execute("SELECT id FROM hr_department WHERE name LIKE 'Bench division %%'")
        divisions = [row[0] for row in cr.fetchall()]
        scheme = env["am.assessment.scheme"].create({
            "name": "Bench assessment %s" % len(self.rules), "period": "monthly",
            "department_ids": [(6, 0, divisions)],
            "rule_ids": population.rule_values(env, self.rules)})
        cr.execute("SELECT employee_id, user_id FROM bench_am ORDER BY k")
        rows = cr.fetchall()
        low, high = _utc_bounds(start, stop)
        rules = [{"id": rule.id, "sequence": rule.sequence, "code": rule.metric_id.builtin_code,
                  "name": rule.name or rule.metric_id.name, "rule_type": rule.rule_type,
                  "direction": rule.direction, "target": rule.target, "weight": rule.weight,
                  "score_cap": rule.score_cap, "penalty_per_unit": rule.penalty_per_unit,
                  "penalty_cap": rule.penalty_cap, "reward_mode": rule.reward_mode,
                  "reward_per_unit": rule.reward_per_unit, "reward_cap": rule.reward_cap}
                 for rule in scheme.rule_ids]
        return {"scheme": scheme.id, "name": "%s %s" % (scheme.name, start),
                "start": str(start), "stop": str(stop), "low": low, "high": high,
                "employees": [r[0] for r in rows], "users": [r[1] for r in rows],
                "company": env.ref("base.main_company").id, "rules": rules,
                "threshold": scheme.pass_threshold, "uid": SUPERUSER_ID}

    def _setup_generated(self, env):
        ctx = self.setup(env)
        ctx["ids"] = self._generate(env, ctx).ids
        return ctx

    def _setup_challenge(self, env):
        """gamification: one goal definition per rule (count or sum of the
        same records, batch mode on the records' user), one challenge of the
        month for the account managers' users, in draft."""
        ctx = self.setup(env)
        env = _sudo(env)
        from odoo.addons.account_manager_assessment.models.am_assessment_metric import (
            BUILTIN_METRICS,
        )
        lines = []
        ctx["definitions"] = {}
        for rule in ctx["rules"]:
            spec = BUILTIN_METRICS[rule["code"]]
            model = env[spec["model"]]
            user_field = spec["employee_field"]
            if model._fields[user_field].comodel_name == "hr.employee":
                user_field = "user_id"
            field = env["ir.model.fields"]._get
            values = {
                "name": "Bench %s" % rule["code"], "computation_mode": spec["aggregate"],
                "model_id": env["ir.model"]._get(spec["model"]).id,
                "domain": repr(spec["domain"]),
                "field_date_id": field(spec["model"], spec["date_field"]).id,
                "batch_mode": True,
                "batch_distinctive_field": field(spec["model"], user_field).id,
                "batch_user_expression": "user.id",
                "condition": "lower" if rule["direction"] == "at_most" else "higher"}
            if spec["aggregate"] == "sum":
                # gamification sums goal by goal (batch mode counts only):
                # the user is in the domain
                values["field_id"] = field(spec["model"], spec["value_field"]).id
                values["domain"] = "%r + [(%r, '=', user.id)]" % (
                    list(spec["domain"]), user_field)
            definition = env["gamification.goal.definition"].create(values)
            ctx["definitions"][definition.id] = rule
            lines.append((0, 0, {"definition_id": definition.id,
                                 "target_goal": rule["target"]}))
        challenge = env["gamification.challenge"].create({
            "name": "Bench challenge", "period": "once", "start_date": ctx["start"],
            "end_date": ctx["stop"], "user_ids": [(6, 0, ctx["users"])],
            "visibility_mode": "personal", "report_message_frequency": "never",
            "line_ids": lines})
        ctx["challenge"] = challenge.id
        return ctx

    def _setup_started(self, env):
        ctx = self._setup_challenge(env)
        _sudo(env)["gamification.challenge"].browse(ctx["challenge"]).write(
            {"state": "inprogress"})
        cr = env.cr
        cr.execute("SELECT id FROM gamification_goal WHERE challenge_id = %s",
                   (ctx["challenge"],))
        ctx["goals"] = [row[0] for row in cr.fetchall()]
        return ctx

    # -- contenders ----------------------------------------------------------
    def _generate(self, env, ctx):
        scheme = _sudo(env)["am.assessment.scheme"].browse(ctx["scheme"])
        return scheme._generate_period(ctx["start"], ctx["stop"])

    def project(self, env, ctx):
        return self._generate(env, ctx)

    def _recompute(self, env, ctx):
        _sudo(env)["am.assessment"].browse(ctx["ids"])._compute_figures(
            evaluate_metrics=True)

    def _gamification_start(self, env, ctx):
        _sudo(env)["gamification.challenge"].browse(ctx["challenge"]).write(
            {"state": "inprogress"})

    def _gamification_update(self, env, ctx):
        _sudo(env)["gamification.goal"].browse(ctx["goals"]).update_goal()

    def references(self):
        return [("recompute", self._recompute, self._setup_generated),
                ("gamification start", self._gamification_start, self._setup_challenge),
                ("gamification update", self._gamification_update, self._setup_started)]

    def floor(self, env, ctx):
        cr = env.cr
        values = " UNION ALL ".join(
            "SELECT %d AS rule_id, m.* FROM (%s) m" % (rule["id"], FLOOR_METRICS[rule["code"]])
            for rule in ctx["rules"])
        rules = " UNION ALL ".join(
            cr.mogrify("SELECT %(id)s::int, %(sequence)s::int, %(name)s::varchar, "
                       "%(rule_type)s::varchar, "
                       "%(direction)s::varchar, %(target)s::float, %(weight)s::float, "
                       "%(score_cap)s::float, %(penalty_per_unit)s::float, "
                       "%(penalty_cap)s::float, %(reward_mode)s::varchar, "
                       "%(reward_per_unit)s::float, %(reward_cap)s::float", rule).decode()
            for rule in ctx["rules"])
        cr.execute("""
            WITH emp AS (
                SELECT e.id AS employee_id, r.user_id, e.department_id, e.job_id
                  FROM hr_employee e JOIN resource_resource r ON r.id = e.resource_id
                 WHERE e.id = ANY(%(employees)s)),
            rule (id, seq, name, rule_type, direction, target, weight, score_cap, ppu, pcap,
                  reward_mode, rpu, rcap) AS (""" + rules + """),
            v (rule_id, employee_id, value) AS (""" + values + """),
            l0 AS (
                SELECT emp.employee_id, rule.*, coalesce(v.value, 0)::float AS actual
                  FROM emp CROSS JOIN rule
                  LEFT JOIN v ON v.rule_id = rule.id AND v.employee_id = emp.employee_id),
            l1 AS (
                SELECT l0.*,
                       CASE WHEN rule_type != 'score' THEN 0
                            WHEN direction = 'at_most' THEN
                                CASE WHEN actual <= target THEN 100
                                     WHEN target <= 0 THEN 0 ELSE target * 100 / actual END
                            WHEN target <= 0 THEN 100
                            ELSE greatest(actual, 0) * 100 / target END AS achievement,
                       CASE WHEN rule_type != 'score' THEN 0
                            WHEN direction = 'at_most' THEN greatest(actual - target, 0)
                            ELSE greatest(target - actual, 0) END AS shortfall,
                       CASE WHEN rule_type != 'score' THEN 0
                            WHEN direction = 'at_most' THEN greatest(target - actual, 0)
                            ELSE greatest(actual - target, 0) END AS surplus
                  FROM l0),
            l2 AS (
                SELECT l1.*,
                       CASE WHEN rule_type = 'score' THEN greatest(0, least(achievement,
                            CASE WHEN score_cap > 0 THEN score_cap ELSE 100 END))
                            ELSE 0 END AS score,
                       CASE WHEN pcap > 0 THEN least(shortfall * greatest(ppu, 0), pcap)
                            ELSE shortfall * greatest(ppu, 0) END AS penalty,
                       CASE WHEN reward_mode NOT IN ('surplus', 'achieved') THEN 0
                            WHEN rcap > 0 THEN least(greatest(CASE reward_mode WHEN 'surplus'
                                 THEN surplus ELSE actual END, 0) * greatest(rpu, 0), rcap)
                            ELSE greatest(CASE reward_mode WHEN 'surplus' THEN surplus
                                 ELSE actual END, 0) * greatest(rpu, 0) END AS reward
                  FROM l1),
            total AS (
                SELECT employee_id,
                       coalesce(sum(score * weight) FILTER (WHERE rule_type = 'score')
                                / nullif(sum(weight) FILTER (WHERE rule_type = 'score'), 0),
                                0) AS results,
                       sum(penalty) AS penalty, sum(reward) AS reward
                  FROM l2 GROUP BY 1),
            ranked AS (
                SELECT total.*, round(results::numeric, 6)
                       >= round(%(threshold)s::numeric, 6) AS passed,
                       rank() OVER (ORDER BY results DESC) AS rank
                  FROM total),
            a AS (
                INSERT INTO am_assessment (name, scheme_id, period, date_from, date_to,
                    employee_id, user_id, department_id, job_id, company_id, state,
                    results_score, process_score, total_score, penalty_total, reward_total,
                    passed, rank, consecutive_failures, flagged_for_review, review_notified,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(name)s, %(scheme)s, 'monthly', %(start)s, %(stop)s, emp.employee_id,
                       emp.user_id, emp.department_id, emp.job_id, %(company)s, 'draft',
                       x.results, 0, x.results, x.penalty, x.reward, x.passed, x.rank,
                       CASE WHEN x.passed THEN 0 ELSE 1 END, false, false,
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM emp JOIN ranked x ON x.employee_id = emp.employee_id
             RETURNING id, employee_id, department_id, company_id)
            INSERT INTO am_assessment_line (assessment_id, rule_id, name, rule_type,
                direction, target, weight, actual, achievement, score, shortfall, surplus,
                penalty, reward, employee_id, scheme_id, date_from, department_id,
                company_id, create_uid, create_date, write_uid, write_date)
            SELECT a.id, l2.id, l2.name, rule_type, direction, target, weight, actual,
                   achievement, score, shortfall, surplus, penalty, reward, a.employee_id,
                   %(scheme)s, %(start)s, a.department_id, a.company_id, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM l2 JOIN a ON a.employee_id = l2.employee_id
          ORDER BY a.id, l2.seq
        """, ctx)

    # -- results -------------------------------------------------------------
    def _state(self, env, ctx):
        cr = env.cr
        cr.execute("""
            SELECT l.assessment_id, l.name, round(l.actual::numeric, 4),
                   round(l.achievement::numeric, 4), round(l.score::numeric, 4),
                   round(l.shortfall::numeric, 4), round(l.surplus::numeric, 4),
                   round(l.penalty::numeric, 4), round(l.reward::numeric, 4), l.rule_type,
                   l.direction, l.target, l.weight, l.employee_id, l.department_id,
                   l.date_from::varchar, l.scheme_id = a.scheme_id, l.company_id
              FROM am_assessment_line l JOIN am_assessment a ON a.id = l.assessment_id
             WHERE a.scheme_id = %(scheme)s ORDER BY l.assessment_id, l.id
        """, ctx)
        lines = {}
        for row in cr.fetchall():
            lines.setdefault(row[0], []).append(row[1:])
        cr.execute("""
            SELECT a.employee_id, a.id, a.name, a.user_id, a.department_id, a.state,
                   round(a.total_score::numeric, 4), round(a.results_score::numeric, 4),
                   a.passed, a.rank, round(a.penalty_total::numeric, 4),
                   round(a.reward_total::numeric, 4), a.consecutive_failures,
                   a.flagged_for_review
              FROM am_assessment a WHERE a.scheme_id = %(scheme)s
        """, ctx)
        return {row[0]: row[2:] + (tuple(lines.get(row[1], ())),) for row in cr.fetchall()}

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)

    def reference_problem(self, label, env, ctx, value, project_result):
        """gamification's goals hold the same values as the assessment's
        lines (for the metrics on a date: on a datetime gamification counts
        UTC days, the assessment the employee's local days)."""
        if not label.startswith("gamification"):
            return ""
        from odoo.addons.account_manager_assessment.models.am_assessment_metric import (
            BUILTIN_METRICS,
        )
        cr = env.cr
        cr.execute("""
            SELECT am.employee_id, g.definition_id, g.current
              FROM gamification_goal g JOIN bench_am am ON am.user_id = g.user_id
             WHERE g.challenge_id = %s""", (ctx["challenge"],))
        goals = {}
        for employee_id, definition_id, current in cr.fetchall():
            rule = ctx["definitions"][definition_id]
            spec = BUILTIN_METRICS[rule["code"]]
            if env[spec["model"]]._fields[spec["date_field"]].type != "date":
                continue
            goals[(employee_id, rule["name"])] = round(current, 4)
        ours = {}
        for employee_id, row in project_result.items():
            for line in row[-1]:
                if (employee_id, line[0]) in goals:
                    ours[(employee_id, line[0])] = round(float(line[1]), 4)
        if len(goals) != len(ours):
            return "gamification computed %s goals of the date metrics, the assessment %s" % (
                len(goals), len(ours))
        # gamification starts a goal one unit short of its target "to compute
        # it at least once", and its batch mode leaves the users without any
        # record there: those goals are not compared
        initial = {rule["name"]: round(rule["target"] + (1 if rule["direction"] == "at_most"
                                                         else -1), 4)
                   for rule in ctx["rules"]}
        bad = [k for k in goals if goals[k] != ours.get(k)
               and not (ours.get(k) == 0 and goals[k] == initial[k[1]])]
        return "%s of %s goal values differ from the assessment (e.g. %s)" % (
            len(bad), len(goals), bad[:2]) if bad else ""


@scenario
class AssessmentOneRule(_Assessment):
    name = "assessment_1_rule"
    title = "assessment of one month, 1 rule"
    rules = population.ONE_RULE


@scenario
class AssessmentTenRules(_Assessment):
    name = "assessment_10_rules"
    title = "assessment of one month, 10 rules"
    rules = population.TEN_RULES


# ---------------------------------------------------------------------------
# XLSX export of one period
# ---------------------------------------------------------------------------
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_workbook(content):
    """{(sheet, row): (cell values)} of a workbook: numbers as floats rounded
    to 6 digits, strings (inline or shared) as text."""
    book = zipfile.ZipFile(io.BytesIO(content))
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(NS + "t"))
                  for si in root.findall(NS + "si")]
    cells = {}
    for index in (1, 2):
        with book.open("xl/worksheets/sheet%s.xml" % index) as handle:
            for __, elem in ElementTree.iterparse(handle):
                if elem.tag != NS + "row":
                    continue
                values = []
                for cell in elem.findall(NS + "c"):
                    kind = cell.get("t")
                    if kind == "inlineStr":
                        value = "".join(t.text or "" for t in cell.iter(NS + "t"))
                    elif kind == "s":
                        value = shared[int(cell.find(NS + "v").text)]
                    elif cell.find(NS + "v") is not None:
                        value = round(float(cell.find(NS + "v").text), 6)
                    else:
                        value = None
                    values.append(value)
                cells[(index, int(elem.get("r")))] = tuple(values)
                elem.clear()
    return cells


SUMMARY_HEADERS = ["Employee", "Department", "Scheme", "From", "To", "Results", "Process",
                   "Score", "Rank", "Passed", "Penalties", "Rewards",
                   "Failed periods in a row", "Flagged for HR review", "Status"]
DETAIL_HEADERS = ["Employee", "Scheme", "From", "Rule", "Target", "Actual",
                  "Achievement (%)", "Weight", "Score", "Shortfall", "Penalty", "Reward"]
STATES = {"draft": "Draft", "submitted": "Submitted", "confirmed": "Confirmed",
          "approved": "Approved"}


class _Xlsx(Scenario):
    modules = ("account_manager_assessment",)
    group = "assessment"
    scheme = None
    memory = True

    def __init__(self, sizes):
        super().__init__(sizes)
        employees = sizes.get("account_managers", 0) * (10 if self.scheme == "10x" else 1)
        self.title = self.title % "{:,}".format(employees)

    def skip_reason(self):
        if "assessments to export" not in self.sizes.get("generated", ()):
            return "the population has no assessments to export"
        return None

    def setup(self, env):
        cr = env.cr
        start, __ = population.last_month()
        cr.execute("""SELECT a.id FROM am_assessment a JOIN am_assessment_scheme s
                        ON s.id = a.scheme_id
                       WHERE s.name = %s AND a.date_from = %s ORDER BY a.id""",
                   ("Bench export %s" % self.scheme, str(start)))
        ids = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id FROM res_users WHERE login = 'bench_admin_0'")
        return {"ids": ids, "uid": cr.fetchone()[0]}

    def project(self, env, ctx):
        user_env = api.Environment(env.cr, ctx["uid"], {"lang": "en_US", "tz": BENCH_TZ})
        report = user_env["ir.actions.report"]._get_report_from_name(
            "account_manager_assessment.assessment_xlsx")
        content, __ = report.render(ctx["ids"])
        return content

    def floor(self, env, ctx):
        """The same rows read with two queries, written with xlsxwriter in
        constant_memory mode."""
        import xlsxwriter
        cr = env.cr
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"constant_memory": True})
        fmt = {
            "text": book.add_format({"border": 1}),
            "header": book.add_format({"border": 1, "bold": True}),
            "date": book.add_format({"border": 1, "num_format": "yyyy-mm-dd"}),
            "num": book.add_format({"border": 1, "num_format": "0.00"}),
            "int": book.add_format({"border": 1, "num_format": "0"}),
        }

        def table(sheet, title, headers):
            sheet.write_string(0, 0, title)
            for col, header in enumerate(headers):
                sheet.write_string(2, col, header, fmt["header"])

        def date_cell(value):
            return datetime.strptime(value, "%Y-%m-%d") if isinstance(value, str) else \
                datetime(value.year, value.month, value.day)

        summary = book.add_worksheet("Summary")
        table(summary, "Assessments", SUMMARY_HEADERS)
        cr.execute("""
            SELECT e.name, coalesce(d.complete_name, ''), s.name, a.date_from, a.date_to,
                   coalesce(a.results_score, 0), coalesce(a.process_score, 0),
                   coalesce(a.total_score, 0), coalesce(a.rank, 0), a.passed,
                   coalesce(a.penalty_total, 0), coalesce(a.reward_total, 0),
                   coalesce(a.consecutive_failures, 0), a.flagged_for_review, a.state, a.id
              FROM am_assessment a
              JOIN hr_employee e ON e.id = a.employee_id
              JOIN am_assessment_scheme s ON s.id = a.scheme_id
              LEFT JOIN hr_department d ON d.id = a.department_id
             WHERE a.id = ANY(%s)
          ORDER BY s.name, a.date_from, coalesce(a.rank, 0), a.id
        """, (ctx["ids"],))
        order = []
        row_index = 3
        while True:
            rows = cr.fetchmany(2000)
            if not rows:
                break
            for row in rows:
                order.append(row[15])
                summary.write_string(row_index, 0, row[0] or "", fmt["text"])
                summary.write_string(row_index, 1, row[1], fmt["text"])
                summary.write_string(row_index, 2, row[2], fmt["text"])
                summary.write_datetime(row_index, 3, date_cell(row[3]), fmt["date"])
                summary.write_datetime(row_index, 4, date_cell(row[4]), fmt["date"])
                for col in (5, 6, 7):
                    summary.write_number(row_index, col, round(row[col], 2), fmt["num"])
                summary.write_number(row_index, 8, row[8], fmt["int"])
                summary.write_string(row_index, 9, "Yes" if row[9] else "No", fmt["text"])
                summary.write_number(row_index, 10, round(row[10], 2), fmt["num"])
                summary.write_number(row_index, 11, round(row[11], 2), fmt["num"])
                summary.write_number(row_index, 12, row[12], fmt["int"])
                summary.write_string(row_index, 13, "Yes" if row[13] else "No", fmt["text"])
                summary.write_string(row_index, 14, STATES[row[14]], fmt["text"])
                row_index += 1
        summary.autofilter(2, 0, row_index - 1, len(SUMMARY_HEADERS) - 1)
        detail = book.add_worksheet("Detail")
        table(detail, "Assessment lines", DETAIL_HEADERS)
        cr.execute("""
            SELECT e.name, s.name, a.date_from, coalesce(l.name, ''), coalesce(l.target, 0),
                   coalesce(l.actual, 0), coalesce(l.achievement, 0), coalesce(l.weight, 0),
                   coalesce(l.score, 0), coalesce(l.shortfall, 0), coalesce(l.penalty, 0),
                   coalesce(l.reward, 0)
              FROM unnest(%s::int[]) WITH ORDINALITY o(id, n)
              JOIN am_assessment a ON a.id = o.id
              JOIN am_assessment_line l ON l.assessment_id = a.id
              JOIN hr_employee e ON e.id = a.employee_id
              JOIN am_assessment_scheme s ON s.id = a.scheme_id
          ORDER BY o.n, l.id
        """, (order,))
        row_index = 3
        while True:
            rows = cr.fetchmany(2000)
            if not rows:
                break
            for row in rows:
                detail.write_string(row_index, 0, row[0] or "", fmt["text"])
                detail.write_string(row_index, 1, row[1], fmt["text"])
                detail.write_datetime(row_index, 2, date_cell(row[2]), fmt["date"])
                detail.write_string(row_index, 3, row[3], fmt["text"])
                for col in range(4, 12):
                    detail.write_number(row_index, col, round(row[col], 2), fmt["num"])
                row_index += 1
        detail.autofilter(2, 0, row_index - 1, len(DETAIL_HEADERS) - 1)
        book.close()
        return output.getvalue()

    def project_result(self, env, ctx, value):
        return read_workbook(value)

    def floor_result(self, env, ctx, value):
        return read_workbook(value)


@scenario
class XlsxSmall(_Xlsx):
    name = "xlsx_1x"
    title = "XLSX export of one period, %s employees x 10 rules"
    scheme = "1x"


@scenario
class XlsxLarge(_Xlsx):
    name = "xlsx_10x"
    title = "XLSX export of one period, %s employees x 10 rules"
    scheme = "10x"
