# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A concurrency failure that Odoo retries is not an error of the server.

Odoo logs every failed query as ERROR ("bad query") before its RPC layer sees
the exception; for serialization failures and deadlocks that layer then
retries the request (up to 5 times, logged at INFO) and logs an ERROR itself
only when the last try fails too, as scheduled actions do for their own
failures. So the first log line is lowered to INFO: a retried and successful
request leaves no ERROR in the log, a real failure still does.
"""
import logging

from psycopg2.extensions import TransactionRollbackError


class RetriedConcurrencyFailureFilter(logging.Filter):
    """Lowers Odoo's "bad query" record of a serialization failure or a
    deadlock (retried by Odoo) from ERROR to INFO."""

    def filter(self, record):
        args = record.args if isinstance(record.args, tuple) else ()
        if record.levelno >= logging.ERROR and str(record.msg).startswith("bad query") \
                and any(isinstance(arg, TransactionRollbackError) for arg in args):
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True


def install(logger_name="odoo.sql_db"):
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RetriedConcurrencyFailureFilter) for f in logger.filters):
        logger.addFilter(RetriedConcurrencyFailureFilter())


install()
