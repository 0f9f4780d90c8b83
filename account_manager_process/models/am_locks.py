# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Transaction-level advisory locks: two runs of a scheduled action that
overlap (a manual run during the scheduled one, two workers) must not both
create the same records. And the stamps of the actions done once a period
(a digest once a day or week): the period done, kept in a parameter."""
import hashlib


def lock_key(name):
    """A stable signed 64-bit key for a lock name."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:15], 16)


def try_lock(cr, name):
    """Take the lock until the end of the transaction; False when another
    transaction holds it (never waits)."""
    cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (lock_key(name),))
    return cr.fetchone()[0]


def done_for(env, stamp_key, period):
    """Whether the action stamped ``stamp_key`` was done for ``period`` (a
    text: the day, the week)."""
    return env["ir.config_parameter"].sudo().get_param(stamp_key) == period


def mark_done(env, stamp_key, period):
    """Stamp the action ``stamp_key`` as done for ``period``."""
    env["ir.config_parameter"].sudo().set_param(stamp_key, period)
