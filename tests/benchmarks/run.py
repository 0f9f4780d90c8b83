# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark suite of the issue "Fast at scale" (not run by `make test`).

From the checkout root, on a machine where `make bootstrap` (or `make run`)
has installed the runtime::

    .venv/bin/python tests/benchmarks/run.py --db am_bench

creates the database when missing (``runtime/bin/odoo -i <addons>
--without-demo=all``: the addons the selected scenarios need), updates the
addons when their code changed since, generates the population once (SQL
``generate_series``: 1,000 account managers in teams with leaders, 100,000
customers, 1,000,000 visits, 100,000 complaints), then runs every scenario
side by side with its floor (the same result computed by bare SQL), 3
repetitions each, and prints min / median / max, the ratio and the query
count per scenario. It fails (exit 1) when a scenario's result differs from
its floor's. Everything a scenario writes is rolled back.

The assessment scenarios also time Odoo's gamification computing the same
goals (challenge start, batch update_goal) and check its values; the XLSX
scenarios also report the peak memory of the project and its floor.

Options: ``--scale 0.1`` (a tenth of the population, in another database),
``--only escalation,checkout`` (scenarios by name prefix), ``--reps N``,
``--list``, ``--recreate`` (drop the database first).
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import harness  # noqa: E402
import population  # noqa: E402
import scenarios_assessment  # noqa: E402,F401
import scenarios_cockpit  # noqa: E402,F401
import scenarios_process  # noqa: E402,F401
import scenarios_training  # noqa: E402,F401

ODOO = os.path.join(ROOT, "runtime", "bin", "odoo")
CONF = os.path.join(ROOT, ".local", "odoo.conf")
CODE_KEY = "am_bench.code_stamp"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="am_bench", help="benchmark database (default am_bench)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="population scale (1 = the issue's population)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--only", default="",
                        help="comma-separated scenario names or name prefixes")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--recreate", action="store_true", help="drop the database first")
    parser.add_argument("--no-update", action="store_true",
                        help="do not update the addons when their code changed")
    return parser.parse_args(argv)


# the order of the report: the process scenarios first
GROUP_ORDER = ("process", "assessment", "training")


def ordered_scenarios():
    return sorted(harness.SCENARIOS, key=lambda cls: GROUP_ORDER.index(cls.group)
                  if cls.group in GROUP_ORDER else len(GROUP_ORDER))


def selected(args, sizes):
    names = {cls.name for cls in harness.SCENARIOS}
    wanted = [p for p in args.only.split(",") if p]
    result = []
    for cls in ordered_scenarios():
        # a full name selects that scenario, anything else is a prefix
        if wanted and not any(cls.name == p if p in names else cls.name.startswith(p)
                              for p in wanted):
            continue
        result.append(cls)
    return result


def psql(db, sql):
    env = dict(os.environ)
    out = subprocess.run(
        ["bash", "-c", 'source "%s/runtime/bin/common.sh" && psql -d "$0" -Atc "$1"'
         % ROOT, db, sql], capture_output=True, text=True, env=env)
    return out.returncode, out.stdout.strip(), out.stderr.strip()


def db_exists(db):
    rc, out, err = psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '%s'" % db)
    if rc:
        sys.exit("PostgreSQL is not reachable (%s): run `make bootstrap` or "
                 "`runtime/bin/pg start` first" % err)
    return out == "1"


def code_stamp(module):
    """A hash of an addon's source files: the database is updated when it changes."""
    digest = hashlib.sha1()
    base = os.path.join(ROOT, module)
    if not os.path.isdir(base):
        return ""
    for folder, dirs, files in sorted(os.walk(base)):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "i18n", "static"))
        for name in sorted(files):
            if name.endswith((".py", ".xml", ".csv")):
                path = os.path.join(folder, name)
                digest.update(path[len(ROOT):].encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


def odoo(db, *args):
    command = [ODOO, "-d", db, "--stop-after-init", "--without-demo=all", "--log-level=warn",
               "--max-cron-threads=0"] + list(args)
    print("$ %s" % " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c
                            for c in command), flush=True)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    print("  done in %.0f s" % (time.perf_counter() - start), flush=True)


