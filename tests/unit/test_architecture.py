"""The core never imports Qt, and importing it does no work."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "interviewer_app"
QT_ALLOWED = {"ui", "speech"}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_pyside6_outside_ui_and_speech():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in QT_ALLOWED:
            continue
        if {"PySide6", "PyQt5", "PyQt6", "shiboken6"} & _imports(path):
            offenders.append(str(rel))
    assert offenders == [], f"Qt imported in the core: {offenders}"
    assert len(list(PACKAGE.rglob("*.py"))) > 20  # the scan really looked at the package


def test_importing_the_core_and_cli_loads_no_qt_and_no_model():
    code = (
        "import sys\n"
        "import interviewer_app.cli, interviewer_app.pipeline, interviewer_app.storage.attempts\n"
        "import interviewer_app.analysis.feedback, interviewer_app.transcribe.engine\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'faster_whisper', 'ctranslate2'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"imported at import time: {out.stdout}"
