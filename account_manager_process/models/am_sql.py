# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Statements composed with psycopg2.sql (identifiers quoted by the driver).

Odoo 11's cursor expects the statement as text: with the debug_sql log
level it calls ``query.lower()`` for its statistics, which a
``psycopg2.sql.Composed`` does not have. So a composition is rendered to
text first, with the cursor's connection (its encoding and quoting)."""


def execute(cr, query, params=None):
    """cr.execute() of a psycopg2.sql composition (or of text)."""
    if not isinstance(query, str):
        query = query.as_string(cr._obj)  # pylint: disable=protected-access
    return cr.execute(query, params)
