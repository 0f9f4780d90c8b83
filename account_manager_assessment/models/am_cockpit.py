# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The cockpits' figures that need the training and the assessments.

account_manager_training does not depend on account_manager_process (where
the cockpits are), so this addon, which depends on both, contributes:

* to "My work": the training due (mandatory courses outstanding, sessions
  registered for, certifications expiring) and the assessment standing;
* to "My team today": the consecutive failed periods of each account
  manager and the assessment score of the leaderboard;
* HR's cockpit "Assessments and qualification" and HR's weekly digest.
"""
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.addons.account_manager_process.models import am_locks
from odoo.addons.account_manager_process.models.am_cockpit import figure
from odoo.osv import expression
from odoo.tools import html_escape

HR_GROUP = "hr.group_hr_user"
HR_DIGEST_SENT_PARAM = "account_manager_assessment.hr_digest_sent"
FLAGGED_LIMIT = 50
CERTIFICATION_LIMIT = 20


class AmCockpit(models.AbstractModel):
    _inherit = "am.cockpit"

    # -- home action: HR lands on its cockpit (after the account-management roles)
    @api.model
    def _home_actions(self):
        result = super()._home_actions()
        action = self.env.ref("account_manager_assessment.action_am_cockpit_hr",
                              raise_if_not_found=False)
        if action:
            result.append((HR_GROUP, action))
        return result

    # -- "My work": training due and assessment standing
    def _my_work_sections(self, context):
        sections = super()._my_work_sections(context)
        employee = context["employee"]
        if employee:
            sections.append(self._my_training_section(context))
            sections.append(self._my_assessment_section(context))
        return sections

    def _my_training_section(self, context):
        employee = context["employee"]
        outstanding = employee.am_mandatory_outstanding_ids
        now = fields.Datetime.now()
        sessions = [("employee_id", "=", employee.id), ("course_id.am_start", ">=", now)]
        session_count = self.env["hr.course.attendee"].search_count(sessions)
        window = self.env["am.certification"]._reminder_days()
        certifications = [("employee_id", "=", employee.id),
                          ("state", "in", ["expiring", "expired"])]
        cert_count = self.env["am.certification"].search_count(certifications)
        return {"key": "training", "title": _("Training due"), "figures": [
            dict(figure(len(outstanding), "am.training.course",
                        [("id", "in", outstanding.ids)], _("Mandatory courses outstanding"),
                        tone=outstanding and "warn" or "ok"),
                 label=_("Mandatory courses outstanding")),
            dict(figure(session_count, "hr.course.attendee", sessions,
                        _("Sessions I registered for")),
                 label=_("Sessions registered for")),
            dict(figure(cert_count, "am.certification", certifications,
                        _("Certifications expiring or expired"),
                        tone=cert_count and "bad" or "ok",
                        hint=_("within %s days") % window),
                 label=_("Certifications expiring")),
        ]}

    def _my_assessment_section(self, context):
        employee = context["employee"]
        mine = [("employee_id", "=", employee.id)]
        latest = self.env["am.assessment"].search_read(
            mine, ["name", "date_from", "date_to", "total_score", "penalty_total",
                   "reward_total", "consecutive_failures", "passed", "state"],
            order="date_to desc, id desc", limit=1)
        if not latest:
            return {"key": "assessment", "title": _("My assessment"),
                    "note": _("No assessment yet."), "figures": []}
        latest = latest[0]
        period = [("date_from", "=", latest["date_from"])] + mine
        failures = latest["consecutive_failures"]
        return {
            "key": "assessment",
            "title": _("My assessment"),
            "note": _("Latest period: %(start)s to %(stop)s") % {
                "start": latest["date_from"], "stop": latest["date_to"]},
            "figures": [
                dict(figure(latest["total_score"], "am.assessment", period,
                            _("My assessment"), display="%.2f" % latest["total_score"],
                            tone="ok" if latest["passed"] else "bad"),
                     label=_("Score")),
                dict(figure(latest["penalty_total"], "am.assessment", period,
                            _("My assessment"), display="%.2f" % latest["penalty_total"],
                            tone=latest["penalty_total"] and "bad" or None),
                     label=_("Penalties")),
                dict(figure(latest["reward_total"], "am.assessment", period,
                            _("My assessment"), display="%.2f" % latest["reward_total"]),
                     label=_("Rewards")),
                dict(figure(failures, "am.assessment", mine + [("passed", "=", False)],
                            _("My failed periods"), tone=failures and "bad" or "ok",
                            count=False),
                     label=_("Failed periods in a row")),
            ],
        }

    # -- "My team today": failed periods, leaderboard score
    def _team_columns(self):
        return super()._team_columns() + [
            {"key": "failures", "label": _("Failed periods in a row"), "numeric": True}]

    def _latest_assessments(self, context):
        """{employee id: (consecutive failures, score)} of the latest
        assessment of each scheme of the team's members (one query; the
        team is computed on the server from the leader)."""
        if "_latest_assessments" not in context:
            employees = context["employees"]
            result = {}
            if employees:
                self.env["am.assessment"].check_access_rights("read")
                self.env.cr.execute("""
                    SELECT employee_id, max(consecutive_failures), avg(total_score)
                      FROM (SELECT DISTINCT ON (employee_id, scheme_id)
                                   employee_id, consecutive_failures, total_score
                              FROM am_assessment
                             WHERE employee_id = ANY(%s)
                          ORDER BY employee_id, scheme_id, date_to DESC) latest
                  GROUP BY employee_id
                """, (employees.ids,))
                result = {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}
            context["_latest_assessments"] = result
        return context["_latest_assessments"]

    def _team_cells(self, context, rows):
        rows = super()._team_cells(context, rows)
        latest = self._latest_assessments(context)
        for row in rows:
            failures = (latest.get(row["key"]) or (0, None))[0] or 0
            row["cells"]["failures"] = figure(
                failures, "am.assessment", [("employee_id", "=", row["key"])],
                _("Assessments: %s") % row["name"], count=False,
                tone="bad" if failures >= self._failure_threshold() else
                ("warn" if failures else None))
        return rows

    def _failure_threshold(self):
        return self.env["am.assessment"]._review_threshold()

    def _leaderboard_scores(self, context, employees):
        latest = self._latest_assessments(context)
        return {emp: values[1] for emp, values in latest.items() if values[1] is not None}

    # -- HR: "Assessments and qualification"
    @api.model
    def get_hr_cockpit(self):
        """Every figure of HR's cockpit: assessments of the current and last
        period per scheme, employees flagged for review, penalties and
        rewards, qualification coverage by department and certifications
        expiring, with the export buttons."""
        self._check_group(HR_GROUP)
        today = self.env["res.users"]._am_today()
        flagged = self._hr_flagged()
        certifications = self._hr_certifications(today)
        return {
            "title": _("Assessments and qualification"),
            "subtitle": self._date(today),
            "buttons": [
                {"label": _("Export assessments (XLSX)"),
                 "xmlid": "account_manager_assessment.action_am_assessment_export"},
                {"label": _("Training matrix"),
                 "xmlid": "account_manager_training.action_am_training_matrix"},
            ],
            "sections": [self._hr_summary_section(flagged, certifications)],
            "tables": [
                self._hr_schemes_table(today),
                flagged["table"],
                self._hr_qualification_table(),
                certifications["table"],
            ],
        }

    def _hr_summary_section(self, flagged, certifications):
        return {"key": "hr_summary", "title": _("To look at"), "figures": [
            dict(flagged["figure"], label=_("Flagged for review")),
            dict(certifications["expiring"], label=_("Certifications expiring")),
            dict(certifications["expired"], label=_("Certifications expired")),
        ]}

    def _hr_schemes_table(self, today):
        schemes = self.env["am.assessment.scheme"].search([("active", "=", True)])
        assessment_model = self.env["am.assessment"]
        states = [key for key, __ in assessment_model._fields["state"]._description_selection(
            self.env)]
        labels = dict(assessment_model._fields["state"]._description_selection(self.env))
        periods = {}
        for scheme in schemes:
            current = scheme._period_of(today)
            last = scheme._period_of(current[0] - timedelta(days=1))
            periods[scheme.id] = {"current": current, "last": last}
        rows = []
        for which, title in (("current", _("current")), ("last", _("last"))):
            if not schemes:
                break
            # explicit "&": expression.OR does not normalize its operands
            domain = expression.OR([
                ["&", ("scheme_id", "=", scheme.id),
                 ("date_from", "=", self._date(periods[scheme.id][which][0]))]
                for scheme in schemes])
            groups = assessment_model.read_group(
                domain, ["scheme_id", "state", "penalty_total", "reward_total"],
                ["scheme_id", "state"], lazy=False)
            flagged = self._counts(assessment_model.read_group(
                expression.AND([domain, [("flagged_for_review", "=", True)]]),
                ["scheme_id"], ["scheme_id"]), "scheme_id")
            by_scheme = {}
            for group in groups:
                by_scheme.setdefault(group["scheme_id"][0], []).append(group)
            for scheme in schemes:
                start, stop = periods[scheme.id][which]
                base = [("scheme_id", "=", scheme.id), ("date_from", "=", self._date(start))]
                name = "%s (%s: %s \u2013 %s)" % (scheme.name, title, self._date(start),
                                                  self._date(stop))
                cells = {}
                total = penalties = rewards = 0
                counts = dict.fromkeys(states, 0)
                for group in by_scheme.get(scheme.id, []):
                    counts[group["state"]] = group["__count"]
                    total += group["__count"]
                    penalties += group["penalty_total"] or 0.0
                    rewards += group["reward_total"] or 0.0
                cells["assessed"] = figure(total, "am.assessment", base,
                                           _("Assessments: %s") % name)
                for state in states:
                    cells[state] = figure(counts[state], "am.assessment",
                                          base + [("state", "=", state)],
                                          "%s: %s" % (labels[state], name))
                count = flagged.get(scheme.id, 0)
                cells["flagged"] = figure(count, "am.assessment",
                                          base + [("flagged_for_review", "=", True)],
                                          _("Flagged for review: %s") % name,
                                          tone=count and "bad" or None)
                cells["penalties"] = figure(penalties, display="%.2f" % penalties)
                cells["rewards"] = figure(rewards, display="%.2f" % rewards)
                rows.append({"name": name, "cells": cells})
        columns = [{"key": "assessed", "label": _("Assessed"), "numeric": True}]
        columns += [{"key": state, "label": labels[state], "numeric": True} for state in states]
        columns += [
            {"key": "flagged", "label": _("Flagged for review"), "numeric": True},
            {"key": "penalties", "label": _("Penalties"), "numeric": True},
            {"key": "rewards", "label": _("Rewards"), "numeric": True},
        ]
        return {"key": "schemes", "title": _("Assessments by scheme and period"),
                "name_label": _("Scheme and period"), "columns": columns, "rows": rows,
                "empty": _("No assessment scheme yet.")}

    def _hr_flagged(self):
        domain = [("flagged_for_review", "=", True)]
        assessment_model = self.env["am.assessment"]
        count = assessment_model.search_count(domain)
        latest = assessment_model.search_read(
            domain, ["employee_id", "scheme_id", "date_from", "date_to",
                     "consecutive_failures", "total_score"],
            order="date_to desc, id desc", limit=FLAGGED_LIMIT)
        rows, seen = [], set()
        for item in latest:
            key = (item["employee_id"] and item["employee_id"][0],
                   item["scheme_id"] and item["scheme_id"][0])
            if key in seen:
                continue
            seen.add(key)
            name = item["employee_id"] and item["employee_id"][1] or ""
            rows.append({"name": name, "cells": {
                "scheme": figure(item["scheme_id"] and item["scheme_id"][1] or ""),
                "period": figure(item["date_from"], display="%s \u2013 %s" % (
                    item["date_from"], item["date_to"])),
                "failures": figure(item["consecutive_failures"], "am.assessment",
                                   [("employee_id", "=", key[0]), ("scheme_id", "=", key[1])],
                                   _("Assessments: %s") % name, tone="bad", count=False),
                "score": figure(item["total_score"], display="%.2f" % item["total_score"]),
            }})
        return {
            "figure": figure(count, "am.assessment", domain, _("Flagged for review"),
                             tone=count and "bad" or "ok"),
            "table": {
                "key": "flagged", "title": _("Employees flagged for review"),
                "name_label": _("Employee"),
                "columns": [
                    {"key": "scheme", "label": _("Scheme")},
                    {"key": "period", "label": _("Period")},
                    {"key": "failures", "label": _("Failed periods in a row"), "numeric": True},
                    {"key": "score", "label": _("Score"), "numeric": True},
                ],
                "rows": rows,
                "empty": _("Nobody is flagged for review."),
            },
        }

    def _hr_qualification_table(self):
        qualification = self.env["am.employee.qualification"]
        labels = qualification._fields["state"]._description_selection(self.env)
        # the department of a qualification is its employee's (not stored):
        # grouped by employee, then the employees' departments read at once
        groups = qualification.read_group([], ["employee_id", "state"],
                                          ["employee_id", "state"], lazy=False)
        employees = self.env["hr.employee"].browse(
            set(g["employee_id"][0] for g in groups if g["employee_id"]))
        department_of = {e["id"]: e["department_id"]
                         for e in employees.read(["department_id"])}
        departments = {}
        for group in groups:
            dept = department_of.get(group["employee_id"] and group["employee_id"][0])
            key = dept and dept[0] or False
            entry = departments.setdefault(key, {"name": dept and dept[1] or _("No department"),
                                                 "counts": {}})
            entry["counts"][group["state"]] = entry["counts"].get(group["state"], 0) + \
                group["__count"]
        rows = []
        for key, entry in sorted(departments.items(), key=lambda item: item[1]["name"]):
            base = [("employee_id.department_id", "=", key)]
            cells = {}
            for state, label in labels:
                count = entry["counts"].get(state, 0)
                tone = {"expiring": "warn", "expired": "bad", "not_qualified": "bad"}.get(state)
                cells[state] = figure(count, "am.employee.qualification",
                                      base + [("state", "=", state)],
                                      "%s: %s" % (label, entry["name"]),
                                      tone=count and tone or None)
            rows.append({"name": entry["name"], "cells": cells})
        return {"key": "qualification", "title": _("Qualification coverage by department"),
                "name_label": _("Department"),
                "columns": [{"key": state, "label": label, "numeric": True}
                            for state, label in labels],
                "rows": rows, "empty": _("No qualification rule yet.")}

    def _hr_certifications(self, today):
        certification = self.env["am.certification"]
        window = certification._reminder_days()
        expiring = [("expiry_date", ">=", self._date(today)),
                    ("expiry_date", "<=", self._date(today + timedelta(days=window)))]
        expired = [("state", "=", "expired")]
        expiring_count = certification.search_count(expiring)
        expired_count = certification.search_count(expired)
        rows = []
        for item in certification.search_read(
                expiring, ["name", "number", "employee_id", "expiry_date"],
                order="expiry_date, id", limit=CERTIFICATION_LIMIT):
            rows.append({"name": item["employee_id"] and item["employee_id"][1] or "", "cells": {
                "certification": figure(item["name"], "am.certification",
                                        [("id", "=", item["id"])], item["name"],
                                        display=item["name"]),
                "number": figure(item["number"] or "", display=item["number"] or ""),
                "expiry": figure(item["expiry_date"], display=item["expiry_date"],
                                 tone="warn"),
            }})
        return {
            "expiring": figure(expiring_count, "am.certification", expiring,
                               _("Certifications expiring"),
                               tone=expiring_count and "warn" or "ok",
                               hint=_("within %s days") % window),
            "expired": figure(expired_count, "am.certification", expired,
                              _("Certifications expired"),
                              tone=expired_count and "bad" or "ok"),
            "table": {
                "key": "certifications",
                "title": _("Certifications expiring within %s days") % window,
                "name_label": _("Employee"),
                "columns": [
                    {"key": "certification", "label": _("Certification")},
                    {"key": "number", "label": _("Number")},
                    {"key": "expiry", "label": _("Expires on")},
                ],
                "rows": rows,
                "empty": _("No certification expires within %s days.") % window,
            },
        }

    # -- HR's weekly digest
    @api.model
    def _cron_hr_digest(self):
        """Daily: once a week (the first run of each ISO week), the HR managers
        get the flags and the expiring certifications. Safe when two runs
        overlap (advisory lock) and when run again the same week."""
        if not self.env["res.config.settings"]._am_value("hr_digest"):
            return 0
        if not am_locks.try_lock(self.env.cr, "am_hr_digest"):
            return 0
        year, week, __ = datetime.utcnow().date().isocalendar()
        stamp = "%d-W%02d" % (year, week)
        if am_locks.done_for(self.env, HR_DIGEST_SENT_PARAM, stamp):
            return 0
        managers = self.env.ref("hr.group_hr_manager").users.filtered(
            lambda u: u.active and u.partner_id.email)
        sent = 0
        for manager in managers:
            if self.sudo(manager).with_context(lang=manager.lang, tz=manager.tz)._send_hr_digest():
                sent += 1
        am_locks.mark_done(self.env, HR_DIGEST_SENT_PARAM, stamp)
        return sent

    def _send_hr_digest(self):
        user = self.env.user
        flagged = self._hr_flagged()
        certifications = self._hr_certifications(self.env["res.users"]._am_today())
        parts = ["<p>%s</p>" % html_escape(_("This week in assessments and qualification:")),
                 "<ul><li>%s</li><li>%s</li><li>%s</li></ul>" % (
                     html_escape(_("Flagged for review: %s") % flagged["figure"]["display"]),
                     html_escape(_("Certifications expiring: %s")
                                 % certifications["expiring"]["display"]),
                     html_escape(_("Certifications expired: %s")
                                 % certifications["expired"]["display"]))]
        for table in (flagged["table"], certifications["table"]):
            if not table["rows"]:
                continue
            head = "".join("<th style='padding:2px 6px;text-align:left'>%s</th>"
                           % html_escape(col["label"]) for col in table["columns"])
            lines = "".join("<tr><td style='padding:2px 6px'>%s</td>%s</tr>" % (
                html_escape(row["name"]), "".join(
                    "<td style='padding:2px 6px'>%s</td>" % html_escape(
                        row["cells"][col["key"]]["display"]) for col in table["columns"]))
                for row in table["rows"])
            parts.append("<h3>%s</h3><table border='1' style='border-collapse:collapse;"
                         "font-size:12px'><tr><th>%s</th>%s</tr>%s</table>" % (
                             html_escape(table["title"]), html_escape(table["name_label"]),
                             head, lines))
        self.env["mail.mail"].sudo().create({
            "subject": _("Assessments and qualification: weekly digest"),
            "body_html": "".join(parts),
            "recipient_ids": [(4, user.partner_id.id)],
            "auto_delete": True,
        })
        return True
