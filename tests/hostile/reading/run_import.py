"""Import one workbook with the address space capped, and print the report and the database's
row counts before and after as JSON: the subprocess of ``tests/test_hostile_reading.py``.

    run_import.py WORKBOOK ADDRESS_SPACE_BYTES

The cap is set before Django is loaded, so the whole process must fit in it, as a web worker
would have to. The database is the one the environment names (``DJANGO_SQLITE_PATH``).
"""

import json
import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    path, cap = Path(sys.argv[1]), int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.apps import apps

    from scorecards.services.imports import import_workbook

    def counts() -> dict[str, int]:
        # History tables included: a refused import writes no history either.
        return {model._meta.label: model.objects.count() for model in apps.get_app_config("scorecards").get_models()}

    before = counts()
    report = import_workbook(path)
    print(json.dumps({
        "errors": [str(issue) for issue in report.errors],
        "warnings": [str(issue) for issue in report.warnings],
        "before": before,
        "after": counts(),
    }))


if __name__ == "__main__":
    main()
