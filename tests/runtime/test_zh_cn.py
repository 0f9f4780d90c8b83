# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese (zh_CN): every term of the three addons is translated, on any
database.

The files themselves (no database): each zh_CN.po holds the terms of its .pot,
all translated, with the placeholders and tags of the English term, and no
reference to an external id that only exists in one database (Odoo 11 names a
field's external id field_<table>_<field>; when two fields compete for a name
the second one gets the suffix _<database id>: its label would stay English
everywhere else).

The database of the test run (the three addons installed from scratch, demo
data loaded): zh_CN is loaded from the addons' files, in a cursor that is rolled
back, then Odoo's own exporter lists every term of the addons (field labels and
help texts, selections, models, menus, actions, views, report templates, data
records, constraint messages, the _() strings of the Python and JavaScript
code) and each must have a translation, on its own record. Regenerate the files
with runtime/bin/i18n-export.
"""
import ast
import csv
import os
import re
from collections import Counter

import polib
import pytest
from lxml import etree

from ..conftest import ROOT

ADDONS = ["account_manager_process", "account_manager_training", "account_manager_assessment"]
LANG = "zh_CN"
# terms written the same in Chinese: these, and technical names of models
SAME_IN_CHINESE = {"ID", "SLA", "XLSX", "AFP", "CFP"}
TECHNICAL = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")

NAMED = re.compile(r"%\([^)]+\)[#0\- +]*\d*(?:\.\d+)?[sdifrxXeEgGcou]")
POSITIONAL = re.compile(r"%(?!\()[#0\-+]*\d*(?:\.\d+)?[sdifrxXeEgGcou%]")
MARKUP = re.compile(r"\$\{[^}]*\}|</?[a-zA-Z][^>]*>")
DATABASE_ID = re.compile(r"^model:ir\.model\.fields,[a-z_]+:[a-z_]+\.field_\w+?_\d+$")


def _placeholders(text):
    """What a translation must keep: named placeholders (any order),
    positional ones (in order), mako expressions and html tags."""
    return (sorted(NAMED.findall(text)), POSITIONAL.findall(text), sorted(MARKUP.findall(text)))


def _po(addon, name=LANG + ".po"):
    return polib.pofile(os.path.join(ROOT, addon, "i18n", name))


def _same_in_chinese(term):
    return term.strip() in SAME_IN_CHINESE or bool(TECHNICAL.match(term.strip()))


def _untranslated(entry):
    return not entry.msgstr.strip() or "fuzzy" in entry.flags or (
        entry.msgstr == entry.msgid and not _same_in_chinese(entry.msgid))


def test_placeholder_check_sees_what_breaks_at_run_time():
    assert _placeholders("%(name)s owns %s, <b>%d</b> %%") == \
        (["%(name)s"], ["%s", "%d", "%%"], ["</b>", "<b>"])
    assert _placeholders("%(b)s, %(a)s") == _placeholders("%(a)s %(b)s")
    assert _placeholders("%s %d") != _placeholders("%d %s")
    assert _placeholders("<p>%s</p>") != _placeholders("<p>%s")
    # a percent sign in a label is no placeholder
    assert _placeholders("Breach rate (%)") == _placeholders("超时率（%）")
    assert DATABASE_ID.match("model:ir.model.fields,field_description:"
                             "account_manager_process.field_am_visit_outcome_id_3501")
    assert not DATABASE_ID.match("model:ir.model.fields,field_description:"
                                 "account_manager_process.field_am_visit_outcome_id")


@pytest.mark.parametrize("addon", ADDONS)
def test_po_holds_the_terms_of_the_pot_all_translated(addon):
    pot, po = _po(addon, addon + ".pot"), _po(addon)
    assert po.metadata.get("Language") == LANG
    assert [e.msgid for e in po if not e.obsolete] == [e.msgid for e in pot], \
        "zh_CN.po is not merged with the .pot: run runtime/bin/i18n-export"
    missing = [e.msgid for e in po if not e.obsolete and _untranslated(e)]
    assert not missing, "%d terms untranslated: %s" % (len(missing), missing[:20])


@pytest.mark.parametrize("addon", ADDONS)
def test_translations_keep_placeholders_and_tags(addon):
    wrong = [(e.msgid, e.msgstr) for e in _po(addon)
             if e.msgstr and _placeholders(e.msgid) != _placeholders(e.msgstr)]
    assert not wrong, wrong


@pytest.mark.parametrize("addon", ADDONS)
def test_no_reference_depends_on_a_database(addon):
    for name in (addon + ".pot", LANG + ".po"):
        refs = [path for entry in _po(addon, name) for path, _line in entry.occurrences
                if DATABASE_ID.match(path)]
        assert not refs, "%s refers to database-specific ids: %s" % (name, refs)


def _demo_xmlids(addon):
    """External ids of the addon's demo records (not exported for translation)."""
    folder = os.path.join(ROOT, addon)
    with open(os.path.join(folder, "__manifest__.py"), encoding="utf-8") as manifest:
        demo_files = ast.literal_eval(manifest.read()).get("demo", [])
    ids = set()
    for name in demo_files:
        path = os.path.join(folder, name)
        if name.endswith(".xml"):
            found = etree.parse(path).xpath("//*[@id]/@id")
        elif name.endswith(".csv"):
            with open(path, encoding="utf-8") as data:
                found = [row["id"] for row in csv.DictReader(data)]
        else:
            found = []
        ids.update(x if "." in x else "%s.%s" % (addon, x) for x in found)
    return ids


