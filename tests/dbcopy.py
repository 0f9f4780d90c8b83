# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Copies of the test database for tests that commit (load and browser
tests run a real server on them): the suite's test database stays as Odoo's
runner left it.

A copy is made with ``createdb -T`` beside its filestore folder (Odoo keeps
attachments, e.g. the compiled assets and photos, in
``data_dir/filestore/<database>``), and dropped with it afterwards.
"""
import os
import shutil
import subprocess
import time

import pytest

COPY_TIMEOUT = 60   # seconds the source may stay busy with an earlier server


def _filestore(database):
    """The filestore folder of a database (None without Odoo's config)."""
    try:
        from odoo.tools import config
    except ImportError:
        return None
    return config.filestore(database)


def _close_pooled_connections(database, forget_registry=False):
    """pytest-odoo (and the tests' own cursors) keep pooled connections to
    the databases they opened: a database in use can neither be a template
    nor be dropped.  A dropped database's registry is forgotten too."""
    try:
        import odoo
    except ImportError:
        return
    if forget_registry:
        odoo.modules.registry.Registry.delete(database)
    odoo.sql_db.close_db(database)


def copy_database(source, target):
    """``target`` as a fresh copy of ``source`` and of its filestore
    (retried while the source still has connections from an earlier
    server)."""
    drop_database(target)
    _close_pooled_connections(source)
    deadline = time.monotonic() + COPY_TIMEOUT
    while True:
        proc = subprocess.run(["createdb", "-T", source, target],
                              capture_output=True, text=True)
        if proc.returncode == 0:
            break
        if "being accessed by other users" not in proc.stderr or time.monotonic() > deadline:
            pytest.fail("cannot copy %s: %s" % (source, proc.stderr))
        time.sleep(1)
    source_files, target_files = _filestore(source), _filestore(target)
    if source_files and os.path.isdir(source_files):
        shutil.copytree(source_files, target_files, symlinks=True)


def drop_database(database):
    """The copy and its filestore go (nothing to do when absent)."""
    _close_pooled_connections(database, forget_registry=True)
    # --force: a server just stopped may not have closed its connections yet
    subprocess.run(["dropdb", "--if-exists", "--force", database],
                   check=True, capture_output=True)
    files = _filestore(database)
    if files:
        shutil.rmtree(files, ignore_errors=True)
