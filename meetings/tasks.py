"""Background work of the committee record, through Django's tasks framework (django-tasks):
the database backend's `manage.py db_worker` runs it by default, RQ's workers when REDIS_URL is
set (config/settings.py). A task takes only ids: the worker reads the record afresh."""

from django_tasks import task

# Imported as a module, not its names: meetings.pack_services imports this module to enqueue.
from meetings import pack_services


@task()
def build_pack_task(pack_id: int) -> None:
    """Build a queued agenda pack and publish it, or record why it failed."""
    pack_services.run_build(pack_id)
