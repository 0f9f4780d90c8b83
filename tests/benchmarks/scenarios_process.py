# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenarios of account_manager_process, each with its bare-SQL floor."""
import re

from harness import Scenario, scenario

from odoo import SUPERUSER_ID, api

TREE_FIELDS = ["display_name", "phone", "email", "am_tier_id", "am_user_id",
               "am_registration_date", "am_last_visit_date", "am_visit_count",
               "am_next_visit_due"]


def _uid(env, login):
    env.cr.execute("SELECT id FROM res_users WHERE login = %s", (login,))
    return env.cr.fetchone()[0]


def _as(env, uid, **context):
    """The environment of ``uid`` as the web client or the cron gives it."""
    ctx = {"lang": "en_US", "tz": "Asia/Shanghai", "uid": uid}
    ctx.update(context)
    return api.Environment(env.cr, uid, ctx)


def _m2o_name(value):
    return value[1] if value else None


# -- the team leader's own visibility, computed without the addon's fields ---
LEADER_OF_EMPLOYEE = """
    SELECT mr.user_id FROM hr_employee e
      JOIN hr_department d ON d.id = e.department_id
      JOIN hr_employee m ON m.id = d.manager_id
      JOIN resource_resource mr ON mr.id = m.resource_id
     WHERE e.id = {employee}"""


