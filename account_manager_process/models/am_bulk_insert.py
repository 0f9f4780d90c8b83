# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One INSERT for the records a scheduled action creates in bulk: the rows
are built in Python (through the model's overridable ``_prepare_*_vals``,
so that another addon can adapt them) and inserted with one statement from
JSON, whatever their number."""
import json

LOG_ACCESS = ("create_uid", "create_date", "write_uid", "write_date")


def json_rows(vals_list):
    """(sorted columns, JSON) of ``vals_list`` (dicts of column values as
    the SQL row holds them: ids, not records; None for NULL)."""
    columns = sorted(set().union(*vals_list)) if vals_list else []
    # dates and times of the database come as strings or as Python values
    return columns, json.dumps(vals_list, default=str)


def insert_sql(table, columns, derived=(), joins="", suffix=""):
    """INSERT ... SELECT of the JSON rows ``%(rows)s`` (see json_rows) into
    ``table``: their ``columns``, then each (column, SQL expression) of
    ``derived`` the rows do not give (the expressions read the rows ``t``
    and the tables of ``joins``), with the access log of ``%(uid)s`` at
    ``%(now)s``; ``suffix`` ends the statement (ON CONFLICT, RETURNING)."""
    derived = [(column, sql) for column, sql in derived if column not in columns]
    names = list(columns) + [column for column, __ in derived] + list(LOG_ACCESS)
    values = ['t."%s"' % column for column in columns] + [sql for __, sql in derived] + \
        ["%(uid)s", "%(now)s", "%(uid)s", "%(now)s"]
    return """
        INSERT INTO "{table}" ({names})
        SELECT {values}
          FROM json_populate_recordset(NULL::"{table}", %(rows)s::json) AS t
        {joins}
        {suffix}""".format(
        table=table, names=", ".join('"%s"' % name for name in names),
        values=", ".join(values), joins=joins, suffix=suffix)
