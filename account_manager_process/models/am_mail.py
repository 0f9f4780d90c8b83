# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rows of the mail models written in bulk by the scheduled actions, as the
ORM's create() would write them (inserted through am_bulk_insert).

schedule_activities() is the suite's one way to schedule activities (Odoo 11
has no activity_schedule)."""
import json

from odoo import SUPERUSER_ID, fields, sql_db
from odoo.exceptions import UserError

from .am_bulk_insert import TRANSACTION_NOW, insert_sql, rows_with_defaults

# what mail.activity.create() sends on the bus to the assignee of an activity
# due today or earlier (bus.bus's compact JSON, written out: no dict order)
ACTIVITY_CREATED = '{"type":"activity_updated","activity_created":true}'


def thread_parents(records, res_ids):
    """{record id: the parent message_post() gives a new message of it}: the
    first e-mail of its thread, else its first message (flat threads only)."""
    if not res_ids or not records._mail_flat_thread:
        return {}
    records.env.cr.execute("""
        SELECT res_id, coalesce(min(id) FILTER (WHERE message_type = 'email'), min(id))
          FROM mail_message WHERE model = %s AND res_id = ANY(%s) GROUP BY res_id
    """, (records._name, list(res_ids)))
    return dict(records.env.cr.fetchall())


def message_defaults(records):
    """(author, e-mail from, reply-to by record id, parent message by record
    id) that message_post() gives the messages it posts on ``records``, read
    once for a batch."""
    message_model = records.env["mail.message"]
    author = message_model._get_default_author()
    try:
        email_from = message_model._get_default_from()
    except UserError:
        email_from = False  # the user has no e-mail address
    reply_to = records.message_get_reply_to(records.ids, default=email_from)
    return author, email_from, reply_to, thread_parents(records, records.ids)


def schedule_activities(records, activities):
    """Schedule ``activities`` (dicts of mail.activity values, each with the
    ``res_id`` of one of ``records`` and its ``user_id``) as
    mail.activity.create() does for each, in two statements whatever their
    number: the rows (the document's model and name, the values completed
    with the defaults, the note sanitized), the assignee following the
    document with the default subtypes (kept if he already follows it), his
    activity counter notified on the bus for an activity due today or
    earlier. As create(), the user of ``records``' environment must be
    allowed to write the documents (sudo() for a scheduled action on behalf
    of the system). Returns the new activities."""
    env = records.env
    Activity = env["mail.activity"]
    if not activities:
        return Activity
    Activity.check_access_rights("create")
    documents = records.browse(sorted({values["res_id"] for values in activities}))
    documents.check_access_rights("write")
    documents.check_access_rule("write")
    names = dict(documents.sudo().name_get())
    model_id = env["ir.model"]._get(records._name).id
    rows = []
    for values in activities:
        row = dict(values, res_model_id=model_id, res_model=records._name,
                   res_name=names.get(values["res_id"]))
        if row.get("date_deadline") and not isinstance(row["date_deadline"], str):
            row["date_deadline"] = fields.Date.to_string(row["date_deadline"])
        for name, value in values.items():
            if Activity._fields[name].type == "html":
                row[name] = Activity._fields[name].convert_to_column(value, Activity)
        rows.append(row)
    columns, rows_json = rows_with_defaults(env, "mail.activity", rows)
    default, __, external = env["mail.message.subtype"].sudo().default_subtypes(records._name)
    cr = env.cr
    cr.execute("""
        WITH activity AS ({activity}
         RETURNING id, res_id, user_id),
        assignee AS (
            SELECT DISTINCT a.res_id, u.partner_id, u.share
              FROM activity a JOIN res_users u ON u.id = a.user_id),
        follower AS (
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT %(model)s, res_id, partner_id FROM assignee
            ON CONFLICT DO NOTHING
         RETURNING id, res_id, partner_id),
        subscription AS (
            INSERT INTO mail_followers_mail_message_subtype_rel
                   (mail_followers_id, mail_message_subtype_id)
            SELECT f.id, subtype.id
              FROM follower f
              JOIN assignee a ON a.res_id = f.res_id AND a.partner_id = f.partner_id
             CROSS JOIN LATERAL unnest(CASE WHEN a.share THEN %(external)s::int[]
                                            ELSE %(default)s::int[] END) AS subtype(id))
        SELECT id, user_id, (SELECT partner_id FROM res_users WHERE id = user_id)
          FROM activity ORDER BY id
    """.replace("{activity}", insert_sql("mail_activity", columns, now=TRANSACTION_NOW)), {
        # create() inserts the activity with sudo(): as the superuser
        "rows": rows_json, "uid": SUPERUSER_ID, "model": records._name,
        "default": default.ids, "external": external.ids})
    created = cr.fetchall()
    today = fields.Date.today()
    deadlines = [row["date_deadline"] for row in json.loads(rows_json)]
    prefix = "[%s," % json.dumps(cr.dbname) + '"res.partner",'
    channels = [prefix + "%d]" % partner_id
                for (__, __, partner_id), deadline in zip(created, deadlines)
                if deadline <= today]
    if channels:
        # bus.bus.sendone() of create(), as the superuser
        cr.execute("""
            INSERT INTO bus_bus (channel, message, create_uid, create_date, write_uid,
                                 write_date)
            SELECT channel, %s, %s, (now() at time zone 'UTC'), %s, (now() at time zone 'UTC')
              FROM unnest(%s::varchar[]) WITH ORDINALITY AS c(channel, n) ORDER BY n
        """, (ACTIVITY_CREATED, SUPERUSER_ID, SUPERUSER_ID, channels))
        notify_bus_after_commit(cr, [json.loads(channel) for channel in sorted(set(channels))])
    documents.invalidate_cache(ids=documents.ids)
    return Activity.browse([activity_id for activity_id, __, __ in created])


def notify_bus_after_commit(cr, channels):
    """What bus.bus.sendmany() does once its rows are committed: wake up the
    long-polling of ``channels``."""
    def notify():
        with sql_db.db_connect("postgres").cursor() as notify_cr:
            notify_cr.execute("notify imbus, %s", (json.dumps(channels, separators=(",", ":")),))
    cr.after("commit", notify)