# ---------------------------------------------------------------------------
# complaint escalation
# ---------------------------------------------------------------------------
class _Escalation(Scenario):
    writes = ("crm_claim", "mail_message", "mail_tracking_value", "mail_activity",
              "mail_followers", "mail_followers_mail_message_subtype_rel", "bus_bus")
    open_count = 300
    escalate_count = 26

    def skip_reason(self):
        if self.sizes.get("claims", 0) < self.open_count:
            return "needs %s complaints (population has %s)" % (
                self.open_count, self.sizes.get("claims", 0))
        return None

    def setup(self, env):
        cr = env.cr
        policy = env.ref("account_manager_process.sla_policy_default")
        stage = env.ref("crm_claim.stage_claim1")
        step = self.open_count // self.escalate_count
        # defaults: level 1 when the deadline passed, level 2 24 h later
        cr.execute("DELETE FROM ir_config_parameter WHERE key IN %s", ((
            "account_manager_process.escalation_level1_hours",
            "account_manager_process.escalation_level2_hours",
            "account_manager_process.sla_at_risk_percent"),))
        env.registry.clear_caches()
        cr.execute("""
            WITH pick AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS r
                  FROM crm_claim WHERE name LIKE 'Bench complaint %%'
              ORDER BY id LIMIT %(open)s),
            received AS (
                SELECT id, CASE
                    WHEN r %% %(step)s = 0 AND r / %(step)s < %(escalate)s THEN
                        date_trunc('second', now() at time zone 'UTC')
                        - (%(resolve)s + CASE WHEN (r / %(step)s) %% 3 = 2 THEN 30 ELSE 5 END)
                          * interval '1 hour'
                    ELSE date_trunc('second', now() at time zone 'UTC')
                         - (r %% 60) * interval '1 hour' - interval '10 minutes'
                    END AS at
                  FROM pick)
            UPDATE crm_claim c
               SET stage_id = %(stage)s, am_is_closed = false, am_closed_date = NULL,
                   date_closed = NULL, am_escalation_level = 0, am_acknowledged_date = NULL,
                   am_sla_status = 'on_time', am_breach_rate = 0, am_sla_recheck = NULL,
                   am_resolved_within_sla = false, am_resolution_hours = 0,
                   date = received.at,
                   am_ack_deadline = received.at + %(ack)s * interval '1 hour',
                   am_resolve_deadline = received.at + %(resolve)s * interval '1 hour'
              FROM received WHERE received.id = c.id
         RETURNING c.id
        """, {"open": self.open_count, "step": step, "escalate": self.escalate_count,
              "resolve": policy.resolve_hours, "ack": policy.acknowledge_hours,
              "stage": stage.id})
        return {"ids": sorted(r[0] for r in cr.fetchall())}

    def project(self, env, ctx):
        return _as(env, SUPERUSER_ID)["crm.claim"]._cron_am_escalate()

    def floor(self, env, ctx):
        cr = env.cr
        cr.execute("""
            UPDATE crm_claim c
               SET am_sla_status = x.status,
                   am_breach_rate = CASE WHEN x.status = 'breached' THEN 100 ELSE 0 END
              FROM (SELECT c.id,
                           CASE WHEN n.now > c.am_resolve_deadline THEN 'breached'
                                WHEN c.am_ack_deadline IS NOT NULL
                                     AND c.am_acknowledged_date IS NULL
                                     AND n.now > c.am_ack_deadline THEN 'at_risk'
                                WHEN c.am_resolve_deadline > c.date
                                     AND n.now - c.date >= (c.am_resolve_deadline - c.date) * 0.75
                                     THEN 'at_risk'
                                ELSE 'on_time' END AS status
                      FROM crm_claim c, (SELECT now() at time zone 'UTC' AS now) n
                     WHERE c.active AND c.am_is_closed IS NOT TRUE
                       AND c.am_resolve_deadline IS NOT NULL) x
             WHERE x.id = c.id AND c.am_sla_status IS DISTINCT FROM x.status
        """)
        cr.execute("""
            WITH due AS (
                SELECT c.id, c.name, c.am_escalation_level AS old_level, c.user_id,
                       CASE WHEN n.now - c.am_resolve_deadline >= interval '24 hours' THEN 2
                            ELSE 1 END AS level,
                       mr.user_id AS leader_id, pmr.user_id AS director_id
                  FROM crm_claim c, (SELECT now() at time zone 'UTC' AS now) n,
                       hr_employee e, hr_department d, hr_employee m, resource_resource mr,
                       hr_department pd, hr_employee pm, resource_resource pmr
                 WHERE c.active AND c.am_is_closed IS NOT TRUE
                   AND c.am_resolve_deadline < n.now
                   AND e.id = c.am_employee_id AND d.id = e.department_id
                   AND m.id = d.manager_id AND mr.id = m.resource_id
                   AND pd.id = d.parent_id AND pm.id = pd.manager_id
                   AND pmr.id = pm.resource_id),
            esc AS (
                UPDATE crm_claim c SET am_escalation_level = due.level
                  FROM due WHERE due.id = c.id AND due.level > due.old_level
             RETURNING c.id, c.name, c.user_id, due.level, due.old_level,
                       CASE WHEN due.level = 2 THEN due.director_id ELSE due.leader_id END
                       AS recipient),
            message AS (
                INSERT INTO mail_message (date, body, model, res_id, record_name,
                                          message_type, subtype_id, author_id, email_from,
                                          reply_to, message_id, no_auto_thread)
                SELECT now() at time zone 'UTC', '', 'crm.claim', esc.id, esc.name,
                       'notification', %(note)s, 3, 'Administrator <admin@example.com>',
                       'Administrator <admin@example.com>', md5(random()::text), false
                  FROM esc
             RETURNING id, res_id),
            tracking AS (
                INSERT INTO mail_tracking_value (field, field_desc, field_type,
                                                 old_value_integer, new_value_integer,
                                                 old_value_char, new_value_char,
                                                 mail_message_id)
                SELECT 'user_id', 'Responsible', 'many2one', esc.user_id, esc.user_id,
                       p.name, p.name, message.id
                  FROM esc JOIN message ON message.res_id = esc.id
                  JOIN res_users u ON u.id = esc.user_id
                  JOIN res_partner p ON p.id = u.partner_id
                 UNION ALL
                SELECT 'am_escalation_level', 'Escalation level', 'integer', esc.old_level,
                       esc.level, NULL, NULL, message.id
                  FROM esc JOIN message ON message.res_id = esc.id),
            t AS (SELECT esc.id, esc.name, esc.level, esc.recipient, u.partner_id
                    FROM esc JOIN res_users u ON u.id = esc.recipient),
            activity AS (
                INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                                           activity_type_id, summary, date_deadline, user_id)
                SELECT %(model_id)s, 'crm.claim', t.id, t.name, %(todo)s,
                       'Escalated complaint (level ' || t.level || '): SLA breached',
                       (now() at time zone 'Asia/Shanghai')::date, t.recipient
                  FROM t),
            follower AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT 'crm.claim', t.id, t.partner_id FROM t ON CONFLICT DO NOTHING
             RETURNING id),
            subscription AS (
                INSERT INTO mail_followers_mail_message_subtype_rel
                SELECT follower.id, s FROM follower, unnest(%(subtypes)s::int[]) s)
            INSERT INTO bus_bus (channel, message)
            SELECT '["' || current_database() || '","res.partner",' || t.partner_id || ']',
                   '{"type":"activity_updated","activity_created":true}'
              FROM t
        """, {"note": env.ref("mail.mt_note").id,
              "model_id": env["ir.model"]._get("crm.claim").id,
              "todo": env.ref("mail.mail_activity_data_todo").id,
              "subtypes": env["mail.message.subtype"].default_subtypes("crm.claim")[0].ids})

    def _state(self, env, ctx):
        env.cr.execute("""
            SELECT c.id, c.am_escalation_level, c.am_sla_status,
                   (SELECT array_agg(a.user_id ORDER BY a.id) FROM mail_activity a
                     WHERE a.res_model = 'crm.claim' AND a.res_id = c.id),
                   (SELECT array_agg(f.partner_id ORDER BY f.partner_id) FROM mail_followers f
                     WHERE f.res_model = 'crm.claim' AND f.res_id = c.id),
                   (SELECT array_agg(t.field || ':' || coalesce(t.new_value_integer, 0)
                                     ORDER BY t.field)
                      FROM mail_message m JOIN mail_tracking_value t ON t.mail_message_id = m.id
                     WHERE m.model = 'crm.claim' AND m.res_id = c.id)
              FROM crm_claim c WHERE c.id = ANY(%s)
        """, (ctx["ids"],))
        state = {row[0]: row[1:] for row in env.cr.fetchall()}
        state["escalated"] = sum(1 for row in state.values() if row[0])
        return state

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)


