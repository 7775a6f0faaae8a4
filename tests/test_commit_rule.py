"""The commit rule: services flush and never commit; a view that catches a DomainError rolls back."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "roadshow"
# The outbox's own delivery loop (mail), and the newsletter batches it drives, commit per message
# so a crash never sends twice: they run after the change's commit, like a job (feat/queue moves
# both to RQ jobs).
DELIVERY = {"services/mail.py", "services/news/newsletter.py"}


def _modules(under: Path) -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(ROOT)), ast.parse(path.read_text())) for path in sorted(under.rglob("*.py"))]


def _calls(node: ast.AST, name: str) -> bool:
    """True when `node` contains a call to `...name(...)`."""
    return any(
        isinstance(sub, ast.Call)
        and (
            (isinstance(sub.func, ast.Attribute) and sub.func.attr == name)
            or (isinstance(sub.func, ast.Name) and sub.func.id == name)
        )
        for sub in ast.walk(node)
    )


def _catches_domain_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id == "DomainError" for n in names)


def test_services_never_commit():
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _modules(ROOT / "services")
        if name not in DELIVERY and not name.endswith("demo.py")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]
    assert found == []


def test_every_view_that_catches_a_domain_error_rolls_back():
    """Whatever a refused service flushed is undone before the page answers (transaction.refuse).

    A refusal that must itself be kept (the count of wrong current passwords) commits instead:
    either way the handler decides, rather than leaving the flushed change to whatever comes next.
    """
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _modules(ROOT)
        if not name.startswith("services/")
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler)
        and _catches_domain_error(node)
        and not (_calls(node, "rollback") or _calls(node, "refuse") or _calls(node, "commit"))
    ]
    assert found == []
