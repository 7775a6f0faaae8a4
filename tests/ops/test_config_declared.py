"""Every setting the code reads is declared, with its default, in config.py; only config.py reads the environment."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import config

ROOT = Path(config.__file__).resolve().parent
CODE = [*sorted((ROOT / "roadshow").rglob("*.py")), ROOT / "wsgi.py"]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt"))
# A function that takes a setting's name and reads it: its calls must name a declared key.
KEY_TAKERS = {"allow"}


def declared() -> set[str]:
    """Keys with a default on the base Config (Flask's own defaults count only once declared there)."""
    return {name for name in dir(config.Config) if name.isupper()}


def _is_config(node: ast.AST, aliases: set[str]) -> bool:
    """`x.config`, `config` or a local alias such as `cfg = current_app.config`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "config"
    return isinstance(node, ast.Name) and (node.id == "config" or node.id in aliases)


def _aliases(tree: ast.AST) -> set[str]:
    """Names assigned from `<something>.config` anywhere in a module."""
    return {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) and node.value.attr == "config"
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def config_reads(tree: ast.AST) -> Iterator[tuple[int, str | None]]:
    """(line, key) for each `config[...]`, `config.get/setdefault/pop(...)`; key None when not a literal."""
    aliases = _aliases(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_config(node.value, aliases):
            key = node.slice
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "setdefault", "pop"}
            and _is_config(node.func.value, aliases)
            and node.args
        ) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEY_TAKERS and node.args
        ):
            key = node.args[0]
        else:
            continue
        yield node.lineno, key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def undeclared_reads() -> list[str]:
    """Every place that reads a key config.py does not declare, or a key that is not a literal."""
    known = declared()
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, key in config_reads(tree):
            if key is None and not _takes_key(tree, line):
                found.append(f"{path.relative_to(ROOT)}:{line} reads a computed key")
            elif key is not None and key not in known:
                found.append(f"{path.relative_to(ROOT)}:{line} {key}")
    for path in TEMPLATES:
        for key in re.findall(r"\bconfig\.([A-Z][A-Z0-9_]+)", path.read_text()):
            if key not in known:
                found.append(f"{path.relative_to(ROOT)} {key}")
    return found


def _takes_key(tree: ast.AST, line: int) -> bool:
    """True for the read inside a KEY_TAKERS function, whose callers are checked instead."""
    return any(
        isinstance(node, ast.FunctionDef) and node.name in KEY_TAKERS and node.lineno <= line <= node.end_lineno
        for node in ast.walk(tree)
    )


def environment_reads() -> list[str]:
    """Places outside config.py that read os.environ or call getenv."""
    found = []
    for path in [*CODE, ROOT / "gunicorn.conf.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if _reads_environment(node):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _reads_environment(node: ast.AST) -> bool:
    """`os.environ`, `os.getenv`, `getenv(...)` or `from os import environ`."""
    names = {"environ", "environb", "getenv", "getenvb"}
    if isinstance(node, ast.Attribute):
        return node.attr in names and isinstance(node.value, ast.Name) and node.value.id == "os"
    if isinstance(node, ast.ImportFrom):
        return node.module == "os" and any(alias.name in names for alias in node.names)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"getenv", "getenvb"}


def test_every_setting_read_is_declared_in_config() -> None:
    """A setting read by the code but missing from config.py has no documented default."""
    assert undeclared_reads() == []


def repeated_defaults() -> list[str]:
    """`config.get("KEY", default)` calls: a second default that can drift from config.py's."""
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text())
        aliases = _aliases(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and _is_config(node.func.value, aliases)
                and len(node.args) > 1
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_read_repeats_a_default() -> None:
    """The default lives in config.py only; a read with its own default hides a missing declaration."""
    assert repeated_defaults() == []


def test_environments_only_override_declared_settings() -> None:
    """A key that exists only in TestingConfig or ProductionConfig would be missing in development."""
    base = declared()
    extra = {
        f"{cls.__name__}.{name}"
        for cls in config.CONFIGS.values()
        for name in vars(cls)
        if name.isupper() and name not in base
    }
    assert extra == set()


def test_only_config_reads_the_environment() -> None:
    """Settings come from config.py, so one file lists everything an operator can set."""
    assert environment_reads() == []


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scanner itself: an undeclared key and an environment read in a snippet are both caught."""
    snippet = "cfg = current_app.config\ncfg['NOPE']\napp.config.get('ALSO_NOPE', 1)\nos.environ.get('X')\n"
    tree = ast.parse(snippet)
    assert [key for _, key in config_reads(tree)] == ["NOPE", "ALSO_NOPE"]
    assert sum(_reads_environment(node) for node in ast.walk(tree)) == 1
    assert not any(_reads_environment(node) for node in ast.walk(ast.parse("def access(environ): environ.get('X')")))