@scenario
class EscalationSmall(_Escalation):
    name = "escalation_300"
    title = "complaint escalation cron, 300 open / 26 to escalate"
    open_count, escalate_count = 300, 26


@scenario
class EscalationMedium(_Escalation):
    name = "escalation_3000"
    title = "complaint escalation cron, 3,000 open / 300 to escalate"
    open_count, escalate_count = 3000, 300


@scenario
class EscalationLarge(_Escalation):
    name = "escalation_30000"
    title = "complaint escalation cron, 30,000 open / 3,000 to escalate"
    open_count, escalate_count = 30000, 3000


@scenario
class EscalationLargeHourly(EscalationLarge):
    """The same complaints an hour later: the previous run stored when the
    clock may next change each status (crm.claim.am_sla_recheck), so the
    refresh reads only the complaints whose moment has come; the floor still
    computes every status."""
    name = "escalation_30000_hourly"
    title = "complaint escalation cron, 30,000 open / 3,000, the next run"

    def setup(self, env):
        ctx = super().setup(env)
        _as(env, SUPERUSER_ID)["crm.claim"]._am_refresh_sla_status()
        return ctx


# ---------------------------------------------------------------------------
# customer list (80 rows + count): what the web client asks
# ---------------------------------------------------------------------------
class _CustomerList(Scenario):
    login = None
    domain = [("am_user_id", "!=", False)]

    def setup(self, env):
        return {"uid": _uid(env, self.login), "admin": _uid(env, "bench_admin_0"),
                "company": env.ref("base.main_company").id}

    @classmethod
    def _screen(cls, env, uid):
        model = _as(env, uid, default_customer=1, default_is_company=1,
                    default_am_user_id=uid)["res.partner"]
        rows = model.search_read(cls.domain, TREE_FIELDS, limit=80)
        count = model.search_count(cls.domain) if len(rows) == 80 else len(rows)
        return rows, count

    def project(self, env, ctx):
        return self._screen(env, ctx["uid"])

    def references(self):
        return [("admin", lambda env, ctx: self._screen(env, ctx["admin"]))]

    def project_result(self, env, ctx, value):
        rows, count = value
        result = {row["id"]: (index, row["display_name"], row["phone"] or None,
                              _m2o_name(row["am_tier_id"]), _m2o_name(row["am_user_id"]),
                              row["am_last_visit_date"] or None, row["am_visit_count"],
                              row["am_next_visit_due"] or None)
                  for index, row in enumerate(rows)}
        result["count"] = count
        return result

    def floor_visibility(self):
        return "true"

    def floor(self, env, ctx):
        cr = env.cr
        where = """p.active AND p.am_user_id IS NOT NULL
                   AND (p.company_id IS NULL OR p.company_id = %%(company)s)
                   AND (%s)""" % self.floor_visibility()
        cr.execute("""
            SELECT p.id, p.display_name, p.phone, t.name, op.name,
                   p.am_last_visit_date::varchar, p.am_visit_count,
                   p.am_next_visit_due::varchar
              FROM res_partner p
              LEFT JOIN am_customer_tier t ON t.id = p.am_tier_id
              LEFT JOIN res_users o ON o.id = p.am_user_id
              LEFT JOIN res_partner op ON op.id = o.partner_id
             WHERE %s
          ORDER BY p.display_name LIMIT 80
        """ % where, ctx)
        rows = cr.fetchall()
        cr.execute("SELECT count(*) FROM res_partner p WHERE %s" % where, ctx)
        return rows, cr.fetchone()[0]

    def floor_result(self, env, ctx, value):
        rows, count = value
        result = {row[0]: (index,) + tuple(row[1:]) for index, row in enumerate(rows)}
        result["count"] = count
        return result


