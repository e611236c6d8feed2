"""The architecture holds (docs/architecture.md): the rules import no Django, apps depend in one
direction (portal -> meetings -> scorecards -> accounts), and no project import hides inside a
function to dodge a cycle. Read from the source with `ast`, so nothing needs importing."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lower depends on nothing higher: an app may import its own modules and those of lower apps.
LAYERS = {"accounts": 0, "scorecards": 1, "meetings": 2, "portal": 3}
PROJECT = {*LAYERS, "config"}
# Django builds the app registry before models can be imported; a signal handler registered in
# AppConfig.ready() must import them when it runs, as must the portal's registration of the
# meetings finder with scorecards.presentations (the join).
DEFERRED_IMPORT_ALLOWED = {"accounts/apps.py", "portal/apps.py"}


def modules(app: str) -> list[Path]:
    return sorted(path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def imported(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    """(top-level module name, node) of every import in the tree."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node))
    return found


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(), filename=str(path))


def test_every_app_is_in_a_layer():
    """`config` is the project itself (settings, URLs, the admin site), above every app."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} - {"config"}
    assert apps == set(LAYERS)


@pytest.mark.parametrize("path", modules("scorecards/compute"), ids=lambda p: p.name)
def test_the_rules_import_no_django_and_nothing_outside_compute(path):
    for name, node in imported(parse(path)):
        top = name.split(".")[0]
        assert top != "django", f"{path.name}:{node.lineno} imports {name}"
        if top in PROJECT:
            assert name.startswith("scorecards.compute"), f"{path.name}:{node.lineno} imports {name}"


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_apps_import_only_their_own_layer_and_lower(app):
    wrong = []
    for path in modules(app):
        for name, node in imported(parse(path)):
            top = name.split(".")[0]
            if top in LAYERS and LAYERS[top] > LAYERS[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("app", sorted(PROJECT))
def test_no_project_import_inside_a_function(app):
    wrong = []
    for path in modules(app):
        if str(path.relative_to(ROOT)) in DEFERRED_IMPORT_ALLOWED:
            continue
        tree = parse(path)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for name, node in imported(function):
                if name.split(".")[0] in PROJECT:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name} inside {function.name}()")
    assert wrong == []


def test_the_checks_see_a_wrong_import(tmp_path):
    """The scanner itself: an upward import inside a function is found by both checks."""
    tree = ast.parse("def f():\n    from meetings.models import Committee\n")
    assert [name for name, _ in imported(tree)] == ["meetings.models"]
