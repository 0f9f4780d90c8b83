# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addons run on a stock Odoo 11: Python 3.5 and psycopg2 2.7.

Syntax and standard library are checked by vermin in `make test`; these
tests cover what vermin does not know: the library APIs newer than Odoo 11's
pins, and that the check itself catches what it must.
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ["account_manager_process", "account_manager_training", "account_manager_assessment"]
VERMIN = Path(sys.executable).parent / "vermin"
# psycopg2.errors and psycopg2.errorcodes lookups by class came with 2.8
NEWER_THAN_PSYCOPG2_27 = re.compile(r"psycopg2\.errors|from psycopg2 import errors\b")


def _addon_sources():
    for addon in ADDONS:
        yield from sorted((ROOT / addon).rglob("*.py"))


def test_no_psycopg2_28_api_in_the_addons():
    offenders = [
        "%s:%d" % (path.relative_to(ROOT), number)
        for path in _addon_sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NEWER_THAN_PSYCOPG2_27.search(line.split("#")[0])]
    assert not offenders, "psycopg2 >= 2.8 API in %s" % offenders


def _vermin(path):
    return subprocess.run([str(VERMIN), "-q", "--no-tips", "--violations", "-t=3.5-",
                           "--eval-annotations", str(path)],
                          capture_output=True, text=True)


def test_vermin_refuses_what_python_35_lacks(tmp_path):
    """The static check of `make test` fails on syntax Odoo 11's Python lacks."""
    for source in ['name = "x"\nprint(f"{name}")\n',
                   "for a, b in zip([1], [2], strict=True):\n    print(a, b)\n",
                   "value: int = 3\n"]:
        module = tmp_path / "newer.py"
        module.write_text(source)
        assert _vermin(module).returncode != 0, source
    module = tmp_path / "old.py"
    module.write_text("print('%s' % 'fine')\n")
    assert _vermin(module).returncode == 0


def test_addons_pass_the_python_35_check():
    result = subprocess.run([str(VERMIN), "-q", "--no-tips", "--violations", "-t=3.5-",
                             "--eval-annotations"] + [str(ROOT / a) for a in ADDONS],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
