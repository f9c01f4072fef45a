"""The harness stands on its own: it imports no test module and nothing from bench/.

bench/ scripts import the harness (bench/comment_load.py drives its Reader), so an import
the other way round would tie the suite to the bench. Also, no test keeps its own copy of a
port picker: ports come from tests/harness/ports.py.
"""

import ast
from pathlib import Path

HARNESS = Path(__file__).resolve().parent
TESTS = HARNESS.parent


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_harness_imports_no_test_module_and_nothing_from_bench():
    for path in HARNESS.glob("*.py"):
        for name in imported(path):
            assert not name.startswith("bench"), (path.name, name)
            if name.startswith("tests."):
                assert name.startswith("tests.harness."), (path.name, name)


def test_no_test_picks_ports_of_its_own():
    for path in TESTS.rglob("*.py"):
        if HARNESS in path.parents:
            continue
        assert "def free_port" not in path.read_text(), path
        assert "def ports(" not in path.read_text(), path
