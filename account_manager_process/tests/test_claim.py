# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os
from datetime import datetime, timedelta

from lxml import etree

from odoo import fields
from odoo.addons.account_manager_process.models import am_locks, claim_rules
from odoo.exceptions import UserError, ValidationError
from odoo.modules.module import get_module_path

from .common import AmCommon


class TestClaim(AmCommon):

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.category = cls.env["crm.claim.category"].create({"name": "T Fees"})
        cls.policy = cls.env["am.claim.sla.policy"].create({
            "name": "T Fees policy", "sequence": 1, "categ_id": cls.category.id,
            "acknowledge_hours": 2, "resolve_hours": 24})
        cls.stage_new = cls.env.ref("crm_claim.stage_claim1")
        cls.stage_progress = cls.env.ref("crm_claim.stage_claim5")
        cls.stage_settled = cls.env.ref("crm_claim.stage_claim2")
        return result

    def _claim(self, hours_ago=0, **values):
        values.setdefault("name", "T complaint")
        values.setdefault("categ_id", self.category.id)
        values.setdefault("user_id", self.am1.id)
        values.setdefault("stage_id", self.stage_new.id)
        values["date"] = self._dt(hours=-hours_ago)
        return self.env["crm.claim"].sudo(self.am1).create(values)

    def test_policy_and_deadlines(self):
        claim = self._claim(am_channel="regulator")
        self.assertEqual(claim.am_sla_policy_id, self.policy)
        date = fields.Datetime.from_string(claim.date)
        self.assertEqual(fields.Datetime.from_string(claim.am_ack_deadline) - date,
                         fields.Datetime.from_string(claim.am_resolve_deadline) - date
                         - (fields.Datetime.from_string(claim.am_resolve_deadline)
                            - fields.Datetime.from_string(claim.am_ack_deadline)))
        self.assertEqual(
            (fields.Datetime.from_string(claim.am_resolve_deadline) - date).total_seconds(),
            24 * 3600)
        self.assertEqual(claim.am_employee_id, self.emp_am1)
        # the generic high priority policy applies to another category
        other = self._claim(categ_id=False, priority="2")
        self.assertEqual(other.am_sla_policy_id,
                         self.env.ref("account_manager_process.sla_policy_high"))

    def test_sla_hours_must_be_positive(self):
        Policy = self.env["am.claim.sla.policy"].sudo(self.admin)
        for ack, resolve in ((0, 10), (2, -1), (5, 2)):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                Policy.create({"name": "Bad", "acknowledge_hours": ack, "resolve_hours": resolve})
        self.assertFalse(Policy.search([("name", "=", "Bad")]))
        # a policy that set deadlines is archived, not deleted
        self._claim()
        with self.assertRaisesRegex(UserError, "archive it instead"), self.env.cr.savepoint():
            self.policy.sudo(self.admin).unlink()
        self.assertTrue(self.policy.exists())

    def test_sla_status(self):
        self.assertEqual(self._claim(hours_ago=1).am_sla_status, "on_time")
        unacknowledged = self._claim(hours_ago=3)
        self.assertEqual(unacknowledged.am_sla_status, "at_risk")
        unacknowledged.action_am_acknowledge()
        self.assertEqual(unacknowledged.am_sla_status, "on_time")
        with self.assertRaises(UserError):
            unacknowledged.action_am_acknowledge()
        late = self._claim(hours_ago=20)
        late.action_am_acknowledge()
        self.assertEqual(late.am_sla_status, "at_risk")
        self.assertEqual(self._claim(hours_ago=30).am_sla_status, "breached")

    def test_close_and_reopen(self):
        claim = self._claim(hours_ago=10)
        claim.write({"stage_id": self.stage_progress.id})
        self.assertFalse(claim.am_closed_date)
        claim.write({"stage_id": self.stage_settled.id,
                     "resolution": "Refunded", "cause": "Wrong fee table"})
        claim.sudo(self.leader).write({"am_satisfaction": "4"})
        self.assertEqual(claim.am_satisfaction_score, 4)
        self.assertTrue(claim.am_closed_date)
        self.assertEqual(claim.date_closed, claim.am_closed_date)
        self.assertTrue(claim.am_resolved_within_sla)
        self.assertEqual(claim.am_sla_status, "on_time")
        self.assertAlmostEqual(claim.am_resolution_hours, 10, delta=0.1)
        claim.write({"stage_id": self.stage_progress.id})
        self.assertEqual(claim.am_reopen_count, 1)
        self.assertEqual((claim.am_satisfaction, claim.am_satisfaction_score), ("0", 0))
        self.assertFalse(claim.am_closed_date)
        self.assertFalse(claim.am_resolved_within_sla)
        claim.write({"stage_id": self.stage_settled.id})
        self.assertTrue(claim.am_closed_date)
        breached = self._claim(hours_ago=30)
        breached.write({"stage_id": self.stage_settled.id})
        self.assertEqual(breached.am_sla_status, "breached")
        self.assertFalse(breached.am_resolved_within_sla)
        self.assertEqual(breached.am_breach_rate, 100.0)

    def test_automatic_fields_not_writable_over_rpc(self):
        """The responsible manager cannot backdate a closing to turn a breach
        into 'resolved within SLA', nor reset an escalation, with write()."""
        breached = self._claim(hours_ago=30)
        before = breached.date
        hostile = dict(am_workflow=True, am_assessment_internal=True, tracking_disable=True)
        for vals in ({"am_closed_date": before}, {"am_escalation_level": 0},
                     {"am_acknowledged_date": before}, {"am_reopen_count": 0},
                     {"am_sla_status": "on_time"}, {"am_resolved_within_sla": True},
                     {"am_breach_rate": 0.0}, {"am_resolve_deadline": self._dt(days=30)},
                     {"date_closed": before}, {"am_satisfaction_score": 5},
                     # a moment far ahead would keep the refresh off the complaint
                     {"am_sla_recheck": self._dt(days=300)}):
            with self.assertRaisesRegex(UserError, "recorded automatically"), \
                    self.env.cr.savepoint():
                breached.with_context(**hostile).write(vals)
            # the superuser is no exception: the workflow writes them itself
            with self.assertRaisesRegex(UserError, "recorded automatically"), \
                    self.env.cr.savepoint():
                breached.sudo().write(vals)
        breached.invalidate_cache()
        self.assertFalse(breached.am_closed_date)
        self.assertEqual(breached.am_sla_status, "breached")
        with self.assertRaisesRegex(UserError, "only a team leader"), self.env.cr.savepoint():
            breached.write({"date": self._dt()})
        breached.invalidate_cache()
        self.assertEqual(breached.date, before)
        with self.assertRaisesRegex(UserError, "recorded automatically"):
            self._claim(am_closed_date=self._dt(hours=-20), am_escalation_level=0)
        with self.assertRaisesRegex(UserError, "recorded automatically"):
            self._claim(am_sla_status="on_time")
        breached.write({"stage_id": self.stage_settled.id})
        self.assertTrue(breached.am_closed_date)
        self.assertFalse(breached.am_resolved_within_sla)

    def test_satisfaction_range(self):
        claim = self._claim()
        as_leader = claim.sudo(self.leader)
        for bad in ("6", 6, -1, "very good", "9"):
            with self.assertRaisesRegex(ValidationError, "from 1 .* to 5"), \
                    self.env.cr.savepoint():
                as_leader.write({"am_satisfaction": bad})
        claim.invalidate_cache()
        self.assertEqual(claim.am_satisfaction, "0")
        # what older clients send (the number) is understood
        as_leader.write({"am_satisfaction": 5})
        self.assertEqual((claim.am_satisfaction, claim.am_satisfaction_score), ("5", 5))
        as_leader.write({"am_satisfaction": False})
        self.assertEqual((claim.am_satisfaction, claim.am_satisfaction_score), ("0", 0))

    def test_satisfaction_is_a_selection_for_the_star_widget(self):
        """The web client's priority (stars) widget only works on selection
        fields whose first value means "not rated"; on an integer it crashes
        the form of every complaint."""
        field = self.env["crm.claim"].sudo(self.am1).fields_get(["am_satisfaction"])[
            "am_satisfaction"]
        self.assertEqual(field["type"], "selection")
        self.assertEqual([key for key, _label in field["selection"]],
                         ["0", "1", "2", "3", "4", "5"])
        # every priority widget of the views of the three addons is on a selection
        views = self.env["ir.ui.view"].search([("arch_db", "like", "widget=\"priority\"")])
        self.assertIn(self.env.ref("account_manager_process.crm_claim_view_form"), views)
        for view in views.filtered(lambda v: v.model in self.env):
            model = self.env[view.model]
            arch = model.sudo(self.leader).fields_view_get(view_id=view.id)["arch"]
            for node in etree.fromstring(arch).xpath("//field[@widget='priority']"):
                self.assertEqual(model._fields[node.get("name")].type, "selection",
                                 "%s: %s" % (view.xml_id, node.get("name")))

    def test_satisfaction_recorded_by_the_leader_only(self):
        """The account manager responsible for a complaint cannot rate the
        customer's satisfaction with his own work, whatever the context; the
        team leader records it, but not for a complaint of his own."""
        claim = self._claim(hours_ago=5)
        claim.write({"stage_id": self.stage_settled.id, "resolution": "Refunded"})
        hostile = claim.with_context(am_workflow=True, am_assessment_internal=True)
        for value in ("5", 5, "1"):
            with self.assertRaisesRegex(UserError, "team leader"), self.env.cr.savepoint():
                hostile.write({"am_satisfaction": value})
        with self.assertRaisesRegex(UserError, "team leader"), self.env.cr.savepoint():
            self._claim(am_satisfaction="5")
        claim.invalidate_cache()
        self.assertEqual(claim.am_satisfaction, "0")
        self.assertFalse(claim.am_can_rate_satisfaction)
        # another account manager of the team is no better
        self.assertTrue(claim.sudo(self.leader).am_can_rate_satisfaction)
        claim.sudo(self.leader).write({"am_satisfaction": "4"})
        self.assertEqual(claim.am_satisfaction, "4")
        # the leader's own complaint is rated by his own leader
        own = self.env["crm.claim"].sudo(self.leader).create({
            "name": "T leader's complaint", "user_id": self.leader.id,
            "categ_id": self.category.id})
        with self.assertRaisesRegex(UserError, "responsible for this complaint"), \
                self.env.cr.savepoint():
            own.write({"am_satisfaction": "5"})
        own.invalidate_cache()
        self.assertEqual(own.am_satisfaction, "0")

    def test_satisfaction_migration_keeps_the_ratings(self):
        """11.0.2.0.0: the integer column is kept aside before the ORM changes
        it, then the selection and the score are filled from it."""
        def load(name):
            path = os.path.join(get_module_path("account_manager_process"), "migrations",
                                "11.0.2.0.0", name)
            spec = importlib.util.spec_from_file_location(
                "am_migration_" + name.replace("-", "_")[:-3], path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module

        pre, post = load("pre-migration.py"), load("post-migration.py")
        claims = [self._claim(name="T migrated %s" % i) for i in range(7)]
        ratings = [5, 1, 3, 0, None, 4, 2]
        cr = self.env.cr
        # the old shape: an integer column
        cr.execute("ALTER TABLE crm_claim DROP COLUMN am_satisfaction")
        cr.execute("ALTER TABLE crm_claim ADD COLUMN am_satisfaction integer")
        for claim, rating in zip(claims, ratings):
            cr.execute("UPDATE crm_claim SET am_satisfaction = %s, am_satisfaction_score = 0 "
                       "WHERE id = %s", (rating, claim.id))
        self.assertTrue(pre.keep_integer_satisfaction(cr))
        self.assertFalse(pre.keep_integer_satisfaction(cr))  # once only
        # what the ORM does when it updates the module: a new varchar column
        cr.execute("ALTER TABLE crm_claim ADD COLUMN am_satisfaction varchar")
        cr.execute("UPDATE crm_claim SET am_satisfaction = '0'")
        self.assertEqual(post.fill_satisfaction(cr), 5)
        self.env["crm.claim"].invalidate_cache()
        for claim, rating in zip(claims, ratings):
            expected = str(rating) if rating else "0"
            self.assertEqual((claim.am_satisfaction, claim.am_satisfaction_score),
                             (expected, rating or 0), claim.name)
        # the original integers are still there
        cr.execute('SELECT "%s" FROM crm_claim WHERE id IN %%s ORDER BY id'
                   % pre.LEGACY_COLUMN, (tuple(c.id for c in claims),))
        self.assertEqual([row[0] for row in cr.fetchall()], ratings)
        # the configured steps get the guidance of new databases, where empty
        step = self.env.ref("account_manager_process.report_step_plan")
        edited = self.env.ref("account_manager_process.report_step_summary")
        step.guidance = False
        edited.guidance = "Our own guidance"
        self.assertEqual(post.fill_step_guidance(self.env), step)
        self.assertEqual(step.guidance, post.STEP_GUIDANCE["report_step_plan"])
        self.assertEqual(edited.guidance, "Our own guidance")

    def test_bad_input_refused_with_clear_message(self):
        claim = self._claim()
        before = (claim.name, claim.date, claim.date_deadline)
        as_leader = claim.sudo(self.leader)
        for vals, message in (
                ({"name": "   "}, "subject is mandatory"),
                ({"name": False}, "subject is mandatory"),
                ({"name": "x" * 300}, "subject is too long"),
                ({"date": "1900-01-01 10:00:00"}, "date of the complaint must be between"),
                ({"date": self._dt(days=3)}, "date of the complaint must be between"),
                ({"date": "yesterday"}, "not a valid date"),
                ({"date_deadline": "2999-01-01"}, "deadline must be between"),
                ({"description": "x" * 30000}, "description is too long")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                as_leader.write(vals)
        claim.invalidate_cache()
        self.assertEqual((claim.name, claim.date, claim.date_deadline), before)
        Claim = self.env["crm.claim"].sudo(self.am1)
        for vals, message in (({"name": " \t "}, "subject is mandatory"),
                              ({}, "subject is mandatory"),
                              ({"name": "T", "date": "1999-12-31 23:00:00"}, "between")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                Claim.create(vals)
        self.assertEqual(self._claim(name="  T trimmed  ").name, "T trimmed")
        # SLA policies: absurd durations and empty names
        Policy = self.env["am.claim.sla.policy"].sudo(self.admin)
        for vals, message in (({"name": " ", "acknowledge_hours": 1, "resolve_hours": 2},
                               "name of an SLA policy is mandatory"),
                              ({"acknowledge_hours": 1, "resolve_hours": 2},
                               "name of an SLA policy is mandatory"),
                              ({"name": "T", "acknowledge_hours": 1, "resolve_hours": 10 ** 7},
                               "at most")):
            with self.assertRaisesRegex(ValidationError, message), self.env.cr.savepoint():
                Policy.create(vals)

    def test_copy_is_a_new_complaint(self):
        claim = self._claim(hours_ago=30)
        claim.write({"stage_id": self.stage_settled.id})
        claim.sudo(self.leader).write({"am_satisfaction": "2"})
        copy = claim.copy()
        self.assertFalse(copy.am_is_closed or copy.am_closed_date or copy.date_closed)
        self.assertEqual((copy.am_satisfaction, copy.am_reopen_count), ("0", 0))
        self.assertGreater(copy.date, claim.date)
        self.assertEqual(copy.am_sla_status, "on_time")

    def test_buttons_return_a_value_for_rpc_clients(self):
        claim = self._claim(hours_ago=1)
        self.assertIs(claim.action_am_acknowledge(), True)

    def test_escalation_skipped_while_another_run_works(self):
        """Two overlapping runs of the escalation action (a manual run during
        the scheduled one) do not both escalate: the second one leaves."""
        self._set_param("escalation_level1_hours", 0)
        late = self._claim(hours_ago=30)
        with self.registry.cursor() as other:
            self.assertTrue(am_locks.try_lock(other, "crm.claim._cron_am_escalate"))
            self.assertFalse(self.env["crm.claim"]._cron_am_escalate())
            self.assertEqual(late.am_escalation_level, 0)
            other.rollback()
        self.assertIn(late, self.env["crm.claim"]._cron_am_escalate())
        self.assertEqual(late.am_escalation_level, 1)

    def test_escalation_cron(self):
        self._set_param("escalation_level1_hours", 0)
        self._set_param("escalation_level2_hours", 24)
        on_time = self._claim(hours_ago=1)
        level1 = self._claim(hours_ago=30)
        level2 = self._claim(hours_ago=50)
        Claim = self.env["crm.claim"]
        escalated = Claim._cron_am_escalate()
        self.assertIn(level1, escalated)
        self.assertIn(level2, escalated)
        self.assertNotIn(on_time, escalated)
        self.assertEqual(on_time.am_escalation_level, 0)
        self.assertEqual(level1.am_escalation_level, 1)
        self.assertEqual(level2.am_escalation_level, 2)
        self.assertEqual(level1.activity_ids.user_id, self.leader)
        self.assertEqual(level2.activity_ids.user_id, self.admin)  # parent department
        self.assertEqual(level1.am_sla_status, "breached")
        # idempotent
        self.assertFalse(Claim._cron_am_escalate() & (on_time | level1 | level2))
        self.assertEqual(len(level1.activity_ids), 1)
        # the leader sees the escalated complaint of his team
        self.assertTrue(level1.sudo(self.leader).read(["am_escalation_level"]))

    def test_status_refreshed_by_cron(self):
        claim = self._claim(hours_ago=1)
        # 30 hours pass: every date of the complaint moves back, the moment
        # its compute stored for the refresh too
        self.env.cr.execute("UPDATE crm_claim SET date = date - interval '30 hours', "
                            "am_resolve_deadline = am_resolve_deadline - interval '30 hours', "
                            "am_ack_deadline = am_ack_deadline - interval '30 hours', "
                            "am_sla_recheck = am_sla_recheck - interval '30 hours' "
                            "WHERE id = %s", (claim.id,))
        claim.invalidate_cache()
        self.env["crm.claim"]._cron_am_escalate()
        self.assertEqual(claim.am_sla_status, "breached")

    def _rows(self, table, where, params, skipped=("id",), order="id"):
        self.env.cr.execute("SELECT * FROM %s WHERE %s ORDER BY %s" % (table, where, order),
                            params)
        return [{k: v for k, v in row.items() if k not in skipped}
                for row in self.env.cr.dictfetchall()]

    def test_escalation_rows_equal_the_orm_rows(self):
        """The level, the tracking message, the activity, the follower and the
        notification the cron writes with SQL are those the ORM writes when it
        escalates a complaint record per record (every stored column)."""
        self._set_param("escalation_level1_hours", 0)
        self._set_param("escalation_level2_hours", 24)
        env = self.env(context={})  # the cron's: tracked, notified
        received = self._dt(hours=-30)
        Claim = self.env["crm.claim"].sudo(self.am1)
        values = {"name": "T same rows", "categ_id": self.category.id, "user_id": self.am1.id,
                  "stage_id": self.stage_new.id, "date": received}
        orm_claim, sql_claim = Claim.create(dict(values)), Claim.create(dict(values))
        cr = self.env.cr
        cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last_bus = cr.fetchone()[0]
        # the ORM, as the scheduled action did it before
        orm = orm_claim.with_env(env)
        recipient = orm._am_escalation_recipient(1)
        self.assertEqual(recipient, self.leader)
        orm._write_workflow({"am_escalation_level": 1})
        orm.message_subscribe_users(user_ids=recipient.ids)
        env["mail.activity"].create({
            "res_model_id": env["ir.model"]._get("crm.claim").id, "res_id": orm.id,
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
            "date_deadline": fields.Date.context_today(orm),
            "summary": "Escalated complaint (level 1): SLA breached",
            "user_id": recipient.id})
        self.assertEqual(env["crm.claim"]._cron_am_escalate(), sql_claim)
        pair = (orm_claim.id, sql_claim.id)
        claims = self._rows("crm_claim", "id IN %s", (pair,))
        self.assertEqual(claims[0], claims[1])
        self.assertEqual(claims[1]["am_escalation_level"], 1)
        messages = self._rows("mail_message", "model = 'crm.claim' AND res_id IN %s", (pair,),
                              skipped=("id", "res_id", "message_id", "date"), order="res_id")
        self.assertEqual(len(messages), 2)
        self.assertEqual(messages[0], messages[1])
        trackings = [self._rows(
            "mail_tracking_value", "mail_message_id IN (SELECT id FROM mail_message WHERE "
            "model = 'crm.claim' AND res_id = %s)", (claim_id,),
            skipped=("id", "mail_message_id")) for claim_id in pair]
        self.assertEqual(trackings[0], trackings[1])
        self.assertIn(1, [t["new_value_integer"] for t in trackings[1]])
        activities = [self._rows("mail_activity", "res_model = 'crm.claim' AND res_id = %s",
                                 (claim_id,), skipped=("id", "res_id")) for claim_id in pair]
        self.assertEqual(len(activities[1]), 1)
        self.assertEqual(activities[0], activities[1])
        followers = [(c.message_follower_ids.mapped("partner_id"),
                      c.message_follower_ids.mapped("subtype_ids")) for c in
                     (orm_claim, sql_claim)]
        self.assertEqual(followers[0], followers[1])
        self.assertIn(self.leader.partner_id, followers[1][0])
        bus = self._rows("bus_bus", "id > %s", (last_bus,),
                         skipped=("id", "create_date", "write_date"))
        self.assertEqual(len(bus), 2)
        self.assertEqual(bus[0], bus[1])

    def test_escalation_queries_do_not_grow_with_complaints(self):
        self._set_param("escalation_level1_hours", 0)
        self._set_param("escalation_level2_hours", 24)
        Claim = self.env["crm.claim"]
        counts = []
        for size in (3, 3, 9):  # the first run warms the caches
            for index in range(size):
                # late (level 1 or 2) complaints of both teams, and open ones on time
                Claim.create({"name": "T late %s" % index, "categ_id": self.category.id,
                              "user_id": (self.am1, self.am2, self.am_other)[index % 3].id,
                              "stage_id": self.stage_new.id,
                              "date": self._dt(hours=-30 - 30 * (index % 2))})
                self._claim(hours_ago=index % 20)
            self.env.clear()
            start = self.env.cr.sql_log_count
            escalated = Claim.with_context(tracking_disable=False)._cron_am_escalate()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(escalated), size)
            self.assertTrue(all(claim.activity_ids for claim in escalated))
            # the tracking message of each new level is written too
            self.assertTrue(all(claim.message_ids for claim in escalated))
        self.assertEqual(counts[1], counts[2], "queries for N and 3N complaints: %s" % counts)

    def test_sla_status_refresh_equals_the_rules(self):
        """The hourly refresh stores the status claim_rules.sla_status() gives."""
        claims = self.env["crm.claim"]
        for hours_ago in (0, 1, 2.5, 3, 10, 17, 18, 18.5, 19, 23.9, 24.5, 40):
            claim = self._claim(hours_ago=0)
            received = self._dt(hours=-hours_ago)
            self.env.cr.execute(
                "UPDATE crm_claim SET date = %s, am_ack_deadline = %s::timestamp + interval "
                "'2 hours', am_resolve_deadline = %s::timestamp + interval '24 hours', "
                "am_sla_status = 'on_time', am_sla_recheck = NULL WHERE id = %s",
                (received, received, received, claim.id))
            claims |= claim
        claims.invalidate_cache()
        claims[::3].action_am_acknowledge()
        claims.invalidate_cache()
        now = datetime.utcnow()
        self.env["crm.claim"]._am_refresh_sla_status(now)
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        claims.invalidate_cache()
        expected = {claim.id: claim_rules.sla_status(
            now, fields.Datetime.from_string(claim.date),
            fields.Datetime.from_string(claim.am_resolve_deadline), None,
            fields.Datetime.from_string(claim.am_ack_deadline),
            fields.Datetime.from_string(claim.am_acknowledged_date), at_risk)
            for claim in claims}
        self.assertEqual({claim.id: claim.am_sla_status for claim in claims}, expected)
        self.assertEqual(set(expected.values()), {"on_time", "at_risk", "breached"})

    def test_sla_refresh_reads_only_complaints_whose_moment_came(self):
        """The refresh looks at a complaint again at the moment its compute
        stored (claim_rules.sla_next_change), not before; all open ones once
        after the at-risk share changed in Settings."""
        Claim = self.env["crm.claim"]
        Claim._am_refresh_sla_status()  # the complaints of other tests, demo data
        claim = self._claim(hours_ago=1)
        claim.action_am_acknowledge()
        self.assertEqual(claim.am_sla_status, "on_time")
        received = fields.Datetime.from_string(claim.date)
        moment = fields.Datetime.from_string(claim.am_sla_recheck)
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        self.assertEqual(moment, received + timedelta(hours=24 * at_risk / 100.0))
        # a status the refresh would correct if it read the complaint
        self.env.cr.execute("UPDATE crm_claim SET am_sla_status = 'at_risk' WHERE id = %s",
                            (claim.id,))
        claim.invalidate_cache()
        # (other complaints of the database may change at these times)
        self.assertNotIn(claim.id, Claim._am_refresh_sla_status(moment - timedelta(minutes=1)))
        self.assertEqual(claim.am_sla_status, "at_risk")
        self.assertEqual(fields.Datetime.from_string(claim.am_sla_recheck), moment)
        # from the moment on, it is read: at risk for good, breached next
        self.assertNotIn(claim.id, Claim._am_refresh_sla_status(moment + timedelta(minutes=1)))
        self.assertEqual(claim.am_sla_status, "at_risk")
        self.assertEqual(fields.Datetime.from_string(claim.am_sla_recheck),
                         fields.Datetime.from_string(claim.am_resolve_deadline))
        # a larger at-risk share: every open complaint is looked at again
        self._set_param("sla_at_risk_percent", at_risk + 10)
        self.assertIn(claim.id, Claim._am_refresh_sla_status(moment + timedelta(minutes=1)))
        self.assertEqual(claim.am_sla_status, "on_time")
        self.assertEqual(fields.Datetime.from_string(claim.am_sla_recheck),
                         received + timedelta(hours=24 * (at_risk + 10) / 100.0))
        self.assertFalse(Claim._am_refresh_sla_status(moment + timedelta(minutes=1)))

    def test_sla_refresh_queries_do_not_grow_with_complaints(self):
        """The refresh stores the status time changed (on time, at risk,
        breached) with a fixed number of statements for N and 3N complaints,
        and leaves the other ones alone."""
        Claim = self.env["crm.claim"]
        Claim._am_refresh_sla_status()  # the complaints of other tests, demo data
        counts = []
        for size in (3, 3, 9):  # the first run warms the caches
            claims = Claim
            for __ in range(size):
                claims |= self._claim(hours_ago=1)
            claims.action_am_acknowledge()
            # their time passed: some at risk, some breached since
            self.env.cr.execute(
                "UPDATE crm_claim SET date = date - interval '20 hours' - id %% 2 * "
                "interval '10 hours', am_ack_deadline = am_ack_deadline - interval "
                "'20 hours' - id %% 2 * interval '10 hours', am_resolve_deadline = "
                "am_resolve_deadline - interval '20 hours' - id %% 2 * interval '10 hours', "
                "am_sla_recheck = NULL WHERE id IN %s", (tuple(claims.ids),))
            self.env.clear()
            start = self.env.cr.sql_log_count
            changed = Claim._am_refresh_sla_status()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(sorted(changed), sorted(claims.ids))
            self.assertEqual(sorted(claims.mapped("am_sla_status")),
                             sorted(["at_risk", "breached"][claim.id % 2] for claim in claims))
            self.assertFalse(Claim._am_refresh_sla_status())
        self.assertEqual(counts[1], counts[2], "queries for N and 3N complaints: %s" % counts)

    def test_escalation_sql_equals_the_rules(self):
        """The cron's set-based escalation raises each late complaint to the
        level claim_rules.escalation_level() gives."""
        self._set_param("escalation_level1_hours", 1)
        self._set_param("escalation_level2_hours", 24)
        claims = self.env["crm.claim"]
        for hours_late in (-2, 0.5, 1.5, 10, 23.5, 24.5, 40):
            claims |= self._claim(hours_ago=24 + hours_late)
        self.env["crm.claim"]._cron_am_escalate()
        now = datetime.utcnow()
        claims.invalidate_cache()
        self.assertEqual(
            [claim.am_escalation_level for claim in claims],
            [claim_rules.escalation_level(
                now, fields.Datetime.from_string(claim.am_resolve_deadline), None, 1, 24)
             for claim in claims])
        self.assertEqual(claims.mapped("am_escalation_level"), [0, 0, 1, 1, 1, 2, 2])
