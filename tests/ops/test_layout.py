"""The services layer never reaches up into a blueprint package: domain code must not depend on pages."""

from __future__ import annotations

import ast
from pathlib import Path

import roadshow

ROOT = Path(roadshow.__file__).parent
SERVICES = ROOT / "services"


def _blueprint_packages() -> set[str]:
    """Every package under roadshow/ whose __init__ defines a Blueprint: found, not listed, so a new one counts."""
    found = set()
    for init in ROOT.glob("*/__init__.py"):
        if "Blueprint(" in init.read_text(encoding="utf-8"):
            found.add(f"roadshow.{init.parent.name}")
    return found


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement in the file names, at any depth (imports inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
            names.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return names


def _violations() -> list[str]:
    """`path:line module` for each import statement of a blueprint package from a services module."""
    blueprints = _blueprint_packages()
    found: dict[str, str] = {}
    for path in sorted(SERVICES.rglob("*.py")):
        for line, module in _imported_modules(path):
            if any(module == bp or module.startswith(bp + ".") for bp in blueprints):
                found.setdefault(f"{path.relative_to(ROOT.parent)}:{line}", module)
    return [f"{where} {module}" for where, module in sorted(found.items())]


def test_the_blueprint_packages_are_found() -> None:
    """Guard the guard: if the scan found no blueprints it would pass whatever services imported."""
    assert {"roadshow.bookings", "roadshow.feedback", "roadshow.news", "roadshow.yousaid"} <= _blueprint_packages()


def test_no_service_imports_a_blueprint_package() -> None:
    """A service that imports a blueprint drags in its views and forms and turns the layering upside down."""
    assert _violations() == []
