# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from ..models import am_rules
from ..models.am_cockpit import NONE
from .common import AmCommon


class TestCockpitRules(AmCommon):

    def test_pace_and_shares(self):
        # Wednesday 2026-11-25 to Monday 2026-11-30: Wed, Thu, Fri, Mon
        self.assertEqual(am_rules.working_days_left(date(2026, 11, 25), date(2026, 11, 30)), 4)
        self.assertEqual(am_rules.working_days_left(date(2026, 12, 1), date(2026, 11, 30)), 0)
        self.assertEqual(am_rules.visit_pace(7, 15, 4), 2.0)
        self.assertEqual(am_rules.visit_pace(15, 15, 4), 0.0)
        self.assertEqual(am_rules.visit_pace(3, 15, 0), 12.0)
        self.assertEqual(am_rules.visit_pace(3, 0, 5), 0.0)
        self.assertEqual(am_rules.share_percent(1, 3), 33.3)
        self.assertIsNone(am_rules.share_percent(0, 0))


class TestCockpit(AmCommon):
    """Visits and position reports are dated now (the users' time zone is
    UTC): today's figures hold whatever the hour of the run."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.cockpit = cls.env["am.cockpit"]
        cls.customer1 = cls._customer(cls.am1, "T Cockpit One", phone="+86 21 5555 2001")
        cls.customer2 = cls._customer(cls.am2, "T Cockpit Two", phone="+86 21 5555 2002")
        cls.customer_other = cls._customer(cls.am_other, "T Cockpit Other",
                                           phone="+86 21 5555 2003")
        return result

    def _check_figure_matches_list(self, user, fig):
        """A clickable figure is the count of the list it opens, as that user."""
        action = fig["action"]
        if not fig["count"]:
            return
        count = self.env[action["model"]].sudo(user).search_count(action["domain"])
        self.assertEqual(fig["value"], count, "%s: %s" % (action["name"], action["domain"]))

    def _team_row(self, data, employee):
        rows = [row for row in data["rows"] if row["key"] == employee.id]
        return rows and rows[0]["cells"]

    def test_team_figures_against_the_records(self):
        # what the account managers did today, recorded as themselves
        self._done_visit(self.am1, self.customer1)
        self._visit(self.am1, self.customer1, planned_start=self._dt())
        self._visit(self.am2, self.customer2, planned_start=self._dt())
        self._visit(self.am2, self.customer2, planned_start=self._dt())
        self._done_visit(self.am_other, self.customer_other)
        self.env["am.work.report"].sudo(self.am1).create({
            "report_type": "daily", "date_from": fields.Date.context_today(
                self.env["am.work.report"].sudo(self.am1))})
        self.env["hr.attendance"].sudo(self.am1).create({
            "employee_id": self.emp_am1.id, "check_in": self._dt(),
            "am_position_in": "Branch office"})
        # a customer of am2 registered long ago, never visited: overdue
        self.customer2.sudo()._write_workflow({"am_registration_date": self._dt(days=-90)})

        data = self.cockpit.sudo(self.leader).get_team_today()
        self.assertEqual(sorted(row["key"] for row in data["rows"]),
                         sorted((self.emp_am1 | self.emp_am2).ids),
                         "one row per account manager of the leader's team, not himself "
                         "nor another team")
        am1, am2 = self._team_row(data, self.emp_am1), self._team_row(data, self.emp_am2)
        self.assertEqual((am1["done"]["value"], am1["planned"]["value"]), (1, 1))
        self.assertEqual((am2["done"]["value"], am2["planned"]["value"]), (0, 2))
        self.assertEqual(am1["month"]["value"], self.env["am.visit"].search_count([
            ("user_id", "=", self.am1.id), ("state", "=", "done"),
            ("visit_date", ">=", fields.Date.to_string(
                fields.Date.from_string(fields.Date.context_today(
                    self.env["am.visit"].sudo(self.leader))).replace(day=1)))]))
        self.assertEqual(am1["target"]["value"], 15)
        self.assertEqual(am1["report"]["value"], "draft")
        self.assertEqual(am2["report"]["display"], "Missing")
        self.assertIn("Branch office", am1["position"]["display"])
        self.assertEqual(am2["position"]["value"], 0)
        self.assertEqual((am1["overdue"]["value"], am2["overdue"]["value"]), (0, 1))
        self.assertEqual(am1["complaints"]["value"], 0)
        self.assertEqual(data["totals"]["done"]["value"], 1)
        self.assertEqual(data["totals"]["planned"]["value"], 3)
        self.assertEqual(data["totals"]["overdue"]["value"], 1)
        if "review_state" not in self.env["am.visit"]._fields:
            self.assertEqual(am1["review"]["display"], NONE)
        # every figure is the count of the list it opens, as the leader sees it
        for row in data["rows"]:
            for fig in row["cells"].values():
                self._check_figure_matches_list(self.leader, fig)
        for row in data["leaderboard"]["rows"]:
            for fig in row["cells"].values():
                self._check_figure_matches_list(self.leader, fig)
        board = data["leaderboard"]["rows"]
        self.assertEqual(board[0]["key"], self.emp_am1.id, "most visits first")
        week = self.cockpit.sudo(self.leader).get_team_today(period="week")
        self.assertEqual(week["leaderboard"]["period"], "week")

    def test_map_of_todays_checkins(self):
        visit = self._visit(self.am1, self.customer1)
        visit.sudo(self.am1).checkin_with_position(31.2304, 121.4737)
        self._visit(self.am2, self.customer2).sudo(self.am2).action_checkin()
        data = self.cockpit.sudo(self.leader).get_team_today()
        points = data["map"]["points"]
        self.assertEqual([p["id"] for p in points], [visit.id],
                         "check-ins with a position only")
        self.assertAlmostEqual(points[0]["lat"], 31.2304, places=4)
        self.assertIn("{z}", data["map"]["tile_url"])

    def test_my_work_figures_against_the_records(self):
        self._done_visit(self.am1, self.customer1)
        self._visit(self.am1, self.customer1, planned_start=self._dt())
        self._visit(self.am2, self.customer2, planned_start=self._dt())
        data = self.cockpit.sudo(self.am1).get_my_work()
        sections = {section["key"]: section for section in data["sections"]}
        visits = sections["visits"]["figures"]
        self.assertEqual([visits[0]["value"], visits[1]["value"]], [1, 1])
        self.assertEqual(visits[2]["value"], 0, "no overdue customer")
        self.assertTrue(sections["visits"]["note"], "the next visit")
        month = sections["month"]["figures"]
        self.assertGreaterEqual(month[0]["value"], 1)
        self.assertEqual(month[1]["value"], 15)
        self.assertEqual(sections["report"]["figures"][0]["value"], "missing")
        self.assertEqual(sections["complaints"]["figures"][0]["value"], 0)
        for section in data["sections"]:
            for fig in section["figures"]:
                self._check_figure_matches_list(self.am1, fig)

    def test_cockpits_are_for_their_roles(self):
        with self.assertRaises(AccessError):
            self.cockpit.sudo(self.am1).get_team_today()
        nobody = self._user("t_cockpit_nobody", self.env.ref("base.group_user"))
        with self.assertRaises(AccessError):
            self.cockpit.sudo(nobody).get_my_work()
        # a period the client invents is the month
        data = self.cockpit.sudo(self.leader).get_team_today(period="'; drop")
        self.assertEqual(data["leaderboard"]["period"], "month")

    def test_team_queries_do_not_grow_with_the_team(self):
        """The same number of queries for a team of 2 and a team of 12."""
        def count():
            self.env.clear()
            start = self.env.cr.sql_log_count
            data = self.cockpit.sudo(self.leader).get_team_today()
            return self.env.cr.sql_log_count - start, len(data["rows"])

        for _index in range(3):
            self._visit(self.am1, self.customer1, planned_start=self._dt())
        count()  # warms the caches
        small = count()
        for index in range(10):
            user = self._user("t_cockpit_am%s" % index, self.group_am)
            self._employee(user, self.dept)
            customer = self._customer(user, "T Cockpit customer %s" % index,
                                      phone="+86 21 5555 3%03d" % index)
            self._done_visit(user, customer)
            self._visit(user, customer, planned_start=self._dt())
        count()
        large = count()
        self.assertEqual((small[1], large[1]), (2, 12))
        self.assertEqual(small[0], large[0], "queries for 2 and 12 account managers: %s, %s"
                         % (small[0], large[0]))

    def test_home_action_follows_the_role(self):
        team = self.env.ref("account_manager_process.action_am_cockpit_team")
        my_work = self.env.ref("account_manager_process.action_am_cockpit_my_work")
        self.assertEqual(self.am1.action_id.id, my_work.id)
        self.assertEqual(self.leader.action_id.id, team.id)
        user = self._user("t_cockpit_new", self.env.ref("base.group_user"))
        self.assertFalse(user.action_id)
        user.write({"groups_id": [(4, self.group_am.id)]})
        self.assertEqual(user.action_id.id, my_work.id)
        self.group_leader.write({"users": [(4, user.id)]})
        self.assertEqual(user.action_id.id, team.id)
        user.write({"groups_id": [(3, self.group_leader.id), (3, self.group_am.id)]})
        self.assertFalse(user.action_id, "no role, no cockpit")
        # a home action chosen for (or by) the user stays
        chosen = self.env.ref("account_manager_process.action_am_visit")
        self.am2.sudo(self.am2).write({"action_id": chosen.id})
        self.am2.write({"groups_id": [(4, self.group_leader.id)]})
        self.assertEqual(self.am2.action_id.id, chosen.id)
        self.env["res.users"]._am_set_cockpit_home_all()
        self.assertEqual(self.am2.action_id.id, chosen.id)

    def test_leader_digest_once_a_day(self):
        self._done_visit(self.am1, self.customer1, days=-1)
        self._set_param("leader_digest_hour", 0)
        mails = self.env["mail.mail"].sudo()

        def digests(user):
            return mails.search([("recipient_ids", "in", user.partner_id.id),
                                 ("subject", "like", "Your team on")])

        self._set_param("leader_digest", 0)
        self.cockpit._cron_leader_digest()
        self.assertFalse(digests(self.leader), "turned off in the Settings")
        self._set_param("leader_digest", 1)
        self.cockpit._cron_leader_digest()
        self.cockpit._cron_leader_digest()
        sent = digests(self.leader)
        self.assertEqual(len(sent), 1, "one digest a day, however often the job runs")
        self.assertIn(self.emp_am1.name, sent.body_html)
        self.assertNotIn(self.emp_am_other.name, sent.body_html, "his team only")
        self.assertEqual(len(digests(self.leader_other)), 1)
        self.assertFalse(digests(self.am1), "leaders only")

    def test_settings_refuse_bad_values(self):
        settings = self.env["res.config.settings"].sudo(self.admin)
        with self.assertRaises(ValidationError):
            settings.create({"am_leader_digest_hour": 24})
        with self.assertRaises(ValidationError):
            settings.create({"am_cockpit_tile_url": "javascript:alert(1)"})
        settings.create({"am_cockpit_tile_url": "", "am_leader_digest_hour": 6}).execute()
        self.assertEqual(self.cockpit._tile_url(), "")
        self.assertEqual(self.env["res.config.settings"]._am_value("leader_digest_hour"), 6)
