# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""setup.py puts the three addons, with all their data files, in the
odoo.addons namespace; the README's commands are the ones CI runs."""
import os
import re
import subprocess
import sys
import zipfile

from ..conftest import ROOT

ADDONS = ["account_manager_process", "account_manager_training", "account_manager_assessment"]


def _addon_files():
    files = set()
    for addon in ADDONS:
        for folder, dirs, names in os.walk(os.path.join(ROOT, addon)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                if not name.endswith(".pyc"):
                    files.add("odoo/addons/" + os.path.relpath(os.path.join(folder, name), ROOT))
    return files


def test_wheel_installs_every_addon_file_under_odoo_addons(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path), ROOT],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("*.whl"))
    with zipfile.ZipFile(str(wheel)) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("odoo/addons/")}
        metadata = next(n for n in archive.namelist() if n.endswith("METADATA"))
        requires = archive.read(metadata).decode()
    missing = _addon_files() - shipped
    assert not missing, sorted(missing)[:20]
    assert "odoo/addons/account_manager_process/__manifest__.py" in shipped
    # OCA-style dependency on the Odoo 11.0 distribution
    odoo_requirement = re.search(r"^Requires-Dist: odoo[ (<>=].*$", requires, re.M)
    assert odoo_requirement and "11.0a" in odoo_requirement.group(0) \
        and "11.1dev" in odoo_requirement.group(0)


def test_ci_runs_the_readme_test_command():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    ci = open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read()
    makefile = open(os.path.join(ROOT, "Makefile"), encoding="utf-8").read()
    assert "make run" in readme and "make test" in readme
    assert re.search(r"^make test$", ci, re.M)
    assert re.search(r"^test:", makefile, re.M) and re.search(r"^run:", makefile, re.M)


def _gen_readme(*args):
    return subprocess.run([sys.executable, os.path.join(ROOT, "runtime", "bin", "gen-addon-readme")]
                          + list(args), capture_output=True, text=True, timeout=120)


def test_addon_readmes_are_generated_from_their_fragments(tmp_path):
    """README.rst and static/description/index.html follow readme/*.rst: the
    check passes on the checkout and fails once a fragment changes."""
    assert _gen_readme("--check").returncode == 0
    import shutil
    addon = tmp_path / "account_manager_training"
    shutil.copytree(os.path.join(ROOT, "account_manager_training"), str(addon),
                    ignore=shutil.ignore_patterns("__pycache__", "i18n", "tests"))
    assert _gen_readme("--check", str(addon)).returncode == 0
    with open(str(addon / "readme" / "ROADMAP.rst"), "a", encoding="utf-8") as roadmap:
        roadmap.write("\n* A line added to the roadmap.\n")
    result = _gen_readme("--check", str(addon))
    assert result.returncode == 1 and "README.rst" in result.stderr
    assert _gen_readme(str(addon)).returncode == 0
    assert "A line added to the roadmap." in (addon / "README.rst").read_text(encoding="utf-8")
    assert "A line added to the roadmap." in (
        addon / "static" / "description" / "index.html").read_text(encoding="utf-8")
    assert _gen_readme("--check", str(addon)).returncode == 0


def test_each_addon_builds_its_own_oca_wheel(tmp_path):
    """Each addon is also a wheel of its own, named and versioned as OCA
    publishes them (odoo11-addon-<name>), with its addon dependencies."""
    expected_requires = {
        "account_manager_process": {"odoo11-addon-crm_claim"},
        "account_manager_training": {"odoo11-addon-hr_course", "odoo11-addon-report_xlsx"},
        "account_manager_assessment": {"odoo11-addon-account_manager_process",
                                       "odoo11-addon-account_manager_training"},
    }
    files = _addon_files()
    for addon in ADDONS:
        out = tmp_path / addon
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                        "--no-build-isolation", "-w", str(out), os.path.join(ROOT, addon)],
                       check=True, capture_output=True, timeout=300)
        wheel = next(out.glob("*.whl"))
        assert wheel.name.startswith("odoo11_addon_%s-11.0." % addon), wheel.name
        with zipfile.ZipFile(str(wheel)) as archive:
            shipped = set(archive.namelist())
            metadata = archive.read(next(n for n in shipped if n.endswith("METADATA"))).decode()
        mine = {name for name in files if name.startswith("odoo/addons/%s/" % addon)
                and not name.endswith("/pyproject.toml")}
        assert not mine - shipped, sorted(mine - shipped)[:20]
        requires = set(re.findall(r"^Requires-Dist: ([^\s;<>=(]+)", metadata, re.M))
        assert expected_requires[addon] <= requires, requires
        assert "odoo" in requires