@scenario
class CustomerListLeader(_CustomerList):
    name = "customers_leader"
    title = "customer list (80 rows + count) as team leader"
    login = "bench_leader_0"

    def floor_visibility(self):
        return """p.am_user_id = %(uid)s OR p.am_user_id IN (
                      SELECT r.user_id FROM hr_employee e
                        JOIN resource_resource r ON r.id = e.resource_id
                        JOIN hr_department d ON d.id = e.department_id
                        JOIN hr_employee m ON m.id = d.manager_id
                        JOIN resource_resource mr ON mr.id = m.resource_id
                       WHERE mr.user_id = %(uid)s)"""


@scenario
class CustomerListAdmin(_CustomerList):
    name = "customers_admin"
    title = "customer list (80 rows + count) as administrator"
    login = "bench_admin_0"

    def references(self):
        return []


# ---------------------------------------------------------------------------
# visit pivot month x manager: the four read_group() of the pivot view
# ---------------------------------------------------------------------------
class _VisitPivot(Scenario):
    login = None
    domain = [("state", "=", "done")]

    def setup(self, env):
        return {"uid": _uid(env, self.login), "admin": _uid(env, "bench_admin_0"),
                "company": env.ref("base.main_company").id}

    @classmethod
    def _pivot(cls, env, uid):
        model = _as(env, uid)["am.visit"]
        result = None
        for groupby in ([], ["visit_date:month"], ["user_id"], ["visit_date:month", "user_id"]):
            result = model.read_group(
                cls.domain, ["quality_score"] + [g.split(":")[0] for g in groupby], groupby,
                lazy=False)
        return result

    def project(self, env, ctx):
        return self._pivot(env, ctx["uid"])

    def project_result(self, env, ctx, value):
        cells = {}
        for group in value:
            month = [leaf[2] for leaf in group["__domain"]
                     if isinstance(leaf, (list, tuple)) and leaf[0] == "visit_date"
                     and leaf[1] == ">="][0]
            cells[(month, group["user_id"][0])] = (group["__count"],
                                                   round(group["quality_score"], 4))
        return cells

    def floor_visibility(self):
        return "true"

    def floor(self, env, ctx):
        env.cr.execute("""
            SELECT date_trunc('month', v.visit_date)::date, v.user_id, count(*),
                   avg(v.quality_score)
              FROM am_visit v
             WHERE v.state = 'done' AND (v.company_id IS NULL OR v.company_id = %%(company)s)
               AND (%s)
          GROUP BY GROUPING SETS ((), (1), (2), (1, 2))
        """ % self.floor_visibility(), ctx)
        return env.cr.fetchall()

    def floor_result(self, env, ctx, value):
        return {(str(month), user): (count, round(float(avg), 4))
                for month, user, count, avg in value if month and user}


