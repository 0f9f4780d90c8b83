# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the field app ("My day", /am/day) loads for the day, read as the
account manager (his access rights apply), and the optional route order."""
import importlib
import math

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from . import am_rules

MAX_CUSTOMERS = 500
LAST_VISITS = 3
# average speed in town, to turn distances into travel times for the route
ROUTE_SPEED_KMH = 25.0
ROUTE_MAX_STOPS = 30
ROUTE_SOLVER_SECONDS = 2
# time spent at each customer, between arriving and driving on
ROUTE_VISIT_MINUTES = 30


def _solver():
    """OR-Tools' routing library, or None when it is not installed."""
    try:
        return importlib.import_module("ortools.constraint_solver.pywrapcp")
    except ImportError:
        return None


class AmDay(models.AbstractModel):
    _name = "am.day"
    _description = "My day (field app)"

    @api.model
    def _check_user(self):
        if not self.env.user.has_group("account_manager_process.group_account_manager"):
            raise AccessError(_("Only account managers use the field app."))

    @api.model
    def _partner_data(self, partner):
        address = ", ".join(p for p in (partner.street, partner.street2, partner.city) if p)
        users = self.env["res.users"]
        data = {
            "id": partner.id, "name": partner.display_name,
            "phone": partner.phone or partner.mobile or "", "address": address,
            "latitude": False, "longitude": False,
            "last_visit": partner.am_last_visit_date or False,
            "due": partner.am_next_visit_due or False,
            "registered_today": bool(partner.am_registration_date) and users._am_local_datetime(
                partner.am_registration_date).date() == users._am_today(),
        }
        if "partner_latitude" in partner._fields and (
                partner.partner_latitude or partner.partner_longitude):
            data.update(latitude=partner.partner_latitude, longitude=partner.partner_longitude)
        return data

    @api.model
    def am_day_data(self):
        """Everything the page shows for today, to be kept on the device."""
        self._check_user()
        user = self.env.user
        today = fields.Date.context_today(self)
        visits = self._day_visits(today)
        partners = visits.mapped("partner_id")
        customers = self.env["res.partner"].search(
            [("am_user_id", "=", user.id)], order="name", limit=MAX_CUSTOMERS)
        types = self.env["am.visit"]._fields["visit_type"]._description_selection(self.env)
        return {
            "user": {"id": user.id, "name": user.name, "lang": user.lang or "en_US",
                     "tz": user.tz or "UTC"},
            "today": today,
            "loaded_at": fields.Datetime.now(),
            "visits": self._day_visit_rows(visits, today),
            "customers": [self._partner_data(p) for p in (partners | customers)],
            "history": self._day_history(partners),
            "complaints": self._day_complaints(partners),
            "purposes": [{"id": p.id, "name": p.name} for p in
                         self.env["am.visit.purpose"].search([])],
            "outcomes": [{"id": o.id, "name": o.name} for o in
                         self.env["am.visit.outcome"].search([])],
            "visit_types": [{"id": key, "name": label} for key, label in types],
            "report": self._day_report(today),
            "day": self._day_status(today),
            "route": self._route_status(),
        }

    @api.model
    def _day_visits(self, today):
        """The user's visits of the day, and those of earlier days still
        planned or in progress."""
        return self.env["am.visit"].search([
            ("user_id", "=", self.env.uid),
            "|", ("visit_date", "=", today),
            "&", ("visit_date", "<", today), ("state", "in", ("planned", "in_progress")),
        ], order="planned_start, id")

    @api.model
    def _day_visit_rows(self, visits, today):
        """The visits as the app keeps them: their fields, their number of
        photos and (where visits are verified) the check-in's verdict."""
        Visit = self.env["am.visit"]
        states = dict(Visit._fields["state"]._description_selection(self.env))
        photos = self._day_photo_counts(visits)
        # the verdict of a check-in, where visits are verified (merged later)
        verdicts = [(name, dict(Visit._fields[name]._description_selection(self.env)))
                    for name in ("checkin_verdict", "review_state") if name in Visit._fields]
        rows = []
        for visit in visits:
            row = self._day_visit_row(visit, today, states)
            row["photos"] = photos.get(visit.id, 0)
            for name, labels in verdicts:
                row[name] = visit[name] or False
                row[name + "_label"] = labels.get(visit[name], "")
            rows.append(row)
        return rows

    @api.model
    def _day_visit_row(self, visit, today, states):
        """The fields of one visit the app shows and edits."""
        return {
            "id": visit.id, "name": visit.name, "state": visit.state,
            "state_label": states.get(visit.state), "visit_type": visit.visit_type,
            "partner_id": visit.partner_id.id,
            "purpose_id": visit.purpose_id.id, "purpose": visit.purpose_id.name or "",
            "outcome_id": visit.outcome_id.id, "summary": visit.summary or "",
            "progress_note": visit.progress_note or "", "next_step": visit.next_step or "",
            "next_visit_date": visit.next_visit_date or False,
            "planned_start": visit.planned_start, "planned_stop": visit.planned_stop or False,
            "checkin_time": visit.checkin_time or False,
            "overdue": bool(visit.visit_date and visit.visit_date < today),
            "return_visit": visit.visit_type == "return",
        }

    @api.model
    def _day_photo_counts(self, visits):
        """{visit id: number of its photos}."""
        photos = {}
        for attachment in self.env["ir.attachment"].search([
                ("res_model", "=", "am.visit"), ("res_id", "in", visits.ids),
                ("mimetype", "=like", "image/%")]):
            photos[attachment.res_id] = photos.get(attachment.res_id, 0) + 1
        return photos

    @api.model
    def _day_history(self, partners):
        """{customer id: his last done visits (anyone's), latest first}."""
        Visit = self.env["am.visit"]
        history = {}
        for partner in partners:
            done = Visit.search([("partner_id", "=", partner.id), ("state", "=", "done")],
                                order="visit_date desc, id desc", limit=LAST_VISITS)
            history[partner.id] = [{
                "date": v.visit_date, "purpose": v.purpose_id.name or "",
                "outcome": v.outcome_id.name or "", "summary": v.summary or "",
                "user": v.user_id.name} for v in done]
        return history

    @api.model
    def _day_complaints(self, partners):
        """{customer id: his open complaints, latest first}, for a user who
        may read complaints."""
        complaints = {}
        Claim = self.env["crm.claim"]
        if partners and Claim.check_access_rights("read", raise_exception=False):
            for claim in Claim.search([("partner_id", "in", partners.ids),
                                       ("am_is_closed", "=", False)], order="date desc"):
                complaints.setdefault(claim.partner_id.id, []).append({
                    "name": claim.name, "date": claim.date or False,
                    "stage": claim.stage_id.name or ""})
        return complaints

    @api.model
    def _day_report(self, today):
        """The user's daily report of the day (its steps and what he wrote
        in them so far)."""
        Report = self.env["am.work.report"]
        report = Report.search([("user_id", "=", self.env.uid), ("report_type", "=", "daily"),
                                ("date_from", "=", today)], limit=1)
        contents = {line.step_id.id: line.content or "" for line in report.line_ids}
        steps = [{"id": step.id, "name": step.name, "guidance": step.guidance or "",
                  "content": contents.get(step.id, "")}
                 for step in Report._steps("daily")]
        return {"id": report.id, "state": report.state or "draft", "steps": steps}

    @api.model
    def _day_status(self, today):
        """When the user started and ended his day: his latest position
        report, if made since his local midnight."""
        employee = self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)
        attendance = self.env["hr.attendance"].search(
            [("employee_id", "=", employee.id or 0)], order="check_in desc", limit=1)
        # the user's day starts at his local midnight
        start = self.env["res.users"]._am_utc_bounds(fields.Date.from_string(today))[0]
        return {
            "started": bool(attendance and attendance.check_in >= start) and
            attendance.check_in,
            "ended": bool(attendance and attendance.check_out and
                          attendance.check_in >= start) and attendance.check_out,
        }

    @api.model
    def _route_status(self):
        if _solver():
            return {"available": True, "reason": ""}
        return {"available": False, "reason": _(
            "The route optimiser (OR-Tools) is not installed on the server: the visits "
            "keep their planned order.")}

    # -- route
    @api.model
    def am_route(self, position, stops):
        """Order ``stops`` [{id, latitude, longitude, start, stop}] (start/stop:
        minutes from now of the time window, optional) from ``position``
        {latitude, longitude} to minimise the travel while keeping the time
        windows. Returns {available, reason, order, planned_m, proposed_m}."""
        self._check_user()
        status = self._route_status()
        if not isinstance(stops, list) or len(stops) > ROUTE_MAX_STOPS:
            raise UserError(_("A route has at most %s stops.") % ROUTE_MAX_STOPS)
        points = [self._point(position)] + [self._point(stop) for stop in stops]
        ids = [stop.get("id") for stop in stops]
        planned = am_rules.path_length_m(points)
        located = [i for i, p in enumerate(points) if p]
        if not status["available"]:
            return dict(status, order=ids, planned_m=planned, proposed_m=planned)
        if not points[0] or len(located) < 3:
            return dict(status, order=ids, planned_m=planned, proposed_m=planned,
                        reason=_("Your position and at least two located customers are "
                                 "needed to propose a route."))
        order = self._solve(points, stops)
        if order is None:
            return dict(status, order=ids, planned_m=planned, proposed_m=planned,
                        reason=_("No order keeps every time window: keep the planned one."))
        proposed = am_rules.path_length_m([points[0]] + [points[i + 1] for i in order])
        return dict(status, order=[ids[i] for i in order], planned_m=planned,
                    proposed_m=proposed)

    @staticmethod
    def _point(value):
        if not isinstance(value, dict):
            return None
        lat, lon = value.get("latitude"), value.get("longitude")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) or \
                isinstance(lat, bool) or not (lat or lon) or \
                not am_rules.is_valid_position(lat, lon):
            return None
        return (float(lat), float(lon))

    @api.model
    def _solve(self, points, stops):
        """Indexes of ``stops`` in the solver's order (None: no solution).
        Stops without a position keep their place at the end."""
        pywrapcp = _solver()
        routing_enums = importlib.import_module("ortools.constraint_solver.routing_enums_pb2")
        nodes = [i for i, p in enumerate(points) if p]   # node 0 = current position
        minutes_per_m = 60.0 / (ROUTE_SPEED_KMH * 1000.0)

        def travel(a, b):
            pa, pb = points[nodes[a]], points[nodes[b]]
            return int(math.ceil(am_rules.distance_m(pa[0], pa[1], pb[0], pb[1])
                                 * minutes_per_m))

        manager = pywrapcp.RoutingIndexManager(len(nodes), 1, 0)
        routing = pywrapcp.RoutingModel(manager)

        def time_callback(from_index, to_index):
            # an open route: nothing to drive back to the start
            from_node, to_node = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
            if to_node == 0:
                return 0
            return travel(from_node, to_node) + (ROUTE_VISIT_MINUTES if from_node else 0)

        callback = routing.RegisterTransitCallback(time_callback)
        routing.SetArcCostEvaluatorOfAllVehicles(callback)
        horizon = 24 * 60
        routing.AddDimension(callback, horizon, horizon, False, "time")
        dimension = routing.GetDimensionOrDie("time")
        for node in range(1, len(nodes)):
            stop = stops[nodes[node] - 1]
            start = stop.get("start")
            end = stop.get("stop")
            if isinstance(start, (int, float)) or isinstance(end, (int, float)):
                low = max(0, int(start or 0))
                high = min(horizon, max(low, int(end if end is not None else horizon)))
                dimension.CumulVar(manager.NodeToIndex(node)).SetRange(low, high)
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = (
            routing_enums.FirstSolutionStrategy.PATH_CHEAPEST_ARC)
        params.time_limit.seconds = ROUTE_SOLVER_SECONDS
        solution = routing.SolveWithParameters(params)
        if not solution:
            return None
        order, index = [], routing.Start(0)
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            if node:
                order.append(nodes[node] - 1)
            index = solution.Value(routing.NextVar(index))
        unlocated = [i for i in range(len(stops)) if not points[i + 1]]
        return order + unlocated

    @api.model
    def _am_labels(self):
        """The page's words in the user's language."""
        return {
            "title": _("My day"),
            "online": _("Online"),
            "offline": _("Offline"),
            "pending": _("to send"),
            "sync_now": _("Send now"),
            "start_day": _("Start the day"),
            "end_day": _("End the day"),
            "day_started": _("Day started at %s"),
            "day_ended": _("Day ended at %s"),
            "visits_today": _("Today's visits"),
            "no_visits": _("No visits planned for today."),
            "overdue": _("Overdue"),
            "return_visit": _("Return visit"),
            "navigate": _("Navigate"),
            "call": _("Call"),
            "open": _("Open"),
            "back": _("Back"),
            "away": _("%s away"),
            "check_in": _("Check in"),
            "check_out": _("Check out"),
            "take_photo": _("Take a photo"),
            "photos": _("Photos: %s"),
            "checked_in_at": _("Checked in at %s"),
            "outcome": _("Outcome"),
            "purpose": _("Purpose"),
            "summary": _("Summary"),
            "progress": _("Business progress"),
            "next_step": _("Next step"),
            "next_visit_date": _("Next visit date"),
            "save": _("Save"),
            "missing": _("Still missing before checking out:"),
            "choose": _("Choose…"),
            "last_visits": _("Last visits"),
            "open_complaints": _("Open complaints"),
            "none": _("None"),
            "register_prospect": _("Register a prospect"),
            "unplanned_visit": _("Unplanned visit"),
            "daily_report": _("Daily report"),
            "submit_report": _("Submit the report"),
            "save_report": _("Save the draft"),
            "report_submitted": _("Report submitted"),
            "name": _("Name"),
            "phone": _("Phone"),
            "mobile": _("Mobile"),
            "email": _("E-mail"),
            "street": _("Street"),
            "city": _("City"),
            "customer": _("Customer"),
            "visit_type": _("Visit type"),
            "start_visit": _("Start the visit"),
            "register": _("Register"),
            "queued": _("Saved on the phone; it will be sent when online."),
            "conflicts": _("Needs your attention"),
            "dismiss": _("Dismiss"),
            "route": _("Route"),
            "optimise": _("Propose a shorter order"),
            "keep_order": _("Keep my order"),
            "use_order": _("Use this order"),
            "route_compare": _("Planned order %(planned)s, proposed order %(proposed)s"),
            "position_unknown": _("Position unknown"),
            "state_planned": _("Planned"),
            "state_in_progress": _("In progress"),
            "state_done": _("Done"),
            "state_cancelled": _("Cancelled"),
            "state_missed": _("Missed"),
            "not_loaded": _("Open this page once with a network connection to keep the day "
                            "on the phone."),
            "late_sync": _("sent %s min after it happened"),
            "report_prefill_start": _("Started the day at %s."),
            "report_prefill_visits": _("%s visits today:"),
            "report_prefill_prospects": _("New prospects: %s"),
            "report_prefill_plan": _("Visits planned: %s"),
            "backend": _("Back to Odoo"),
        }
