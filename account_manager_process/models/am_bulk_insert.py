# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's one way to insert many records with one statement, whatever
their number: the rows are built in Python (for records a scheduled action
creates, through the model's overridable ``_prepare_*_vals``, so that
another addon can adapt them), sent as one JSON parameter and inserted with
``INSERT ... SELECT ... FROM json_populate_recordset``, with the access log
the ORM writes."""
import json

LOG_ACCESS = ("create_uid", "create_date", "write_uid", "write_date")
# the transaction's time, as the ORM's create() writes create_date
TRANSACTION_NOW = "(now() at time zone 'UTC')"


def json_rows(vals_list):
    """(sorted columns, JSON) of ``vals_list`` (dicts of column values as
    the SQL row holds them: ids, not records; None for NULL)."""
    columns = sorted(set().union(*vals_list)) if vals_list else []
    # dates and times of the database come as strings or as Python values
    return columns, json.dumps(vals_list, default=str)


def rows_with_defaults(env, model_name, rows):
    """(columns, JSON) of ``rows`` (dicts of field values) completed with
    the defaults of ``model_name``'s stored columns (also those of the
    installed addons), as create() would complete them."""
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
    """The column value of a field value (False is NULL but for booleans)."""
    if field is None or field.type == "boolean":
        return value if field is None else bool(value)
    if value is False:
        return None
    if field.type == "many2one" and isinstance(value, (tuple, list)):
        return value[0]
    return value


def insert_sql(table, columns, derived=(), joins="", suffix="",
               source="%(rows)s", uid="%(uid)s", now="%(now)s"):
    """INSERT ... SELECT of the JSON rows ``source`` (see json_rows and
    rows_with_defaults) into ``table``: their ``columns``, then each
    (column, SQL expression) of ``derived`` the rows do not give (the
    expressions read the rows ``t`` and the tables of ``joins``), with the
    access log of ``uid`` at ``now`` (TRANSACTION_NOW for the transaction's
    time); ``suffix`` ends the statement (ON CONFLICT, RETURNING)."""
    derived = [(column, sql) for column, sql in derived if column not in columns]
    names = list(columns) + [column for column, __ in derived] + list(LOG_ACCESS)
    values = ['t."%s"' % column for column in columns] + [sql for __, sql in derived] + \
        [uid, now, uid, now]
    return """
        INSERT INTO "{table}" ({names})
        SELECT {values}
          FROM json_populate_recordset(NULL::"{table}", {source}::json) AS t
        {joins}
        {suffix}""".format(
        table=table, names=", ".join('"%s"' % name for name in names),
        values=", ".join(values), source=source, joins=joins, suffix=suffix)