@scenario
class VisitPivotLeader(_VisitPivot):
    name = "pivot_leader"
    title = "visit pivot month x manager, as team leader"
    login = "bench_leader_0"

    def references(self):
        return [("admin", lambda env, ctx: self._pivot(env, ctx["admin"]))]

    def floor_visibility(self):
        return """v.employee_id IN (SELECT e.id FROM hr_employee e
                            JOIN hr_department d ON d.id = e.department_id
                            JOIN hr_employee m ON m.id = d.manager_id
                            JOIN resource_resource mr ON mr.id = m.resource_id
                           WHERE mr.user_id = %(uid)s)"""


# ---------------------------------------------------------------------------
# check-out of a visit of the customer with 1,000 visits
# ---------------------------------------------------------------------------
@scenario
class CheckoutHeavyCustomer(Scenario):
    name = "checkout"
    writes = ("am_visit", "res_partner", "mail_message", "mail_tracking_value")
    title = "check-out of a visit, customer with 1,000 visits"

    def setup(self, env):
        cr = env.cr
        cr.execute("SELECT user_id, first_customer_id FROM bench_am WHERE k = 0")
        uid, partner_id = cr.fetchone()
        am_env = _as(env, uid)
        visit = am_env["am.visit"].create({
            "partner_id": partner_id, "visit_type": "maintenance",
            "purpose_id": env.ref("account_manager_process.visit_purpose_negotiation").id})
        # the buttons, with the browser's position in the context (web client)
        visit.with_context(am_latitude=31.2304, am_longitude=121.4737).action_checkin()
        visit.write({"outcome_id": env.ref("account_manager_process.visit_outcome_won").id,
                     "summary": "Signed the framework agreement."})
        cr.execute("SELECT count(*) FROM am_visit WHERE partner_id = %s", (partner_id,))
        return {"uid": uid, "visit": visit.id, "partner": partner_id,
                "history": cr.fetchone()[0]}

    def project(self, env, ctx):
        visit = _as(env, ctx["uid"], am_latitude=31.2304,
                    am_longitude=121.4737)["am.visit"].browse(ctx["visit"])
        return visit.action_checkout()

    def floor(self, env, ctx):
        cr = env.cr
        cr.execute("""
            UPDATE am_visit v
               SET state = 'done', checkout_time = now() at time zone 'UTC',
                   checkout_latitude = 31.2304, checkout_longitude = 121.4737,
                   entry_date = now() at time zone 'UTC',
                   duration = round((extract(epoch FROM (now() at time zone 'UTC')
                                     - v.checkin_time) / 3600)::numeric, 2),
                   quality_score = v.business_weight
             WHERE v.id = %(visit)s
         RETURNING v.visit_date
        """, ctx)
        cr.execute("""
            UPDATE res_partner p
               SET am_visit_count = p.am_visit_count + 1,
                   am_last_visit_date = greatest(p.am_last_visit_date, %(day)s),
                   am_next_visit_due = greatest(p.am_last_visit_date, %(day)s)
                                       + t.return_interval_days
              FROM am_customer_tier t
             WHERE p.id = %(partner)s AND t.id = p.am_tier_id
        """, dict(ctx, day=cr.fetchone()[0]))

    def _state(self, env, ctx):
        env.cr.execute("""
            SELECT v.state, v.quality_score, p.am_visit_count, p.am_last_visit_date::varchar,
                   p.am_next_visit_due::varchar
              FROM am_visit v JOIN res_partner p ON p.id = v.partner_id WHERE v.id = %s
        """, (ctx["visit"],))
        return {"visit and customer": env.cr.fetchone(), "history": ctx["history"]}

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)


