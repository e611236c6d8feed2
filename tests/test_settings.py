"""The settings module reads the environment: each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json, config.settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
    " 'host': s.DATABASES['default'].get('HOST'), 'debug': s.DEBUG}))"
)


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_sqlite_file_is_the_default_database():
    result = run_settings({"DJANGO_SECRET_KEY": "k"})
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"] == str(ROOT / "db.sqlite3")
    assert settings["debug"] is False


def test_database_url_selects_postgresql():
    result = run_settings({"DJANGO_SECRET_KEY": "k", "DATABASE_URL": "postgres://panel@db.example:5433/scores"})
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "scores"
    assert settings["host"] == "db.example"


def test_debug_only_when_django_debug_is_1():
    assert json.loads(run_settings({"DJANGO_DEBUG": "1"}).stdout)["debug"] is True
    assert json.loads(run_settings({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k"}).stdout)["debug"] is False


def test_start_up_refused_without_secret_key_when_debug_is_off():
    result = run_settings({})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_development_runs_without_secret_key():
    result = run_settings({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