def test_fresh_database_shows_every_term_in_chinese(odoo_env):
    from odoo.exceptions import ValidationError
    from odoo.tools.translate import trans_generate

    env = odoo_env
    env["res.lang"].load_lang(LANG)
    modules = env["ir.module.module"].search([("name", "in", ADDONS), ("state", "=", "installed")])
    assert len(modules) == 3, "the test database lacks the addons"
    try:
        # what Odoo does for each module when a language is installed
        modules._update_translations(LANG)
        demo = set().union(*[_demo_xmlids(addon) for addon in ADDONS])
        missing, terms = [], Counter()
        for module, kind, name, res_id, src, value, _notes in trans_generate(LANG, ADDONS, env.cr):
            terms[module] += 1
            if _same_in_chinese(src):
                continue
            if kind == "model":
                # on its own record: a label reaches the field it belongs to
                if res_id in demo:
                    continue
                record = env.ref(res_id)
                env.cr.execute("""SELECT value FROM ir_translation
                                  WHERE lang = %s AND type = 'model' AND name = %s
                                    AND res_id = %s AND src = %s""",
                               (LANG, name, record.id, src))
                value = (env.cr.fetchone() or [""])[0]
            elif kind == "code":
                # _() looks a term up by its text only (the database keeps one
                # row per text, named after the first file that uses it)
                value = env["ir.translation"]._get_source(None, ("code",), LANG, src)
            if not (value or "").strip() or value == src:
                missing.append((module, kind, name, res_id, src))
        assert all(terms[addon] > 100 for addon in ADDONS), terms
        assert not missing, "%d terms without Chinese (%s): %s" % (
            len(missing), dict(Counter(m[0] for m in missing)), missing[:30])

        # what users see: labels, selections, menus, messages and names built in code
        zh = env(context=dict(env.context, lang=LANG))
        visit = zh["am.visit"].fields_get(["purpose_id", "outcome_id", "state"])
        assert visit["purpose_id"]["string"] == "拜访目的"
        assert visit["outcome_id"]["string"] == "拜访结果"
        assert dict(visit["state"]["selection"])["done"] == "已完成"
        scheme = zh["am.assessment"].fields_get(["scheme_id"])["scheme_id"]
        assert scheme["string"] == "方案"
        assert zh.ref("account_manager_process.menu_root").name == "客户经理管理"
        report = zh["am.work.report"].new({"report_type": "daily", "date_from": "2026-11-25",
                                            "user_id": env.ref("base.user_root").id})
        report._compute_name()
        assert report.name.startswith("日报 2026-11-25 ")
        with pytest.raises(ValidationError) as refusal, env.cr.savepoint():
            zh["am.visit.purpose"].create({"name": "Visit", "business_weight": -1})
        assert "拜访目的的业务权重不能为负数" in refusal.value.name
    finally:
        env.cr.rollback()
        # the rolled back translations and language stay in the ORM caches
        env.registry.clear_caches()
