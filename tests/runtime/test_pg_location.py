# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where runtime/bin/common.sh puts the PostgreSQL cluster.

As root the cluster belongs to Debian's ``postgres`` user, who must be able to
enter every folder above it: a checkout in /root (mode 700) made initdb fail
with "could not access directory .../.local/pg/data: Permission denied".
``pg_cluster_dir`` keeps the cluster in .local/pg when postgres can enter it
and otherwise moves it to /var/lib/am-suite/pg-<hash of the .local path>.
The decision is checked here on temporary folders (nothing is created there
but the folders themselves; no cluster is initialised).  Being root or not is
played by an ``id`` on the PATH.
"""
import os
import pwd
import shutil
import subprocess
import tempfile

import pytest

from ..conftest import ROOT

COMMON = os.path.join(ROOT, "runtime", "bin", "common.sh")


@pytest.fixture
def folder():
    """A fresh folder directly under /tmp (pytest's own tmp_path sits in a
    folder closed to other users)."""
    path = tempfile.mkdtemp(prefix="am-pg-location-", dir="/tmp")
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fake_bin(folder):
    path = os.path.join(folder, "fake-bin")
    os.mkdir(path)
    return path


def _as(fake_bin, uid):
    """A PATH on which ``id -u`` answers uid."""
    script = os.path.join(fake_bin, "id")
    with open(script, "w") as handle:
        handle.write('#!/bin/sh\n[ "$1" = -u ] && { echo %d; exit 0; }\nexec /usr/bin/id "$@"\n'
                     % uid)
    os.chmod(script, 0o755)
    return fake_bin + os.pathsep + os.environ["PATH"]


def _shell(script, path, umask="022", **env):
    environ = dict(os.environ, PATH=path, **env)
    environ.pop("AM_PG_DIR", None)
    environ.update(env)
    result = subprocess.run(
        ["bash", "-c", 'umask %s; source "$0"; %s' % (umask, script), COMMON],
        env=environ, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _cluster_dir(local, path, umask="022", **env):
    return _shell('pg_cluster_dir "%s"' % local, path, umask, **env)


def _checkout(folder, mode):
    checkout = os.path.join(folder, "home", "checkout")
    os.makedirs(checkout)
    os.chmod(os.path.join(folder, "home"), mode)
    return checkout


def test_cluster_stays_in_a_checkout_postgres_can_enter(folder, fake_bin):
    local = os.path.join(_checkout(folder, 0o755), ".local")
    os.mkdir(local)
    assert _cluster_dir(local, _as(fake_bin, 0)) == local + "/pg"


def test_root_in_a_closed_folder_keeps_the_cluster_outside(folder, fake_bin):
    """The issue: a checkout under a mode-700 folder, as root."""
    local = os.path.join(_checkout(folder, 0o700), ".local")
    os.mkdir(local)
    as_root = _as(fake_bin, 0)
    chosen = _cluster_dir(local, as_root)
    assert chosen.startswith("/var/lib/am-suite/pg-"), chosen
    assert not chosen.startswith(folder)
    # the same folder at every run, another one for another checkout
    assert _cluster_dir(local, as_root) == chosen
    other = os.path.join(folder, "home", "other", ".local")
    assert _cluster_dir(other, as_root) not in (chosen, other + "/pg")
    # the scripts use it: data, socket and the clients' PGHOST
    assert _shell('echo "$PGDATA $PGRUN $PGHOST"', as_root, AM_LOCAL_DIR=local).split() == [
        chosen + "/data", chosen + "/run", chosen + "/run"]


def test_a_folder_still_to_create_follows_the_umask(folder, fake_bin):
    local = os.path.join(_checkout(folder, 0o755), ".local")   # not created yet
    as_root = _as(fake_bin, 0)
    assert _cluster_dir(local, as_root, umask="022") == local + "/pg"
    assert _cluster_dir(local, as_root, umask="077").startswith("/var/lib/am-suite/pg-")


def test_an_existing_cluster_in_the_checkout_is_kept(folder, fake_bin):
    local = os.path.join(_checkout(folder, 0o700), ".local")
    os.makedirs(os.path.join(local, "pg", "data"))
    open(os.path.join(local, "pg", "data", "PG_VERSION"), "w").close()
    assert _cluster_dir(local, _as(fake_bin, 0)) == local + "/pg"


def test_a_user_owns_his_cluster_in_the_checkout(folder, fake_bin):
    """Not root: PostgreSQL runs as that user, who can enter his checkout."""
    local = os.path.join(_checkout(folder, 0o700), ".local")
    assert _cluster_dir(local, _as(fake_bin, 1000)) == local + "/pg"


def test_am_pg_dir_chooses_the_folder(folder, fake_bin):
    local = os.path.join(_checkout(folder, 0o700), ".local")
    chosen = os.path.join(folder, "elsewhere")
    assert _cluster_dir(local, _as(fake_bin, 0), AM_PG_DIR=chosen) == chosen


def test_the_rule_agrees_with_what_postgres_can_enter(folder):
    """The mode check is what user postgres really meets."""
    if os.geteuid() != 0:
        pytest.skip("needs root to act as user postgres")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no user postgres")
    for mode, expected in ((0o755, True), (0o711, True), (0o750, False), (0o700, False)):
        local = os.path.join(folder, "m%o" % mode, "checkout", ".local")
        os.makedirs(local)
        os.chmod(os.path.dirname(os.path.dirname(local)), mode)
        enters = subprocess.run(["runuser", "-u", "postgres", "--", "test", "-x", local],
                                cwd="/", timeout=30).returncode == 0
        rule = subprocess.run(["bash", "-c", 'source "$0"; others_can_enter "$1"',
                               COMMON, local], timeout=30).returncode == 0
        assert enters == rule == expected, (oct(mode), enters, rule)


def test_the_dead_odoo_cmd_helper_is_gone():
    assert "odoo_cmd" not in open(COMMON, encoding="utf-8").read()
