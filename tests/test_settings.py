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


PRINT_EMAIL = (
    "import json, config.settings as s; "
    "print(json.dumps({'backend': s.EMAIL_BACKEND, 'host': getattr(s, 'EMAIL_HOST', ''), 'port': getattr(s, 'EMAIL_PORT', None),"
    " 'tls': getattr(s, 'EMAIL_USE_TLS', None), 'ssl': getattr(s, 'EMAIL_USE_SSL', None), 'from': s.DEFAULT_FROM_EMAIL}))"
)


def email_settings(env: dict[str, str]) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_", "DEFAULT_FROM"))}
    result = subprocess.run([sys.executable, "-c", PRINT_EMAIL], cwd=ROOT, env={**clean, "DJANGO_SECRET_KEY": "k", **env},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_email_goes_to_the_console_unless_a_server_is_named():
    assert email_settings({})["backend"] == "django.core.mail.backends.console.EmailBackend"
    smtp = email_settings({"EMAIL_HOST": "smtp.example.gov.uk", "DEFAULT_FROM_EMAIL": "scorecards@example.gov.uk"})
    assert smtp == {"backend": "django.core.mail.backends.smtp.EmailBackend", "host": "smtp.example.gov.uk",
                    "port": 587, "tls": True, "ssl": False, "from": "scorecards@example.gov.uk"}
    implicit = email_settings({"EMAIL_HOST": "smtp.example.gov.uk", "EMAIL_PORT": "465", "EMAIL_USE_SSL": "1"})
    assert (implicit["port"], implicit["tls"], implicit["ssl"]) == (465, False, True)
