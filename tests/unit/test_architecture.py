"""The layout's rules (docs/architecture.md): which package may import which, Qt only in the
front-end packages, and importing the core does no work."""

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "interviewer_app"
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
# Qt is imported through qt_binding.py only, by the front ends and the PDF writer
QT_ALLOWED = {"ui", "speech", "qt_binding", "export/pdf"}

# Each package, and the packages it may import (beyond itself). Read from the bottom up: a
# package never imports one listed after it, so there are no cycles.
MAY_IMPORT = {
    "core": set(),
    "audio": {"core"},
    "transcribe": {"core", "audio"},
    "analysis": {"core", "transcribe"},
    "mock": {"core", "analysis"},
    "storage": {"core", "analysis", "mock"},
    "services": {"core", "audio", "transcribe", "analysis", "mock", "storage"},
    "export": {"core", "analysis", "mock", "qt_binding"},  # mock: a mock report is exported too
    "qt_binding": set(),
    "speech": {"core", "audio", "qt_binding"},
    "cli": {"core", "audio", "transcribe", "analysis", "mock", "storage", "services", "export", "ui"},
    "ui": {"core", "audio", "transcribe", "analysis", "mock", "storage", "services", "export", "speech",
           "qt_binding"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _package(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def _imports(path: Path) -> set[str]:
    """Every absolute module imported, also inside functions (lazy imports count too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50  # the scan really looked at the package
    return files


def test_every_package_imports_only_the_packages_below_it():
    offenders = defaultdict(set)
    for path in _files():
        mine = _package(path)
        assert mine in MAY_IMPORT, f"{mine}: a new package; give it its place in docs/architecture.md and here"
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "interviewer_app" or len(parts) < 2 or parts[1] in (mine, "__version__"):
                continue
            if parts[1] not in MAY_IMPORT[mine]:
                offenders[f"{mine} -> {parts[1]}"].add(str(path.relative_to(PACKAGE)))
    assert not offenders, dict(offenders)


def test_no_qt_outside_the_front_ends():
    offenders = []
    for path in _files():
        rel = path.relative_to(PACKAGE).with_suffix("")
        if rel.parts[0] in QT_ALLOWED or str(rel) in QT_ALLOWED:
            continue
        if QT & {name.split(".")[0] for name in _imports(path)}:
            offenders.append(str(rel))
    assert offenders == [], f"Qt imported in the core: {offenders}"


def test_qt_is_imported_in_one_place():
    direct = [str(p.relative_to(PACKAGE)) for p in _files()
              if QT & {name.split(".")[0] for name in _imports(p)}]
    assert direct == ["qt_binding.py"], direct


def test_the_rules_cover_no_package_that_is_gone():
    packages = {_package(p) for p in _files()}
    assert set(MAY_IMPORT) == packages


def test_importing_the_core_and_cli_loads_no_qt_and_no_model():
    code = (
        "import sys\n"
        "import interviewer_app.cli, interviewer_app.services.pipeline, interviewer_app.storage.attempts\n"
        "import interviewer_app.services.answer_session, interviewer_app.mock.interview\n"
        "import interviewer_app.analysis.feedback.answer, interviewer_app.transcribe.engine, interviewer_app.export.attempt\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'faster_whisper', 'ctranslate2'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported at import time: {out.stdout}"


def _module_level_imports(path: Path) -> set[str]:
    """Modules imported when the file is loaded (top level, `if TYPE_CHECKING` blocks included)."""
    names = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, (ast.If, ast.Try)):
            stack += node.body + node.orelse + getattr(node, "finalbody", []) + [
                n for h in getattr(node, "handlers", []) for n in h.body]
    return names


def test_no_module_imports_itself_through_others():
    modules = {}
    for path in _files():
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(("interviewer_app", *rel.parts))
        modules[name.removesuffix(".__init__")] = path
    graph = {m: {n for n in _module_level_imports(p) if n in modules and n != m} for m, p in modules.items()}
    cycles = []
    state = {}

    def visit(m, trail):
        state[m] = "open"
        for n in sorted(graph[m]):
            if state.get(n) == "open":
                cycles.append(trail[trail.index(n):] + [n])
            elif n not in state:
                visit(n, trail + [n])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, cycles
