"""The layers of DESIGN.md are real: only dpo_desk/ui may import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dpo_desk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imports(path))
    ]
    assert offenders == []


def test_the_layer_check_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(sample)


def test_core_imports_neither_sqlalchemy_nor_qt() -> None:
    offenders = [
        path.name
        for path in (PACKAGE / "core").rglob("*.py")
        if any(name.split(".")[0] in {"sqlalchemy", "PySide6"} for name in _imports(path))
    ]
    assert offenders == []


# Which packages each layer may import from dpo_desk (DESIGN.md: one direction only).
# Services, the command line and the UI share what lies below them.
_SERVICES_AND_BELOW = {
    "services",
    "core",
    "store",
    "importers",
    "reports",
    "paths",
    "resource_files",
    "app",
}
ALLOWED = {
    "core": {"core", "resource_files"},
    "store": {"store", "paths", "resource_files"},
    "importers": {"importers", "core"},
    "reports": {"reports", "core", "resource_files"},
    "services": _SERVICES_AND_BELOW,
    "cli": _SERVICES_AND_BELOW | {"cli", "ui"},
    "ui": _SERVICES_AND_BELOW | {"ui", "licences"},
}
# The command line starts the GUI when no command is given; nothing else of it uses Qt.
UI_FROM_CLI = {"cli/main.py"}
AREAS = ("consent", "dsfa", "register", "records", "roster", "printing", "safety")


def _layer_imports() -> list[tuple[str, str, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) < 2 or "migrations" in relative.parts:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "dpo_desk" and len(parts) > 1:
                found.append((relative.as_posix(), relative.parts[0], parts[1]))
    return found


def test_layers_import_only_downwards() -> None:
    offenders = [
        f"{module} → {target}"
        for module, layer, target in _layer_imports()
        if layer in ALLOWED
        and target not in ALLOWED[layer]
        and not (target == "ui" and module in UI_FROM_CLI)
    ]
    assert offenders == []
    assert any(layer == "services" for _, layer, _ in _layer_imports())


def test_ui_never_opens_a_database_session() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
    ]
    assert offenders == []


def test_areas_are_packages_not_name_prefixes() -> None:
    """``services/consent/recording.py``, never ``services/consent_records.py``."""
    flat = [
        str(path.relative_to(PACKAGE))
        for layer in ("core", "services", "reports", "ui", "cli")
        for path in (PACKAGE / layer).glob("*.py")
        if any(path.stem.startswith(f"{area}_") for area in AREAS)
    ]
    assert flat == []
    assert not any((PACKAGE / layer / "records").exists() for layer in ("core", "services"))
