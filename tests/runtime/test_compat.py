# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One test per block of runtime/compat/odoo_py311_compat: each fails when
its block is removed (the behaviour it checks is what 3.11 broke)."""
import ast
import base64
import collections
import importlib.util
import inspect
import sys
import threading

import odoo_py311_compat
import pytest


def test_layer_is_loaded_before_odoo_by_the_venv():
    # the .pth written by runtime/bin/bootstrap imports the layer at start-up
    assert "odoo_py311_compat" in sys.modules
    assert "install" in dir(odoo_py311_compat)


# -- 1. collections ABCs
def test_collections_abcs_are_reachable_from_collections():
    assert collections.Mapping is collections.abc.Mapping
    assert collections.Iterable is collections.abc.Iterable
    # odoo.tools.misc and odoo.models use them at import and at run time
    from odoo.tools.misc import frozendict
    assert isinstance(frozendict(a=1), collections.Mapping)


# -- 2. inspect.getargspec / formatargspec
def test_getargspec_and_formatargspec():
    def method(self, a, b=2, *args, **kw):
        return a

    spec = inspect.getargspec(method)
    assert spec.args == ["self", "a", "b"] and spec.varargs == "args"
    assert spec.keywords == "kw" and spec.defaults == (2,)
    assert inspect.formatargspec(*spec) == "(self, a, b=2, *args, **kw)"


def test_ormcache_builds_its_key_function(odoo_env):
    # tools/cache.py compiles the cache key from formatargspec(getargspec())
    partner = odoo_env.ref("base.main_partner")
    assert odoo_env["ir.model.data"].xmlid_to_res_id("base.main_partner") == partner.id


# -- 3. safe_eval opcodes
@pytest.mark.parametrize("expr, expected", [
    ("1 + 2 * 3", 7),
    ("[x * 2 for x in items if x is not None and x in (1, 3)]", [2, 2, 6]),
    ("{'a': len(items), **{'b': 1}}", {"a": 4, "b": 1}),
    ("max(items[1:3], key=lambda v: -v)", 1),
    ("'%s-%s' % (items[0], items[-1]) if items else ''", "1-None"),
])
def test_safe_eval_accepts_311_bytecode(expr, expected):
    from odoo.tools.safe_eval import safe_eval
    assert safe_eval(expr, {"items": [1, 1, 3, None]}) == expected


@pytest.mark.parametrize("expr", [
    "__import__('os')",
    "().__class__.__bases__",
    "open('/etc/passwd')",
    "import os",
])
def test_safe_eval_still_refuses_what_it_refused(expr):
    from odoo.tools.safe_eval import safe_eval
    with pytest.raises((ValueError, NameError)):
        safe_eval(expr, {}, mode="exec" if expr.startswith("import") else "eval")


def test_safe_eval_allow_lists_gain_only_the_311_spellings():
    from opcode import opmap
    module = sys.modules["odoo.tools.safe_eval"]
    ours = {opmap[name] for group in odoo_py311_compat._SAFE_EVAL_311.values()
            for name in group if name in opmap}
    assert ours <= module._SAFE_OPCODES
    # what 11.0 never allowed stays forbidden (imports, classes, attribute and
    # global writes, context managers)
    for name in ("IMPORT_NAME", "IMPORT_FROM", "IMPORT_STAR", "LOAD_BUILD_CLASS",
                 "STORE_ATTR", "DELETE_ATTR", "STORE_GLOBAL", "BEFORE_WITH"):
        assert opmap[name] not in module._SAFE_OPCODES, name
    # constants stay constants: no call or name lookup in const_eval's list
    for name in ("CALL", "PRECALL", "LOAD_NAME", "LOAD_ATTR"):
        assert opmap[name] not in module._CONST_OPCODES, name


# -- 4. removed aliases
def test_base64_string_aliases_and_thread_isalive():
    assert base64.decodestring(base64.encodestring(b"odoo")) == b"odoo"
    thread = threading.Thread(target=lambda: None)
    assert thread.isAlive() is False


# -- 5. PyYAML 6 loader for odoo.tools.yaml_import
def test_yaml_import_loads_odoo_tags():
    import odoo.tools  # noqa: F401  (imports odoo.tools.yaml_import)
    yaml_import = sys.modules["odoo.tools.yaml_import"]
    nodes = yaml_import.yaml.load("- !record {model: res.partner, id: x}\n")
    assert nodes[0].model == "res.partner"


# -- 6. addon modules have a __spec__ (Jinja2 PackageLoader in web)
def test_addon_modules_have_a_spec_for_jinja_package_loader(odoo_env):
    import jinja2
    spec = importlib.util.find_spec("odoo.addons.web")
    assert spec.submodule_search_locations
    loader = jinja2.PackageLoader("odoo.addons.web", "views")
    assert "database_manager.html" in loader.list_templates()


# -- 7. QWeb ASTs
def test_qweb_compiles_and_renders_on_311(odoo_env):
    from lxml import etree
    template = etree.fromstring(
        '<div><t t-foreach="[1, 2]" t-as="i"><span t-esc="i * 2"/></t>'
        '<t t-set="x" t-value="None"/><t t-if="x is None">none</t></div>')
    html = odoo_env["ir.qweb"].render(template)
    assert html == b"<div><span>2</span><span>4</span>none</div>"


def test_qweb_ast_repair_alone():
    tree = ast.Module(body=[ast.Expr(value=ast.Name(id="None", ctx=ast.Load()),
                                     lineno=3, end_lineno=1, col_offset=0)],
                      type_ignores=[])
    with pytest.raises((ValueError, TypeError)):
        compile(ast.fix_missing_locations(tree), "<t>", "exec")
    code = odoo_py311_compat._qweb_compile(tree, "<t>", "exec")
    exec(code, {})  # noqa: S102  (our own constant AST)


# -- each block is needed: leave it out and its test fails
BLOCK_TESTS = {
    "collections_abc": "test_collections_abcs_are_reachable_from_collections",
    "inspect_argspec": "test_getargspec_and_formatargspec",
    "removed_aliases": "test_base64_string_aliases_and_thread_isalive",
    "safe_eval_opcodes": "test_safe_eval_accepts_311_bytecode",
    "yaml_loader": "test_yaml_import_loads_odoo_tags",
    "addons_hook_spec": "test_addon_modules_have_a_spec_for_jinja_package_loader",
    "qweb_ast": "test_qweb_compiles_and_renders_on_311",
    "etree_getchildren": "test_web_client_templates_concatenate",
    "worker_rlimit": "test_worker_sets_its_cpu_limit_with_a_float",
}


@pytest.mark.parametrize("block", sorted(BLOCK_TESTS))
def test_each_block_is_needed(block, request):
    import os
    import subprocess
    env = dict(os.environ, ODOO_PY311_COMPAT_SKIP=block)
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
            __file__ + "::" + BLOCK_TESTS[block]]
    for option in ("odoo_config", "odoo_database"):
        value = request.config.getoption(option, None)
        if value:
            args.append("--%s=%s" % (option.replace("_", "-"), value))
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    # 1: the test failed; 3: Odoo itself no longer imports (pytest-odoo loads it first)
    assert result.returncode in (1, 3), "%s without block %s: exit %s\n%s" % (
        BLOCK_TESTS[block], block, result.returncode, (result.stdout + result.stderr)[-2000:])


# -- 8. ElementTree getchildren in the web client's template concatenation
def test_web_client_templates_concatenate(odoo_env, tmp_path):
    from odoo.addons.web.controllers import main as web_main
    one, two = tmp_path / "one.xml", tmp_path / "two.xml"
    one.write_text('<templates><t t-name="A"><div/></t></templates>')
    two.write_text('<templates><t t-name="B"><span/></t></templates>')
    xml, checksum = web_main.concat_xml([str(one), str(two)])
    assert xml.count(b"t-name") == 2 and checksum


# -- 9. resource.setrlimit with the float CPU time of a worker (--workers > 0)
def test_worker_sets_its_cpu_limit_with_a_float(odoo_env):
    import resource

    from odoo.service import server
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    # what Worker.process_limit() does: the same limit, given as a float
    server.resource.setrlimit(resource.RLIMIT_CPU, (float(soft), hard))
    assert resource.getrlimit(resource.RLIMIT_CPU) == (soft, hard)
