# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Transaction-level advisory locks: two runs of a scheduled action that
overlap (a manual run during the scheduled one, two workers) must not both
create the same records."""
import hashlib


def lock_key(name):
    """A stable signed 64-bit key for a lock name."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:15], 16)


def try_lock(cr, name):
    """Take the lock until the end of the transaction; False when another
    transaction holds it (never waits)."""
    cr.execute("SELECT pg_try_advisory_xact_lock(%s)", (lock_key(name),))
    return cr.fetchone()[0]
