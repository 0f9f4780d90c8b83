# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import unittest

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import TransactionRollbackError

from odoo.tests.common import TransactionCase

from ..models import am_sql
from ..sql_log import RetriedConcurrencyFailureFilter


class TestSqlLog(unittest.TestCase):
    """A serialization failure Odoo retries leaves no ERROR line."""

    def _record(self, error):
        return logging.LogRecord("odoo.sql_db", logging.ERROR, __file__, 1,
                                 "bad query: %s\nERROR: %s", ("UPDATE x", error), None)

    def test_retried_concurrency_failure_is_info(self):
        record = self._record(TransactionRollbackError("could not serialize access"))
        self.assertTrue(RetriedConcurrencyFailureFilter().filter(record))
        self.assertEqual(record.levelno, logging.INFO)
        self.assertEqual(record.levelname, "INFO")

    def test_other_query_errors_stay_errors(self):
        for error in (psycopg2.IntegrityError("duplicate key"), ValueError("x")):
            record = self._record(error)
            RetriedConcurrencyFailureFilter().filter(record)
            self.assertEqual(record.levelno, logging.ERROR)

    def test_installed_on_odoo_sql_logger(self):
        self.assertTrue(any(isinstance(f, RetriedConcurrencyFailureFilter)
                            for f in logging.getLogger("odoo.sql_db").filters))


class TestComposedStatements(TransactionCase):
    """Statements composed with psycopg2.sql run also when Odoo collects its
    debug_sql statistics (which read the statement as text)."""

    def test_composition_runs_with_sql_statistics_on(self):
        query = sql.SQL("SELECT count(*) FROM {} WHERE {} = %s").format(
            sql.Identifier("res_users"), sql.Identifier("login"))
        self.env.cr.sql_log = True
        try:
            am_sql.execute(self.env.cr, query, ("admin",))
            self.assertEqual(self.env.cr.fetchone()[0], 1)
            with self.assertRaises(AttributeError):
                # what the stock cursor does with the composition itself
                self.env.cr.execute(query, ("admin",))
        finally:
            self.env.cr.sql_log = False
