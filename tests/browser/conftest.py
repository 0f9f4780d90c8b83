# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The browser tests commit their test data (the server they drive must see
it): they run on their own copy of the suite's test database, made once per
pytest session and dropped at its end, whatever the tests' outcome."""
import pytest

from ..dbcopy import copy_database, drop_database
from .driver import _database

COPY_SUFFIX = "_browser"


@pytest.fixture(scope="session")
def browser_database(request):
    """Name of the browser tests' copy of the test database (with its
    filestore)."""
    source = _database(request.config)
    copy = source + COPY_SUFFIX
    copy_database(source, copy)
    try:
        yield copy
    finally:
        drop_database(copy)
