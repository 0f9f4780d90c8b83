# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The cockpits: the first screen of each role.

One public method per cockpit computes every figure of the screen with
grouped queries for the whole team (never a query per employee) and returns
them with the model and domain of the list each figure opens; the web
client's widget (static/src/js/am_cockpit.js) only draws them:

* ``get_my_work()``: the account manager's "My work";
* ``get_team_today()``: the team leader's "My team today";
* ``get_hr_cockpit()``: HR's "Assessments and qualification"
  (account_manager_assessment, which needs the training and the assessments).

The figures are read as the user who asks, so his record rules apply and a
figure is the count of the list it opens (same model, same domain).

How the other addons add to them (account_manager_training does not depend
on this addon, so its figures come from account_manager_assessment, which
depends on both):

* ``_my_work_sections(context)`` returns the sections of "My work"; an addon
  appends its own (training due, assessment standing);
* ``_team_columns()`` / ``_team_cells(context, rows)`` add columns to the
  team's table (this addon's columns come group by group from the
  ``_team_*_cells(context, names)`` steps, each returning
  {employee id: {column key: figure}}); ``_leaderboard_scores(context,
  employees)`` adds the assessment score to the leaderboard.

The verification figures (check-ins out of range or unverified, waiting for
the leader's review) read the fields of the visit verification
(``review_state``, ``checkin_verdict``) when they are installed, and show
"—" otherwise.
"""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html_escape

from . import am_leader, am_locks, am_rules

AM_GROUP = "account_manager_process.group_account_manager"
LEADER_GROUP = "account_manager_process.group_team_leader"
NONE = "\u2014"   # a figure that cannot be computed here
LEADERBOARD_PERIODS = ("week", "month")
DIGEST_SENT_PARAM = "account_manager_process.leader_digest_sent.%s"


def figure(value, model=None, domain=None, name=None, tone=None, display=None,
           hint=None, count=True):
    """One figure of a cockpit: its value (what sorts), what is shown, its
    tone (ok / warn / bad) and the list it opens (None: not clickable).
    ``count``: the value is the number of records of that list (the tests
    check it is); else the list shows where the value comes from."""
    if display is None:
        display = NONE if value is None else str(value)
    return {
        "value": value,
        "display": display,
        "tone": tone,
        "hint": hint,
        "count": bool(model and count and isinstance(value, int)),
        "action": model and {"model": model, "domain": domain or [], "name": name} or None,
    }


def no_figure(hint=None):
    return figure(None, hint=hint)


class AmCockpit(models.AbstractModel):
    _name = "am.cockpit"
    _description = "Cockpits of the account-management roles"

    # -- shared helpers
    def _check_group(self, xmlid):
        if not self.env.user.has_group(xmlid):
            raise AccessError(_("This cockpit is not available to you."))

    def _has_verification(self):
        return "review_state" in self.env["am.visit"]._fields

    def _counted_domain(self):
        """The visits targets count: done (and not rejected at review, once
        the visit verification is installed)."""
        if "counts" in self.env["am.visit"]._fields:
            return [("counts", "=", True)]
        return [("state", "=", "done")]

    @staticmethod
    def _counts(groups, key, count_key=None):
        """{id of the group's many2one: count} of a read_group's result."""
        count_key = count_key or key + "_count"
        result = {}
        for group in groups:
            value = group[key]
            if isinstance(value, (list, tuple)):
                value = value[0]
            result[value] = result.get(value, 0) + group.get(count_key, group.get("__count", 0))
        return result

    @staticmethod
    def _date(day):
        return fields.Date.to_string(day)

    def _month(self, day):
        return am_rules.period_bounds("monthly", day)

    def _default_target(self):
        return self.env["res.config.settings"]._am_value("monthly_visit_target")

    def _tile_url(self):
        """The map tiles' URL template; empty: no map."""
        return self.env["res.config.settings"]._am_value("cockpit_tile_url")

    # -- "My work" (account manager)
    @api.model
    def get_my_work(self):
        """Every figure of the account manager's "My work"."""
        self._check_group(AM_GROUP)
        today = self.env["res.users"]._am_today()
        context = {
            "today": today,
            "user": self.env.user,
            "employee": self.env["hr.employee"].search(
                [("user_id", "=", self.env.uid)], limit=1),
        }
        return {
            "title": _("My work"),
            "subtitle": self._date(today),
            "sections": self._my_work_sections(context),
        }

    def _my_work_sections(self, context):
        return [
            self._my_visits_section(context),
            self._my_month_section(context),
            self._my_report_section(context),
            self._my_complaints_section(context),
        ]

    def _my_visits_section(self, context):
        visit_model = self.env["am.visit"]
        day = self._date(context["today"])
        mine = [("user_id", "=", self.env.uid)]
        today = mine + [("visit_date", "=", day)]
        states = self._counts(visit_model.read_group(today, ["state"], ["state"]), "state")
        done = states.get("done", 0)
        planned = states.get("planned", 0) + states.get("in_progress", 0)
        next_visit = visit_model.search_read(
            today + [("state", "in", ("planned", "in_progress"))],
            ["partner_id", "planned_start"], order="planned_start", limit=1)
        note = False
        if next_visit:
            start = self.env["res.users"]._am_local_datetime(next_visit[0]["planned_start"])
            note = _("Next: %(time)s %(customer)s") % {
                "time": start.strftime("%H:%M"),
                "customer": next_visit[0]["partner_id"] and next_visit[0]["partner_id"][1] or ""}
        overdue_domain = [("am_user_id", "=", self.env.uid), ("am_is_overdue", "=", True)]
        overdue = self.env["res.partner"].search_count(overdue_domain)
        figures = [
            dict(figure(done, "am.visit", today + [("state", "=", "done")],
                        _("Visits done today")), label=_("Done today")),
            dict(figure(planned, "am.visit",
                        today + [("state", "in", ["planned", "in_progress"])],
                        _("Visits planned today")), label=_("Still planned today")),
            dict(figure(overdue, "res.partner", overdue_domain, _("Overdue customers"),
                        tone=overdue and "bad" or "ok"),
                 label=_("Customers overdue for a return visit")),
        ]
        if self._has_verification():
            review = mine + [("review_state", "=", "to_review")]
            count = visit_model.search_count(review)
            figures.append(dict(figure(count, "am.visit", review, _("Visits waiting for review"),
                                       tone=count and "warn" or "ok"),
                                label=_("Check-ins waiting for review")))
        else:
            figures.append(dict(no_figure(_("Visit verification is not installed.")),
                                label=_("Check-ins waiting for review")))
        return {"key": "visits", "title": _("Today's visits"), "note": note,
                "figures": figures}

    def _my_month_section(self, context):
        today = context["today"]
        start, stop = self._month(today)
        domain = [("user_id", "=", self.env.uid), ("visit_date", ">=", self._date(start)),
                  ("visit_date", "<=", self._date(stop))] + self._counted_domain()
        done = self.env["am.visit"].search_count(domain)
        employee = context["employee"]
        target = employee.am_monthly_visit_target or self._default_target()
        days_left = am_rules.working_days_left(today, stop)
        pace = am_rules.visit_pace(done, target, days_left)
        progress = am_rules.target_progress(done, target)
        return {"key": "month", "title": _("This month"), "figures": [
            dict(figure(done, "am.visit", domain, _("Done visits this month"),
                        tone=progress >= 100 and "ok" or None),
                 label=_("Done visits")),
            dict(figure(target), label=_("Target")),
            dict(figure(progress, display="%s %%" % progress), label=_("Progress")),
            dict(figure(pace, display=str(pace), tone=pace > 2 and "bad" or None,
                        hint=_("%s working days left") % days_left),
                 label=_("Visits needed per working day")),
        ]}

    def _my_report_section(self, context):
        day = self._date(context["today"])
        domain = [("user_id", "=", self.env.uid), ("report_type", "=", "daily"),
                  ("date_from", "=", day)]
        reports = self.env["am.work.report"].search_read(
            domain, ["state", "leader_comment"], limit=1)
        states = dict(self.env["am.work.report"]._fields["state"]._description_selection(
            self.env))
        if reports:
            state = reports[0]["state"]
            status = figure(state, "am.work.report", domain, _("Today's daily report"),
                            display=states[state],
                            tone={"draft": "warn", "submitted": None, "reviewed": "ok"}[state])
            note = reports[0]["leader_comment"] or False
        else:
            status = figure("missing", "am.work.report",
                            [("user_id", "=", self.env.uid), ("report_type", "=", "daily")],
                            _("Daily reports"), display=_("Missing"), tone="bad")
            note = False
        return {"key": "report", "title": _("Today's daily report"),
                "note": note and _("Leader's comment: %s") % note,
                "figures": [dict(status, label=_("Status"))]}

    def _my_complaints_section(self, context):
        domain = [("user_id", "=", self.env.uid), ("am_is_closed", "=", False)]
        groups = self.env["crm.claim"].read_group(domain, ["am_sla_status"], ["am_sla_status"])
        status = self._counts(groups, "am_sla_status")
        total = sum(status.values())
        figures = [dict(figure(total, "crm.claim", domain, _("Open complaints")),
                        label=_("Open"))]
        for key, label, tone in (("on_time", _("On time"), "ok"),
                                 ("at_risk", _("At risk"), "warn"),
                                 ("breached", _("Breached"), "bad")):
            count = status.get(key, 0)
            figures.append(dict(figure(count, "crm.claim",
                                       domain + [("am_sla_status", "=", key)],
                                       _("Open complaints: %s") % label,
                                       tone=count and tone or None), label=label))
        return {"key": "complaints", "title": _("Open complaints"), "figures": figures}

    # -- "My team today" (team leader)
    @api.model
    def get_team_today(self, period="month"):
        """Every figure of the team leader's "My team today": one row per
        account manager of his teams, the team's totals, the leaderboard of
        the period (``week`` or ``month``) and today's check-ins for the map."""
        self._check_group(LEADER_GROUP)
        if period not in LEADERBOARD_PERIODS:
            period = "month"
        today = self.env["res.users"]._am_today()
        data = self._team_data(today, period)
        data.update({
            "title": _("My team today"),
            "subtitle": self._date(today),
            "map": self._team_map(data["_context"]),
        })
        data.pop("_context")
        return data

    def _team_members(self):
        """hr.employee of the account managers the user leads (one query)."""
        self.env.cr.execute("""
            SELECT l.employee_id
              FROM (%s) l
              JOIN hr_employee e ON e.id = l.employee_id
              JOIN resource_resource r ON r.id = e.resource_id
              JOIN res_groups_users_rel g ON g.uid = r.user_id AND g.gid = %%s
             WHERE l.leader_id = %%s AND r.user_id != %%s AND r.active
        """ % am_leader.EMPLOYEE_LEADER_SQL,
            (self.env.ref(AM_GROUP).id, self.env.uid, self.env.uid))
        ids = [row[0] for row in self.env.cr.fetchall()]
        return self.env["hr.employee"].sudo().browse(ids).sorted("name").sudo(self.env.uid)

    def _team_columns(self):
        return [
            {"key": "position", "label": _("Started the day")},
            {"key": "done", "label": _("Visits done"), "numeric": True},
            {"key": "planned", "label": _("Still planned"), "numeric": True},
            {"key": "month", "label": _("Month to date"), "numeric": True},
            {"key": "target", "label": _("Target"), "numeric": True},
            {"key": "review", "label": _("To review"), "numeric": True},
            {"key": "report", "label": _("Daily report")},
            {"key": "overdue", "label": _("Overdue customers"), "numeric": True},
            {"key": "complaints", "label": _("Complaints breached / at risk"), "numeric": True},
            {"key": "spot", "label": _("Spot checks to record"), "numeric": True},
        ]

    def _team_data(self, day, period="month"):
        """The table of the team on ``day`` (the cockpit and the digest)."""
        employees = self._team_members()
        context = {"day": day, "employees": employees, "period": period,
                   "users": employees.sudo().mapped("user_id")}
        rows = [{"key": employee.id, "name": employee.sudo().name, "cells": {}}
                for employee in employees]
        if employees:
            rows = self._team_cells(context, rows)
        columns = self._team_columns()
        totals = {}
        for column in columns:
            if not column.get("numeric"):
                continue
            values = [row["cells"].get(column["key"], {}).get("value") for row in rows]
            values = [v for v in values if isinstance(v, (int, float))]
            totals[column["key"]] = figure(sum(values) if values or not rows else None)
        return {
            "columns": columns,
            "rows": rows,
            "totals": totals,
            "leaderboard": self._leaderboard(context),
            "empty": not rows and _("Nobody in your teams yet: a team is a department "
                                    "you manage, with account managers in it.") or False,
            "_context": context,
        }

    def _team_cells(self, context, rows):
        """Each account manager's cells, one group of columns at a time:
        every step reads the whole team with grouped queries (never a query
        per employee) and returns {employee id: {column key: figure}}."""
        names = {row["key"]: row["name"] for row in rows}
        parts = (
            self._team_position_cells(context),
            self._team_day_visit_cells(context, names),
            self._team_month_cells(context, names),
            self._team_review_cells(context, names),
            self._team_report_cells(context, names),
            self._team_overdue_cells(context, names),
            self._team_complaint_cells(context, names),
            self._team_spot_check_cells(context, names),
        )
        for part in parts:
            for row in rows:
                row["cells"].update(part[row["key"]])
        return rows

    def _team_position_cells(self, context):
        """"Started the day": each one's first position report of the day,
        where it was made and (with the verification) its verdict."""
        start, stop = self.env["res.users"]._am_utc_bounds(context["day"])
        attendance = self.env["hr.attendance"]
        position_fields = ["employee_id", "check_in", "am_position_in"]
        verdict_field = "am_verdict_in" if "am_verdict_in" in attendance._fields else None
        if verdict_field:
            position_fields.append(verdict_field)
        reports = attendance.search_read(
            [("employee_id", "in", context["employees"].ids), ("check_in", ">=", start),
             ("check_in", "<", stop)],
            position_fields, order="check_in")
        first = {}
        for report in reports:
            first.setdefault(report["employee_id"][0], report)
        verdicts = dict(attendance._fields[verdict_field]._description_selection(self.env)) \
            if verdict_field else {}
        cells = {}
        for emp_id in context["employees"].ids:
            report = first.get(emp_id)
            domain = [("employee_id", "=", emp_id), ("check_in", ">=", start),
                      ("check_in", "<", stop)]
            if report:
                text, tone = self._position_display(report, verdict_field, verdicts)
                position = figure(1, "hr.attendance", domain, _("Position reports"),
                                  display=text, tone=tone, count=False)
            else:
                position = figure(0, "hr.attendance", domain, _("Position reports"),
                                  display=_("Not yet"), tone="bad")
            cells[emp_id] = {"position": position}
        return cells

    def _position_display(self, report, verdict_field, verdicts):
        """What the "Started the day" cell shows of a position report (local
        time, where, verdict) and its tone."""
        moment = self.env["res.users"]._am_local_datetime(report["check_in"])
        text = moment.strftime("%H:%M")
        if report.get("am_position_in"):
            text += " " + report["am_position_in"]
        tone = "ok"
        if verdict_field:
            verdict = report.get(verdict_field)
            text += " (%s)" % (verdicts.get(verdict) or NONE)
            tone = "ok" if verdict == "verified" else "warn"
        return text, tone

    def _team_day_visit_cells(self, context, names):
        """"Visits done" and "Still planned": the visits of the day, by state."""
        day = self._date(context["day"])
        groups = self.env["am.visit"].read_group(
            [("employee_id", "in", context["employees"].ids), ("visit_date", "=", day)],
            ["employee_id", "state"], ["employee_id", "state"], lazy=False)
        done, planned = {}, {}
        for group in groups:
            emp_id = group["employee_id"] and group["employee_id"][0]
            if group["state"] == "done":
                done[emp_id] = done.get(emp_id, 0) + group["__count"]
            elif group["state"] in ("planned", "in_progress"):
                planned[emp_id] = planned.get(emp_id, 0) + group["__count"]
        cells = {}
        for emp_id, name in names.items():
            today = [("employee_id", "=", emp_id), ("visit_date", "=", day)]
            cells[emp_id] = {
                "done": figure(done.get(emp_id, 0), "am.visit",
                               today + [("state", "=", "done")],
                               _("Visits done today: %s") % name),
                "planned": figure(planned.get(emp_id, 0), "am.visit",
                                  today + [("state", "in", ["planned", "in_progress"])],
                                  _("Visits planned today: %s") % name),
            }
        return cells

    def _team_month_cells(self, context, names):
        """"Month to date" (the counted visits, toned against the pace the
        month asks) and "Target" (the manager's own, else the default)."""
        employees = context["employees"]
        month_start, month_stop = self._month(context["day"])
        month = [("visit_date", ">=", self._date(month_start)),
                 ("visit_date", "<=", self._date(month_stop))] + self._counted_domain()
        month_counts = self._counts(self.env["am.visit"].read_group(
            [("employee_id", "in", employees.ids)] + month, ["employee_id"], ["employee_id"]),
            "employee_id")
        default_target = self._default_target()
        targets = {e["id"]: e["am_monthly_visit_target"] for e in
                   employees.sudo().read(["am_monthly_visit_target"])}
        expected = self._expected_progress(context["day"], month_start, month_stop)
        cells = {}
        for emp_id, name in names.items():
            target = targets.get(emp_id) or default_target
            count = month_counts.get(emp_id, 0)
            progress = am_rules.target_progress(count, target)
            cells[emp_id] = {
                "month": figure(count, "am.visit", [("employee_id", "=", emp_id)] + month,
                                _("Done visits this month: %s") % name,
                                tone="ok" if progress >= expected else "warn",
                                hint="%s %%" % progress),
                "target": figure(target),
            }
        return cells

    def _team_review_cells(self, context, names):
        """"To review": check-ins waiting for the leader's review ("—"
        without the visit verification)."""
        if not self._has_verification():
            return {emp_id: {"review": no_figure(_("Visit verification is not installed."))}
                    for emp_id in names}
        return self._team_count_cells(
            "review", names, "am.visit", "employee_id", [("review_state", "=", "to_review")],
            _("Check-ins to review: %s"), "warn")

    def _team_report_cells(self, context, names):
        """"Daily report": the state of each one's daily report of the day."""
        day = self._date(context["day"])
        report_states = dict(self.env["am.work.report"]._fields["state"]._description_selection(
            self.env))
        daily = {r["employee_id"][0]: r["state"] for r in self.env["am.work.report"].search_read(
            [("employee_id", "in", context["employees"].ids), ("report_type", "=", "daily"),
             ("date_from", "=", day)], ["employee_id", "state"]) if r["employee_id"]}
        cells = {}
        for emp_id, name in names.items():
            state = daily.get(emp_id)
            domain = [("employee_id", "=", emp_id), ("report_type", "=", "daily"),
                      ("date_from", "=", day)]
            cells[emp_id] = {"report": figure(
                state or "", "am.work.report", domain, _("Daily report: %s") % name,
                count=False, display=report_states.get(state) or _("Missing"),
                tone={"reviewed": "ok", "submitted": None, "draft": "warn"}.get(state, "bad"))}
        return cells

    def _team_overdue_cells(self, context, names):
        """"Overdue customers": the customers of each one's user overdue for
        a visit."""
        user_of = {e.id: e.sudo().user_id.id for e in context["employees"]}
        return self._team_count_cells(
            "overdue", names, "res.partner", "am_user_id", [("am_is_overdue", "=", True)],
            _("Overdue customers: %s"), "bad", value_of=user_of)

    def _team_complaint_cells(self, context, names):
        """"Complaints breached / at risk": each one's open complaints past
        or near their deadline."""
        return self._team_count_cells(
            "complaints", names, "crm.claim", "am_employee_id",
            [("am_is_closed", "=", False), ("am_sla_status", "in", ["breached", "at_risk"])],
            _("Complaints breached or at risk: %s"), "bad")

    def _team_spot_check_cells(self, context, names):
        """"Spot checks to record": each one's spot checks still pending."""
        return self._team_count_cells(
            "spot", names, "am.spot.check", "employee_id", [("result", "=", "pending")],
            _("Spot checks to record: %s"), "warn")

    def _team_count_cells(self, key, names, model, field, domain, label, tone, value_of=None):
        """The column ``key`` counting a list per account manager with one
        grouped query: the records of ``model`` in ``domain`` whose ``field``
        is the employee (or ``value_of[employee id]``, e.g. his user). The
        figure opens that list, titled ``label % name``, with ``tone`` when
        it is not empty."""
        if value_of is None:
            value_of = {emp_id: emp_id for emp_id in names}
        counts = self._counts(self.env[model].read_group(
            [(field, "in", list(value_of.values()))] + domain, [field], [field]), field)
        cells = {}
        for emp_id, name in names.items():
            value = value_of.get(emp_id)
            count = counts.get(value, 0)
            cells[emp_id] = {key: figure(count, model, [(field, "=", value)] + domain,
                                         label % name, tone=count and tone or None)}
        return cells

    @staticmethod
    def _expected_progress(day, start, stop):
        """Share of the month elapsed (percent): the pace a manager keeps."""
        total = (stop - start).days + 1
        return round(100.0 * ((day - start).days + 1) / total, 1)

    def _leaderboard(self, context):
        """Visits of the period, verified share and (with the assessments)
        the latest assessment score, best first."""
        start, stop, title = self._leaderboard_period(context)
        rows = []
        if context["employees"]:
            rows = self._leaderboard_rows(context, start, stop)
        return {
            "title": title,
            "period": context["period"],
            "columns": [
                {"key": "visits", "label": _("Visits"), "numeric": True},
                {"key": "verified", "label": _("Verified check-ins"), "numeric": True},
                {"key": "score", "label": _("Assessment score"), "numeric": True},
            ],
            "rows": rows,
        }

    def _leaderboard_period(self, context):
        """The first and last day of the leaderboard's period, and its title."""
        day = context["day"]
        if context["period"] == "week":
            start, stop = am_rules.period_bounds("weekly", day)
            return start, stop, _("Leaderboard: this week")
        start, stop = self._month(day)
        return start, stop, _("Leaderboard: this month")

    def _leaderboard_rows(self, context, start, stop):
        """One row per account manager, ranked: most visits of the period
        first, then the best assessment score, then by name."""
        employees = context["employees"]
        period = [("employee_id", "in", employees.ids),
                  ("visit_date", ">=", self._date(start)),
                  ("visit_date", "<=", self._date(stop))] + self._counted_domain()
        visits = self._counts(self.env["am.visit"].read_group(
            period, ["employee_id"], ["employee_id"]), "employee_id")
        verified = self._leaderboard_verified(employees, start, stop)
        scores = self._leaderboard_scores(context, employees)
        rows = []
        for employee in employees:
            share = verified.get(employee.id) if verified is not None else None
            score = scores.get(employee.id)
            rows.append({
                "key": employee.id,
                "name": employee.sudo().name,
                "cells": {
                    "visits": figure(visits.get(employee.id, 0), "am.visit",
                                     [("employee_id", "=", employee.id)] + period[1:],
                                     _("Visits of the period: %s") % employee.sudo().name),
                    "verified": figure(share, display=NONE if share is None
                                       else "%s %%" % share),
                    "score": figure(score, display=NONE if score is None
                                    else "%.2f" % score),
                },
            })
        rows.sort(key=lambda r: (-r["cells"]["visits"]["value"],
                                 -(r["cells"]["score"]["value"] or 0), r["name"]))
        for rank, row in enumerate(rows, 1):
            row["rank"] = rank
        return rows

    def _leaderboard_verified(self, employees, start, stop):
        """{employee id: share (percent) of his done visits of the period
        with a verified check-in}; None without the visit verification."""
        if not self._has_verification():
            return None
        visit_model = self.env["am.visit"]
        done = [("employee_id", "in", employees.ids), ("state", "=", "done"),
                ("visit_date", ">=", self._date(start)),
                ("visit_date", "<=", self._date(stop))]
        total = self._counts(visit_model.read_group(
            done, ["employee_id"], ["employee_id"]), "employee_id")
        good = self._counts(visit_model.read_group(
            done + [("checkin_verdict", "=", "verified")], ["employee_id"],
            ["employee_id"]), "employee_id")
        return {emp: am_rules.share_percent(good.get(emp, 0), count)
                for emp, count in total.items()}

    def _leaderboard_scores(self, context, employees):
        """{employee id: score} (the assessment addon gives them)."""
        return {}

    def _team_map(self, context):
        """Today's check-ins of the team, with where they were made."""
        employees = context["employees"]
        points = []
        if employees:
            visit_model = self.env["am.visit"]
            names = ["employee_id", "partner_id", "checkin_time", "checkin_latitude",
                     "checkin_longitude"]
            has_verdict = "checkin_verdict" in visit_model._fields
            verdicts = {}
            if has_verdict:
                names.append("checkin_verdict")
                verdicts = dict(visit_model._fields["checkin_verdict"]._description_selection(
                    self.env))
            for visit in visit_model.search_read(
                    [("employee_id", "in", employees.ids),
                     ("visit_date", "=", self._date(context["day"])),
                     ("checkin_time", "!=", False)], names, order="checkin_time"):
                lat, lon = visit["checkin_latitude"], visit["checkin_longitude"]
                if not lat and not lon:
                    continue
                moment = self.env["res.users"]._am_local_datetime(visit["checkin_time"])
                verdict = visit.get("checkin_verdict")
                points.append({
                    "id": visit["id"],
                    "lat": lat, "lon": lon,
                    "time": moment.strftime("%H:%M"),
                    "employee": visit["employee_id"] and visit["employee_id"][1] or "",
                    "customer": visit["partner_id"] and visit["partner_id"][1] or "",
                    "verdict": verdicts.get(verdict) or (NONE if has_verdict else ""),
                    "tone": ("ok" if verdict == "verified" else "warn") if has_verdict else None,
                })
        return {"tile_url": self._tile_url(), "points": points,
                "attribution": _("Map tiles: \u00a9 OpenStreetMap contributors")}

    # -- home actions
    @api.model
    def _home_actions(self):
        """[(group xml id, client action)] in order of precedence: a user
        lands on the cockpit of the first role he has."""
        result = []
        for group, xmlid in ((LEADER_GROUP, "account_manager_process.action_am_cockpit_team"),
                             (AM_GROUP, "account_manager_process.action_am_cockpit_my_work")):
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action:
                result.append((group, action))
        return result

    # -- the team leaders' daily digest
    @api.model
    def _digest_leaders(self):
        """Users leading at least one account manager (one query)."""
        self.env.cr.execute("""
            SELECT DISTINCT l.leader_id
              FROM (%s) l
              JOIN hr_employee e ON e.id = l.employee_id
              JOIN resource_resource r ON r.id = e.resource_id
              JOIN res_groups_users_rel g ON g.uid = r.user_id AND g.gid = %%s
             WHERE r.user_id != l.leader_id AND r.active
        """ % am_leader.EMPLOYEE_LEADER_SQL, (self.env.ref(AM_GROUP).id,))
        users = self.env["res.users"].browse([row[0] for row in self.env.cr.fetchall()])
        return users.filtered(lambda u: u.active and u.has_group(LEADER_GROUP))

    @api.model
    def _cron_leader_digest(self):
        """Hourly: each team leader gets yesterday's figures of his team once
        a day, from the configured hour of his time zone. Safe when two runs
        overlap (advisory lock) and when run again the same day (the day
        sent is kept per leader)."""
        settings = self.env["res.config.settings"]
        if not settings._am_value("leader_digest"):
            return 0
        if not am_locks.try_lock(self.env.cr, "am_leader_digest"):
            return 0
        hour = settings._am_value("leader_digest_hour")
        sent = 0
        for leader in self._digest_leaders():
            as_leader = self.sudo(leader).with_context(lang=leader.lang, tz=leader.tz or "UTC")
            now = as_leader.env["res.users"]._am_local_now()
            today = fields.Date.to_string(now.date())
            key = DIGEST_SENT_PARAM % leader.id
            if now.hour < hour or am_locks.done_for(self.env, key, today):
                continue
            if as_leader._send_leader_digest(now.date() - timedelta(days=1)):
                sent += 1
            am_locks.mark_done(self.env, key, today)
        return sent

    def _send_leader_digest(self, day):
        """Mail the leader (the user of ``self``) his team's figures of ``day``."""
        leader = self.env.user
        data = self._team_data(day)
        if not data["rows"] or not leader.partner_id.email:
            return False
        body = self._digest_html(data, day)
        self.env["mail.mail"].sudo().create({
            "subject": _("Your team on %s") % fields.Date.to_string(day),
            "body_html": body,
            "recipient_ids": [(4, leader.partner_id.id)],
            "auto_delete": True,
        })
        return True

    def _digest_html(self, data, day):
        head = "".join("<th style='padding:2px 6px;text-align:left'>%s</th>"
                       % html_escape(col["label"]) for col in data["columns"])
        lines = []
        for row in data["rows"] + [{"name": _("Team"), "cells": data["totals"]}]:
            cells = "".join("<td style='padding:2px 6px'>%s</td>" % html_escape(
                (row["cells"].get(col["key"]) or {}).get("display", ""))
                for col in data["columns"])
            lines.append("<tr><td style='padding:2px 6px'><b>%s</b></td>%s</tr>"
                         % (html_escape(row["name"]), cells))
        return ("<p>%s</p><table style='border-collapse:collapse;font-size:12px' border='1'>"
                "<tr><th>%s</th>%s</tr>%s</table><p>%s</p>") % (
            html_escape(_("Your team's figures of %s:") % fields.Date.to_string(day)),
            html_escape(_("Account manager")), head, "".join(lines),
            html_escape(_("Open Account Management, Cockpit, My team today for today's "
                          "figures.")))