def ensure_runtime():
    """The runtime of `make bootstrap` and a running PostgreSQL cluster."""
    if not os.path.exists(CONF) or not os.path.exists(os.path.join(ROOT, ".venv")):
        sys.exit("no runtime in this checkout: run `make bootstrap` first")
    # a no-op when the project's PostgreSQL is running
    subprocess.run([os.path.join(ROOT, "runtime", "bin", "pg"), "start"], check=True)


def prepare_database(args, modules):
    """Create the database, install the missing addons, update changed ones."""
    if args.recreate and db_exists(args.db):
        subprocess.run(["bash", "-c", 'source "%s/runtime/bin/common.sh" && dropdb "$0"' % ROOT,
                        args.db], check=True)
    if not db_exists(args.db):
        odoo(args.db, "-i", ",".join(sorted(modules)))
    rc, out, err = psql(args.db, "SELECT name FROM ir_module_module WHERE state = 'installed'")
    installed = set(out.split())
    missing = set(modules) - installed
    if missing:
        odoo(args.db, "-i", ",".join(sorted(missing)))
        installed |= missing
    ours = sorted(m for m in installed if m.startswith("account_manager_"))
    rc, out, err = psql(args.db, "SELECT value FROM ir_config_parameter WHERE key = '%s'"
                        % CODE_KEY)
    stamps = {m: code_stamp(m) for m in ours}
    old = json.loads(out) if out else {}
    changed = sorted(m for m in ours if old.get(m) != stamps[m] and m not in missing)
    if changed and old and not args.no_update:
        odoo(args.db, "-u", ",".join(changed))
    psql(args.db, "DELETE FROM ir_config_parameter WHERE key = '%s'; INSERT INTO "
         "ir_config_parameter (key, value, create_date, write_date) VALUES ('%s', '%s', "
         "now(), now())" % (CODE_KEY, CODE_KEY, json.dumps(stamps)))
    return installed


def fmt(times):
    low, mid, high = harness.summary(times)
    return "%.3f / %.3f / %.3f" % (low, mid, high)


