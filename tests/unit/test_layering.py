"""The domain imports only the standard library and itself (import-linter checks the rest)."""

import ast
import sys

from tests.conftest import REPO


def test_domain_imports_only_stdlib_and_itself():
    offenders = []
    for path in (REPO / "kiosk" / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if not (name.startswith("kiosk.domain") or top in sys.stdlib_module_names):
                    offenders.append(f"{path.relative_to(REPO)}: {name}")
    assert offenders == []
