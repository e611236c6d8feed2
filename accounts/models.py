"""People and their sign-in accounts (who a councillor or officer is, for roles and memberships),
and the site settings every page reads (the council's name).

The site settings live here, in the lowest app, because every output prints them: the pages
(through `accounts.context_processors`) and the scorecard PDF (in `scorecards`)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


class Person(models.Model):
    """A councillor, co-opted member or officer as named in minutes and memberships.

    Two people may share a name and one person is printed several ways ("Elliot" and "J. Elliot";
    research/meetings_domain.md 12.3), so a person is never found by surname: by name and title
    exactly, or by one of their `aliases` (the committee record's import, docs/meetings-import.md).
    """

    name = models.CharField(max_length=200, help_text="As printed, without the title: M. S. Elliott")
    title = models.CharField(max_length=50, blank=True, help_text="e.g. Councillor")
    # For /people/<slug>/: made from the name when the person is first saved, and kept after.
    slug = models.SlugField(max_length=220, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The sign-in account of this person, for councillors.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip()

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_person_slug(self.title, self.name, exclude=self.pk)
        super().save(*args, **kwargs)


def unique_person_slug(title: str, name: str, exclude: int | None = None) -> str:
    """"m-s-elliott"; "councillor-jones" when "jones" is taken; then "jones-2", "jones-3" ..."""
    others = Person.objects.exclude(pk=exclude) if exclude else Person.objects.all()
    base = slugify(name)[:200] or "person"
    candidates = [base, f"{slugify(title)}-{base}" if title else base]
    for candidate in candidates:
        if not others.filter(slug=candidate).exists():
            return candidate
    number = 2
    while others.filter(slug=f"{base}-{number}").exists():
        number += 1
    return f"{base}-{number}"


class PersonAlias(models.Model):
    """Another way a person's name is printed ("Councillor M. Elliott" for Councillor M. S. Elliott),
    so that an import places it on them and never on someone whose name looks alike. One printed
    name (title and name) belongs to one person at most."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name", "title"]
        verbose_name_plural = "person aliases"
        constraints = [models.UniqueConstraint(fields=["title", "name"], name="person_alias_once")]

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip() + f" (for {self.person})"


# The one site settings row, and where its values are kept between requests.
SITE_SETTINGS_PK = 1
SITE_SETTINGS_CACHE_KEY = "accounts.site_settings"
# With the default per-process memory cache another process sees an admin's change within this
# time; with a cache shared by every process (CACHES) it sees it at once, as saving clears it.
SITE_SETTINGS_CACHE_SECONDS = 60


class SiteSettings(models.Model):
    """Site-wide settings an admin edits in the administration: one row, read through `current()`.

    Until an admin saves it, the settings are those of the deployment (`settings.COUNCIL_NAME`),
    so a new site needs no row to show its council's name.
    """

    council_name = models.CharField(
        max_length=200,
        help_text="The council's full name, as every page's header, title and footer and the PDFs show it.",
    )
    draft_minutes_working_days = models.PositiveSmallIntegerField(
        default=10,
        help_text="Draft minutes older than this many working days are flagged on the advisor's home page.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=models.Q(id=SITE_SETTINGS_PK), name="site_settings_one_row")]

    def __str__(self) -> str:
        return "Site settings"

    def save(self, *args, **kwargs) -> None:
        # One row only: whatever was asked, this is the row.
        self.pk = SITE_SETTINGS_PK
        super().save(*args, **kwargs)
        forget_site_settings()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_site_settings()
        return result

    @classmethod
    def defaults(cls) -> "SiteSettings":
        """The settings before an admin saves any: the deployment's (unsaved)."""
        return cls(pk=SITE_SETTINGS_PK, council_name=settings.COUNCIL_NAME)

    @classmethod
    def current(cls) -> "SiteSettings":
        """The site settings as stored, else the defaults; read once per cache period, not per page."""
        cached = cache.get(SITE_SETTINGS_CACHE_KEY)
        if cached is None:
            cached = cls.objects.filter(pk=SITE_SETTINGS_PK).first() or cls.defaults()
            cache.set(SITE_SETTINGS_CACHE_KEY, cached, SITE_SETTINGS_CACHE_SECONDS)
        return cached


def forget_site_settings() -> None:
    """Clear the cached settings now, and again once the change is committed: a page read between
    the two would otherwise keep the old value cached, or a rolled-back one."""
    cache.delete(SITE_SETTINGS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SITE_SETTINGS_CACHE_KEY))


def council_name() -> str:
    """The council's name as every page and output prints it."""
    return SiteSettings.current().council_name


class AccountChange(models.Model):
    """One change an admin made to a sign-in account on the manage-users pages, in words.

    Django's User has no history of its own, and registering one on a model of another app would
    put migrations of `auth` in this project; a short log per account is enough to say who
    changed what last (and to keep every role change)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    description = models.TextField(help_text="What changed, e.g. 'Role: councillor to admin'.")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.description}"