def run_scenario(env, sc, reps):
    """Measure the product, its references and the floor, interleaved."""
    contenders = [("project", sc.project, sc.setup)]
    for ref in sc.references():
        # (label, function) or (label, function, its own setup)
        contenders.append(tuple(ref) if len(ref) == 3 else (ref[0], ref[1], sc.setup))
    contenders.append(("floor", sc.floor, sc.setup))
    times = {label: [] for label, __, __ in contenders}
    queries = {}
    results = {}
    problems = {}
    # one warm-up run each (caches of Odoo and PostgreSQL), then the repetitions
    for rep in range(reps + 1):
        for label, func, setup in contenders:
            elapsed, count, value, ctx = harness.measure(env, func, setup)
            if rep == 0:
                if label == "project":
                    results["project"] = sc.project_result(env, ctx, value)
                elif label == "floor":
                    results["floor"] = sc.floor_result(env, ctx, value)
                else:
                    problems[label] = sc.reference_problem(label, env, ctx, value,
                                                           results["project"])
            else:
                times[label].append(elapsed)
            # the queries of the last run (the warm-up fills Odoo's caches)
            queries[label] = count
            value = None
            env.cr.rollback()
            env.clear()
            harness.vacuum(env, sc.writes)
        if rep:
            print("    rep %s: %s" % (rep, ", ".join(
                "%s %.3f s" % (label, times[label][-1]) for label, __, __ in contenders)),
                  flush=True)
    memory = {}
    if sc.memory:
        # one more run each, not timed: peak memory (tracemalloc slows Python down)
        for label, func, setup in contenders:
            if label in ("project", "floor"):
                memory[label] = harness.measure_memory(env, func, setup)
                env.cr.rollback()
                env.clear()
        print("    peak memory (Python objects / resident set growth): %s" % ", ".join(
            "%s %.0f / %.0f MiB" % (label, peak, rss) for label, (peak, rss) in memory.items()),
              flush=True)
    return times, queries, results, problems, memory


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    sizes = population.sizes_for(args.scale)
    classes = selected(args, sizes)
    if args.list:
        for cls in ordered_scenarios():
            print("%-22s %s" % (cls.name, cls.title.replace("%s", "N")))
        return 0
    runnable = [cls for cls in classes if not cls.todo]
    modules = set()
    for cls in runnable:
        modules.update(cls.modules)
    modules = modules or {"account_manager_process"}
    start = time.perf_counter()
    ensure_runtime()
    installed = prepare_database(args, modules)

    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", CONF, "-d", args.db, "--log-level=warn"])
    failures = []
    rows = []
    with api.Environment.manage():
        registry = odoo.registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            have = population.existing(cr)
            if have and abs(have["scale"] - args.scale) > 1e-9:
                sys.exit("database %s holds the population of scale %s: use --scale %s, "
                         "another --db or --recreate" % (args.db, have["scale"], have["scale"]))
            if not have or population.missing(have, installed):
                have = population.generate(env, sizes, installed, have)
            print("population: %s" % ", ".join(
                "%s %s" % (k, "{:,}".format(v)) for k, v in sorted(have.items())
                if isinstance(v, int)), flush=True)
            for cls in classes:
                sc = cls(have)
                if cls.todo:
                    rows.append((sc.title, None, "TODO: " + cls.todo))
                    continue
                reason = sc.skip_reason()
                if reason:
                    rows.append((sc.title, None, "skipped: " + reason))
                    continue
                print("\n%s" % sc.title, flush=True)
                try:
                    times, queries, results, problems, memory = run_scenario(
                        env, sc, args.reps)
                except Exception as error:  # pylint: disable=broad-except
                    traceback.print_exc()
                    cr.rollback()
                    env.clear()
                    rows.append((sc.title, None, "ERROR: %s" % error))
                    failures.append((sc.title, "error: %s" % error))
                    continue
                problem = harness.diff(results["project"], results["floor"])
                if problem:
                    failures.append((sc.title, problem))
                for label, ref_problem in sorted(problems.items()):
                    if ref_problem:
                        failures.append(("%s (%s)" % (sc.title, label), ref_problem))
                rows.append((sc.title, (times, queries, memory), problem))
            cr.rollback()
    print_report(rows, args, time.perf_counter() - start)
    for title, problem in failures:
        print("DIFFERENT RESULT: %s: %s" % (title, problem))
    return 1 if failures else 0


def print_report(rows, args, elapsed):
    print("\n%s repetitions, seconds min / median / max; ratio = median / median of the "
          "floor (and of the first reference)" % args.reps)
    header = "%-58s %-24s %-24s %7s %9s  %s" % ("scenario", "project", "floor (bare SQL)",
                                               "ratio", "queries", "same result / reference")
    print(header)
    print("-" * len(header))
    for title, measured, note in rows:
        if measured is None:
            print("%-58s %s" % (title, note))
            continue
        times, queries, memory = measured
        ratio = harness.summary(times["project"])[1] / max(harness.summary(times["floor"])[1],
                                                           1e-9)
        extra = []
        for label in times:
            if label in ("project", "floor"):
                continue
            ref = harness.summary(times[label])[1]
            extra.append("%s %s (%s q), project/%s %.2fx" % (
                label, fmt(times[label]), queries[label], label,
                harness.summary(times["project"])[1] / max(ref, 1e-9)))
        print("%-58s %-24s %-24s %6.1fx %4s/%-4s  %s%s" % (
            title, fmt(times["project"]), fmt(times["floor"]), ratio, queries["project"],
            queries["floor"], "yes" if not note else "NO", (" | " + "; ".join(extra))
            if extra else ""))
        if memory:
            print("%-58s peak memory, Python objects / resident set growth: %s" % ("", ", ".join(
                "%s %.0f / %.0f MiB" % (label, peak, rss)
                for label, (peak, rss) in sorted(memory.items()))))
    print("(total %.0f s)" % elapsed)


if __name__ == "__main__":
    sys.exit(main())
