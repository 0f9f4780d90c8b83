# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Install the three addons where Odoo 11 finds them: the ``odoo.addons``
namespace (``pip install .``, or ``pip install -e .`` for development).

``setup/odoo/addons/<addon>`` are symlinks to the addon folders at the top of
the repository (the layout OCA's setuptools-odoo uses), so the addons stay
where developers and Odoo's ``addons_path`` expect them.
"""
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
ADDONS = ["account_manager_process", "account_manager_training",
          "account_manager_assessment"]


def addon_packages_and_data():
    packages, package_data = [], {}
    for addon in ADDONS:
        root = os.path.join(HERE, addon)
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            parts = [] if folder == root else os.path.relpath(folder, root).split(os.sep)
            # a folder named like a version (migrations/11.0.2.0.0) is no
            # Python package: its files ship as data of the nearest package
            depth = next((i for i, part in enumerate(parts) if not part.isidentifier()),
                         len(parts))
            package = ".".join(["odoo.addons", addon] + parts[:depth])
            if depth == len(parts):
                packages.append(package)
                # every non-Python file (XML, CSV, PO, PNG, ...) ships with its package
                package_data.setdefault(package, []).extend(
                    f for f in files if not f.endswith((".py", ".pyc")))
            else:
                package_data.setdefault(package, []).extend(
                    os.path.join(*(parts[depth:] + [f])) for f in files
                    if not f.endswith(".pyc"))
    return packages, package_data


packages, package_data = addon_packages_and_data()

setup(
    name="odoo11-account-manager-process-suite",
    version="11.0.2.0.0",
    description="Account Manager Process Suite: Odoo 11.0 addons for account "
                "managers' visits, working day, complaints, training and assessment",
    long_description=open(os.path.join(HERE, "README.md"), encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    license="AGPL-3",
    author="Account Manager Process Suite contributors",
    python_requires=">=3.5",
    package_dir={"": "setup"},
    packages=packages,
    package_data=package_data,
    include_package_data=False,
    zip_safe=False,
    install_requires=[
        "odoo>=11.0a,<11.1dev",
        "odoo11-addon-crm-claim",
        "odoo11-addon-hr-course",
        "odoo11-addon-report-xlsx",
        "odoo11-addon-web-widget-digitized-signature",
        "odoo11-addon-web-responsive",
        "openupgradelib",
        "phonenumbers",
        "xlsxwriter",
    ],
    classifiers=[
        "Programming Language :: Python :: 3",
        "Framework :: Odoo",
        "Framework :: Odoo :: 11.0",
        "License :: OSI Approved :: GNU Affero General Public License v3",
    ],
)
