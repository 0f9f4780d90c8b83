# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scenarios of the benchmark suite and how one is measured.

A scenario computes one result of the product (a scheduled job, a screen)
and the same result with bare SQL (its *floor*). The runner measures both,
side by side, in the same transaction state: for every contender and every
repetition it runs ``setup`` (not timed), the contender (timed, queries
counted), reads the contender's result, and rolls everything back. The
results of the product and of the floor must be equal record per record.

A scenario may add *references*: the same screen for another role (e.g. an
administrator), timed the same way; the ratio to the first reference is
printed too (the issue's "within 1.5x of the same screen for an
administrator").
"""
import statistics
import time

SCENARIOS = []


class Scenario(object):
    """Subclass and register with ``@scenario``.

    name      short identifier (``--only`` selects by prefix)
    title     the row of the report
    modules   the addons the scenario needs installed
    todo      a reason: the scenario is a hook still to be written
    """
    name = None
    title = None
    modules = ("account_manager_process",)
    todo = None
    group = "process"
    # tables the scenario writes: vacuumed after each rolled back run, or
    # their dead rows and index entries would slow down the next runs
    writes = ()
    # minimum population (sizes key -> value) the scenario needs
    needs = {}
    # also measure the peak memory of the project and the floor (one more,
    # untimed run each)
    memory = False

    def __init__(self, sizes):
        self.sizes = sizes

    def skip_reason(self):
        for key, value in self.needs.items():
            if self.sizes.get(key, 0) < value:
                return "needs %s >= %s (population has %s)" % (
                    key, value, self.sizes.get(key, 0))
        return None

    def setup(self, env):
        """Prepare the state measured (inside the transaction rolled back
        after each run); return a context passed to the contenders."""
        return {}

    def project(self, env, ctx):
        raise NotImplementedError

    def floor(self, env, ctx):
        raise NotImplementedError

    def references(self):
        """[(label, function(env, ctx)[, setup(env)])]: other contenders of the
        same result (another role, another implementation), with their own
        setup if given."""
        return []

    def reference_problem(self, label, env, ctx, value, project_result):
        """'' or what differs between a reference's result and the
        project's (checked on the warm-up run)."""
        return ""

    def project_result(self, env, ctx, value):
        """The result of the product, comparable with ``floor_result``
        (``value`` is what ``project`` returned)."""
        return value

    def floor_result(self, env, ctx, value):
        return value


def scenario(cls):
    SCENARIOS.append(cls)
    return cls


def _reset(env):
    env.cr.rollback()
    env.clear()


def measure(env, func, setup):
    """Run ``func`` once after ``setup``: (seconds, queries, value, ctx)."""
    _reset(env)
    ctx = setup(env)
    env.clear()
    cr = env.cr
    queries = cr.sql_log_count
    start = time.perf_counter()
    value = func(env, ctx)
    elapsed = time.perf_counter() - start
    return elapsed, cr.sql_log_count - queries, value, ctx


def _rss_kib(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def measure_memory(env, func, setup):
    """Run ``func`` once after ``setup``: (peak MiB of Python objects
    allocated meanwhile (tracemalloc), growth in MiB of the resident set's
    high-water mark (Linux; libpq's result buffers and C allocations too))."""
    import tracemalloc
    _reset(env)
    ctx = setup(env)
    env.clear()
    import gc
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")  # reset the high-water mark to the current size
    except OSError:
        pass
    before = _rss_kib("VmRSS")
    tracemalloc.start()
    value = func(env, ctx)
    __, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del value
    return peak / 1048576.0, max(_rss_kib("VmHWM") - before, 0) / 1024.0


def vacuum(env, tables):
    """VACUUM ANALYZE ``tables`` (outside the transaction: autocommit)."""
    if not tables:
        return
    import odoo
    with odoo.sql_db.db_connect(env.cr.dbname).cursor() as cr:
        cr.autocommit(True)
        for table in tables:
            cr.execute("SELECT to_regclass(%s)", ('"%s"' % table,))
            if cr.fetchone()[0]:
                cr.execute('VACUUM ANALYZE "%s"' % table)


def summary(times):
    return min(times), statistics.median(times), max(times)


def diff(left, right, limit=3):
    """A short description of the differences of two results (dicts or
    other values), '' when equal."""
    if left == right:
        return ""
    if isinstance(left, dict) and isinstance(right, dict):
        keys = sorted(set(left) | set(right), key=repr)
        bad = [k for k in keys if left.get(k) != right.get(k)]
        sample = "; ".join("%r: %r != %r" % (k, left.get(k), right.get(k))
                           for k in bad[:limit])
        return "%s of %s records differ (%s)" % (len(bad), len(keys), sample)
    return "%r != %r" % (left, right)
