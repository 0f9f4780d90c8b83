# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rows of the mail models written in bulk by the scheduled actions, as the
ORM's create() would write them: the models' defaults (also those of the
installed addons) completed with the given values, inserted with one
statement through ``json_populate_recordset``."""
import json

from odoo.exceptions import UserError

LOG_ACCESS = ("create_uid", "create_date", "write_uid", "write_date")


def rows_with_defaults(env, model_name, rows):
    """(columns, JSON) of ``rows`` (dicts of column values) completed with
    the defaults of ``model_name``'s stored columns."""
    model = env[model_name]
    stored = {name: field for name, field in model._fields.items()
              if field.store and field.column_type and name != "id" and name not in LOG_ACCESS}
    defaults = {name: value for name, value in model.default_get(list(stored)).items()
                if name in stored}
    result = []
    for row in rows:
        values = dict(defaults)
        values.update(row)
        result.append({name: _column(stored.get(name), value) for name, value in values.items()})
    # other keys stay in the JSON (for the statement's joins), not in the columns
    columns = sorted({name for row in result for name in row if name in stored})
    return columns, json.dumps(result)


def _column(field, value):
    if field is None or field.type == "boolean":
        return value if field is None else bool(value)
    if value is False:
        return None
    if field.type == "many2one" and isinstance(value, (tuple, list)):
        return value[0]
    return value


def insert_sql(table, columns, source="%(rows)s", uid="%(uid)s"):
    """INSERT ... SELECT of the JSON rows ``source`` with the access log of
    ``uid`` at the transaction's time (as the ORM writes it)."""
    quoted = ", ".join('"%s"' % column for column in columns)
    return """
        INSERT INTO "{table}" ({quoted}, create_uid, create_date, write_uid, write_date)
        SELECT {quoted}, {uid}, (now() at time zone 'UTC'), {uid}, (now() at time zone 'UTC')
          FROM json_populate_recordset(NULL::"{table}", {source}::json)""".format(
        table=table, quoted=quoted, source=source, uid=uid)


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
