"""Where the committee record keeps uploaded documents: under MEDIA_ROOT/private, which no URL
serves (config/urls.py has no media route; WhiteNoise serves static files only).

An exempt or draft paper must never be reachable by a public URL, so this storage refuses to
make one: a page links to the document view, which checks who asks and answers privately.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

PRIVATE_FOLDER = "private"


@deconstructible
class PrivateStorage(FileSystemStorage):
    # Read from MEDIA_ROOT when first used, and again when the setting changes (Django clears
    # these on setting_changed), so a test's own media folder is honoured: a location fixed when
    # the model loaded wrote every test's uploads into the repository's media/.
    @cached_property
    def base_location(self) -> str:
        return str(Path(settings.MEDIA_ROOT) / PRIVATE_FOLDER)

    def url(self, name: str | None) -> str:
        raise ValueError("A committee document has no public URL: link to its document view instead.")


def private_documents() -> PrivateStorage:
    """The storage of committee documents, read from the settings when a model is loaded."""
    return PrivateStorage(base_url=None)
