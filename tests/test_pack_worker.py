"""A real worker process builds the pack (issue 16 part 6): the database backend of Django's tasks
framework, `manage.py db_worker --batch` run as a subprocess over the same database, not an
immediate mode.

The worker must see what the test wrote, so the test commits (transactional test). On
PostgreSQL (CI's second run, DATABASE_URL set) the worker connects to the test database itself.
On SQLite the suite's test database is in memory, which no other process can open, and making
it a file for the whole suite (DATABASES TEST NAME) slows every other test by half: so this test
copies the database into a file with SQLite's backup API, runs the worker on that file, and
copies the file back before it asserts. Either way the worker claims the task from the
database, builds and publishes in its own process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.roles import Role
from meetings.models import Pack
from meetings.pack_services import request_pack
from meetings.vocabulary import PackState
from tests.conftest import make_user
from tests.pack_world import DAY, EARLY, build_world, corrupt_upload

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
WORKER = ["db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1"]


def database_url(tmp_path: Path) -> str:
    """The address of the database the test wrote, for the worker process."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    db = connection.settings_dict
    user = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_in_processes(tmp_path: Path, *commands: list[str], extra_env: dict | None = None) -> str:
    """Run each ``manage.py`` command as a process of its own over the test's database, in turn."""
    url = database_url(tmp_path)
    file = tmp_path / "worker.sqlite3"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(file) as copy:
            connection.connection.backup(copy)
    env = os.environ | {"DATABASE_URL": url, "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT), "DJANGO_DEBUG": "0"}
    output = ""
    for command in commands:
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env | (extra_env or {}),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        output += done.stdout + done.stderr
    if connection.vendor == "sqlite":
        with sqlite3.connect(file) as copy:
            copy.backup(connection.connection)
    return output


def run_worker(tmp_path: Path) -> str:
    """Run `manage.py db_worker --batch` over the test's database until the queue is empty."""
    return run_in_processes(tmp_path, WORKER)


def test_a_worker_process_publishes_and_a_failed_build_leaves_the_previous_version(tmp_path, client):
    world = build_world()
    advisor = make_user("worker-advisor", Role.GOVERNANCE_ADVISOR)
    first = request_pack(world["meeting"], advisor, today=EARLY)
    task = DBTaskResult.objects.get()
    assert first.state == PackState.QUEUED and Pack.objects.get().task_id == str(task.id)

    run_worker(tmp_path)
    first.refresh_from_db()
    assert (first.state, first.version, first.error) == (PackState.PUBLISHED, 1, "")
    served = client.get(reverse("meetings:pack_pdf", args=["pack-panel", DAY]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == first.public_pdf.read()

    corrupt_upload(world["items"][3])
    failed = request_pack(world["meeting"], advisor, today=EARLY)
    run_worker(tmp_path)
    failed.refresh_from_db()
    assert failed.state == PackState.FAILED and "broken.pdf" in failed.error
    client.force_login(advisor)
    page = client.get(reverse("meetings:manage_pack_build", args=["pack-panel", DAY, failed.pk])).content.decode()
    assert "The build failed" in page and "broken.pdf" in page
    client.logout()
    served = client.get(reverse("meetings:pack_pdf", args=["pack-panel", DAY]))
    assert served["ETag"] == f'"{first.public_sha256}"'


# A Redis database of the tests' own, emptied first: RQ's queues live there, not the suite's data.
TEST_REDIS_URL = "redis://127.0.0.1:6379/13"


def test_with_redis_url_set_the_pack_is_queued_on_rq_and_built_by_an_rq_worker(tmp_path, client):
    """REDIS_URL selects the RQ backend (config/settings.py): `publish_pack --no-wait` enqueues on
    Redis and `rqworker --burst` (django_tasks_rq's Job) builds and publishes, each its own process."""
    import redis

    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    build_world()
    output = run_in_processes(
        tmp_path,
        ["publish_pack", "pack-panel", DAY.isoformat(), "--no-wait"],
        ["rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"],
        extra_env={"REDIS_URL": TEST_REDIS_URL},
    )
    assert "Queued" in output
    pack = Pack.objects.get()
    assert (pack.state, pack.version, pack.error) == (PackState.PUBLISHED, 1, ""), output
    assert not DBTaskResult.objects.exists()  # nothing went through the database queue
    served = client.get(reverse("meetings:pack_pdf", args=["pack-panel", DAY]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == pack.public_pdf.read()
    assert redis.Redis.from_url(TEST_REDIS_URL).llen("rq:queue:default") == 0