# ---------------------------------------------------------------------------
# return-visit planning cron
# ---------------------------------------------------------------------------
@scenario
class ReturnVisitCron(Scenario):
    name = "return_cron"
    writes = ("am_visit", "mail_activity", "mail_followers",
              "mail_followers_mail_message_subtype_rel", "mail_message",
              "mail_message_res_partner_rel", "mail_message_res_partner_needaction_rel",
              "mail_mail", "mail_mail_res_partner_rel", "ir_config_parameter")
    title = "return-visit cron, %s customers"

    def __init__(self, sizes):
        super().__init__(sizes)
        self.title = self.title % "{:,}".format(sizes.get("customers", 0))

    def setup(self, env):
        cr = env.cr
        cr.execute("DELETE FROM ir_config_parameter WHERE key IN %s", ((
            "account_manager_process.overdue_notified_on",
            "account_manager_process.return_plan_lead_days"),))
        env.registry.clear_caches()
        cr.execute("SELECT max(id) FROM am_visit")
        last_visit = cr.fetchone()[0]
        cr.execute("SELECT coalesce(max(id), 0) FROM mail_message")
        return {"last_visit": last_visit, "last_message": cr.fetchone()[0],
                "company": env.ref("base.main_company").id}

    def project(self, env, ctx):
        return _as(env, SUPERUSER_ID)["am.visit"]._cron_plan_return_visits()

    def floor(self, env, ctx):
        cr = env.cr
        purpose = env.ref("account_manager_process.visit_purpose_return")
        cr.execute("SELECT id FROM ir_sequence WHERE code = 'am.visit' LIMIT 1")
        sequence = cr.fetchone()[0]
        cr.execute("""
            WITH due AS (
                SELECT p.id, p.am_user_id, p.am_next_visit_due, p.company_id,
                       e.id AS employee_id, e.department_id, up.tz,
                       greatest(p.am_next_visit_due,
                                (now() at time zone 'Asia/Shanghai')::date) AS day
                  FROM res_partner p
                  JOIN res_users u ON u.id = p.am_user_id
                  JOIN res_partner up ON up.id = u.partner_id
                  LEFT JOIN LATERAL (
                       SELECT e.id, e.department_id FROM hr_employee e
                         JOIN resource_resource r ON r.id = e.resource_id
                        WHERE r.user_id = p.am_user_id AND r.active
                     ORDER BY e.id LIMIT 1) e ON true
                 WHERE p.active
                   AND p.am_next_visit_due <= (now() at time zone 'Asia/Shanghai')::date + 3
                   AND NOT EXISTS (SELECT 1 FROM am_visit v
                                    WHERE v.partner_id = p.id AND v.visit_type = 'return'
                                      AND v.state IN ('planned', 'in_progress'))),
            slot AS (
                SELECT due.*, ((due.day + time '09:00'
                                + ((row_number() OVER (PARTITION BY due.am_user_id, due.day
                                                       ORDER BY due.am_next_visit_due, due.id)
                                   - 1) %% 5) * interval '90 minutes')
                               AT TIME ZONE coalesce(due.tz, 'UTC')) AT TIME ZONE 'UTC' AS start
                  FROM due),
            visit AS (
                INSERT INTO am_visit (name, user_id, employee_id, department_id, partner_id,
                                      company_id, visit_type, purpose_id, business_weight,
                                      state, planned_start, planned_stop, visit_date,
                                      due_date, entry_date, auto_planned)
                SELECT 'VIS' || lpad(nextval(%(seq)s)::text, 5, '0'),
                       s.am_user_id, s.employee_id, s.department_id, s.id, s.company_id,
                       'return', %(purpose)s, %(weight)s, 'planned', s.start,
                       s.start + interval '1 hour',
                       (s.start AT TIME ZONE 'UTC' AT TIME ZONE coalesce(s.tz, 'UTC'))::date,
                       s.am_next_visit_due, now() at time zone 'UTC', true
                  FROM slot s
             RETURNING id, user_id, partner_id, visit_date, name),
            activity AS (
                INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                                           activity_type_id, summary, date_deadline, user_id)
                SELECT %(model)s, 'am.visit', v.id, v.name, %(meeting)s,
                       'Return visit: ' || p.display_name, v.visit_date, v.user_id
                  FROM visit v JOIN res_partner p ON p.id = v.partner_id),
            follower AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT 'am.visit', v.id, u.partner_id
                  FROM visit v JOIN res_users u ON u.id = v.user_id
             RETURNING id)
            INSERT INTO mail_followers_mail_message_subtype_rel
            SELECT follower.id, s FROM follower, unnest(%(subtypes)s::int[]) s
        """, {"seq": "ir_sequence_%03d" % sequence, "purpose": purpose.id,
              "weight": purpose.business_weight,
              "model": env["ir.model"]._get("am.visit").id,
              "meeting": env.ref("mail.mail_activity_data_meeting").id,
              "subtypes": env["mail.message.subtype"].default_subtypes("am.visit")[0].ids})
        # the leaders' message: overdue customers per account manager
        cr.execute("""
            WITH counts AS (
                SELECT mr.user_id AS leader_id, op.name, count(*) AS overdue
                  FROM res_partner p
                  JOIN res_users o ON o.id = p.am_user_id
                  JOIN res_partner op ON op.id = o.partner_id
                  JOIN LATERAL (SELECT e.department_id FROM hr_employee e
                                  JOIN resource_resource r ON r.id = e.resource_id
                                 WHERE r.user_id = p.am_user_id ORDER BY e.id LIMIT 1) e ON true
                  JOIN hr_department d ON d.id = e.department_id
                  JOIN hr_employee m ON m.id = d.manager_id
                  JOIN resource_resource mr ON mr.id = m.resource_id
                 WHERE p.active AND p.am_next_visit_due < (now() at time zone 'Asia/Shanghai')::date
              GROUP BY 1, 2),
            message AS (
                INSERT INTO mail_message (date, subject, body, model, res_id, record_name,
                                          message_type, subtype_id, author_id, email_from,
                                          reply_to, message_id, no_auto_thread)
                SELECT now() at time zone 'UTC', 'Overdue customers',
                       '<p>Customers overdue for their return visit:</p><ul>'
                       || string_agg('<li>' || c.name || ': ' || c.overdue || '</li>', ''
                                     ORDER BY c.name) || '</ul>',
                       'res.partner', u.partner_id, lp.display_name, 'comment', %(comment)s,
                       3, 'Administrator <admin@example.com>',
                       'Administrator <admin@example.com>', md5(random()::text), false
                  FROM counts c JOIN res_users u ON u.id = c.leader_id
                  JOIN res_partner lp ON lp.id = u.partner_id
              GROUP BY u.partner_id, lp.display_name
             RETURNING id, res_id, body),
            recipient AS (
                INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)
                SELECT id, res_id FROM message),
            notification AS (
                INSERT INTO mail_message_res_partner_needaction_rel
                       (mail_message_id, res_partner_id, is_read, is_email, email_status)
                SELECT id, res_id, true, true, 'ready' FROM message),
            mail AS (
                INSERT INTO mail_mail (mail_message_id, body_html, notification, state,
                                       auto_delete)
                SELECT id, body, true, 'outgoing', true FROM message
             RETURNING id, mail_message_id)
            INSERT INTO mail_mail_res_partner_rel (mail_mail_id, res_partner_id)
            SELECT mail.id, message.res_id
              FROM mail JOIN message ON message.id = mail.mail_message_id
        """, {"comment": env.ref("mail.mt_comment").id})

    def _state(self, env, ctx):
        cr = env.cr
        cr.execute("""
            SELECT partner_id, user_id, planned_start::varchar, visit_date::varchar,
                   due_date::varchar, employee_id, department_id
              FROM am_visit WHERE id > %s
        """, (ctx["last_visit"],))
        state = {("visit", row[0]): row[1:] for row in cr.fetchall()}
        cr.execute("SELECT res_id, body FROM mail_message WHERE id > %s AND model = 'res.partner'",
                   (ctx["last_message"],))
        for partner_id, body in cr.fetchall():
            state[("leader", partner_id)] = sorted(re.findall(r"<li>(.*?)</li>", body))
        state["planned"] = sum(1 for key in state if key[0] == "visit")
        state["leaders notified"] = sum(1 for key in state if key[0] == "leader")
        return state

    def project_result(self, env, ctx, value):
        return self._state(env, ctx)

    def floor_result(self, env, ctx, value):
        return self._state(env, ctx)
