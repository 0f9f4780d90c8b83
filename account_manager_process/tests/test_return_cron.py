# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields

from ..models.am_locks import lock_key
from ..models.am_visit import RETURN_PLANNING_LOCK
from .common import AmCommon


class TestReturnVisitCron(AmCommon):

    def _due_customers(self, count, prefix, days_ago=40):
        """Customers of am1/am2 whose last done visit makes them overdue."""
        Partner = self.env["res.partner"]
        partners = Partner
        for index in range(count):
            partners |= Partner.create({
                "name": "%s %s" % (prefix, index), "is_company": True,
                "am_user_id": (self.am1 if index % 2 else self.am2).id,
                "am_tier_id": self.tier.id})
        # history loaded in bulk: the last visit was ``days_ago`` days ago
        self.env.cr.execute(
            "UPDATE res_partner SET am_last_visit_date = %s, am_next_visit_due = %s "
            "WHERE id IN %s", (self._date(-days_ago), self._date(30 - days_ago),
                               tuple(partners.ids)))
        partners.invalidate_cache()
        return partners

    def _run_cron(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "account_manager_process.overdue_notified_on", "")
        self.env["am.visit"].invalidate_cache()
        return self.env["am.visit"]._cron_plan_return_visits()

    def _open_returns(self, partners):
        return self.env["am.visit"].search(
            [("partner_id", "in", partners.ids), ("visit_type", "=", "return"),
             ("state", "=", "planned")])

    def test_plans_once_with_activity(self):
        due = self._due_customers(3, "T Due")
        soon = self._due_customers(1, "T Soon", days_ago=28)   # due in 2 days
        later = self._due_customers(1, "T Later", days_ago=10)  # due in 20 days
        self._run_cron()
        planned = self._open_returns(due | soon | later)
        self.assertEqual(planned.mapped("partner_id"), due | soon)
        for visit in planned:
            self.assertEqual(visit.user_id, visit.partner_id.am_user_id)
            self.assertEqual(visit.employee_id.user_id, visit.user_id)
            self.assertTrue(visit.name.startswith("VIS"))
            self.assertEqual(visit.due_date, visit.partner_id.am_next_visit_due)
            self.assertEqual(len(visit.activity_ids), 1)
            self.assertEqual(visit.activity_ids.user_id, visit.user_id)
        self.assertEqual(len(set(planned.mapped("name"))), len(planned))
        # idempotent: a second run plans nothing more
        self._run_cron()
        self.assertEqual(self._open_returns(due | soon | later), planned)
        # the account manager works the planned visit like any other
        visit = planned.filtered(lambda v: v.user_id == self.am1)[:1].sudo(self.am1)
        visit.action_checkin()
        visit.write({"outcome_id": self.outcome_progress.id, "summary": "Collected reports."})
        visit.action_checkout()
        self.assertEqual(visit.partner_id.am_next_visit_due, self._date(30))

    def test_leader_notified_of_overdue(self):
        self._due_customers(2, "T Overdue")
        leader_partner = self.leader.partner_id
        before = leader_partner.message_ids
        self._run_cron()
        message = leader_partner.message_ids - before
        self.assertEqual(len(message), 1)
        self.assertIn("T Am1: 1", message.body)
        self.assertIn("T Am2: 1", message.body)
        # once a day
        self.env["am.visit"]._cron_plan_return_visits()
        self.assertEqual(len(leader_partner.message_ids - before), 1)

    def test_query_count_does_not_grow_with_customers(self):
        self._due_customers(2, "T Warm")
        self._run_cron()  # warm the caches
        counts = []
        for size in (5, 15):
            partners = self._due_customers(size, "T Size %s" % size)
            start = self.env.cr.sql_log_count
            self._run_cron()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(self._open_returns(partners)), size)
        self.assertEqual(counts[0], counts[1], "queries for N and 3N customers: %s" % counts)

    def test_planned_at_working_hours_where_the_manager_works(self):
        """Not all at 09:00 UTC (17:00 in Beijing): 09:00 local for the first
        visit of the day, the next ones in later slots; the team and the day
        are the manager's."""
        self.am1.partner_id.tz = "Asia/Shanghai"
        due = self._due_customers(6, "T Tz")
        self._run_cron()
        mine = self._open_returns(due).filtered(lambda v: v.user_id == self.am1)
        self.assertEqual(len(mine), 3)
        local_hours = sorted(
            fields.Datetime.context_timestamp(
                mine[0].with_context(tz="Asia/Shanghai"),
                fields.Datetime.from_string(visit.planned_start)).strftime("%H:%M")
            for visit in mine)
        self.assertEqual(local_hours, ["09:00", "10:30", "12:00"])
        for visit in mine:
            self.assertEqual(visit.department_id, self.dept)
            start = fields.Datetime.from_string(visit.planned_start)
            self.assertEqual(visit.visit_date, fields.Date.to_string(
                fields.Datetime.context_timestamp(
                    visit.with_context(tz="Asia/Shanghai"), start).date()))
            self.assertEqual(visit.activity_ids.date_deadline, visit.visit_date)
            self.assertIn(self.am1.partner_id, visit.message_partner_ids)

    def test_cron_rows_equal_the_orm_rows(self):
        """The visit, activity and follower the cron writes with SQL are the
        ones the ORM would write (every stored column)."""
        partner = self._due_customers(1, "T Same Row")
        visit = self._run_cron().filtered(lambda v: v.partner_id == partner)
        self.assertEqual(len(visit), 1)
        orm = self.env["am.visit"].create({
            "user_id": visit.user_id.id, "partner_id": partner.id,
            "visit_type": "return", "purpose_id": visit.purpose_id.id,
            "planned_start": visit.planned_start, "planned_stop": visit.planned_stop,
            "company_id": visit.company_id.id,
        })
        activity = visit.activity_ids
        self.env["mail.activity"].create({
            "res_model_id": activity.res_model_id.id, "res_id": orm.id,
            "activity_type_id": activity.activity_type_id.id,
            "date_deadline": activity.date_deadline, "summary": activity.summary,
            "user_id": activity.user_id.id})
        skipped = {"id", "name", "create_date", "write_date", "create_uid", "write_uid",
                   "entry_date", "auto_planned", "message_last_post"}
        columns = [name for name, field in visit._fields.items()
                   if field.store and field.column_type and name not in skipped]
        self.env.cr.execute("SELECT %s FROM am_visit WHERE id IN %%s ORDER BY id" %
                            ", ".join('"%s"' % c for c in columns),
                            (tuple((visit | orm).ids),))
        sql_row, orm_row = self.env.cr.fetchall()
        self.assertEqual(dict(zip(columns, sql_row)), dict(zip(columns, orm_row)))
        act_fields = ["res_model_id", "res_model", "res_name", "activity_type_id",
                      "summary", "date_deadline", "user_id"]
        sql_act = visit.activity_ids.read(act_fields)[0]
        orm_act = orm.activity_ids.read(act_fields)[0]
        for key in ("id", "res_name"):
            sql_act.pop(key)
            orm_act.pop(key)
        self.assertEqual(sql_act, orm_act)
        self.assertEqual(visit.message_follower_ids.mapped("partner_id"),
                         orm.message_follower_ids.mapped("partner_id"))
        self.assertEqual(visit.message_follower_ids.mapped("subtype_ids"),
                         orm.message_follower_ids.mapped("subtype_ids"))

    def test_two_runs_at_once_plan_once(self):
        """A second run while the first one is still going plans nothing."""
        self._due_customers(2, "T Twice")
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(RETURN_PLANNING_LOCK),))
        with self.registry.cursor() as other_cr:
            other_cr.execute("SET LOCAL lock_timeout = '2s'")
            planned = self.env(cr=other_cr)["am.visit"]._cron_plan_return_visits()
            self.assertFalse(planned)
            other_cr.rollback()
        # and the unique index keeps one open automatic return visit per customer
        self.assertTrue(self._run_cron())
        self.env.cr.execute("""
            SELECT partner_id FROM am_visit
             WHERE auto_planned AND state = 'planned' AND visit_type = 'return'
          GROUP BY partner_id HAVING count(*) > 1""")
        self.assertFalse(self.env.cr.fetchall())

    def _rows(self, table, where, params, skipped=("id",), order="id"):
        self.env.cr.execute("SELECT * FROM %s WHERE %s ORDER BY %s" % (table, where, order),
                            params)
        return [{k: v for k, v in row.items() if k not in skipped}
                for row in self.env.cr.dictfetchall()]

    def test_leader_message_rows_equal_the_orm_rows(self):
        """The message the cron writes with SQL for each leader is the one
        message_post() writes (every stored column), with the same recipients
        and notifications: by e-mail for a leader who wants e-mails, in the
        inbox for one who wants his inbox."""
        self.leader_other.notification_type = "inbox"
        # e-mails queued (sent after the commit, or by the mail queue)
        env = self.env(context={"mail_notify_force_send": False})
        partners = (self.leader | self.leader_other).mapped("partner_id").with_env(env)
        for partner in partners:
            partner.message_post(body="T first message")  # the thread's parent
        bodies = {partner.id: "<p>Customers overdue:</p><ul><li>T Am1: %s</li></ul>"
                  % partner.id for partner in partners}
        cr = self.env.cr
        cr.execute("SELECT coalesce(max(id), 0) FROM mail_message")
        last = cr.fetchone()[0]
        for partner in partners:
            partner.message_post(body=bodies[partner.id], subject="Overdue customers",
                                 partner_ids=[partner.id], subtype="mail.mt_comment")
        cr.execute("SELECT coalesce(max(id), 0) FROM mail_message")
        middle = cr.fetchone()[0]
        env["am.visit"]._am_post_to_leaders(bodies, "Overdue customers")
        messages = self._rows("mail_message", "id > %s", (last,),
                              skipped=("id", "message_id", "date"), order="res_id, id")
        self.assertEqual(len(messages), 4)
        self.assertEqual(messages[0], messages[1])
        self.assertEqual(messages[2], messages[3])

        def by_message(table, columns, where=""):
            cr.execute("SELECT m.id > %%s, m.res_id, %s FROM %s t JOIN mail_message m "
                       "ON m.id = t.mail_message_id WHERE m.id > %%s %s ORDER BY 2, 1, 3"
                       % (columns, table, where), (middle, last))
            rows = cr.fetchall()
            return ([row[1:] for row in rows if not row[0]],
                    [row[1:] for row in rows if row[0]])

        for table, columns in (
                ("mail_message_res_partner_rel", "t.res_partner_id"),
                ("mail_message_res_partner_needaction_rel",
                 "t.res_partner_id, t.is_read, t.is_email, t.email_status"),
                ("mail_mail", "t.notification, t.state, t.auto_delete, t.headers, "
                              "t.\"references\"")):
            orm_rows, sql_rows = by_message(table, columns)
            self.assertTrue(sql_rows, table)
            self.assertEqual(sql_rows, orm_rows, table)
        orm_rows, sql_rows = by_message(
            "(SELECT r.res_partner_id, m.mail_message_id FROM mail_mail_res_partner_rel r "
            "JOIN mail_mail m ON m.id = r.mail_mail_id)", "t.res_partner_id")
        self.assertEqual(sql_rows, orm_rows)
        self.assertEqual([row[1] for row in sql_rows], [self.leader.partner_id.id])

    def test_prepare_hook_adapts_the_planned_visits(self):
        """Another addon adapts the return visits through
        _prepare_return_visit_vals (overridden here for the test only):
        every planned visit carries its value, and the cron's queries still
        do not grow with the number of customers."""
        self._due_customers(2, "T Hook Warm")
        self._run_cron()  # warm the caches
        counts = []
        with self._prepare_hook_adding("am.visit", "_prepare_return_visit_vals",
                                       {"progress_note": "Bring the new price list."}):
            for size in (3, 9):
                partners = self._due_customers(size, "T Hook %s" % size)
                start = self.env.cr.sql_log_count
                self._run_cron()
                counts.append(self.env.cr.sql_log_count - start)
                planned = self._open_returns(partners)
                self.assertEqual(len(planned), size)
                self.assertEqual(set(planned.mapped("progress_note")),
                                 {"Bring the new price list."})
                # the rest of the row is the cron's
                self.assertEqual(set(planned.mapped("department_id")), {self.dept})
        self.assertEqual(counts[0], counts[1], "queries for N and 3N customers: %s" % counts)
        self.assertNotIn("_prepare_return_visit_vals", type(self.env["am.visit"]).__dict__)
