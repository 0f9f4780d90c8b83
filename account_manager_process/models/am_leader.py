# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The team leader stored on the records his record rules are about.

A team leader sees the visits, spot checks, work reports, complaints and
customers of the account managers of the departments he manages. The rules
used to follow ``employee_id.department_id.manager_id.user_id`` through four
models on every search, count and name_get; the leader's user is now stored,
indexed, on each record (``am_leader_user_id``) and the rules compare it with
the user.

It is computed from the record's employee (``_am_leader_source =
("employee", <employee field>)``) or, for customers, from the owner's user
(``("user", <user field>)``), and kept right with a set-based SQL refresh
when a department's manager, an employee's department or user, or the
manager's user changes (hr.department and hr.employee call ``refresh``).

The leader of an employee is the user of the manager of his department,
active or not: what the rules' paths gave (Odoo follows many2one paths of
rules with ``active_test=False``). A customer's leader is the one of its
owner's employee (the lowest id when a user has several employees).
"""
from psycopg2 import sql

from odoo import _
from odoo.exceptions import UserError

from . import am_sql

FIELD = "am_leader_user_id"

# employee id -> the user of the manager of his department
EMPLOYEE_LEADER_SQL = """
    SELECT e.id AS employee_id, mr.user_id AS leader_id
      FROM hr_employee e
      JOIN hr_department d ON d.id = e.department_id
      JOIN hr_employee m ON m.id = d.manager_id
      JOIN resource_resource mr ON mr.id = m.resource_id
     WHERE mr.user_id IS NOT NULL"""

# user id -> the leader of his employee (the lowest id of his employees)
USER_LEADER_SQL = """
    SELECT DISTINCT ON (r.user_id) r.user_id, l.leader_id
      FROM resource_resource r
      JOIN hr_employee e ON e.resource_id = r.id
      LEFT JOIN (%s) l ON l.employee_id = e.id
     WHERE r.user_id IS NOT NULL
  ORDER BY r.user_id, e.id""" % EMPLOYEE_LEADER_SQL


def _refuse():
    raise UserError(_(
        "The team leader of a record is the manager of its account manager's "
        "department: it is kept up to date automatically and cannot be set."))


def check_create(vals):
    """The public create() never sets the leader: it comes from the account
    manager's department (whoever calls, superuser included). An empty value
    is the default."""
    if vals.get(FIELD):
        _refuse()
    vals.pop(FIELD, None)


def check_write(vals):
    """The public write() never changes the leader (whoever calls)."""
    if FIELD in vals:
        _refuse()


def employee_leaders(cr, employee_ids):
    """{employee id: leader user id} of these employees (those with a leader)."""
    if not employee_ids:
        return {}
    cr.execute("SELECT employee_id, leader_id FROM (%s) l WHERE employee_id = ANY(%%s)"
               % EMPLOYEE_LEADER_SQL, (list(employee_ids),))
    return dict(cr.fetchall())


def user_leaders(cr, user_ids):
    """{user id: leader user id} of these users (those with a leader)."""
    if not user_ids:
        return {}
    cr.execute("SELECT user_id, leader_id FROM (%s) l WHERE user_id = ANY(%%s) "
               "AND leader_id IS NOT NULL" % USER_LEADER_SQL, (list(user_ids),))
    return dict(cr.fetchall())


def compute(records):
    """The compute method of the field on every model (batched)."""
    kind, source = records._am_leader_source
    values = records.sudo().mapped(source).ids
    cr = records.env.cr
    leaders = employee_leaders(cr, values) if kind == "employee" else user_leaders(cr, values)
    for record in records:
        record[FIELD] = leaders.get(record.sudo()[source].id, False)


def _models(env):
    for name in sorted(env.registry.models):
        model = env[name]
        source = getattr(type(model), "_am_leader_source", None)
        if source and not model._abstract and FIELD in model._fields \
                and model._fields[FIELD].store:
            yield model, source


def refresh(env, employee_ids=None, user_ids=None):
    """Store the right leader on the records of these employees and of the
    customers of these users (all records when both are None): one UPDATE
    per model whatever the number of records. Returns the number of records
    changed."""
    cr = env.cr
    everything = employee_ids is None and user_ids is None
    employee_ids = list(employee_ids or [])
    user_ids = set(user_ids or [])
    if employee_ids and not everything:
        # the customers follow their owner's user
        cr.execute("SELECT r.user_id FROM hr_employee e JOIN resource_resource r "
                   "ON r.id = e.resource_id WHERE e.id = ANY(%s) AND r.user_id IS NOT NULL",
                   (employee_ids,))
        user_ids.update(row[0] for row in cr.fetchall())
    changed = 0
    for model, (kind, source) in _models(env):
        column = model._fields[source]
        if not column.store:
            continue
        if everything:
            ids = None
        elif kind == "employee":
            ids = employee_ids
        else:
            ids = list(user_ids)
        if ids is not None and not ids:
            continue
        _update(cr, model, kind, source, ids)
        ids = [row[0] for row in cr.fetchall()]
        if ids:
            model.invalidate_cache([FIELD], ids)
            changed += len(ids)
    return changed


def clear_orphans(env):
    """Records whose employee was deleted (the column set to NULL by the
    database) have no leader any more."""
    for model, (__, source) in _models(env):
        am_sql.execute(env.cr, sql.SQL(
            "UPDATE {table} SET {field} = NULL WHERE {source} IS NULL AND {field} IS NOT NULL"
        ).format(table=sql.Identifier(model._table), field=sql.Identifier(FIELD),
                 source=sql.Identifier(source)))
        model.invalidate_cache([FIELD])


def _update(cr, model, kind, source, ids):
    """Store the leader of the records of ``model`` whose ``source`` is in
    ``ids`` (all records when None); their ids are fetched by the caller."""
    mapping = sql.SQL(EMPLOYEE_LEADER_SQL if kind == "employee" else USER_LEADER_SQL)
    key = sql.Identifier("employee_id" if kind == "employee" else "user_id")
    where = sql.SQL("") if ids is None else sql.SQL("AND t.{} = ANY(%s)").format(
        sql.Identifier(source))
    am_sql.execute(cr, sql.SQL("""
        UPDATE {table} t SET {field} = x.leader_id
          FROM (SELECT t.id, l.leader_id
                  FROM {table} t
                  LEFT JOIN ({mapping}) l ON l.{key} = t.{source}
                 WHERE true {where}) x
         WHERE x.id = t.id AND t.{field} IS DISTINCT FROM x.leader_id
     RETURNING t.id
    """).format(table=sql.Identifier(model._table), field=sql.Identifier(FIELD),
                mapping=mapping, key=key, source=sql.Identifier(source), where=where),
        (list(ids),) if ids is not None else None)


def auto_init(model, super_auto_init):
    """Create the column of an existing table and fill it with SQL, instead
    of letting the ORM compute it record per record (1,000,000 visits)."""
    cr = model.env.cr
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = %s",
               (model._table,))
    table_exists = bool(cr.fetchone())
    created = False
    if table_exists:
        cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s "
                   "AND column_name = %s", (model._table, FIELD))
        if not cr.fetchone():
            am_sql.execute(cr, sql.SQL("ALTER TABLE {} ADD COLUMN {} int4").format(
                sql.Identifier(model._table), sql.Identifier(FIELD)))
            created = True
    result = super_auto_init()
    if created:
        kind, source = model._am_leader_source
        _update(cr, model, kind, source, None)
    return result
