"""Stage versions derived from what a stage runs on: its code and its data.

A stage's stored version is ``"<declared>+<digest>"``: the version the stage declares
(bumped by hand for a change of meaning) plus a digest of

- the code of every eventwire module the stage module imports, directly or through other
  eventwire modules (parsed: comments, formatting and docstrings do not count), except
  the framework modules in :data:`FRAMEWORK` that hold no analysis logic;
- every file under ``eventwire/resources/<dir>`` that one of those modules names (a module
  that mentions ``"resources"`` and ``"<dir>"``);
- the installed version of every third-party distribution those modules import or name
  (spaCy, the English model package, country_converter, ...).

So a change to the event coder's lexicon, the gazetteer or the spaCy model makes exactly the
stages that use them stale, and ``eventwire analyze`` re-runs them.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

__all__ = ["code_version", "stage_dependencies", "FRAMEWORK"]

# modules with no analysis logic: changing them does not change any stage's output
FRAMEWORK = frozenset(
    {
        "eventwire",
        "eventwire.analyze",
        "eventwire.analyze.pipeline",
        "eventwire.analyze.registry",
        "eventwire.analyze.versions",
        "eventwire.model",
        "eventwire.errors",
        "eventwire._pool",
        "eventwire._util",
        "eventwire.runners._exec",  # where jobs run (and the models' warm-up): no analysis
    }
)

_PKG_ROOT = Path(__file__).resolve().parents[1]  # .../eventwire
_RESOURCES = _PKG_ROOT / "resources"


def _module_file(name: str) -> Path | None:
    rel = name.split(".")[1:]
    base = _PKG_ROOT.joinpath(*rel) if rel else _PKG_ROOT
    for cand in (base.with_suffix(".py"), base / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def _relative_base(module: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if is_pkg else module.rsplit(".", 1)[0]
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


@functools.cache  # a module shared by several stages is scanned once per process
def _scan(name: str) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]] | None:
    """One walk over a module's syntax tree (before its docstrings are stripped):

    - every string constant;
    - the string arguments of calls (``spacy.load("en_core_web_sm")``, ``files("pkg")``)
      and module-level string constants (``MODEL_PACKAGE = "en_core_web_sm"``);
    - the modules it imports (``from eventwire.analyze import actors`` imports a module:
      both ``eventwire.analyze`` and ``eventwire.analyze.actors`` are listed)."""
    parsed = _parse(name)
    if parsed is None:
        return None
    tree, is_pkg = parsed
    strings: set[str] = set()
    calls: list[str] = []
    imports: list[str] = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, ast.Constant):
            if isinstance(stmt.value.value, str):
                calls.append(stmt.value.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                strings.add(node.value)
        elif isinstance(node, ast.Call):
            calls.extend(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
        elif isinstance(node, ast.Import):
            imports.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = _relative_base(name, is_pkg, node)
            imports.append(mod)
            imports.extend(f"{mod}.{a.name}" for a in node.names)
    return frozenset(strings), tuple(calls), tuple(imports)


def _strip_docstrings(tree: ast.Module) -> ast.Module:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    node.body = body[1:] or [ast.Pass()]
    return tree


@functools.cache
def _parse(name: str) -> tuple[ast.Module, bool] | None:
    path = _module_file(name)
    if path is None:
        return None
    return ast.parse(path.read_text(encoding="utf-8")), path.name == "__init__.py"


@functools.cache  # scans every installed distribution: once per process, not per stage
def _top_level_dists() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


@functools.cache  # a module shared by several stages is dumped once
def _module_digest(name: str) -> bytes:
    _scan(name)  # before the docstrings are stripped from the shared tree
    parsed = _parse(name)
    assert parsed is not None
    return name.encode() + b"\0" + ast.dump(_strip_docstrings(parsed[0])).encode() + b"\0"



@functools.cache
def stage_dependencies(module: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(eventwire modules, resource dirs, third-party distributions) a stage module uses."""
    seen: set[str] = set()
    resource_dirs: set[str] = set()
    top_names: set[str] = set()
    known_dirs = {p.name for p in _RESOURCES.iterdir() if p.is_dir()} if _RESOURCES.is_dir() else set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or name in FRAMEWORK:
            continue
        scanned = _scan(name)
        if scanned is None:
            continue
        seen.add(name)
        strings, calls, imports = scanned
        for imp in imports:
            if imp == "eventwire" or imp.startswith("eventwire."):
                todo.append(imp)
            elif imp:
                top_names.add(imp.split(".")[0])
        for s in strings:
            if s.startswith("eventwire.") and _module_file(s) is not None:
                todo.append(s)  # importlib.import_module("eventwire.analyze.places")
        for s in calls:
            if s.isidentifier():
                top_names.add(s)  # spacy.load("en_core_web_sm"), resources.files("pkg")
        if strings & {"resources", "eventwire.resources"}:
            resource_dirs |= strings & known_dirs
    dists = _top_level_dists()
    stdlib = set(sys.stdlib_module_names)
    third = sorted(
        {d for n in top_names if n not in stdlib and n != "eventwire" for d in dists.get(n, [])}
    )
    return tuple(sorted(seen)), tuple(sorted(resource_dirs)), tuple(third)


@functools.cache
def code_version(declared: str, module: str) -> str:
    """``declared`` plus a digest of the code, data and libraries the stage module uses."""
    modules, dirs, dists = stage_dependencies(module)
    h = hashlib.sha256()
    for m in modules:
        h.update(_module_digest(m))
    for d in dirs:
        for p in sorted((_RESOURCES / d).rglob("*")):
            if p.is_file() and p.suffix.lower() not in (".md", ".txt"):
                h.update(str(p.relative_to(_RESOURCES)).encode() + b"\0" + p.read_bytes() + b"\0")
    for dist in dists:
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            continue
    return f"{declared}+{h.hexdigest()[:12]}"
